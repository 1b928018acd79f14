extension PythonDateTime {
    /// What `datetime.fromisoformat(text)` reads: the local fields and, for an aware value, its UTC offset.
    struct ISOParse: Equatable {
        var local: PythonDateTime
        /// Offset east of UTC in microseconds; nil for a naive value.
        var offset: Int64?
    }

    /// CPython 3.11's C `datetime.fromisoformat`, step for step over the UTF-8 bytes (it reads `YYYY-MM-DD`,
    /// `YYYYMMDD`, ISO week dates `2026-W47-5`, any one-character separator, `HH[:MM[:SS[.f+]]]` with `,` or `.`
    /// and at most six fraction digits kept, and `Z` or `±HH[:MM[:SS[.f]]]` offsets). nil where it raises.
    static func fromISOFormat(_ text: String) -> ISOParse? {
        guard text.unicodeScalars.count >= 7 else { return nil }
        let bytes = Array(text.utf8)
        let reader = ISOReader(bytes: bytes)
        let length = bytes.count
        let separator = reader.separatorLocation(length)
        var date = (year: 0, month: 0, day: 0)
        var rv = reader.date(length: separator < 0 ? UInt.max : UInt(separator), into: &date)
        var time = ISOReader.Time()
        if rv == 0 && length > separator {
            var p = separator
            let lead = reader.byte(p)
            p += lead & 0x80 == 0 ? 1 : lead & 0xF0 == 0xE0 ? 3 : lead & 0xF0 == 0xF0 ? 4 : 2
            rv = reader.time(from: p, length: max(0, length - p), into: &time)
        }
        guard rv >= 0 else { return nil }
        var offset: Int64?
        if rv == 1 {
            // tzinfo_from_isoformat_results: a zero-second offset is UTC even with a fraction.
            let total = time.offsetSeconds == 0 ? 0 : Int64(time.offsetSeconds) * 1_000_000 + Int64(time.offsetMicroseconds)
            guard total > -Self.microsecondsPerDay, total < Self.microsecondsPerDay else { return nil }
            offset = total
        }
        guard
            let local = PythonDateTime(
                year: date.year, month: date.month, day: date.day, hour: time.hour, minute: time.minute,
                second: time.second, microsecond: time.microsecond)
        else { return nil }
        return ISOParse(local: local, offset: offset)
    }
}

