import Testing

@testable import UsageLensCore

@Suite("TimeBucketer")
struct TimeBucketTests {
    static func ms(_ s: String) -> Int64 { TableBuilder.ms(s) }

    static func bucketer(_ kind: BucketKind, _ zone: String, _ weekStart: WeekStart = .monday) throws -> TimeBucketer {
        TimeBucketer(kind: kind, calendar: try LocalCalendar(identifier: zone), weekStart: weekStart)
    }

    static func key(_ kind: BucketKind, _ zone: String, _ instant: String, _ weekStart: WeekStart = .monday) throws
        -> String
    {
        let b = try bucketer(kind, zone, weekStart)
        return b.key(b.bucket(ms(instant)))
    }

    /// The RFC 3339 start of the bucket holding `instant`, at the zone's offset then (as the JSON reports print it).
    static func start(_ kind: BucketKind, _ zone: String, _ instant: String) throws -> String {
        let b = try bucketer(kind, zone)
        let s = b.start(b.bucket(ms(instant)))
        return Timestamp.format(s, offsetSeconds: b.calendar.offsetSeconds(at: s))
    }

    @Test("day keys follow the zone: 20:00Z is the next day in Kolkata")
    func dayKeysByZone() throws {
        #expect(try Self.key(.day, "UTC", "2025-10-14T20:00:00Z") == "2025-10-14")
        #expect(try Self.key(.day, "Asia/Kolkata", "2025-10-14T20:00:00Z") == "2025-10-15")
        #expect(try Self.key(.day, "Asia/Kolkata", "2025-10-14T18:29:59Z") == "2025-10-14")
        #expect(try Self.key(.day, "Asia/Kolkata", "2025-10-14T18:30:00Z") == "2025-10-15")
        #expect(try Self.key(.day, "America/New_York", "2025-10-15T03:00:00Z") == "2025-10-14")
    }

    @Test("the UTC midnight boundary: the last millisecond is the old day, midnight the new one")
    func utcMidnight() throws {
        #expect(try Self.key(.day, "UTC", "2025-10-14T23:59:59.999Z") == "2025-10-14")
        #expect(try Self.key(.day, "UTC", "2025-10-15T00:00:00Z") == "2025-10-15")
        #expect(try Self.key(.day, "UTC", "2025-12-31T23:59:59.999Z") == "2025-12-31")
        #expect(try Self.key(.day, "UTC", "2026-01-01T00:00:00Z") == "2026-01-01")
        #expect(try Self.start(.day, "UTC", "2025-10-14T23:59:59.999Z") == "2025-10-14T00:00:00Z")
        #expect(try Self.start(.day, "UTC", "2025-10-15T00:00:00Z") == "2025-10-15T00:00:00Z")
    }

    @Test(
        "hour keys are local wall-clock hours",
        arguments: [
            ("UTC", "2025-10-14T13:59:59Z", "2025-10-14T13"), ("UTC", "2025-10-14T00:00:00Z", "2025-10-14T00"),
            ("Asia/Kolkata", "2025-10-14T20:00:00Z", "2025-10-15T01"),
            ("Asia/Kolkata", "2025-10-14T18:29:00Z", "2025-10-14T23"),
            ("America/New_York", "2025-10-14T03:00:00Z", "2025-10-13T23"),
        ])
    func hourKeys(zone: String, instant: String, key: String) throws {
        #expect(try Self.key(.hour, zone, instant) == key)
    }

    @Test("an hour bucket in a half-hour zone starts at the local hour")
    func hourStartKolkata() throws {
        #expect(try Self.start(.hour, "Asia/Kolkata", "2025-10-14T20:00:00Z") == "2025-10-15T01:00:00+05:30")
        #expect(try Self.start(.hour, "UTC", "2025-10-14T13:59:59Z") == "2025-10-14T13:00:00Z")
    }

