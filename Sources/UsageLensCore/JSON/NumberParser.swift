#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Numbers from their JSON text, without Foundation.
public enum NumberParser {
    public struct Result {
        public var isInteger: Bool
        public var integer: Int64
        public var double: Double
        public var valid: Bool
        var validDouble: Double? { valid ? double : nil }
    }

    /// Parses a JSON number (also used for numeric strings). Integers of up to 18 digits are exact.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Result {
        let n = bytes.count
        guard n > 0 else { return Result(isInteger: false, integer: 0, double: 0, valid: false) }
        var i = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") {
            negative = true
            i = 1
        }
        var value: Int64 = 0
        let digitsStart = i
        while i < n, i - digitsStart < 18 {
            let d = bytes[i] &- 48
            if d > 9 { break }
            value = value &* 10 &+ Int64(d)
            i += 1
        }
        if i == n && i > digitsStart {
            let v = negative ? -value : value
            return Result(isInteger: true, integer: v, double: Double(v), valid: true)
        }
        // A decimal, an exponent, or a long integer: strtod on a NUL-terminated copy.
        var buffer = (
            UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0)
        )
        return withUnsafeMutableBytes(of: &buffer) { scratch in
            let m = min(n, scratch.count - 1)
            scratch.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[0..<m]))
            scratch[m] = 0
            let start = scratch.baseAddress!.assumingMemoryBound(to: CChar.self)
            var endPointer: UnsafeMutablePointer<CChar>? = nil
            let d = strtod(start, &endPointer)
            let consumed = endPointer.map { start.distance(to: $0) } ?? 0
            let valid = consumed == m && m > 0
            let integer: Int64 = d.isFinite && abs(d) < 9.2e18 ? Int64(d) : 0
            return Result(isInteger: false, integer: integer, double: d, valid: valid)
        }
    }
}
