import Testing

@testable import SeedServices
@testable import UsageLensCore

/// Reset extraction, window provenance, limits, burn rate and predictions, as the seed computes them.
@Suite struct PipelineRuntimeUsageWindowTests {
    let notes = PipelineRuntimeUsage.Notes()
    let now = PythonDateTime(year: 2026, month: 11, day: 20, hour: 10)!

    func at(_ text: String) -> PythonDateTime {
        guard case .value(let instant) = PythonDateTime.seedParse(text) else { fatalError(text) }
        return instant
    }

    func reset(_ json: String) -> String? {
        PipelineRuntimeUsage.rateLimitReset(pythonDict(json), now: now, notes: notes)?.isoFormat
    }

    @Test func resetTakesTheFirstParseableValueInTheSeedsKeyOrderNotTheEarliest() {
        // Explicit keys in the seed's order, whatever the dictionary order and whichever is earlier.
        #expect(reset(#"{"anthropic_ratelimit_requests_reset": "2026-11-20T10:01:00Z", "anthropic_ratelimit_tokens_reset": "2026-11-20T11:00:00Z"}"#) == "2026-11-20T11:00:00")
        #expect(reset(#"{"ratelimit_reset": "2026-11-20T10:30:00Z", "x_ratelimit_reset": "2026-11-20T12:00:00Z"}"#) == "2026-11-20T12:00:00")
        // An unparseable value (text, a Go duration, a bool, null, negative) is skipped.
        #expect(reset(#"{"x_ratelimit_reset": "1m30s", "x_ratelimit_reset_tokens": null, "x_ratelimit_reset_requests": true, "ratelimit_reset": -3, "anthropic_ratelimit_reset": "45"}"#) == "2026-11-20T10:00:45")
        // Then every key in dictionary order whose name holds "ratelimit" and "reset" once lowercased and `-` -> `_`.
        #expect(reset(#"{"Retry-After": "5", "X-RateLimit-Reset-Requests": "bad", "anthropic-ratelimit-output-tokens-reset": "60", "x-ratelimit-reset": "30"}"#) == "2026-11-20T10:01:00")
        #expect(reset(#"{"x-rate-limit-reset": "30", "retry-after": "30"}"#) == nil)
    }

    @Test func resetValuesAreTimestampsEpochsOrDeltas() {
        let cases: [(PythonJSON, String?)] = [
            (.string("2026-11-20T12:15:30+02:00"), "2026-11-20T10:15:30"),
            (.int(1_795_175_130), "2026-11-20T11:45:30"),
            (.string("1795171500250"), "2026-11-20T10:45:00.250000"),
            (.float(90.5), "2026-11-20T10:01:30.500000"),
            (.string(" 0.0000015 "), "2026-11-20T10:00:00.000002"),
            (.string("999999999"), "2058-07-29T11:46:39"),  // still a delta just below 1e9
            (.string("1e15"), nil),  // epoch ms past year 9999: the seed fails; skipped here
            (.string("nan"), nil),
            (.string("1m30s"), nil),
            (.bool(true), nil),
        ]
        for (value, expected) in cases {
            #expect(PipelineRuntimeUsage.resetValue(value, now: now, notes: notes)?.isoFormat == expected, "\(value)")
        }
        #expect(notes.messages.count == 1)
    }

