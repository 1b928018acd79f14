import Testing

@testable import UsageLensCore

@Suite struct ResetTimeTests {
    /// 2025-10-14T09:12:03Z
    static let now: Int64 = 1_760_433_123_000
    static let tenUTC: Int64 = 1_760_436_000_000  // 2025-10-14T10:00:00Z

    static let texts: [(String, Int64?)] = [
        // RFC 3339
        ("2025-10-14T10:00:00Z", tenUTC),
        ("2025-10-14T15:30:00+05:30", tenUTC),
        ("2025-10-14T06:00:00-04:00", tenUTC),
        ("2025-10-14T10:00:00.250Z", tenUTC + 250),
        ("2025-10-14T10:00:00", tenUTC),
        ("  2025-10-14T10:00:00Z\n", tenUTC),
        // epoch seconds: [1e9, 1e12)
        ("1760436000", tenUTC),
        ("1760436000.5", tenUTC + 500),
        ("1000000000", 1_000_000_000_000),
        ("999999999999", 999_999_999_999_000),
        // epoch milliseconds: >= 1e12
        ("1760436000250", tenUTC + 250),
        ("1000000000000", 1_000_000_000_000),
        ("1.76043600025e12", tenUTC + 250),
        // delta seconds: [0, 1e9)
        ("30", now + 30_000),
        (" 30 ", now + 30_000),
        ("+30", now + 30_000),
        ("0", now),
        ("1.5", now + 1_500),
        ("1.005", now + 1_005),
        ("999999999", now + 999_999_999_000),
        // Go durations, relative to now
        ("1m30s", now + 90_000),
        ("6ms", now + 6),
        ("2h", now + 7_200_000),
        ("1.5s", now + 1_500),
        ("1h2m3.5s", now + 3_723_500),
        ("1500us", now + 1),
        ("500us", now),
        ("500µs", now),
        ("100ns", now),
        ("0s", now),
        ("1000000000s", now + 1_000_000_000_000),
        // invalid
        ("abc", nil),
        ("1x", nil),
        ("", nil),
        ("   ", nil),
        ("-5", nil),
        ("-5s", nil),
        ("-0.001", nil),
        ("s", nil),
        (".", nil),
        ("1.2.3", nil),
        ("30 s", nil),
        ("0x10", nil),
        ("inf", nil),
        ("nan", nil),
        ("1_000", nil),
        ("1e", nil),
        ("2025-10-14T25:00:00Z", nil),
        ("Wed, 21 Oct 2015 07:28:00 GMT", nil),
    ]

    @Test(arguments: texts)
    func parseText(text: String, expected: Int64?) {
        #expect(ResetTime.parse(text, now: Self.now) == expected)
    }

    @Test func numberClassificationFollowsThePipelineCutOffs() {
        #expect(ResetTime.parse(number: 1_760_436_000, now: Self.now) == Self.tenUTC)
        #expect(ResetTime.parse(number: 1_760_436_000_250, now: Self.now) == Self.tenUTC + 250)
        #expect(ResetTime.parse(number: 1e9, now: Self.now) == 1_000_000_000_000)
        #expect(ResetTime.parse(number: 999_999_999.5, now: Self.now) == Self.now + 999_999_999_500)
        #expect(ResetTime.parse(number: 1e12, now: Self.now) == 1_000_000_000_000)
        #expect(ResetTime.parse(number: 30, now: Self.now) == Self.now + 30_000)
        #expect(ResetTime.parse(number: 0.0015, now: Self.now) == Self.now + 1)
        #expect(ResetTime.parse(number: 0, now: Self.now) == Self.now)
        #expect(ResetTime.parse(number: -1, now: Self.now) == nil)
        #expect(ResetTime.parse(number: .nan, now: Self.now) == nil)
        #expect(ResetTime.parse(number: .infinity, now: Self.now) == nil)
        #expect(ResetTime.parse(number: 1e16, now: Self.now) == nil)
    }

    @Test func deltaOverflowIsNil() {
        #expect(ResetTime.parse("999999999", now: Int64.max - 10) == nil)
        #expect(ResetTime.parse("1h", now: Int64.max - 10) == nil)
    }

    static let durations: [(String, Double?)] = [
        ("1m30s", 90_000),
        ("6ms", 6),
        ("2h", 7_200_000),
        ("1.5s", 1_500),
        ("1h2m3.5s", 3_723_500),
        ("500us", 0.5),
        ("500\u{00B5}s", 0.5),
        ("500\u{03BC}s", 0.5),
        ("100ns", 0.0001),
        ("0s", 0),
        ("0", 0),
        ("-5s", -5_000),
        ("+5s", 5_000),
        (".5s", 500),
        ("1.s", 1_000),
        ("1s1h", 3_601_000),
        ("1.5h", 5_400_000),
        ("1.9999999999s", 1_999.999999),
        ("2562047h", 9_223_369_200_000),
        ("2562048h", nil),
        ("30", nil),
        ("", nil),
        ("-", nil),
        ("s", nil),
        ("1x", nil),
        ("abc", nil),
        (" 1s", nil),
        ("1S", nil),
        ("1.2.3s", nil),
        ("1m30", nil),
    ]

