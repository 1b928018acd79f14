import Testing

@testable import SeedServices
@testable import UsageLensCore

/// Timestamps as the seed reads and pydantic writes them. Expected values are CPython 3.11.7's answers
/// (`datetime.fromisoformat` after the seed's strip and `Z` replacement, converted to naive UTC).
@Suite struct PipelineRuntimeUsageDateTimeTests {
    @Test(arguments: [
        ("2026-11-20T10:00:00Z", "2026-11-20T10:00:00"),
        ("2026-11-20T10:00:00+05:30", "2026-11-20T04:30:00"),
        ("2026-11-20 10:00", "2026-11-20T10:00:00"),
        ("20261120T1000", "2026-11-20T10:00:00"),
        ("2026-W47-5", "2026-11-20T00:00:00"),
        ("2026W475T10", "2026-11-20T10:00:00"),
        ("2026-11-20T10:00:00.1234567", "2026-11-20T10:00:00.123456"),
        ("2026-11-20T10:00:00,5", "2026-11-20T10:00:00.500000"),
        ("2026-11-20T10:00:00+05:30:15.5", "2026-11-20T04:29:44.500000"),
        ("2026-11-20é10:00", "2026-11-20T10:00:00"),
        ("2026-11-20T10:00:00:5", "2026-11-20T10:00:00.500000"),
        ("2026-11-20T10:00:00+00:00:00.5", "2026-11-20T10:00:00"),
        (" 2026-11-20T10:00:00 ", "2026-11-20T10:00:00"),
        ("2020-W53-7", "2021-01-03T00:00:00"),
        ("2026-W53-1", "2026-12-28T00:00:00"),
        ("2026-11-20T10:00:00+0530", "2026-11-20T04:30:00"),
    ])
    func parses(text: String, expected: String) {
        guard case .value(let instant) = PythonDateTime.seedParse(text) else {
            Issue.record("\(text) did not parse")
            return
        }
        #expect(instant.isoFormat == expected)
    }

    @Test(arguments: [
        "2026-11-20T24:00:00", "2026-11-20T10:00:00+24:00", "2026-11-2", "1700000000", "2026-11-20T10:0",
        "2026-02-29", "2026-11-20T10:00:00Zjunk", "", "   ", "2026-11-20T10:00:00-",
    ])
    func rejects(text: String) {
        #expect(PythonDateTime.seedParse(text) == .invalid)
    }

    @Test func ordinalsAreCPythonsOverTheWholeRange() {
        #expect(PythonDateTime.ordinal(1, 1, 1) == 1)
        #expect(PythonDateTime.ordinal(1970, 1, 1) == 719_163)
        #expect(PythonDateTime.ordinal(9999, 12, 31) == 3_652_059)
        let first = PythonDateTime.civil(fromOrdinal: 1)
        let last = PythonDateTime.civil(fromOrdinal: 3_652_059)
        #expect([first.year, first.month, first.day] == [1, 1, 1])
        #expect([last.year, last.month, last.day] == [9999, 12, 31])
        // date(2000, 2, 29).toordinal() and date(1900, 3, 1).toordinal() in CPython.
        #expect(PythonDateTime.ordinal(2000, 2, 29) == 730_179)
        #expect(PythonDateTime.ordinal(1900, 3, 1) == 693_655)
        for ordinal in stride(from: 1, through: 3_652_059, by: 997) {
            let (y, m, d) = PythonDateTime.civil(fromOrdinal: ordinal)
            #expect(PythonDateTime.ordinal(y, m, d) == ordinal)
        }
    }

    @Test func conversionPastYearOneIsOutOfRange() {
        #expect(PythonDateTime.seedParse("0001-01-01T00:00:00+01:00") == .outOfRange)
    }

    @Test func timestampsRoundHalfEvenToMicroseconds() {
        #expect(PythonDateTime.fromTimestamp(1_795_175_130) == .value(PythonDateTime(year: 2026, month: 11, day: 20, hour: 11, minute: 45, second: 30)!))
        #expect(PythonDateTime.fromTimestamp(1_795_171_500.25) == .value(PythonDateTime(year: 2026, month: 11, day: 20, hour: 10, minute: 45, microsecond: 250_000)!))
        #expect(PythonDateTime.fromTimestamp(1_795_171_500.9999996) == .value(PythonDateTime(year: 2026, month: 11, day: 20, hour: 10, minute: 45, second: 1)!))
        #expect(PythonDateTime.fromTimestamp(253_402_300_800) == .outOfRange)
        #expect(PythonDateTime.fromTimestamp(.infinity) == .outOfRange)
    }

    @Test func timedeltasRoundLikeCPython() {
        #expect(PythonDateTime.timedeltaMicroseconds(seconds: 90.5) == 90_500_000)
        #expect(PythonDateTime.timedeltaMicroseconds(seconds: 0.0000005) == 0)
        #expect(PythonDateTime.timedeltaMicroseconds(seconds: 0.0000015) == 2)
        #expect(PythonDateTime.timedeltaMicroseconds(seconds: 1.0000025) == 1_000_002)
    }

    @Test func pydanticRendering() {
        #expect(PythonDateTime(year: 5, month: 1, day: 1)!.isoFormat == "0005-01-01T00:00:00")
        #expect(PythonDateTime(year: 9999, month: 12, day: 31, hour: 23, minute: 59, second: 59, microsecond: 5)!.isoFormat == "9999-12-31T23:59:59.000005")
        #expect(PythonDateTime(year: 2024, month: 2, day: 29, hour: 12)!.isoFormat == "2024-02-29T12:00:00")
    }

    @Test func nowIsRFC3339() {
        #expect(PythonDateTime.rfc3339("2026-11-20T10:00:00Z")?.isoFormat == "2026-11-20T10:00:00")
        #expect(PythonDateTime.rfc3339("2026-11-20t12:30:00.1234569+02:30")?.isoFormat == "2026-11-20T10:00:00.123456")
        #expect(PythonDateTime.rfc3339("2026-11-20 10:00:00")?.isoFormat == "2026-11-20T10:00:00")
        #expect(PythonDateTime.rfc3339("2026-11-20") == nil)
        #expect(PythonDateTime.rfc3339("2026-11-20T10:00:00+5") == nil)
    }
}
