import UsageLensCore

/// Appends JSON lines to a byte array: raw structure, escaped strings, numbers and RFC 3339 times.
///
/// Strings are escaped the way `json.dumps(ensure_ascii=False)` does it, so that text taken from the pools
/// (quotes, backslashes, newlines, tabs, non-ASCII) reads like real logs, and a `"usage"` inside a prompt
/// is written `\"usage\"`, as in real files.
struct JSONLWriter {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    var count: Int { bytes.count }

    mutating func raw(_ s: String) { bytes.append(contentsOf: s.utf8) }

    mutating func newline() { bytes.append(0x0A) }

    /// `"key":`
    mutating func key(_ name: String) {
        bytes.append(0x22)
        bytes.append(contentsOf: name.utf8)
        bytes.append(contentsOf: [0x22, 0x3A])
    }

    /// `"key":"value"` with the value escaped; `,` before it unless `first`.
    mutating func field(_ name: String, _ value: String, first: Bool = false) {
        if !first { bytes.append(0x2C) }
        key(name)
        string(value)
    }

    mutating func field(_ name: String, _ value: Int, first: Bool = false) {
        if !first { bytes.append(0x2C) }
        key(name)
        number(value)
    }

    /// `,"key":` ready for a value written by the caller.
    mutating func nextKey(_ name: String) {
        bytes.append(0x2C)
        key(name)
    }

    mutating func number(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

    mutating func string(_ value: String) {
        bytes.append(0x22)
        escape(value.utf8)
        bytes.append(0x22)
    }

    mutating func string<C: Collection>(bytes value: C) where C.Element == UInt8 {
        bytes.append(0x22)
        escape(value)
        bytes.append(0x22)
    }

    mutating func escape<C: Collection>(_ text: C) where C.Element == UInt8 {
        for b in text {
            switch b {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
            case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            default: bytes.append(b)
            }
        }
    }

    /// `"2025-10-01T12:34:56.789Z"`
    mutating func timestamp(_ ms: Int64) {
        let (y, m, d) = Self.civil(days: Int(ms / 86_400_000))
        let inDay = Int(ms % 86_400_000)
        bytes.append(0x22)
        digits(y, 4)
        bytes.append(0x2D)
        digits(m, 2)
        bytes.append(0x2D)
        digits(d, 2)
        bytes.append(0x54)
        digits(inDay / 3_600_000, 2)
        bytes.append(0x3A)
        digits(inDay / 60_000 % 60, 2)
        bytes.append(0x3A)
        digits(inDay / 1000 % 60, 2)
        bytes.append(0x2E)
        digits(inDay % 1000, 3)
        bytes.append(contentsOf: [0x5A, 0x22])
    }

    private mutating func digits(_ value: Int, _ width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var v = value
        while divisor > 0 {
            bytes.append(UInt8(48 + v / divisor))
            v %= divisor
            divisor /= 10
        }
    }

    /// Proleptic Gregorian (year, month, day) of a day number since 1970-01-01: the library's own conversion.
    static func civil(days: Int) -> (Int, Int, Int) {
        let (y, m, d) = Timestamp.civilFromDays(days)
        return (y, m, d)
    }
}
