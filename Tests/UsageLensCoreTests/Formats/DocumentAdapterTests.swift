import Testing

@testable import UsageLensCore

/// The formats read as JSON trees: each recognised per line, mixed in one file, with their token rules.
@Suite struct DocumentAdapterTests {
    func events(_ lines: [String], threads: Int = 1) -> IngestResult {
        let dir = TempDir()
        dir.write("logs/mixed.jsonl", lines: lines)
        return ingest(dir, threads: threads)
    }

    func format(_ t: UsageTable, _ i: Int) -> String? { LogFormat(rawValue: t.format[i])?.name }

    @Test func openAIChatCompletionSplitsCachedInputAndCountsReasoningInOutput() {
        let r = events([
            #"{"id":"chatcmpl-1","object":"chat.completion","created":1760428800,"model":"gpt-4o-2024-08-06","usage":{"prompt_tokens":1000,"completion_tokens":200,"prompt_tokens_details":{"cached_tokens":400},"completion_tokens_details":{"reasoning_tokens":50}}}"#
        ])
        let t = r.table
        #expect(t.count == 1)
        #expect(format(t, 0) == "openai-api")
        #expect(t.time == [1_760_428_800_000])
        #expect(t.inputTokens == [600])
        #expect(t.cacheReadTokens == [400])
        #expect(t.outputTokens == [200])
        #expect(t.reasoningTokens == [50])
        #expect(t.strings[t.model[0]] == "gpt-4o-2024-08-06")
    }

