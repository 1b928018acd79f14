internal import CXXHash

/// The byte-level pieces of the cache's serialisation (entries and shard files share it): LEB128 varints,
/// zigzag integers, raw doubles and length-prefixed bytes, little-endian.

/// Appends values to a growing byte buffer.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    @inline(__always) mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    @inline(__always) mutating func signed(_ value: Int64) {
        varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    @inline(__always) mutating func int(_ value: Int) { signed(Int64(value)) }

    @inline(__always) mutating func double(_ value: Double) {
        var v = value.bitPattern.littleEndian
        withUnsafeBytes(of: &v) { bytes.append(contentsOf: $0) }
    }

    mutating func fixed64(_ value: UInt64) {
        var v = value.littleEndian
        withUnsafeBytes(of: &v) { bytes.append(contentsOf: $0) }
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    /// The low `width` bytes of `value` (0 to 8), little-endian.
    @inline(__always) mutating func littleEndian(_ value: UInt64, width: Int) {
        var v = value.littleEndian
        withUnsafeBytes(of: &v) { bytes.append(contentsOf: $0[0..<width]) }
    }

    mutating func raw(_ value: UnsafeRawBufferPointer) { bytes.append(contentsOf: value) }

    mutating func data(_ value: [UInt8]) {
        varint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func raw(_ value: [UInt8]) { bytes.append(contentsOf: value) }

    mutating func string(_ value: String) { data(Array(value.utf8)) }

    mutating func optionalDouble(_ value: Double?) {
        bool(value != nil)
        if let value { double(value) }
    }

    mutating func optionalSigned(_ value: Int64?) {
        bool(value != nil)
        if let value { signed(value) }
    }
}

/// Reads what `BinaryWriter` wrote; every read is bounds-checked and throws `BinaryReader.Truncated` past the end.
struct BinaryReader {
    struct Truncated: Error {}

    let bytes: [UInt8]
    private(set) var position: Int

    init(_ bytes: [UInt8], from position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    var isAtEnd: Bool { position == bytes.count }

    var remaining: Int { bytes.count - position }

    @inline(__always) mutating func varint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.count, shift < 64 else { throw Truncated() }
            let byte = bytes[position]
            position += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
    }

    @inline(__always) mutating func signed() throws -> Int64 {
        let v = try varint()
        return Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)
    }

    @inline(__always) mutating func int() throws -> Int {
        let v = try signed()
        guard let i = Int(exactly: v) else { throw Truncated() }
        return i
    }

    /// A count that must fit in what is left (each counted item takes at least `minimumSize` bytes).
    mutating func count(minimumSize: Int = 1) throws -> Int {
        let v = try varint()
        guard v <= UInt64(bytes.count - position) / UInt64(max(1, minimumSize)) + 1 else { throw Truncated() }
        return Int(v)
    }

    mutating func fixed64() throws -> UInt64 {
        guard position + 8 <= bytes.count else { throw Truncated() }
        var v: UInt64 = 0
        for k in 0..<8 { v |= UInt64(bytes[position + k]) << (8 * UInt64(k)) }
        position += 8
        return v
    }

    @inline(__always) mutating func double() throws -> Double { Double(bitPattern: try fixed64()) }

    mutating func byte() throws -> UInt8 {
        guard position < bytes.count else { throw Truncated() }
        position += 1
        return bytes[position - 1]
    }

    mutating func bool() throws -> Bool { try byte() != 0 }

    /// A value of `width` bytes (0 to 8), little-endian.
    @inline(__always) mutating func littleEndian(width: Int) throws -> UInt64 {
        guard position + width <= bytes.count else { throw Truncated() }
        var v: UInt64 = 0
        for k in 0..<width { v |= UInt64(bytes[position &+ k]) << (8 &* UInt64(k)) }
        position += width
        return v
    }

    /// Copies the next `n` bytes to `destination`.
    mutating func copy(_ n: Int, to destination: UnsafeMutableRawPointer) throws {
        guard n >= 0, position + n <= bytes.count else { throw Truncated() }
        guard n > 0 else { return }
        bytes.withUnsafeBytes { destination.copyMemory(from: $0.baseAddress! + position, byteCount: n) }
        position += n
    }

    mutating func data() throws -> [UInt8] {
        let n = try count()
        guard position + n <= bytes.count else { throw Truncated() }
        defer { position += n }
        return Array(bytes[position..<position + n])
    }

    mutating func raw(_ n: Int) throws -> [UInt8] {
        guard n >= 0, position + n <= bytes.count else { throw Truncated() }
        defer { position += n }
        return Array(bytes[position..<position + n])
    }

    mutating func string() throws -> String { String(decoding: try data(), as: UTF8.self) }

    mutating func optionalDouble() throws -> Double? { try bool() ? try double() : nil }

    mutating func optionalSigned() throws -> Int64? { try bool() ? try signed() : nil }
}

/// The checksum of cache entries and shard files, and the fingerprint of a file's bytes.
enum Checksum {
    static func of(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { StringDictionary.hash($0) }
    }

    /// XXH3 (libxxhash) of `bytes`, from `seed`: the checksum of the cache's blobs (entries, a run's snapshot and
    /// its keys), megabytes each, where `of` runs one multiply chain (about 1.5 GB/s; XXH3 goes at memory speed).
    static func blob(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        XXH3_64bits_withSeed(bytes.baseAddress, bytes.count, seed)
    }

    static func blob(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBytes { blob($0, seed: seed) }
    }
}
