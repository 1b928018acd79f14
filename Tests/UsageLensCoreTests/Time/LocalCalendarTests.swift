import Foundation
import Testing

@testable import UsageLensCore

@Suite("LocalCalendar")
struct LocalCalendarTests {
    static func ms(_ s: String) -> Int64 { TableBuilder.ms(s) }

    @Test("an unknown zone name is a usage error that names it")
    func unknownZone() {
        #expect {
            _ = try LocalCalendar(identifier: "Mars/Olympus_Mons")
        } throws: { error in
            guard let e = error as? UsageLensError else { return false }
            return e.kind == .usage && e.message.contains("Mars/Olympus_Mons")
        }
    }

    @Test(
        "known zones load and keep the name the user gave",
        arguments: ["UTC", "Etc/UTC", "Europe/Berlin", "Asia/Kolkata", "America/New_York"])
    func knownZones(name: String) throws {
        let c = try LocalCalendar(identifier: name)
        #expect(c.identifier == name)
        #expect(c.offsetSeconds(at: 0) == c.zone.secondsFromGMT(for: Date(timeIntervalSince1970: 0)))
    }

    @Test(
        "offsets follow the zone's rules at each instant",
        arguments: [
            ("UTC", "2025-06-01T12:00:00Z", 0), ("Asia/Kolkata", "2025-01-01T00:00:00Z", 19_800),
            ("Asia/Kolkata", "2025-07-01T00:00:00Z", 19_800), ("Europe/Berlin", "2025-07-01T00:00:00Z", 7200),
            ("Europe/Berlin", "2025-12-01T00:00:00Z", 3600),
            // Berlin falls back at 2025-10-26T01:00Z.
            ("Europe/Berlin", "2025-10-26T00:59:59.999Z", 7200), ("Europe/Berlin", "2025-10-26T01:00:00Z", 3600),
            // New York springs forward at 2025-03-09T07:00Z.
            ("America/New_York", "2025-03-09T06:59:59Z", -18_000), ("America/New_York", "2025-03-09T07:00:00Z", -14_400),
        ])
    func offsets(zone: String, instant: String, seconds: Int) throws {
        let c = try LocalCalendar(identifier: zone)
        #expect(c.offsetSeconds(at: Self.ms(instant)) == seconds)
        // Asked again (now from the cache), the answer is the same.
        #expect(c.offsetSeconds(at: Self.ms(instant)) == seconds)
    }

    @Test("cached offsets do not leak across a transition, whatever order instants are asked in")
    func cacheOrder() throws {
        let c = try LocalCalendar(identifier: "Europe/Berlin")
        let after = Self.ms("2025-10-26T01:00:00Z")
        #expect(c.offsetSeconds(at: after) == 3600)
        #expect(c.offsetSeconds(at: after - 1) == 7200)
        #expect(c.offsetSeconds(at: after + 899_999) == 3600)
        #expect(c.offsetSeconds(at: after - 900_000) == 7200)
    }

    @Test("local time and local day: 20:00Z is already tomorrow in Kolkata")
    func localDay() throws {
        let kolkata = try LocalCalendar(identifier: "Asia/Kolkata")
        let utc = try LocalCalendar(identifier: "UTC")
        let t = Self.ms("2025-10-14T20:00:00Z")
        #expect(kolkata.local(t) == Self.ms("2025-10-15T01:30:00Z"))
        #expect(utc.local(t) == t)
        let day14 = Timestamp.daysFromCivil(year: 2025, month: 10, day: 14)
        #expect(utc.localDay(t) == day14)
        #expect(kolkata.localDay(t) == day14 + 1)
    }

    @Test("local days before 1970 round down")
    func negativeDays() throws {
        let utc = try LocalCalendar(identifier: "UTC")
        #expect(utc.localDay(-1) == -1)
        #expect(utc.localDay(0) == 0)
        #expect(utc.localDay(-86_400_000) == -1)
        #expect(utc.localDay(-86_400_001) == -2)
    }

    @Test(
        "the instant of a local wall-clock time",
        arguments: [
            ("UTC", "2025-10-14T00:00:00Z", "2025-10-14T00:00:00Z"),
            ("Asia/Kolkata", "2025-10-15T00:00:00Z", "2025-10-14T18:30:00Z"),
            ("Europe/Berlin", "2025-10-26T00:00:00Z", "2025-10-25T22:00:00Z"),
            ("Europe/Berlin", "2025-10-27T00:00:00Z", "2025-10-26T23:00:00Z"),
            // 02:30 happens twice in Berlin on 2025-10-26: the first occurrence (CEST) is used.
            ("Europe/Berlin", "2025-10-26T02:30:00Z", "2025-10-26T00:30:00Z"),
            ("Europe/Berlin", "2025-10-26T03:00:00Z", "2025-10-26T02:00:00Z"),
            ("America/New_York", "2025-03-09T00:00:00Z", "2025-03-09T05:00:00Z"),
            ("America/New_York", "2025-03-09T03:00:00Z", "2025-03-09T07:00:00Z"),
            ("America/New_York", "2025-03-10T00:00:00Z", "2025-03-10T04:00:00Z"),
            ("America/New_York", "2025-11-02T01:30:00Z", "2025-11-02T05:30:00Z"),
            // Times skipped by a spring-forward gap are read with the offset before it, east and west of UTC.
            ("America/New_York", "2025-03-09T02:30:00Z", "2025-03-09T07:30:00Z"),
            ("Europe/Berlin", "2025-03-30T02:30:00Z", "2025-03-30T01:30:00Z"),
            // Havana skips midnight: the day starts at the gap's end, 01:00 local (-04:00).
            ("America/Havana", "2025-03-09T00:00:00Z", "2025-03-09T05:00:00Z"),
            ("America/Santiago", "2025-09-07T00:00:00Z", "2025-09-07T04:00:00Z"),
        ])
    func instantOfLocal(zone: String, local: String, instant: String) throws {
        let c = try LocalCalendar(identifier: zone)
        #expect(c.instant(ofLocal: Self.ms(local)) == Self.ms(instant))
    }

    @Test("instant(ofLocal:) inverts local() outside transitions", arguments: ["Asia/Kolkata", "Europe/Berlin", "America/New_York"])
    func roundTrip(zone: String) throws {
        let c = try LocalCalendar(identifier: zone)
        var g = SeededGenerator(seed: 5)
        var failures = 0
        for _ in 0..<500 {
            let t = Self.ms("2025-01-01T00:00:00Z") + Int64.random(in: 0..<(365 * 86_400), using: &g) * 1000
            // Skip the hours around a transition, where local time is ambiguous.
            if c.offsetSeconds(at: t - 7_200_000) != c.offsetSeconds(at: t + 7_200_000) { continue }
            if c.instant(ofLocal: c.local(t)) != t { failures += 1 }
        }
        #expect(failures == 0)
    }
}