    @Test func windowProvenance() {
        func window(_ json: String, oldest: PythonDateTime? = nil) -> PipelineRuntimeUsage.Window {
            PipelineRuntimeUsage.buildWindow(pythonDict(json), now: now, oldestEventTimestamp: oldest, notes: notes)
        }
        let explicit = window(#"{"windowStart": "2026-11-20T08:00:00Z", "windowEnd": "2026-11-20T13:00:00Z", "x_ratelimit_reset": "60"}"#)
        #expect(explicit.startedAt.isoFormat == "2026-11-20T08:00:00")
        #expect(explicit.resetsAt.isoFormat == "2026-11-20T13:00:00")
        #expect((explicit.source, explicit.confidence, explicit.resetInMs) == ("provider_native", "high", 10_800_000))

        let header = window(#"{"x_ratelimit_reset": "60"}"#, oldest: at("2026-11-20T07:00:00"))
        #expect(header.startedAt.isoFormat == "2026-11-20T07:00:00")
        #expect((header.source, header.confidence, header.resetInMs) == ("provider_api_rate_limit", "medium", 60_000))

        let local = window("{}", oldest: at("2026-11-20T07:00:00"))
        #expect(local.resetsAt.isoFormat == "2026-11-20T12:00:00")
        #expect((local.source, local.confidence, local.key) == ("local_jsonl_estimate", "low", "5h"))

        let empty = window("{}")
        #expect(empty.startedAt.isoFormat == "2026-11-20T05:00:00")
        #expect(empty.resetInMs == 0)

        // The first truthy start key decides, parsed or not; a falsy one is passed over.
        let snake = window(#"{"windowStart": "", "window_start": "garbage", "period_start": "2026-11-20T06:00:00"}"#, oldest: at("2026-11-20T09:00:00"))
        #expect(snake.startedAt.isoFormat == "2026-11-20T09:00:00")
    }

    @Test func oldestActiveTimestampUsesTheFirstNonBlankTimeFieldOnly() {
        let sessions = [
            pythonDict(#"{"updated_at": "yesterday", "created_at": "2026-11-20T06:00:00Z"}"#),
            pythonDict(#"{"updatedAt": "2026-11-20T04:59:59Z"}"#),
            pythonDict(#"{"lastActivity": "2026-11-20T05:00:00Z"}"#),
            pythonDict(#"{"createdAt": "2026-11-20T12:00:00Z"}"#),
        ]
        #expect(PipelineRuntimeUsage.oldestActiveTimestamp(sessions, now: now, notes: notes)?.isoFormat == "2026-11-20T05:00:00")
        #expect(PipelineRuntimeUsage.oldestActiveTimestamp(Array(sessions[0...1]), now: now, notes: notes) == nil)
    }

    @Test func percentagesFloorAndCapAt100() {
        #expect(PipelineRuntimeUsage.percentage(Int64(999), 1000) == 99)
        #expect(PipelineRuntimeUsage.percentage(Int64(5000), 1000) == 100)
        #expect(PipelineRuntimeUsage.percentage(Int64(10), -3) == -334)  // floor division
        #expect(PipelineRuntimeUsage.percentage(Int64(10), 0) == nil)
        #expect(PipelineRuntimeUsage.percentage(0.3, 0.1) == 100)
        #expect(PipelineRuntimeUsage.percentage(0.29, 1.0) == 28)  // 28.999999999999996 // 1.0
        #expect(PipelineRuntimeUsage.percentage(1.0, .nan) == 100)  // min(100, nan) is 100
    }

    @Test func currentBackfillsTheLegacyLimitAndLabelsSources() {
        let entry = PipelineRuntimeUsage.ModelEntry(
            provider: "anthropic", accountKey: "default", model: "m", inputTokens: 800, outputTokens: 200,
            cacheReadTokens: 0, cacheWriteTokens: 0, costUSD: 0.5, calls: 4, unpriced: false)
        let backfilled = PipelineRuntimeUsage.buildCurrent(
            [entry], status: pythonDict(#"{"outputTokenLimit": "400", "totalTokenLimit": 2000, "x_ratelimit_limit": 1}"#), notes: notes)
        #expect((backfilled.tokenLimit, backfilled.tokenPct, backfilled.tokenLimitSource) == (400, 50, "provider_api_rate_limit"))
        #expect((backfilled.totalTokenLimit, backfilled.totalTokenLimitPct) == (2000, 50))
        #expect(backfilled.costLimitUSD == nil && backfilled.messageLimit == nil)

        let fromTotal = PipelineRuntimeUsage.buildCurrent(
            [entry], status: pythonDict(#"{"total_token_limit": 4000, "request_limit": 8, "cost_limit": 2}"#), notes: notes)
        #expect((fromTotal.tokenLimit, fromTotal.tokenPct, fromTotal.tokenLimitSource) == (4000, 25, "configured_limit"))
        #expect((fromTotal.messageLimit, fromTotal.messagePct) == (8, 50))
        #expect((fromTotal.costLimitUSD, fromTotal.costPct) == (2.0, 25))

        let legacy = PipelineRuntimeUsage.buildCurrent(
            [entry], status: pythonDict(#"{"tokenLimit": 10000, "outputTokenLimit": 400}"#), notes: notes)
        #expect((legacy.tokenLimit, legacy.tokenPct) == (10000, 10))

        let none = PipelineRuntimeUsage.buildCurrent([], status: pythonDict("{}"), notes: notes)
        #expect(none.totalCostUSD == 0 && none.tokenLimit == nil && none.costPct == nil)
    }

    @Test func burnRateCountsTheLastHourAndOnlyFlatCosts() {
        let sessions = [
            pythonDict(#"{"updated_at": "2026-11-20T09:30:00Z", "usage": {"input_tokens": 100, "output_tokens": 20, "cost": 5}, "cost": 0.3}"#),
            pythonDict(#"{"updatedAt": "2026-11-20T09:00:00Z", "usage": {"input_tokens": 50, "output_tokens": 10}}"#),
            pythonDict(#"{"updated_at": "2026-11-20T08:59:59Z", "usage": {"input_tokens": 1000}}"#),
            pythonDict(#"{"created_at": "2026-11-20T09:59:00Z", "usage": {"input_tokens": 1000}}"#),
        ]
        let rate = PipelineRuntimeUsage.computeBurnRate(sessions, now: now, notes: notes)
        #expect(rate.tokensPerMinute == 3.0)
        #expect(rate.outputTokensPerMinute == 0.5)
        #expect(rate.costUSDPerMinute == 0.005)
    }

    @Test func predictionsPickTheTightestLimit() {
        var current = PipelineRuntimeUsage.buildCurrent([], status: pythonDict("{}"), notes: notes)
        current.totalTokens = 1000
        current.totalOutputTokens = 100
        current.totalCalls = 10
        let window = PipelineRuntimeUsage.Window(
            key: "5h", startedAt: at("2026-11-20T08:00:00"), resetsAt: at("2026-11-20T13:00:00"), resetInMs: 10_800_000,
            source: "local_jsonl_estimate", confidence: "low")
        let rate = PipelineRuntimeUsage.BurnRate(tokensPerMinute: 10, outputTokensPerMinute: 1, costUSDPerMinute: 0)

        #expect(PipelineRuntimeUsage.buildPredictions(current, burnRate: rate, window: window) == .init(timeToLimitMs: nil, safe: true, limitKind: "total_tokens"))

        current.outputTokenLimit = 160  // 60 left at 1/min: 3,600,000 ms
        current.totalTokenLimit = 2000  // 1000 left at 10/min: 6,000,000 ms
        #expect(PipelineRuntimeUsage.buildPredictions(current, burnRate: rate, window: window) == .init(timeToLimitMs: 3_600_000, safe: false, limitKind: "output_tokens"))

        // The legacy limit only counts when no typed token limit gave a candidate.
        current.outputTokenLimit = nil
        current.totalTokenLimit = nil
        current.tokenLimit = 1100
        #expect(PipelineRuntimeUsage.buildPredictions(current, burnRate: rate, window: window) == .init(timeToLimitMs: 600_000, safe: false, limitKind: "total_tokens"))

        // Messages: 10 calls in 120 elapsed minutes; 50 left at 1/12 per minute.
        current.tokenLimit = nil
        current.messageLimit = 60
        #expect(PipelineRuntimeUsage.buildPredictions(current, burnRate: rate, window: window) == .init(timeToLimitMs: 36_000_000, safe: true, limitKind: "messages"))

        // An exhausted limit answers at once, before later candidates.
        current.outputTokenLimit = 100
        #expect(PipelineRuntimeUsage.buildPredictions(current, burnRate: rate, window: window) == .init(timeToLimitMs: 0, safe: false, limitKind: "output_tokens"))
    }
}
