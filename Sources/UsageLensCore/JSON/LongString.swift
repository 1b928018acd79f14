/// How a string longer than any identifier, name or timestamp is kept: its first bytes, cut on a character
/// boundary, and a fingerprint of the whole, so that two long values that share their first 4 KiB are still two
/// values (as dedup keys, sessions or ids).
///
/// A kept long string reads `<first bytes>…#<16 hex digits of FNV-1a over all its bytes>`, at most `maxLength`
/// bytes. Pasted completions and tool output are never captured (no key path reads them), so this is rare.
enum LongString {
    static let maxLength = 4096
    /// `…#` and 16 hex digits.
    static let markerLength = 3 + 2 + 16 - 1

    /// Whether a string of `count` bytes is kept whole.
    @inline(__always) static func fits(_ count: Int) -> Bool { count <= maxLength }

    /// Writes the kept form of a long string (`count > maxLength`) to `out`.
    static func writeCut(_ s: UnsafePointer<UInt8>, _ count: Int, to out: (UnsafeRawBufferPointer) -> Void) {
        var keep = maxLength - markerLength
        while keep > 0 && s[keep] & 0xC0 == 0x80 { keep -= 1 }
        out(UnsafeRawBufferPointer(start: s, count: keep))
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in 0..<count {
            hash = (hash ^ UInt64(s[i])) &* 0x0000_0100_0000_01B3
        }
        var marker: [UInt8] = [0xE2, 0x80, 0xA6, UInt8(ascii: "#")]  // "…#"
        let digits = Array("0123456789abcdef".utf8)
        for shift in stride(from: 60, through: 0, by: -4) { marker.append(digits[Int((hash >> UInt64(shift)) & 15)]) }
        marker.withUnsafeBytes(out)
    }

    /// The kept form as a `String`.
    static func string(_ s: UnsafePointer<UInt8>, _ count: Int) -> String {
        guard !fits(count) else { return String(decoding: UnsafeBufferPointer(start: s, count: count), as: UTF8.self) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(maxLength)
        writeCut(s, count) { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