    @Test(arguments: durations)
    func goDuration(text: String, expected: Double?) {
        #expect(ResetTime.goDuration(text) == expected)
    }

    @Test func anthropicHeadersEarliestWins() {
        let headers = [
            "anthropic-ratelimit-tokens-reset": "2025-10-14T09:13:00Z",
            "anthropic-ratelimit-requests-reset": "2025-10-14T09:12:10Z",
            "anthropic-ratelimit-input-tokens-reset": "2025-10-14T09:12:30Z",
            "anthropic-ratelimit-requests-remaining": "1",
        ]
        #expect(ResetTime.earliestReset(in: headers, now: Self.now) == Self.now + 7_000)
    }

    @Test func openAIDurationHeadersEarliestWins() {
        let headers = [
            "x-ratelimit-reset-tokens": "6ms",
            "x-ratelimit-reset-requests": "1m30s",
            "x-ratelimit-limit-tokens": "1000",
        ]
        #expect(ResetTime.earliestReset(in: headers, now: Self.now) == Self.now + 6)
    }

    @Test func keysAreCaseInsensitiveWithDashAndUnderscoreEquivalent() {
        let headers = [
            "X-RateLimit-Reset-Requests": "20s",
            "x_ratelimit_reset_tokens": "10s",
            "Anthropic_RateLimit_Tokens_Reset": "2025-10-14T09:12:08Z",
        ]
        #expect(ResetTime.earliestReset(in: headers, now: Self.now) == Self.now + 5_000)
        #expect(ResetTime.earliestReset(in: ["ANTHROPIC-RATELIMIT-REQUESTS-RESET": "4"], now: Self.now) == Self.now + 4_000)
    }

    @Test func retryAfterCounts() {
        #expect(
            ResetTime.earliestReset(in: ["Retry-After": "3", "x-ratelimit-reset-requests": "1m"], now: Self.now)
                == Self.now + 3_000)
        #expect(ResetTime.earliestReset(in: ["retry_after": "1m", "x-ratelimit-reset-requests": "2"], now: Self.now) == Self.now + 2_000)
    }

    @Test func mixedFormsCompareAsInstants() {
        let fields = [
            "anthropic-ratelimit-unified-reset": "1760436000",  // epoch seconds, 10:00Z
            "x-ratelimit-reset": "1760433200000",  // epoch ms, now + 77 s
            "retry-after": "120",  // delta seconds
        ]
        #expect(ResetTime.earliestReset(in: fields, now: Self.now) == 1_760_433_200_000)
    }

    static let pipelineStatusKeys = [
        "x_ratelimit_reset",
        "x_ratelimit_reset_tokens",
        "x_ratelimit_reset_requests",
        "ratelimit_reset",
        "anthropic_ratelimit_reset",
        "anthropic_ratelimit_tokens_reset",
        "anthropic_ratelimit_requests_reset",
        "anthropic_ratelimit_input_tokens_reset",
        // the seed's fallback: any key with "ratelimit" and "reset"
        "openai_ratelimit_reset_at",
        "ratelimitWindowReset",
    ]

    @Test(arguments: pipelineStatusKeys)
    func pipelineStatusKeyIsRead(key: String) {
        #expect(ResetTime.earliestReset(in: [key: "1760436000", "windowEnd": "1"], now: Self.now) == Self.tenUTC)
    }

    @Test func pipelineStatusKeysEarliestWins() {
        let status = [
            "x_ratelimit_reset": "2025-10-14T10:00:00Z",
            "anthropic_ratelimit_input_tokens_reset": "1760433183",  // epoch seconds, now + 60 s
            "ratelimit_reset": "600",
        ]
        #expect(ResetTime.earliestReset(in: status, now: Self.now) == Self.now + 60_000)
    }

    @Test func otherKeysAreIgnored() {
        let fields = [
            "x-ratelimit-remaining-tokens": "1",
            "x-ratelimit-limit-requests": "1",
            "reset": "1",
            "resets_at": "1",
            "x-rate-limit-reset": "1",
            "retry-after-ms": "1",
            "x-ratelimit-reset-tokens": "10s",
        ]
        #expect(ResetTime.earliestReset(in: fields, now: Self.now) == Self.now + 10_000)
        #expect(ResetTime.isResetKey("Retry-After"))
        #expect(!ResetTime.isResetKey("retry-after-ms"))
        #expect(!ResetTime.isResetKey("x-rate-limit-reset"))
    }

    @Test func unparseableValuesAreSkipped() {
        let headers = ["x-ratelimit-reset-tokens": "soon", "x-ratelimit-reset-requests": "2s", "retry-after": "-1"]
        #expect(ResetTime.earliestReset(in: headers, now: Self.now) == Self.now + 2_000)
        #expect(ResetTime.earliestReset(in: ["x-ratelimit-reset-tokens": "soon"], now: Self.now) == nil)
        #expect(ResetTime.earliestReset(in: [:], now: Self.now) == nil)
    }

    @Test func pastResetsAreKeptAsInTheSeed() {
        let fields = ["x-ratelimit-reset": "2025-10-14T09:00:00Z", "retry-after": "5"]
        #expect(ResetTime.earliestReset(in: fields, now: Self.now) == 1_760_432_400_000)
    }
}
