/// Instants from bytes: RFC 3339 text and epoch numbers, as milliseconds since 1970 UTC.
///
/// No Foundation date formatter is involved: this runs once per event on the hot path.
public enum Timestamp {
    /// Parses `YYYY-MM-DD[T| ]HH:MM[:SS[.fraction]][Z|±HH:MM|±HHMM]`, or a bare `YYYY-MM-DD` (midnight).
    /// Without an offset the time is UTC. Fractions beyond milliseconds are truncated.
    public static func parse(_ b: UnsafeRawBufferPointer) -> Int64? {
        let n = b.count
        guard n >= 10 else { return nil }
        @inline(__always) func digits(_ at: Int, _ count: Int) -> Int? {
            guard at + count <= n else { return nil }
            var v = 0
            for i in at..<(at + count) {
                let d = Int(b[i]) - 48
                guard d >= 0 && d <= 9 else { return nil }
                v = v * 10 + d
            }
            return v
        }
        guard let year = digits(0, 4), b[4] == UInt8(ascii: "-"), let month = digits(5, 2),
            b[7] == UInt8(ascii: "-"), let day = digits(8, 2), (1...12).contains(month),
            day >= 1, day <= daysInMonth(year: year, month: month)
        else { return nil }
        var ms = Int64(daysFromCivil(year: year, month: month, day: day)) * 86_400_000
        if n == 10 { return ms }
        guard b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") || b[10] == UInt8(ascii: " "),
            let hour = digits(11, 2), n > 13, b[13] == UInt8(ascii: ":"), let minute = digits(14, 2),
            hour < 24, minute < 60
        else { return nil }
        var i = 16
        var second = 0
        if i < n && b[i] == UInt8(ascii: ":") {
            guard let s = digits(17, 2), s <= 60 else { return nil }
            second = s
            i = 19
        }
        var millis = 0
        if i < n && (b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",")) {
            i += 1
            var scale = 100
            let fractionStart = i
            while i < n, b[i] >= 48, b[i] <= 57 {
                millis += Int(b[i] - 48) * scale
                scale /= 10
                i += 1
            }
            guard i > fractionStart else { return nil }
        }
        ms += Int64(hour * 3_600_000 + minute * 60_000 + second * 1000 + millis)
        if i == n { return ms }
        let c = b[i]
        if c == UInt8(ascii: "Z") || c == UInt8(ascii: "z") { return i + 1 == n ? ms : nil }
        guard c == UInt8(ascii: "+") || c == UInt8(ascii: "-"), let oh = digits(i + 1, 2) else { return nil }
        var om = 0
        if i + 3 < n {
            let at = b[i + 3] == UInt8(ascii: ":") ? i + 4 : i + 3
            guard let m = digits(at, 2), at + 2 == n else { return nil }
            om = m
        } else if i + 3 != n {
            return nil
        }
        let offset = Int64((oh * 60 + om) * 60_000)
        return c == UInt8(ascii: "+") ? ms - offset : ms + offset
    }

    /// Parses a `String` (not for the hot path).
    public static func parse(_ text: String) -> Int64? {
        var copy = text
        return copy.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// An epoch number: values at or above 1e12 are milliseconds, below are seconds.
    public static func fromEpoch(_ value: Double) -> Int64? {
        guard value.isFinite, value > 0, value < 1e16 else { return nil }
        return value >= 1e12 ? Int64(value.rounded(.down)) : Int64((value * 1000).rounded(.down))
    }

    /// The number of days in a month of the proleptic Gregorian calendar.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day number (inverse of `daysFromCivil`).
    public static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Formats milliseconds since the epoch as RFC 3339 in UTC (`2025-10-14T09:12:03.123Z`; no fraction when 0),
    /// or at a fixed offset in seconds (`2025-10-14T14:42:03+05:30`).
    public static func format(_ ms: Int64, offsetSeconds: Int = 0) -> String {
        let local = ms + Int64(offsetSeconds) * 1000
        let days = Int((local >= 0 ? local : local - 86_399_999) / 86_400_000)
        let msOfDay = Int(local - Int64(days) * 86_400_000)
        let (y, m, d) = civilFromDays(days)
        var s = pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + "T"
        s += pad(msOfDay / 3_600_000, 2) + ":" + pad(msOfDay / 60_000 % 60, 2) + ":" + pad(msOfDay / 1000 % 60, 2)
        if msOfDay % 1000 != 0 { s += "." + pad(msOfDay % 1000, 3) }
        if offsetSeconds == 0 { return s + "Z" }
        let sign = offsetSeconds < 0 ? "-" : "+"
        let a = abs(offsetSeconds)
        return s + sign + pad(a / 3600, 2) + ":" + pad(a / 60 % 60, 2)
    }

    /// `v` in decimal, zero-padded on the left to `width` digits (wider values are kept whole).
    public static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
