#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The JSON kind of a captured value.
public enum CapturedKind: UInt8, Sendable {
    case absent, null, bool, integer, double, string, object
}

/// The fields of one top-level JSON value that some format needs, captured while yajl walks it.
///
/// Fields are numbered slots; which key paths fill which slot is the caller's business (`FormatRegistry` gives
/// every key-path format's slots their numbers). A slot's presence is one bit of `present`, so a record has at
/// most `maxSlots` slots; the registry checks that when it is built.
///
/// Numbers are parsed from their raw text (integers exactly; decimals with `strtod`); strings are copied into an
/// arena that is reused for every record, so capturing allocates nothing after warm-up. A string longer than
/// `LongString.maxLength` is cut there, with a fingerprint of the whole (no field we read is legitimately that
/// long, and two long ids that share their first bytes stay two ids).
public final class CapturedRecord {
    /// The most slots a record has (one bit each in `present`).
    public static let maxSlots = 64

    /// The number of slots.
    public let slotCount: Int
    /// Bit `slot` is set when the slot was filled in this record.
    public private(set) var present: UInt64 = 0
    private let kinds: UnsafeMutablePointer<CapturedKind>
    private let integers: UnsafeMutablePointer<Int64>
    private let doubles: UnsafeMutablePointer<Double>
    private let offsets: UnsafeMutablePointer<Int32>
    private let lengths: UnsafeMutablePointer<Int32>
    private var arena: UnsafeMutableRawPointer
    private var arenaCapacity: Int
    private var arenaUsed = 0

    init(slotCount: Int) {
        precondition(slotCount <= Self.maxSlots, "a CapturedRecord holds at most \(Self.maxSlots) slots, not \(slotCount)")
        self.slotCount = slotCount
        let n = max(1, slotCount)
        kinds = .allocate(capacity: n)
        integers = .allocate(capacity: n)
        doubles = .allocate(capacity: n)
        offsets = .allocate(capacity: n)
        lengths = .allocate(capacity: n)
        arenaCapacity = 4096
        arena = .allocate(byteCount: arenaCapacity, alignment: 8)
    }

    deinit {
        kinds.deallocate()
        integers.deallocate()
        doubles.deallocate()
        offsets.deallocate()
        lengths.deallocate()
        arena.deallocate()
    }

    /// Forgets every field (start of a new top-level value).
    @inline(__always) func reset() {
        present = 0
        arenaUsed = 0
    }

    // MARK: Capture (called from the parser's callbacks)

    @inline(__always) private func mark(_ field: Int, _ kind: CapturedKind) -> Int {
        let i = field
        present |= 1 << UInt64(field)
        kinds[i] = kind
        return i
    }

    func captureNull(_ field: Int) { _ = mark(field, .null) }
    func captureObject(_ field: Int) { _ = mark(field, .object) }

    func captureBool(_ field: Int, _ value: Bool) {
        let i = mark(field, .bool)
        integers[i] = value ? 1 : 0
        doubles[i] = value ? 1 : 0
    }

    func captureString(_ field: Int, _ bytes: UnsafePointer<UInt8>, _ count: Int) {
        let start = arenaUsed
        if LongString.fits(count) {
            appendToArena(UnsafeRawBufferPointer(start: bytes, count: count))
        } else {
            LongString.writeCut(bytes, count) { appendToArena($0) }
        }
        let i = mark(field, .string)
        offsets[i] = Int32(start)
        lengths[i] = Int32(arenaUsed - start)
    }

    private func appendToArena(_ bytes: UnsafeRawBufferPointer) {
        let n = bytes.count
        guard n > 0 else { return }
        if arenaUsed + n > arenaCapacity {
            let newCapacity = max(arenaCapacity * 2, arenaUsed + n)
            let newArena = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 8)
            newArena.copyMemory(from: arena, byteCount: arenaUsed)
            arena.deallocate()
            arena = newArena
            arenaCapacity = newCapacity
        }
        (arena + arenaUsed).copyMemory(from: bytes.baseAddress!, byteCount: n)
        arenaUsed += n
    }

    func captureNumber(_ field: Int, _ text: UnsafePointer<UInt8>, _ count: Int) {
        let parsed = NumberParser.parse(UnsafeRawBufferPointer(start: text, count: count))
        let i = mark(field, parsed.isInteger ? .integer : .double)
        integers[i] = parsed.integer
        doubles[i] = parsed.double
    }

    // MARK: Reading (called by adapters)

    @inline(__always) public func has(_ field: Int) -> Bool { present & (1 << UInt64(field)) != 0 }

    public func kind(_ field: Int) -> CapturedKind { has(field) ? kinds[field] : .absent }

    /// The field as an integer: integers exactly, decimals truncated toward zero, booleans 0/1; else nil.
    public func integer(_ field: Int) -> Int64? {
        switch kind(field) {
        case .integer, .bool: return integers[field]
        case .double:
            let d = doubles[field]
            return d.isFinite && abs(d) < 9.2e18 ? Int64(d) : nil
        default: return nil
        }
    }

    /// A token count: a non-negative integer, 0 when absent, negative or not a number. A number too large for
    /// 64 bits reads as `Int64.max`, which no event may hold (`TokenCount.limit`), so it is never lost silently.
    @inline(__always) public func count(_ field: Int) -> Int64 {
        switch kind(field) {
        case .integer: return max(0, integers[field])
        case .double:
            let d = doubles[field]
            return d.isNaN || d <= 0 ? 0 : d < 9.2e18 ? Int64(d) : .max
        default: return 0
        }
    }

    /// The field as a double, for numbers (and numeric strings such as `"12.5"`).
    public func double(_ field: Int) -> Double? {
        switch kind(field) {
        case .integer, .double, .bool: return doubles[field]
        case .string:
            return withBytes(field) { NumberParser.parse($0).validDouble }
        default: return nil
        }
    }

    public func bool(_ field: Int) -> Bool {
        kind(field) == .bool && integers[field] != 0
    }

    /// Calls `body` with the bytes of a string field (empty for anything else). The bytes are valid only inside.
    @inline(__always)
    public func withBytes<R>(_ field: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        guard kind(field) == .string else { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        let i = field
        return try body(UnsafeRawBufferPointer(start: arena + Int(offsets[i]), count: Int(lengths[i])))
    }

    /// Whether a string field equals `literal` (compared as bytes).
    public func string(_ field: Int, equals literal: StaticString) -> Bool {
        withBytes(field) { bytes in
            bytes.count == literal.utf8CodeUnitCount
                && (bytes.count == 0 || memcmp(bytes.baseAddress!, literal.utf8Start, bytes.count) == 0)
        }
    }

    /// A copy of a string field as a `String`; for rare paths only (not per record).
    public func string(_ field: Int) -> String? {
        guard kind(field) == .string else { return nil }
        return withBytes(field) { String(decoding: $0, as: UTF8.self) }
    }
}
