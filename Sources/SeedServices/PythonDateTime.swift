import UsageLensCore

/// A naive `datetime` as the Pipeline service keeps its instants: UTC by convention, to the microsecond,
/// within Python's range (years 1 through 9999).
public struct PythonDateTime: Comparable, Hashable, Sendable {
    /// Microseconds since 0001-01-01T00:00:00.
    public var microseconds: Int64

    static let microsecondsPerDay: Int64 = 86_400_000_000
    /// 9999-12-31T23:59:59.999999, `datetime.max`.
    static let maxMicroseconds = 3_652_059 * microsecondsPerDay - 1
    /// 1970-01-01 counted from 0001-01-01.
    static let epochMicroseconds = 719_162 * microsecondsPerDay

    public init(microseconds: Int64) {
        self.microseconds = microseconds
    }

    /// A civil date and time; nil when a field is out of range (Python's `ValueError`).
    init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, microsecond: Int = 0) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= Self.daysInMonth(year, month), (0...23).contains(hour), (0...59).contains(minute),
            (0...59).contains(second), (0...999_999).contains(microsecond)
        else { return nil }
        let days = Int64(Self.ordinal(year, month, day) - 1)
        microseconds =
            days * Self.microsecondsPerDay + Int64(hour) * 3_600_000_000 + Int64(minute) * 60_000_000
            + Int64(second) * 1_000_000 + Int64(microsecond)
    }

    /// Microseconds since 1970-01-01 (for tests and callers that count from the Unix epoch).
    public var unixMicroseconds: Int64 { microseconds - Self.epochMicroseconds }

    public init(unixMicroseconds: Int64) {
        self.microseconds = unixMicroseconds + Self.epochMicroseconds
    }

    /// Whether Python could hold this instant (year 1 through 9999).
    var isInRange: Bool { microseconds >= 0 && microseconds <= Self.maxMicroseconds }

    /// `self + timedelta(microseconds: delta)`; nil where Python raises `OverflowError`.
    func adding(microseconds delta: Int64) -> PythonDateTime? {
        let (sum, overflow) = microseconds.addingReportingOverflow(delta)
        let result = PythonDateTime(microseconds: sum)
        return overflow || !result.isInRange ? nil : result
    }

    public static func < (a: PythonDateTime, b: PythonDateTime) -> Bool { a.microseconds < b.microseconds }

    // MARK: Calendar (proleptic Gregorian, day 1 = 0001-01-01, as CPython's ymd_to_ord / ord_to_ymd)

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysInMonth(_ year: Int, _ month: Int) -> Int { Timestamp.daysInMonth(year: year, month: month) }

    /// CPython's `ymd_to_ord`: the proleptic Gregorian day number with 0001-01-01 as day 1 (1970-01-01 is
    /// day 719,163), through the core's civil-date maths.
    static func ordinal(_ year: Int, _ month: Int, _ day: Int) -> Int {
        Timestamp.daysFromCivil(year: year, month: month, day: day) + Self.ordinalOfEpoch
    }

    /// CPython's `ord_to_ymd`, the inverse of `ordinal`.
    static func civil(fromOrdinal ordinal: Int) -> (year: Int, month: Int, day: Int) {
        Timestamp.civilFromDays(ordinal - Self.ordinalOfEpoch)
    }

    private static let ordinalOfEpoch = 719_163

    /// The civil fields, for rendering.
    var fields: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, microsecond: Int) {
        let days = microseconds >= 0 ? microseconds / Self.microsecondsPerDay : (microseconds + 1) / Self.microsecondsPerDay - 1
        let (year, month, day) = Self.civil(fromOrdinal: Int(days) + 1)
        let rest = Int(microseconds - days * Self.microsecondsPerDay)
        return (year, month, day, rest / 3_600_000_000, rest / 60_000_000 % 60, rest / 1_000_000 % 60, rest % 1_000_000)
    }

    /// How pydantic serialises a naive datetime: `2026-11-20T10:00:00`, with `.ffffff` only when the
    /// microseconds are not zero.
    public var isoFormat: String {
        let f = fields
        let pad = Timestamp.pad
        var text = "\(pad(f.year, 4))-\(pad(f.month, 2))-\(pad(f.day, 2))T\(pad(f.hour, 2)):\(pad(f.minute, 2)):\(pad(f.second, 2))"
        if f.microsecond != 0 { text += "." + pad(f.microsecond, 6) }
        return text
    }
}

// MARK: The seed's datetime steps

extension PythonDateTime {
    /// The outcome of a step where CPython may raise something the seed does not catch.
    enum Outcome: Equatable {
        case value(PythonDateTime)
        /// Python raises `ValueError` (the seed catches it where it reads timestamps): treated as no value.
        case invalid
        /// Python raises `OverflowError` or an uncaught `ValueError`: the service would answer HTTP 500.
        case outOfRange
    }

