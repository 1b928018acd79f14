#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

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

    /// A 64-bit hash of `bytes`, eight bytes per step (most strings here are ids, models and paths of 20-80
    /// bytes, interned once per event).
    @inline(__always) static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let n = bytes.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: n)
        guard let base = bytes.baseAddress else { return h }
        var i = 0
        while i + 8 <= n {
            h = (h ^ base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 29
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            withUnsafeMutableBytes(of: &tail) { $0.baseAddress!.copyMemory(from: base + i, byteCount: n - i) }
            h = (h ^ tail) &* 0xFF51_AFD7_ED55_8CCD
        }
        h ^= h >> 32
        h = h &* 0xC4CE_B9FE_1A85_EC53
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
            memcmp(all.baseAddress! + Int(starts[code]), bytes.baseAddress!, bytes.count) == 0
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
