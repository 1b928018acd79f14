import Testing

@testable import UsageLensCore

@Suite struct RuntimeStatusTests {
    static func ms(_ s: String) -> Int64 { TableBuilder.ms(s) }

    @Test func withoutObservationsTheWindowStartsAtTheOldestEventOfTheLastFiveHours() {
        var b = TableBuilder()
        b.add("2025-10-14T03:00:00Z", model: "claude-sonnet-4-5", input: 999, output: 999)  // before the window
        b.add("2025-10-14T08:20:00Z", model: "claude-sonnet-4-5", session: "s1", input: 1000, output: 500)
        b.add("2025-10-14T10:30:00Z", model: "claude-sonnet-4-5", session: "s2", input: 100, output: 200)
        let priced = b.priced()
        let s = RuntimeStatus.compute(
            priced, rows: [0, 1, 2], provider: "anthropic", now: Self.ms("2025-10-14T11:00:00Z"),
            limits: WindowLimits(tokens: 10_000))
        #expect(s.window.source == "local_jsonl_estimate")
        #expect(s.window.confidence == "low")
        #expect(s.window.startedAt == Self.ms("2025-10-14T08:20:00Z"))
        #expect(s.window.resetsAt == Self.ms("2025-10-14T13:20:00Z"))
        #expect(s.window.resetInMs == 140 * 60_000)
        #expect(s.current.totals.totalTokens == 1800)  // the 03:00 event is outside
        #expect(s.burnRate.tokensPerMinute == 300.0 / 60)
        // 8,200 tokens left at 5/min: 1,640 minutes, after the reset in 140: safe.
        #expect(s.prediction.timeToLimitMs == Int64(1640 * 60_000))
        #expect(s.prediction.safe)
        #expect(s.prediction.limitKind == "total_tokens")
        #expect(s.topSessions.map(\.sessionID) == ["s1", "s2"])
    }

    @Test func anObservedResetMakesTheWindowProviderNative() {
        var b = TableBuilder()
        b.add("2025-10-14T10:00:00Z", model: "gpt-5-codex", format: .codex, input: 100, output: 10)
        b.table.limits = [
            LimitObservation(time: Self.ms("2025-10-14T10:00:00Z"), format: LogFormat.codex.rawValue, window: .primary, usedPercent: 40, windowMinutes: 300, resetsAt: Self.ms("2025-10-14T12:00:00Z"), session: 0, file: 0, line: 1),
            LimitObservation(time: Self.ms("2025-10-14T10:00:00Z"), format: LogFormat.codex.rawValue, window: .secondary, usedPercent: 10, windowMinutes: 10080, resetsAt: Self.ms("2025-10-20T00:00:00Z"), session: 0, file: 0, line: 1),
        ]
        let s = RuntimeStatus.compute(b.priced(), rows: [0], provider: "openai", now: Self.ms("2025-10-14T11:00:00Z"), limits: WindowLimits())
        #expect(s.window.source == "provider_native")
        #expect(s.window.confidence == "high")
        #expect(s.window.resetsAt == Self.ms("2025-10-14T12:00:00Z"))
        #expect(s.window.startedAt == Self.ms("2025-10-14T07:00:00Z"))
        #expect(s.window.usedPercent == 40)
        #expect(s.weekly.first?.resetsAt == Self.ms("2025-10-20T00:00:00Z"))
        // Once the observed reset has passed, the window falls back to the estimate.
        let later = RuntimeStatus.compute(b.priced(), rows: [0], provider: "openai", now: Self.ms("2025-10-14T12:30:00Z"), limits: WindowLimits())
        #expect(later.window.source == "local_jsonl_estimate")
    }

    @Test func theTightestLimitWinsAndAnExceededOneIsZero() {
        let w = RuntimeStatus.Window(startedAt: 0, resetsAt: 300 * 60_000, resetInMs: 200 * 60_000, source: "x", confidence: "low", lengthMinutes: 300)
        var totals = UsageTotals()
        totals.inputTokens = 1000
        totals.outputTokens = 500
        totals.calls = 50
        let rate = BurnRate(tokensPerMinute: 10, outputTokensPerMinute: 5, costUSDPerMinute: 0, callsPerMinute: 1)
        let c = RuntimeStatus.Current(totals: totals, totalTokenLimit: 2500, outputTokenLimit: 1500, messageLimit: 100)
        let p = RuntimeStatus.predict(c, rate, w)
        // total: 1,000 left at 10/min = 100 min; output: 1,000 at 5/min = 200; messages: 50 at 0.5/min = 100.
        #expect(p.timeToLimitMs == Int64(100 * 60_000))
        #expect(!p.safe)
        let over = RuntimeStatus.Current(totals: totals, totalTokenLimit: 1000)
        #expect(RuntimeStatus.predict(over, rate, w).timeToLimitMs == 0)
        #expect(RuntimeStatus.predict(RuntimeStatus.Current(totals: totals), rate, w).timeToLimitMs == nil)
    }
}
