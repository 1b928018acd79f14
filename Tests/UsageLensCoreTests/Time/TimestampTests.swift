import Testing

@testable import UsageLensCore

@Suite struct TimestampTests {
    static let cases: [(String, Int64?)] = [
        ("2025-10-14T09:12:03.123Z", 1_760_433_123_123),
        ("2025-10-14T09:12:03Z", 1_760_433_123_000),
        ("2025-10-14T09:12:03.123456789Z", 1_760_433_123_123),
        ("2025-10-14T09:12:03", 1_760_433_123_000),
        ("2025-10-14 09:12:03", 1_760_433_123_000),
        ("2025-10-14T14:42:03+05:30", 1_760_433_123_000),
        ("2025-10-14T05:12:03-0400", 1_760_433_123_000),
        ("2025-10-14T09:12Z", 1_760_433_120_000),
        ("2025-10-14", 1_760_400_000_000),
        ("1969-12-31T23:59:59Z", -1000),
        ("2024-02-29T00:00:00Z", 1_709_164_800_000),
        ("2025-13-01T00:00:00Z", nil),
        ("2025-02-29T00:00:00Z", nil),
        ("2025-02-30", nil),
        ("2025-04-31", nil),
        ("2000-02-29", 951_782_400_000),
        ("2025-10-14T25:00:00Z", nil),
        ("2025-10-14T09:12:03Zjunk", nil),
        ("2025-10-14T09:12:03.Z", nil),
        ("yesterday", nil),
        ("", nil),
    ]

    @Test(arguments: cases)
    func rfc3339(text: String, expected: Int64?) {
        #expect(Timestamp.parse(text) == expected)
    }

    @Test func epochNumbersInSecondsOrMilliseconds() {
        #expect(Timestamp.fromEpoch(1_760_433_123) == 1_760_433_123_000)
        #expect(Timestamp.fromEpoch(1_760_433_123.5) == 1_760_433_123_500)
        #expect(Timestamp.fromEpoch(1_760_433_123_123) == 1_760_433_123_123)
        #expect(Timestamp.fromEpoch(-5) == nil)
        #expect(Timestamp.fromEpoch(.nan) == nil)
    }

    @Test func civilDatesRoundTrip() {
        for day in stride(from: -800_000, through: 800_000, by: 997) {
            let (y, m, d) = Timestamp.civilFromDays(day)
            #expect(Timestamp.daysFromCivil(year: y, month: m, day: d) == day)
        }
    }

    @Test func formatting() {
        #expect(Timestamp.format(1_760_433_123_123) == "2025-10-14T09:12:03.123Z")
        #expect(Timestamp.format(1_760_433_123_000) == "2025-10-14T09:12:03Z")
        #expect(Timestamp.format(1_760_433_123_000, offsetSeconds: 19800) == "2025-10-14T14:42:03+05:30")
        #expect(Timestamp.format(-1000) == "1969-12-31T23:59:59Z")
    }
}