    @Test(
        "weeks start on Monday or Sunday as asked",
        arguments: [
            // 2025-10-14 is a Tuesday, 2025-10-19 a Sunday, 2025-10-20 a Monday.
            ("2025-10-14T12:00:00Z", WeekStart.monday, "2025-10-13"), ("2025-10-14T12:00:00Z", WeekStart.sunday, "2025-10-12"),
            ("2025-10-19T12:00:00Z", WeekStart.monday, "2025-10-13"), ("2025-10-19T12:00:00Z", WeekStart.sunday, "2025-10-19"),
            ("2025-10-20T00:00:00Z", WeekStart.monday, "2025-10-20"), ("2025-10-20T00:00:00Z", WeekStart.sunday, "2025-10-19"),
            ("2025-10-18T23:59:59Z", WeekStart.sunday, "2025-10-12"),
            // Across a year end: Thursday 2026-01-01 is in the week of Monday 2025-12-29.
            ("2026-01-01T12:00:00Z", WeekStart.monday, "2025-12-29"), ("2026-01-01T12:00:00Z", WeekStart.sunday, "2025-12-28"),
            // 1970-01-01 was a Thursday; earlier days work too.
            ("1970-01-01T00:00:00Z", WeekStart.monday, "1969-12-29"), ("1969-12-28T00:00:00Z", WeekStart.monday, "1969-12-22"),
        ])
    func weekKeys(instant: String, weekStart: WeekStart, key: String) throws {
        #expect(try Self.key(.week, "UTC", instant, weekStart) == key)
    }

    @Test("week keys follow the local day")
    func weekLocal() throws {
        // Sunday 20:00Z is Monday 01:30 in Kolkata: a new Monday week there.
        #expect(try Self.key(.week, "UTC", "2025-10-19T20:00:00Z") == "2025-10-13")
        #expect(try Self.key(.week, "Asia/Kolkata", "2025-10-19T20:00:00Z") == "2025-10-20")
        #expect(try Self.start(.week, "Asia/Kolkata", "2025-10-19T20:00:00Z") == "2025-10-20T00:00:00+05:30")
    }

    @Test(
        "month keys and starts",
        arguments: [
            ("UTC", "2025-10-31T23:59:59Z", "2025-10", "2025-10-01T00:00:00Z"),
            ("UTC", "2025-11-01T00:00:00Z", "2025-11", "2025-11-01T00:00:00Z"),
            ("Asia/Kolkata", "2025-10-31T20:00:00Z", "2025-11", "2025-11-01T00:00:00+05:30"),
            ("Europe/Berlin", "2025-10-15T12:00:00Z", "2025-10", "2025-10-01T00:00:00+02:00"),
            ("Europe/Berlin", "2025-11-15T12:00:00Z", "2025-11", "2025-11-01T00:00:00+01:00"),
            ("UTC", "2025-12-31T12:00:00Z", "2025-12", "2025-12-01T00:00:00Z"),
            ("UTC", "2026-01-01T00:00:00Z", "2026-01", "2026-01-01T00:00:00Z"),
            ("UTC", "1969-12-31T23:00:00Z", "1969-12", "1969-12-01T00:00:00Z"),
        ])
    func months(zone: String, instant: String, key: String, start: String) throws {
        #expect(try Self.key(.month, zone, instant) == key)
        #expect(try Self.start(.month, zone, instant) == start)
    }

    @Test("Berlin falling back on 2025-10-26: day starts carry the offset of their midnight")
    func berlinFallBack() throws {
        #expect(try Self.key(.day, "Europe/Berlin", "2025-10-26T12:00:00Z") == "2025-10-26")
        #expect(try Self.start(.day, "Europe/Berlin", "2025-10-26T12:00:00Z") == "2025-10-26T00:00:00+02:00")
        #expect(try Self.start(.day, "Europe/Berlin", "2025-10-27T12:00:00Z") == "2025-10-27T00:00:00+01:00")
        #expect(try Self.start(.day, "Europe/Berlin", "2025-10-25T12:00:00Z") == "2025-10-25T00:00:00+02:00")
        // The day is 25 hours long.
        let b = try Self.bucketer(.day, "Europe/Berlin")
        let day = b.bucket(Self.ms("2025-10-26T12:00:00Z"))
        #expect(b.start(day + 1) - b.start(day) == 25 * 3_600_000)
    }