extension PythonDateTime {
    /// The byte-level readers of CPython's `_datetimemodule.c` (3.11). Reads past the end see `\0`, as the C code
    /// sees the string's terminator.
    fileprivate struct ISOReader {
        let bytes: [UInt8]

        struct Time {
            var hour = 0, minute = 0, second = 0, microsecond = 0
            var offsetSeconds = 0, offsetMicroseconds = 0
        }

        func byte(_ i: Int) -> UInt8 { i >= 0 && i < bytes.count ? bytes[i] : 0 }
        func isDigit(_ i: Int) -> Bool { (0x30...0x39).contains(byte(i)) }

        /// `parse_digits`: `count` ASCII digits into `value`, advancing `p`; false at a non-digit.
        func digits(_ p: inout Int, _ count: Int, into value: inout Int) -> Bool {
            for _ in 0..<count {
                let c = byte(p)
                p += 1
                guard (0x30...0x39).contains(c) else { return false }
                value = value * 10 + Int(c - 0x30)
            }
            return true
        }

        /// `_find_isoformat_datetime_separator`.
        func separatorLocation(_ length: Int) -> Int {
            if length == 7 { return 7 }
            if byte(4) == UInt8(ascii: "-") {
                guard byte(5) == UInt8(ascii: "W") else { return 10 }
                if length < 8 { return -1 }
                if length > 8 && byte(8) == UInt8(ascii: "-") {
                    if length == 9 { return -1 }
                    if length > 10 && isDigit(10) { return 8 }
                    return 10
                }
                return 8
            }
            guard byte(4) == UInt8(ascii: "W") else { return 8 }
            var index = 7
            while index < length, isDigit(index) { index += 1 }
            if index < 9 { return index }
            return index % 2 == 0 ? 7 : 8
        }

        /// `parse_isoformat_date`: 0, or a negative code.
        func date(length: UInt, into date: inout (year: Int, month: Int, day: Int)) -> Int {
            var p = 0
            guard digits(&p, 4, into: &date.year) else { return -1 }
            let usesSeparator = byte(p) == UInt8(ascii: "-")
            if usesSeparator { p += 1 }
            if byte(p) == UInt8(ascii: "W") {
                p += 1
                var week = 0
                var weekday = 0
                guard digits(&p, 2, into: &week) else { return -3 }
                if UInt(p) < length {
                    if usesSeparator {
                        let c = byte(p)
                        p += 1
                        if c != UInt8(ascii: "-") { return -2 }
                    }
                    guard digits(&p, 1, into: &weekday) else { return -4 }
                } else {
                    weekday = 1
                }
                guard let ymd = Self.isoWeekDate(year: date.year, week: week, weekday: weekday) else { return -5 }
                date = ymd
                return 0
            }
            guard digits(&p, 2, into: &date.month) else { return -1 }
            if usesSeparator {
                let c = byte(p)
                p += 1
                if c != UInt8(ascii: "-") { return -2 }
            }
            guard digits(&p, 2, into: &date.day) else { return -1 }
            return 0
        }

        /// `iso_to_ymd`. A year below 1 has no valid result in CPython either (its month comes out negative).
        static func isoWeekDate(year: Int, week: Int, weekday: Int) -> (year: Int, month: Int, day: Int)? {
            guard year >= 1 else { return nil }
            let firstDay = PythonDateTime.ordinal(year, 1, 1)
            let firstWeekday = (firstDay + 6) % 7
            if week <= 0 || week >= 53 {
                guard week == 53, firstWeekday == 3 || (firstWeekday == 2 && PythonDateTime.isLeap(year)) else { return nil }
            }
            guard weekday > 0, weekday < 8 else { return nil }
            var mondayOfWeek1 = firstDay - firstWeekday
            if firstWeekday > 3 { mondayOfWeek1 += 7 }
            let ordinal = mondayOfWeek1 + (week - 1) * 7 + weekday - 1
            return PythonDateTime.civil(fromOrdinal: ordinal)
        }

        /// `parse_hh_mm_ss_ff` between `start` and `end`: 0 at the end of the text, 1 when more follows, or negative.
        func clock(from start: Int, to end: Int, _ h: inout Int, _ m: inout Int, _ s: inout Int, _ us: inout Int) -> Int {
            h = 0
            m = 0
            s = 0
            us = 0
            var p = start
            var hasSeparator = true
            var fieldIndex = 0
            while fieldIndex < 3 {
                var value = 0
                guard digits(&p, 2, into: &value) else { return -3 }
                switch fieldIndex {
                case 0: h = value
                case 1: m = value
                default: s = value
                }
                let c = byte(p)
                p += 1
                if fieldIndex == 0 { hasSeparator = c == UInt8(ascii: ":") }
                if p >= end { return c != 0 ? 1 : 0 }
                if hasSeparator && c == UInt8(ascii: ":") {
                    fieldIndex += 1
                    continue
                }
                if c == UInt8(ascii: ".") || c == UInt8(ascii: ",") { break }
                if !hasSeparator {
                    p -= 1
                } else {
                    return -4
                }
                fieldIndex += 1
            }
            let remaining = end - p
            let toParse = remaining >= 6 ? 6 : remaining
            guard toParse > 0 else { return -3 }  // unreachable: the loop returns at the end of the text
            guard digits(&p, toParse, into: &us) else { return -3 }
            if toParse < 6 { us *= [100_000, 10_000, 1_000, 100, 10][toParse - 1] }
            while isDigit(p) { p += 1 }
            return byte(p) != 0 ? 1 : 0
        }

        /// `parse_isoformat_time`: 0 (naive), 1 (with an offset) or negative.
        func time(from start: Int, length: Int, into t: inout Time) -> Int {
            let end = start + length
            var zone = start
            repeat {
                let c = byte(zone)
                if c == UInt8(ascii: "Z") || c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { break }
                zone += 1
            } while zone < end
            let rv = clock(from: start, to: zone, &t.hour, &t.minute, &t.second, &t.microsecond)
            if rv < 0 { return rv }
            if zone == end { return rv == 1 ? -5 : 0 }
            if byte(zone) == UInt8(ascii: "Z") {
                t.offsetSeconds = 0
                t.offsetMicroseconds = 0
                return byte(zone + 1) != 0 ? -5 : 1
            }
            let sign = byte(zone) == UInt8(ascii: "-") ? -1 : 1
            var h = 0, m = 0, s = 0, us = 0
            let zoneRV = clock(from: zone + 1, to: end, &h, &m, &s, &us)
            t.offsetSeconds = sign * (h * 3600 + m * 60 + s)
            t.offsetMicroseconds = sign * us
            return zoneRV != 0 ? -5 : 1
        }
    }
}