    /// `_parse_datetime`: the stripped text with every `Z` replaced by `+00:00`, read by `fromisoformat`, and an
    /// aware value converted to naive UTC.
    static func seedParse(_ text: String) -> Outcome {
        let stripped = PythonText.strip(text)
        guard !stripped.unicodeScalars.isEmpty else { return .invalid }
        guard let parsed = fromISOFormat(PythonText.replace(stripped, "Z", with: "+00:00")) else { return .invalid }
        guard let offset = parsed.offset else { return .value(parsed.local) }
        guard let utc = parsed.local.adding(microseconds: -offset) else { return .outOfRange }
        return .value(utc)
    }

    /// `datetime.fromtimestamp(seconds, tz=timezone.utc)` made naive: the fraction rounded half-to-even to
    /// microseconds (CPython's `_PyTime_ObjectToTimeval`).
    static func fromTimestamp(_ seconds: Double) -> Outcome {
        guard seconds.isFinite else { return .outOfRange }
        var whole = seconds.rounded(.towardZero)
        var fraction = ((seconds - whole) * 1e6).rounded(.toNearestOrEven)
        if fraction >= 1e6 {
            fraction -= 1e6
            whole += 1
        } else if fraction < 0 {
            fraction += 1e6
            whole -= 1
        }
        guard abs(whole) < 1e15 else { return .outOfRange }
        let value = PythonDateTime(unixMicroseconds: Int64(whole) * 1_000_000 + Int64(fraction))
        return value.isInRange ? .value(value) : .outOfRange
    }

    /// `timedelta(seconds=x)` in microseconds for `0 <= x < 1e9`, rounded as CPython's `delta_new` rounds:
    /// whole seconds exactly, the fraction's microseconds by `modf`, the leftover half-to-even.
    static func timedeltaMicroseconds(seconds x: Double) -> Int64 {
        let whole = x.rounded(.towardZero)
        var total = Int64(whole) * 1_000_000
        let fraction = x - whole
        guard fraction != 0 else { return total }
        let scaled = 1e6 * fraction
        let micros = scaled.rounded(.towardZero)
        total += Int64(micros)
        let leftover = scaled - micros
        guard leftover != 0 else { return total }
        var wholeMicros = leftover.rounded()
        if abs(wholeMicros - leftover) == 0.5 {
            let odd: Double = total & 1 == 1 ? 1 : 0
            wholeMicros = 2 * ((leftover + odd) * 0.5).rounded() - odd
        }
        return total + Int64(wholeMicros)
    }

    /// `timedelta.total_seconds()` of a span in microseconds: the exact quotient, correctly rounded.
    static func totalSeconds(microseconds: Int64) -> Double {
        PythonFloat.trueDivide(Int128(microseconds), 1_000_000)
    }
}

// MARK: --now

extension PythonDateTime {
    /// An RFC 3339 instant (`2026-11-20T10:00:00Z`, `...+05:30`, a fraction of any length truncated to
    /// microseconds; `t`, `z` and a space separator allowed; no offset means UTC), as naive UTC.
    public static func rfc3339(_ text: String) -> PythonDateTime? {
        let b = Array(text.utf8)
        var i = 0
        func number(_ width: Int) -> Int? {
            guard i + width <= b.count else { return nil }
            var v = 0
            for c in b[i..<i + width] {
                guard (0x30...0x39).contains(c) else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            i += width
            return v
        }
        func expect(_ c: Character) -> Bool {
            guard i < b.count, b[i] == c.asciiValue! else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2) else { return nil }
        guard i < b.count, [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(b[i]) else { return nil }
        i += 1
        guard let hour = number(2), expect(":"), let minute = number(2), expect(":"), let second = number(2) else { return nil }
        var micro = 0
        if expect(".") {
            var digits = 0
            while i < b.count, (0x30...0x39).contains(b[i]) {
                if digits < 6 { micro = micro * 10 + Int(b[i] - 0x30) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 6) { micro *= 10 }
        }
        var offset = 0
        if i < b.count {
            if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
                i += 1
            } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard let oh = number(2), expect(":"), let om = number(2), oh < 24, om < 60 else { return nil }
                offset = sign * (oh * 60 + om)
            } else {
                return nil
            }
        }
        guard i == b.count,
            let local = PythonDateTime(
                year: year, month: month, day: day, hour: hour, minute: minute, second: second, microsecond: micro)
        else { return nil }
        return local.adding(microseconds: -Int64(offset) * 60_000_000)
    }
}