    @Test func responsesAPIObjectsAndCompletedEventsAreReadAndOneIdCountsOnce() {
        let body = #"{"id":"resp_1","object":"response","created_at":1760428800,"model":"o3","usage":{"input_tokens":500,"input_tokens_details":{"cached_tokens":100},"output_tokens":300,"output_tokens_details":{"reasoning_tokens":250}}}"#
        let r = events([body, #"{"type":"response.completed","response":"# + body + "}"])
        #expect(r.table.count == 1)
        #expect(r.table.inputTokens == [400])
        #expect(r.table.cacheReadTokens == [100])
        #expect(r.table.reasoningTokens == [250])
        #expect(r.accounts[0].duplicate == 1)
    }

    @Test func anthropicResponseWrappedWithATimeSplitsCacheWritesByLifetime() {
        let r = events([
            #"{"timestamp":"2025-10-14T10:00:00Z","user_id":"alice","response":{"id":"msg_1","type":"message","model":"claude-sonnet-4-5-20250929","usage":{"input_tokens":10,"output_tokens":20,"cache_read_input_tokens":1000,"cache_creation_input_tokens":300,"cache_creation":{"ephemeral_5m_input_tokens":100,"ephemeral_1h_input_tokens":200}}}}"#
        ])
        let t = r.table
        #expect(format(t, 0) == "anthropic-api")
        #expect(t.inputTokens == [10])
        #expect(t.cacheWrite5mTokens == [100])
        #expect(t.cacheWrite1hTokens == [200])
        #expect(t.strings[t.extras(0).user] == "alice")
    }

    @Test func anAnthropicResponseWithoutAnyTimeIsIgnoredWithItsReason() {
        let r = events([
            #"{"id":"msg_1","type":"message","model":"claude-haiku-4-5","usage":{"input_tokens":10,"output_tokens":20}}"#
        ])
        #expect(r.table.count == 0)
        #expect(r.accounts[0].malformed == 0)
        #expect(r.accounts[0].ignoredReasons[.noTimestamp] == 1)
    }

    @Test func usageRecordsKeepTheirDimensionsTimestampTextAndEveryCopy() {
        let record = #"{"timestamp":"2025-10-14T08:02:17.114523+00:00","agent_name":"writer","model":"gpt-4o-mini","prompt_tokens":100,"completion_tokens":50,"total_tokens":150,"cost":0,"latency_ms":288,"user_id":"u-1","department_id":"eng"}"#
        let r = events([record, record])
        let t = r.table
        #expect(t.count == 2)
        #expect(format(t, 0) == "usage-record")
        #expect(t.inputTokens == [100, 100])
        let e = t.extras(0)
        #expect(t.strings[e.agent] == "writer")
        #expect(t.strings[e.user] == "u-1")
        #expect(t.strings[e.department] == "eng")
        #expect(t.strings[e.rawTime] == "2025-10-14T08:02:17.114523+00:00")
        #expect(e.latencyMs == 288)
        #expect(e.written == [.costAsInteger, .latencyAsInteger])
        #expect(t.loggedCostUSD == [0, 0])
    }

    @Test func gatewaySessionsReadEveryKeyConventionAndKeepTheLargestSnapshot() {
        let r = events([
            #"{"sessions":[{"sessionId":"s1","model":"claude-opus-4-1","provider":"claude","updatedAt":"2025-10-14T03:00:00Z","usage":{"inputTokens":10,"outputTokens":5,"cacheReadTokens":7,"cost":{"total":0.5}},"messageCount":3},{"id":"s2","modelName":"gpt-4.1","provider":"openai","updated_at":"2025-10-14T03:10:00Z","tokens":{"input":7,"output":3,"cache_write":4}}]}"#,
            #"{"sessions":[{"sessionId":"s1","model":"claude-opus-4-1","provider":"claude","updatedAt":"2025-10-14T04:00:00Z","usage":{"input_tokens":0,"outputTokens":50},"input_tokens":20,"costUsd":0.9}]}"#,
        ])
        let t = r.table
        #expect(t.count == 2)
        let s1 = (0..<t.count).first { t.strings[t.session[$0]] == "s1" }!
        let s2 = (0..<t.count).first { t.strings[t.session[$0]] == "s2" }!
        // The second snapshot of s1 is larger (20 + 50 > 10 + 5 + 7); its zero `usage.input_tokens` falls
        // through to the top level, as the Pipeline service's `or` does.
        #expect(t.inputTokens[s1] == 20)
        #expect(t.outputTokens[s1] == 50)
        #expect(t.loggedCostUSD[s1] == 0.9)
        #expect(t.calls[s1] == 1)
        #expect(t.cacheWrite5mTokens[s2] == 4)
        #expect(t.strings[t.provider[s2]] == "openai")
        #expect(r.accounts[0].used == 2)
        #expect(r.accounts[0].duplicate == 0)
    }

    @Test func gatewayCostPrecedenceIsUsageCostTotalThenUsageCostThenFlatFields() {
        func cost(_ json: String) -> Double { GatewaySessionAdapter.explicitCost(parse(json)) }
        #expect(cost(#"{"usage":{"cost":{"total":1.5}},"cost":9}"#) == 1.5)
        #expect(cost(#"{"usage":{"cost":{"total":0}},"cost":9}"#) == 9)
        #expect(cost(#"{"usage":{"cost":2.5},"cost":9}"#) == 2.5)
        #expect(cost(#"{"usage":{"cost":"3"},"cost_usd":"4"}"#) == 4)
        #expect(cost(#"{"costUsd":0.25}"#) == 0.25)
        #expect(cost(#"{"usage":{}}"#) == 0)
    }

    @Test func liteLLMPromptTokensIncludeCachedOnesAndKeysGiveUserTeamAndAccount() {
        let r = events([
            #"{"request_id":"req-1","api_key":"hash1","spend":0.002,"prompt_tokens":20,"completion_tokens":10,"startTime":"2025-10-14T04:00:00Z","endTime":"2025-10-14T04:00:01.5Z","model":"gpt-4o","user":"bob","team_id":"sales","custom_llm_provider":"openai","metadata":{"additional_usage_values":{"prompt_tokens_details":{"cached_tokens":5}}}}"#,
            #"{"id":"req-2","response_cost":0.01,"prompt_tokens":100,"completion_tokens":1,"startTime":1760414400.5,"model":"claude-sonnet-4-5","metadata":{"user_api_key_hash":"hash2","user_api_key_team_id":"eng","user_api_key_user_id":"carol"},"response":{"usage":{"cache_read_input_tokens":30,"cache_creation_input_tokens":20}}}"#,
        ])
        let t = r.table
        #expect(t.count == 2)
        #expect(t.inputTokens.sorted() == [15, 50])
        let bob = (0..<2).first { t.strings[t.extras($0).user] == "bob" }!
        #expect(t.cacheReadTokens[bob] == 5)
        #expect(t.strings[t.extras(bob).department] == "sales")
        #expect(t.strings[t.extras(bob).account] == "hash1")
        #expect(t.extras(bob).latencyMs == 1500)
        let carol = 1 - bob
        #expect(t.strings[t.extras(carol).user] == "carol")
        #expect(t.cacheReadTokens[carol] == 30)
        #expect(t.cacheWrite5mTokens[carol] == 20)
        #expect(t.time[carol] == 1_760_414_400_500)
        #expect(format(t, 0) == "litellm")
    }

    @Test func geminiKeepsTheLastRecordPerMessageIdEvenWhenItIsSmaller() {
        let r = events([
            #"{"id":"g1","timestamp":"2025-10-14T05:00:00Z","type":"gemini","model":"gemini-2.5-pro","tokens":{"input":100,"output":10,"cached":20,"thoughts":5}}"#,
            #"{"id":"g1","timestamp":"2025-10-14T05:00:01Z","type":"gemini","model":"gemini-2.5-pro","tokens":{"input":100,"output":4,"cached":20,"thoughts":5}}"#,
            #"{"id":"u1","timestamp":"2025-10-14T05:00:02Z","type":"user","content":"hi"}"#,
        ])
        let t = r.table
        #expect(t.count == 1)
        #expect(t.inputTokens == [80])
        #expect(t.cacheReadTokens == [20])
        #expect(t.outputTokens == [9])
        #expect(t.reasoningTokens == [5])
        #expect(r.accounts[0].duplicate == 1)
        #expect(r.accounts[0].ignored == 1)
    }

    @Test func distriRowsAreTakenAsNamedWithThreadAndAgent() {
        let r = events([
            #"{"id":"r1","thread_id":"t1","agent_id":"a1","model":"gpt-4o","input_tokens":11,"output_tokens":22,"cached_tokens":3,"cost_usd":0.01,"created_at":"2025-10-14T06:00:00Z"}"#
        ])
        let t = r.table
        #expect(format(t, 0) == "distri")
        #expect((t.inputTokens, t.outputTokens, t.cacheReadTokens) == ([11], [22], [3]))
        #expect(t.strings[t.extras(0).thread] == "t1")
        #expect(t.strings[t.extras(0).agent] == "a1")
    }

    @Test func rateLimitHeadersBecomeObservationsWithTheMostUsedKindAndItsReset() {
        let r = events([
            #"{"timestamp":"2025-10-14T10:00:00Z","response":{"id":"chatcmpl-9","object":"chat.completion","model":"gpt-4o","usage":{"prompt_tokens":1,"completion_tokens":1}},"headers":{"X-RateLimit-Limit-Tokens":"30000","x-ratelimit-remaining-tokens":"12000","x-ratelimit-reset-tokens":"1m30s","x-ratelimit-limit-requests":"500","x-ratelimit-remaining-requests":"499","x-ratelimit-reset-requests":"6ms"}}"#,
            #"{"timestamp":"2025-10-14T11:00:00Z","response":{"id":"msg_9","type":"message","model":"claude-haiku-4-5","usage":{"input_tokens":1,"output_tokens":1}},"headers":{"anthropic-ratelimit-unified-5h-utilization":"0.42","anthropic-ratelimit-unified-5h-reset":"1760450400"}}"#,
        ])
        let limits = r.table.limits
        #expect(limits.count == 2)
        let header = limits.first { $0.window == .header }!
        #expect(header.usedPercent == 60)
        #expect(header.resetsAt == Timestamp.parse("2025-10-14T10:01:30Z"))
        #expect(r.table.strings[header.provider] == "openai")
        let unified = limits.first { $0.window == .primary }!
        #expect(unified.usedPercent == 42)
        #expect(unified.windowMinutes == 300)
        #expect(unified.resetsAt == 1_760_450_400_000)
        #expect(r.table.strings[unified.provider] == "anthropic")
        #expect(r.accounts[0].used == 2)
    }

    @Test func formatsMixInOneFileAndEveryLineIsAccountedForAtAnyThreadCount() {
        let lines = [
            #"{"id":"chatcmpl-1","object":"chat.completion","created":1760428800,"model":"gpt-4o","usage":{"prompt_tokens":10,"completion_tokens":2}}"#,
            Lines.claude(id: "msg_a"),
            #"{"timestamp":"2025-10-14T08:02:17+00:00","agent_name":"w","model":"gpt-4o-mini","prompt_tokens":1,"completion_tokens":1}"#,
            #"{"not":"usage"}"#,
            #"{"prompt_tokens": 5, "completion_tokens""#,
            "",
        ]
        for threads in [1, 2] {
            let r = events(lines, threads: threads)
            let a = r.accounts[0]
            #expect(r.table.count == 3)
            #expect(a.used == 3)
            #expect(a.ignored == 1)
            #expect(a.malformed == 1)
            #expect(a.lines == a.used + a.duplicate + a.ignored + a.malformed)
            #expect(Set(a.formats.map(\.name)) == ["openai-api", "claude-code", "usage-record"])
        }
    }

    @Test func documentParserBuildsTreesAndReportsInvalidJSON() {
        let p = JSONDocumentParser()
        let values = "{\"a\":[1,2.5,\"x\",null,true],\"b\":{\"c\":-3}} {\"d\":1}".utf8CString.withUnsafeBytes {
            p.parse(UnsafeRawBufferPointer(rebasing: $0.dropLast()))
        }
        #expect(values?.count == 2)
        #expect(values?[0]["a"] == .array([.int(1), .double(2.5), .string("x"), .null, .bool(true)]))
        #expect(values?[0]["b"]?["c"] == .int(-3))
        #expect("{\"a\":".utf8CString.withUnsafeBytes { p.parse(UnsafeRawBufferPointer(rebasing: $0.dropLast())) } == nil)
        // The handle is renewed after an error.
        #expect(parse(#"{"ok":1}"#)["ok"] == .int(1))
    }
}

/// One JSON value from text.
func parse(_ json: String) -> JSONValue {
    let p = JSONDocumentParser()
    return json.utf8CString.withUnsafeBytes { p.parse(UnsafeRawBufferPointer(rebasing: $0.dropLast()))!.first! }
}
