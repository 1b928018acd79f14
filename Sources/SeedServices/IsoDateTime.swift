import UsageLensCore

/// A timestamp as Python's `datetime.fromisoformat` (3.11) reads it: the instant in microseconds and the
/// offset it was written with (nil for a naive time, which the reproduced services take as UTC).
public struct IsoDateTime: Equatable, Sendable {
    /// Microseconds since 1970 UTC.
    public var micros: Int64
    /// The written offset in seconds; nil when naive.
    public var offsetSeconds: Int?

    /// Parses `YYYY-MM-DD`, optionally followed by `T` or a space, `HH[:MM[:SS[.f{1,6}]]]` and `Z` or `±HH:MM`.
    public init?(_ text: String) {
        let b = Array(text.utf8)
        func num(_ at: Int, _ n: Int) -> Int? {
            guard at + n <= b.count else { return nil }
            var v = 0
            for i in at..<(at + n) {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                v = v * 10 + Int(b[i] - 48)
            }
            return v
        }
        guard let year = num(0, 4), b.count >= 10, b[4] == 45, let month = num(5, 2), b[7] == 45, let day = num(8, 2),
            (1...12).contains(month), day >= 1, day <= Timestamp.daysInMonth(year: year, month: month)
        else { return nil }
        var i = 10
        var (hour, minute, second, micro) = (0, 0, 0, 0)
        if i < b.count, b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: " ") {
            i += 1
            guard let h = num(i, 2), h < 24 else { return nil }
            hour = h
            i += 2
            if i < b.count, b[i] == 58 {
                guard let m = num(i + 1, 2), m < 60 else { return nil }
                minute = m
                i += 3
                if i < b.count, b[i] == 58 {
                    guard let s = num(i + 1, 2), s < 60 else { return nil }
                    second = s
                    i += 3
                    if i < b.count, b[i] == 46 || b[i] == 44 {
                        i += 1
                        var n = 0
                        var value = 0
                        while i < b.count, b[i] >= 48, b[i] <= 57 {
                            if n < 6 { value = value * 10 + Int(b[i] - 48) }
                            n += 1
                            i += 1
                        }
                        guard n >= 1 else { return nil }
                        if n < 6 { for _ in n..<6 { value *= 10 } }
                        micro = value
                    }
                }
            }
        }
        var offset: Int?
        if i < b.count {
            if b[i] == UInt8(ascii: "Z") {
                offset = 0
                i += 1
            } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                guard let oh = num(i + 1, 2), oh < 24 else { return nil }
                var om = 0
                var j = i + 3
                if j < b.count, b[j] == 58 { j += 1 }
                if j < b.count {
                    guard let m = num(j, 2), m < 60 else { return nil }
                    om = m
                    j += 2
                }
                offset = (b[i] == UInt8(ascii: "+") ? 1 : -1) * (oh * 3600 + om * 60)
                i = j
            }
        }
        guard i == b.count else { return nil }
        let days = Int64(Timestamp.daysFromCivil(year: year, month: month, day: day))
        let local = ((days * 24 + Int64(hour)) * 60 + Int64(minute)) * 60 + Int64(second)
        micros = (local - Int64(offset ?? 0)) * 1_000_000 + Int64(micro)
        offsetSeconds = offset
    }

    public init(micros: Int64, offsetSeconds: Int?) {
        self.micros = micros
        self.offsetSeconds = offsetSeconds
    }

    /// The local wall-clock microseconds (in its own offset).
    var localMicros: Int64 { micros + Int64(offsetSeconds ?? 0) * 1_000_000 }

    /// `datetime.isoformat()`: microseconds only when non-zero, `+HH:MM` for an aware time.
    public var isoformat: String {
        let local = localMicros
        let seconds = local >= 0 ? local / 1_000_000 : (local - 999_999) / 1_000_000
        let micro = Int(local - seconds * 1_000_000)
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secOfDay = Int(seconds - days * 86_400)
        let (y, m, d) = Timestamp.civilFromDays(Int(days))
        var text = "\(Timestamp.pad(y, 4))-\(Timestamp.pad(m, 2))-\(Timestamp.pad(d, 2))T"
            + "\(Timestamp.pad(secOfDay / 3600, 2)):\(Timestamp.pad(secOfDay / 60 % 60, 2)):\(Timestamp.pad(secOfDay % 60, 2))"
        if micro != 0 { text += "." + Timestamp.pad(micro, 6) }
        if let offset = offsetSeconds {
            let a = abs(offset)
            text += (offset < 0 ? "-" : "+") + Timestamp.pad(a / 3600, 2) + ":" + Timestamp.pad(a / 60 % 60, 2)
            if a % 60 != 0 { text += ":" + Timestamp.pad(a % 60, 2) }
        }
        return text
    }

    /// The start of the hour or day holding this time, in its own offset (`replace(minute=0, ...)`).
    public func truncated(toDay: Bool) -> IsoDateTime {
        let unit: Int64 = toDay ? 86_400_000_000 : 3_600_000_000
        let local = localMicros
        let floored = local >= 0 ? local / unit * unit : (local - unit + 1) / unit * unit
        return IsoDateTime(micros: floored - Int64(offsetSeconds ?? 0) * 1_000_000, offsetSeconds: offsetSeconds)
    }
}
