import Testing

@testable import UsageLensCore

@Suite("TimeRange")
struct TimeRangeTests {
    static func ms(_ s: String) -> Int64 { TableBuilder.ms(s) }

    static func resolve(_ since: String?, _ until: String?, zone: String = "UTC") throws -> (Int64?, Int64?) {
        try TimeRange.resolve(since: since, until: until, calendar: try LocalCalendar(identifier: zone))
    }

    @Test("no values give an open range")
    func open() throws {
        let (s, u) = try Self.resolve(nil, nil)
        #expect(s == nil)
        #expect(u == nil)
    }

    @Test("a date is a whole local day: since at its midnight, until through its end")
    func datesInclusive() throws {
        let (s, u) = try Self.resolve("2025-10-14", "2025-10-14")
        #expect(s == Self.ms("2025-10-14T00:00:00Z"))
        #expect(u == Self.ms("2025-10-15T00:00:00Z"))
    }

    @Test("dates are local days in the report's zone")
    func datesInZone() throws {
        let (s, u) = try Self.resolve("2025-10-14", "2025-10-15", zone: "Asia/Kolkata")
        #expect(s == Self.ms("2025-10-13T18:30:00Z"))
        #expect(u == Self.ms("2025-10-15T18:30:00Z"))
        let (ny, _) = try Self.resolve("2025-03-10", nil, zone: "America/New_York")
        #expect(ny == Self.ms("2025-03-10T04:00:00Z"))
        let (before, _) = try Self.resolve("2025-03-09", nil, zone: "America/New_York")
        #expect(before == Self.ms("2025-03-09T05:00:00Z"))
    }

    @Test("the compact form 20251014 is the same date")
    func compactDate() throws {
        let compact = try Self.resolve("20251014", "20251014", zone: "Europe/Berlin")
        let dashed = try Self.resolve("2025-10-14", "2025-10-14", zone: "Europe/Berlin")
        #expect(compact.0 == dashed.0)
        #expect(compact.1 == dashed.1)
        #expect(compact.0 == Self.ms("2025-10-13T22:00:00Z"))
    }

    @Test("an RFC 3339 instant is used as is (until exclusive)")
    func instants() throws {
        let (s, u) = try Self.resolve("2025-10-14T04:00:00Z", "2025-10-14T10:30:00+05:30", zone: "America/New_York")
        #expect(s == Self.ms("2025-10-14T04:00:00Z"))
        #expect(u == Self.ms("2025-10-14T05:00:00Z"))
    }

    @Test("a negative offset is an offset, not a local time")
    func negativeOffset() throws {
        let (s, _) = try Self.resolve("2025-10-14T09:00:00-04:00", nil, zone: "Asia/Kolkata")
        #expect(s == Self.ms("2025-10-14T13:00:00Z"))
    }

    @Test("a wall-clock time without an offset is read in the report's zone")
    func wallClock() throws {
        let (s, _) = try Self.resolve("2025-10-14T09:00:00", nil, zone: "Asia/Kolkata")
        #expect(s == Self.ms("2025-10-14T03:30:00Z"))
        let (u, _) = try Self.resolve("2025-10-14T09:00:00", nil, zone: "UTC")
        #expect(u == Self.ms("2025-10-14T09:00:00Z"))
    }

    static func expectUsageError(_ since: String?, _ until: String?, mentions: String) {
        #expect {
            _ = try Self.resolve(since, until)
        } throws: { error in
            guard let e = error as? UsageLensError else { return false }
            return e.kind == .usage && e.message.contains(mentions)
        }
    }

    @Test(
        "bad values throw a usage error naming the option",
        arguments: [
            ("yesterday", nil), ("2025-13-01", nil), ("2025-10-32", nil), ("2025/10/14", nil), ("", nil),
            ("251014", nil), ("2025-10-14T25:00:00Z", nil), (nil, "tomorrow"), (nil, "2025-10-14T09:00:00Q"),
        ] as [(String?, String?)])
    func badValues(since: String?, until: String?) {
        Self.expectUsageError(since, until, mentions: since != nil ? "--since" : "--until")
    }

    @Test(
        "until at or before since throws a usage error",
        arguments: [
            ("2025-10-14T10:00:00Z", "2025-10-14T10:00:00Z"), ("2025-10-14T10:00:00Z", "2025-10-14T09:00:00Z"),
            ("2025-10-15", "2025-10-14"),
        ])
    func untilBeforeSince(since: String, until: String) {
        Self.expectUsageError(since, until, mentions: "--until must be after --since")
    }

    @Test("a one-day range from the same date is valid")
    func sameDay() throws {
        let (s, u) = try Self.resolve("2025-10-14", "2025-10-14T00:00:01Z")
        #expect(u! - s! == 1000)
    }

    @Test("an impossible date is a usage error, not the next month")
    func impossibleDate() throws {
        let c = try LocalCalendar(identifier: "UTC")
        #expect(throws: UsageLensError.self) { try TimeRange.resolve(since: "2025-02-30", until: nil, calendar: c) }
    }
}
