import Testing

@testable import SeedServices
@testable import UsageLensCore

/// `get_runtime_usage` as a whole: which sessions count, how replies combine, and what it does on inputs that
/// would make the service fail.
@Suite struct PipelineRuntimeUsageTests {
    let parameters = PipelineRuntimeUsage.Parameters(now: PythonDateTime(year: 2026, month: 11, day: 20, hour: 10)!)

    func sessions(_ json: String...) -> [PythonJSON] { json.map { try! PythonJSON.parse($0) } }

    @Test func listedSessionsArePrimaryAndCostSessionsAFallback() {
        let cost = pythonDict(#"{"5hour": [{"sessionId": "from-cost", "model": "gpt-4o", "provider": "openai"}]}"#)
        let fallback = PipelineRuntimeUsage.compute(.init(cost: cost), parameters).response
        #expect(fallback.topSessions.map(\.sessionID) == ["from-cost"])

        let listed = PipelineRuntimeUsage.compute(
            .init(cost: cost, listedSessions: sessions(#"{"sessionId": "listed"}"#)), parameters
        ).response
        #expect(listed.topSessions.map(\.sessionID) == ["listed"])

        // A non-empty list without any object still wins: no sessions at all.
        let suppressed = PipelineRuntimeUsage.compute(.init(cost: cost, listedSessions: [.int(1)]), parameters).response
        #expect(suppressed.topSessions.isEmpty && suppressed.perModel.isEmpty)
    }

    @Test func statusKeysOverrideCostKeys() {
        let replies = PipelineRuntimeUsage.Replies(
            cost: pythonDict(#"{"totalTokenLimit": 100, "messageLimit": 5}"#), status: pythonDict(#"{"totalTokenLimit": 200}"#))
        let current = PipelineRuntimeUsage.compute(replies, parameters).response.current
        #expect(current.totalTokenLimit == 200 && current.messageLimit == 5)
    }

    @Test func perModelCountsEverySessionNotOnlyTheWindow() {
        let replies = PipelineRuntimeUsage.Replies(listedSessions: sessions(
            #"{"model": "claude-sonnet-4-5", "updated_at": "2026-11-01T00:00:00Z", "usage": {"input_tokens": 100, "output_tokens": 10}}"#,
            #"{"model": "Claude-Sonnet-4-5-20250929", "provider": "claude", "updated_at": "2026-11-20T09:59:00Z", "usage": {"input_tokens": 1, "output_tokens": 1}, "calls": 3}"#))
        let response = PipelineRuntimeUsage.compute(replies, parameters).response
        #expect(response.perModel.map(\.key) == ["anthropic/claude-sonnet-4-5"])
        let entry = response.perModel[0].entry
        #expect((entry.inputTokens, entry.outputTokens, entry.calls, entry.totalTokens) == (101, 11, 4, 112))
        #expect(response.burnRate.tokensPerMinute == PythonFloat.round(2.0 / 60, 4))
        #expect(response.window.startedAt.isoFormat == "2026-11-20T09:59:00")
    }

    @Test func nonFiniteCostsAreWrittenAsNullAndNoted() throws {
        let replies = PipelineRuntimeUsage.Replies(listedSessions: sessions(#"{"model": "m", "cost": "inf", "calls": "nan"}"#))
        let result = PipelineRuntimeUsage.compute(replies, parameters)
        #expect(result.response.current.totalCostUSD == .infinity)
        #expect(result.response.perModel[0].entry.calls == 1)
        #expect(result.notes.contains { $0.contains("\"calls\"") })
        #expect(result.notes.contains { $0.hasPrefix("current.total_cost_usd is not a finite number") })
        guard case .object(let json) = result.response.json, case .object(let current)? = json["current"] else {
            Issue.record("no current")
            return
        }
        #expect(current["total_cost_usd"] == .float(.infinity))
        #expect(result.response.json.dumps().contains("\"total_cost_usd\": null"))
    }

    @Test func responseKeysFollowPydanticOrder() {
        guard case .object(let json) = PipelineRuntimeUsage.compute(.init(), parameters).response.json else {
            Issue.record("not an object")
            return
        }
        #expect(json.keys == ["generated_at", "gateway_id", "window", "current", "burn_rate", "predictions", "per_model", "top_sessions"])
        #expect(json["window"]?.object?.keys == ["key", "started_at", "resets_at", "reset_in_ms", "source", "confidence"])
        #expect(json["burn_rate"]?.object?.keys == ["tokens_per_minute", "cost_usd_per_minute", "output_tokens_per_minute"])
        #expect(json["current"]?.object?.keys.prefix(8) == ["total_cost_usd", "total_tokens", "total_calls", "token_limit", "token_pct", "cost_limit_usd", "cost_pct", "total_output_tokens"])
        #expect(json["current"]?.object?["total_cost_usd"] == .float(0))
        #expect(json["generated_at"] == .string("2026-11-20T10:00:00"))
    }
}
