/// Dictionary-encodes strings as `UInt32` codes; code 0 is the empty string (a missing value).
///
/// Lookups hash the raw bytes and compare them with the stored bytes, so interning a value seen before creates
/// no `String`; a `String` is made once, on first sight.
/// - Complexity: O(length) per `intern`, amortised.
public struct StringDictionary: Sendable {
    private var storage: [UInt8] = []
    private var starts: [Int32] = [0]
    private var lengths: [Int32] = [0]
    private var hashes: [UInt64] = [0]
    /// Open-addressing table of codes (0 = empty slot), power-of-two sized.
    private var slots: [UInt32] = Array(repeating: 0, count: 64)
    /// The strings by code; `strings[0] == ""`.
    public private(set) var strings: [String] = [""]

    public init() {}

    public var count: Int { strings.count }

    public subscript(code: UInt32) -> String { strings[Int(code)] }

    @inline(__always) static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return h ^ (h >> 29)
    }

    /// The code of `bytes`, adding them when new.
    public mutating func intern(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard bytes.count > 0 else { return 0 }
        let h = Self.hash(bytes)
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let code = slots[i]
            if code == 0 { break }
            if hashes[Int(code)] == h && equals(Int(code), bytes) { return code }
            i = (i + 1) & mask
        }
        let code = UInt32(strings.count)
        starts.append(Int32(storage.count))
        lengths.append(Int32(bytes.count))
        hashes.append(h)
        storage.append(contentsOf: bytes)
        strings.append(String(decoding: bytes, as: UTF8.self))
        slots[i] = code
        if strings.count * 2 > slots.count { grow() }
        return code
    }

    /// The code of `string`, adding it when new.
    public mutating func intern(_ string: String) -> UInt32 {
        var copy = string
        return copy.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
    }

    /// The stored bytes of a code (what `intern` was given; `strings[code]` may differ for invalid UTF-8).
    public func bytes(of code: UInt32) -> [UInt8] {
        let start = Int(starts[Int(code)])
        return Array(storage[start..<(start + Int(lengths[Int(code)]))])
    }

    /// The code of `bytes` if present.
    public func code(of bytes: [UInt8]) -> UInt32? {
        bytes.withUnsafeBytes { lookup($0) }
    }

    private func lookup(_ bytes: UnsafeRawBufferPointer) -> UInt32? {
        if bytes.isEmpty { return 0 }
        let h = Self.hash(bytes)
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let code = slots[i]
            if code == 0 { return nil }
            if hashes[Int(code)] == h && equals(Int(code), bytes) { return code }
            i = (i + 1) & mask
        }
    }

    /// The code of `string` if present.
    public func code(of string: String) -> UInt32? {
        if string.isEmpty { return 0 }
        var copy = string
        return copy.withUTF8 { lookup(UnsafeRawBufferPointer($0)) }
    }

    private func equals(_ code: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        guard Int(lengths[code]) == bytes.count else { return false }
        return storage.withUnsafeBytes { all in
            let start = Int(starts[code])
            return UnsafeRawBufferPointer(rebasing: all[start..<(start + bytes.count)]).elementsEqual(bytes)
        }
    }

    private mutating func grow() {
        var newSlots = [UInt32](repeating: 0, count: slots.count * 2)
        let mask = newSlots.count - 1
        for code in 1..<strings.count {
            var i = Int(truncatingIfNeeded: hashes[code]) & mask
            while newSlots[i] != 0 { i = (i + 1) & mask }
            newSlots[i] = UInt32(code)
        }
        slots = newSlots
    }
}
