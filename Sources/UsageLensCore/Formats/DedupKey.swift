/// Builds the 128-bit keys that identify one logical event across copies.
///
/// Two independent 64-bit lanes over the same bytes; with 128 bits a collision among even billions of events is
/// out of reach, and the keys need no storage beyond two words per row.
struct DedupKeyBuilder {
    private var high: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var low: UInt64 = 0xC2B2_AE3D_27D4_EB4F

    init(namespace: UInt8) {
        mix(byte: namespace)
    }

    @inline(__always) private mutating func mix(byte: UInt8) {
        high = (high ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        low = (low ^ UInt64(byte)) &* 0x9E37_79B9_7F4A_7C15
        low ^= low >> 31
    }

    /// Adds bytes, preceded by their length so that ("ab","c") and ("a","bc") differ whatever the bytes are (a
    /// separator byte could be part of an unvalidated string: ("m\u{FF}","x") and ("m","\u{FF}x")).
    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        add(Int64(bytes.count))
        for byte in bytes { mix(byte: byte) }
    }

    mutating func add(_ string: String) {
        var copy = string
        copy.withUTF8 { add(UnsafeRawBufferPointer($0)) }
    }

    mutating func add(_ value: Int64) {
        var v = UInt64(bitPattern: value)
        for _ in 0..<8 {
            mix(byte: UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }

    /// The key; never (0, 0), which means "no key".
    var key: (UInt64, UInt64) {
        let h = high ^ (high >> 33) &* 0xFF51_AFD7_ED55_8CCD
        let l = low ^ (low >> 29)
        return h == 0 && l == 0 ? (1, 0) : (h, l)
    }
}

/// A dedup key from a format and the identifying strings of a record; nil when the record has no identity.
func documentKey(_ format: LogFormat, _ parts: String?...) -> (UInt64, UInt64)? {
    guard parts.contains(where: { $0 != nil }) else { return nil }
    var key = DedupKeyBuilder(namespace: format.rawValue)
    for part in parts { key.add(part ?? "") }
    return key.key
}