    @Test("Berlin falling back: the repeated local hour 02 is one bucket starting at its first occurrence")
    func berlinRepeatedHour() throws {
        let b = try Self.bucketer(.hour, "Europe/Berlin")
        let first = b.bucket(Self.ms("2025-10-26T00:30:00Z"))  // 02:30 CEST
        let second = b.bucket(Self.ms("2025-10-26T01:30:00Z"))  // 02:30 CET
        #expect(first == second)
        #expect(b.key(first) == "2025-10-26T02")
        #expect(try Self.start(.hour, "Europe/Berlin", "2025-10-26T01:30:00Z") == "2025-10-26T02:00:00+02:00")
        #expect(try Self.start(.hour, "Europe/Berlin", "2025-10-26T02:30:00Z") == "2025-10-26T03:00:00+01:00")
        #expect(try Self.key(.hour, "Europe/Berlin", "2025-10-26T02:30:00Z") == "2025-10-26T03")
    }

    @Test("New York springing forward on 2025-03-09: a 23-hour day and no 02 hour")
    func newYorkSpringForward() throws {
        #expect(try Self.start(.day, "America/New_York", "2025-03-09T12:00:00Z") == "2025-03-09T00:00:00-05:00")
        #expect(try Self.start(.day, "America/New_York", "2025-03-10T12:00:00Z") == "2025-03-10T00:00:00-04:00")
        let day = try Self.bucketer(.day, "America/New_York")
        let d = day.bucket(Self.ms("2025-03-09T12:00:00Z"))
        #expect(day.start(d + 1) - day.start(d) == 23 * 3_600_000)
        #expect(try Self.key(.hour, "America/New_York", "2025-03-09T06:59:59Z") == "2025-03-09T01")
        #expect(try Self.key(.hour, "America/New_York", "2025-03-09T07:00:00Z") == "2025-03-09T03")
        #expect(try Self.start(.hour, "America/New_York", "2025-03-09T06:30:00Z") == "2025-03-09T01:00:00-05:00")
        #expect(try Self.start(.hour, "America/New_York", "2025-03-09T07:30:00Z") == "2025-03-09T03:00:00-04:00")
        // Hour buckets on either side of the gap are one real hour apart.
        let hour = try Self.bucketer(.hour, "America/New_York")
        let h1 = hour.bucket(Self.ms("2025-03-09T06:30:00Z"))
        let h3 = hour.bucket(Self.ms("2025-03-09T07:30:00Z"))
        #expect(h3 - h1 == 2)
        #expect(hour.start(h3) - hour.start(h1) == 3_600_000)
    }

    @Test("every instant lies in its bucket: start <= t < next start", arguments: BucketKind.allCases)
    func bucketContainsInstant(kind: BucketKind) throws {
        var g = SeededGenerator(seed: 3)
        for zone in ["UTC", "Asia/Kolkata", "Europe/Berlin", "America/New_York"] {
            let b = try Self.bucketer(kind, zone)
            var failures = 0
            for _ in 0..<300 {
                let t = Self.ms("2025-01-01T00:00:00Z") + Int64.random(in: 0..<(366 * 86_400), using: &g) * 1000
                let bucket = b.bucket(t)
                // Week buckets are numbered by their first day; the others count in their own unit.
                let next = bucket + (kind == .week ? 7 : 1)
                if !(b.start(bucket) <= t && t < b.start(next)) { failures += 1 }
                if b.bucket(b.start(next)) != next { failures += 1 }
                if b.bucket(b.start(bucket)) != bucket { failures += 1 }
            }
            #expect(failures == 0, "\(kind) in \(zone)")
        }
    }

    @Test("bucket numbers sort like their keys", arguments: BucketKind.allCases)
    func keysSortLikeBuckets(kind: BucketKind) throws {
        let b = try Self.bucketer(kind, "Europe/Berlin")
        var g = SeededGenerator(seed: 4)
        let buckets = (0..<200).map { _ in
            b.bucket(Self.ms("2024-01-01T00:00:00Z") + Int64.random(in: 0..<(800 * 86_400), using: &g) * 1000)
        }
        let byNumber = buckets.sorted().map(b.key)
        #expect(byNumber == byNumber.sorted())
    }
}
