import Testing

@testable import UsageLensCore

@Suite struct ClaudeCodeAdapterTests {
    func events(_ lines: [String], path: String = "projects/-home-dev-app/s1.jsonl") -> IngestResult {
        let dir = TempDir()
        dir.write(path, lines: lines)
        return ingest(dir)
    }

    @Test func assistantUsageBecomesAnEventWithEveryColumn() {
        let r = events([Lines.user(), Lines.claude(id: "m1", session: "sess", input: 5, output: 7, cacheRead: 100, cacheCreation: 30, extra: ",\"costUSD\":0.5")])
        let t = r.table
        #expect(t.count == 1)
        #expect(t.strings[t.model[0]] == "claude-sonnet-4-5-20250929")
        #expect(t.strings[t.session[0]] == "sess")
        #expect(t.strings[t.project[0]] == "/home/dev/app")
        #expect(t.inputTokens[0] == 5)
        #expect(t.outputTokens[0] == 7)
        #expect(t.cacheReadTokens[0] == 100)
        #expect(t.cacheWrite5mTokens[0] == 30)
        #expect(t.cacheWrite1hTokens[0] == 0)
        #expect(t.loggedCostUSD[0] == 0.5)
        #expect(t.time[0] == Timestamp.parse("2025-10-14T09:00:00.000Z"))
        #expect(t.line[0] == 2)
        #expect(r.accounts[0].used == 1)
        #expect(r.accounts[0].ignored == 1)
        #expect(r.accounts[0].formats == [.claudeCode])
    }

    @Test func cacheWritesSplitByLifetime() {
        let r = events([
            Lines.claude(id: "a", cacheCreation: 3200, cache5m: 200, cache1h: 3000),
            Lines.claude(id: "b", cacheCreation: 500),
            // A split that explains less than the total: the rest counts as 5-minute writes.
            Lines.claude(id: "c", cacheCreation: 100, cache5m: 10, cache1h: 40),
        ])
        #expect(r.table.cacheWrite5mTokens == [200, 500, 60])
        #expect(r.table.cacheWrite1hTokens == [3000, 0, 40])
    }

    @Test func syntheticErrorAndZeroUsageLinesAreNotEvents() {
        let r = events([
            Lines.claude(id: "s", model: "<synthetic>", input: 0, output: 0),
            Lines.claude(id: "e", model: "<synthetic>", input: 0, output: 0, extra: ",\"isApiErrorMessage\":true"),
            Lines.claude(id: "z", input: 0, output: 0),
            Lines.claude(id: "ok"),
        ])
        #expect(r.table.count == 1)
        #expect(r.accounts[0].ignored == 3)
        #expect(r.accounts[0].used == 1)
    }

    @Test func streamedCopiesKeepTheMostCompleteAndTheMessageIdAloneIsTheKey() {
        let r = events([
            Lines.claude(id: "m1", output: 5),
            Lines.claude(id: "m1", output: 50),
            Lines.claude(id: "m1", output: 50),
            Lines.claude(id: "m2", requestId: nil, output: 1),
            Lines.claude(id: "m2", requestId: nil, output: 9),
            // One message id is one API response, whatever requestId a copy carries.
            Lines.claude(id: "m2", requestId: "other", output: 3),
        ])
        #expect(r.table.outputTokens == [50, 9])
        #expect(r.table.line == [2, 5])
        #expect(r.accounts[0].duplicate == 4)
        #expect(r.accounts[0].used == 2)
        #expect(r.duplicateEvents == 4)
    }

    @Test func aBtwSideQuestionReplayCountsOnceAsTheParentsCopy() {
        // ccusage PR #1155 / issue #913: the /btw sidechain replays the parent message under a new requestId,
        // carrying far more cache reads than the parent paid for; the parent's copy is kept, read first or not.
        let parent = Lines.claude(id: "msg-parent", requestId: "req-parent", input: 3, output: 10, cacheRead: 20)
        let replay = Lines.claude(
            id: "msg-parent", requestId: "req-sidechain-replay", input: 3, output: 10, cacheRead: 50000, sidechain: true)
        let answer = Lines.claude(id: "msg-sidechain-answer", requestId: "req-answer", output: 700, sidechain: true)
        for lines in [[parent, replay, answer], [replay, answer, parent]] {
            let r = events(lines)
            #expect(r.table.count == 2)
            #expect(r.table.cacheReadTokens.reduce(0, +) == 20)
            #expect(r.table.outputTokens.sorted() == [10, 700])
            #expect(r.accounts[0].duplicate == 1)
            #expect(r.accounts[0].used == 2)
        }
    }

    @Test func aTopLevelModelNamesTheModelWhenTheMessageDoesNot() {
        let line = #"{"sessionId":"s","model":"claude-opus-4-1","message":{"id":"m","usage":{"input_tokens":1,"output_tokens":2}},"type":"assistant","timestamp":"2025-10-14T09:00:00Z"}"#
        let r = events([line])
        #expect(r.table.strings[r.table.model[0]] == "claude-opus-4-1")
    }

    @Test func aMainChainCopyWinsOverASidechainCopyOnTies() {
        let r = events([Lines.claude(id: "m", sidechain: true), Lines.claude(id: "m", sidechain: false)])
        #expect(r.table.count == 1)
        #expect(r.table.line == [2])
        #expect(!r.table.flags[0].contains(.sidechain))
    }

    @Test func duplicatesAcrossFilesCountOnce() {
        let dir = TempDir()
        dir.write("projects/p/a.jsonl", lines: [Lines.claude(id: "m", output: 4)])
        dir.write("projects/p/b.jsonl", lines: [Lines.claude(id: "m", output: 4), Lines.claude(id: "n")])
        let r = ingest(dir, threads: 2)
        #expect(r.table.count == 2)
        #expect(r.accounts.map(\.duplicate) == [0, 1])
        #expect(r.accounts.map(\.used) == [1, 1])
    }

    @Test func theProjectFolderStandsInForAMissingCwd() {
        let line = #"{"sessionId":"s","message":{"id":"m","model":"claude-opus-4-1","usage":{"input_tokens":1,"output_tokens":2}},"type":"assistant","timestamp":"2025-10-14T09:00:00Z"}"#
        let r = events([line], path: "claude/projects/-home-dev-billing/s.jsonl")
        #expect(r.table.strings[r.table.project[0]] == "-home-dev-billing")
    }

    @Test func aUsageLineWithoutATimestampIsIgnoredWithAReasonNotMalformed() {
        let line = #"{"message":{"id":"m","model":"claude-opus-4-1","usage":{"input_tokens":1,"output_tokens":2}},"type":"assistant"}"#
        let r = events([line, Lines.claude(id: "ok")])
        #expect(r.table.count == 1)
        #expect(r.accounts[0].malformed == 0)
        #expect(r.accounts[0].ignoredReasons[.noTimestamp] == 1)
    }

    @Test func everyIgnoredLineHasItsReason() {
        let r = events([
            Lines.user(),
            #"{"type":"summary","summary":"x","leafUuid":"u"}"#,
            Lines.claude(id: "s", model: "<synthetic>", input: 0, output: 0),
            Lines.claude(id: "e", model: "<synthetic>", input: 0, output: 0, extra: ",\"isApiErrorMessage\":true"),
            Lines.claude(id: "z", input: 0, output: 0),
            Lines.claude(id: "ok"),
        ])
        let reasons = r.accounts[0].ignoredReasons
        #expect(reasons[.noUsageFields] == 2)
        #expect(reasons[.synthetic] == 1)
        #expect(reasons[.apiError] == 1)
        #expect(reasons[.zeroUsage] == 1)
        #expect(r.accounts[0].ignored == 5)
    }
}

@Suite struct ClaudeLimitMessageTests {
    @Test func aUsageLimitMessageBecomesAProviderNativeWindow() throws {
        let error = #"{"isSidechain":false,"sessionId":"s","message":{"id":"e1","model":"<synthetic>","role":"assistant","content":[{"type":"text","text":"Claude AI usage limit reached|1760443200"}],"usage":{"input_tokens":0,"output_tokens":0}},"type":"assistant","isApiErrorMessage":true,"timestamp":"2025-10-14T10:00:00Z"}"#
        let dir = TempDir()
        dir.write("projects/p/s.jsonl", lines: [Lines.claude(id: "m1", time: "2025-10-14T09:30:00Z"), error])
        let r = ingest(dir)
        #expect(r.table.count == 1)
        #expect(r.accounts[0].ignored == 1)
        let limit = try #require(r.table.limits.first)
        #expect(limit.resetsAt == Timestamp.parse("2025-10-14T12:00:00Z"))
        #expect(limit.usedPercent == 100)
        #expect(limit.line == 2)
        let priced = PricedEvents(r.table, prices: PriceTable.builtin(), mode: .calculate)
        let status = RuntimeStatus.compute(
            priced, rows: [0], provider: "anthropic", now: Timestamp.parse("2025-10-14T10:30:00Z")!, limits: WindowLimits())
        #expect(status.window.source == "provider_native")
        #expect(status.window.resetsAt == Timestamp.parse("2025-10-14T12:00:00Z"))
        #expect(status.window.usedPercent == 100)
    }

    @Test func errorLinesWithoutAResetAddNothing() {
        let error = #"{"message":{"id":"e2","model":"<synthetic>","content":[{"type":"text","text":"API Error: 500 overloaded"}],"usage":{"input_tokens":0,"output_tokens":0}},"type":"assistant","isApiErrorMessage":true,"timestamp":"2025-10-14T10:00:00Z"}"#
        let dir = TempDir()
        dir.write("projects/p/s.jsonl", lines: [error])
        #expect(ingest(dir).table.limits.isEmpty)
    }
}
