import Testing

@testable import UsageLensCore

@Suite struct CodexAdapterTests {
    static let path = "sessions/2025/10/14/rollout-2025-10-14T10-00-00-0199a0b1-aaaa-bbbb-cccc-123456789abc.jsonl"

    func events(_ lines: [String], path: String = path) -> IngestResult {
        let dir = TempDir()
        dir.write(path, lines: lines)
        return ingest(dir)
    }

    @Test func lastTokenUsageIsTheDeltaWithCachedInputSplitOff() {
        let r = events([
            Lines.codexMeta(id: "sess-1"),
            Lines.codexTurn(model: "gpt-5-codex"),
            Lines.codexTokens(total: nil, last: nil, info: false),
            Lines.codexTokens(total: (1000, 800, 50, 20), last: (1000, 800, 50, 20), time: "2025-10-14T10:01:00Z"),
            Lines.codexTokens(total: (2500, 2000, 80, 30), last: (1500, 1200, 30, 10), time: "2025-10-14T10:02:00Z"),
        ])
        let t = r.table
        #expect(t.count == 2)
        #expect(t.inputTokens == [200, 300])
        #expect(t.cacheReadTokens == [800, 1200])
        #expect(t.outputTokens == [50, 30])
        #expect(t.reasoningTokens == [20, 10])
        #expect(t.strings[t.model[0]] == "gpt-5-codex")
        #expect(t.strings[t.session[0]] == "sess-1")
        #expect(t.strings[t.project[0]] == "/home/dev/cli")
        #expect(r.accounts[0].ignored == 3)
        #expect(r.accounts[0].used == 2)
    }

    @Test func withoutLastTokenUsageTotalsAreDifferencedAndZeroDeltasSkipped() {
        let r = events([
            Lines.codexTurn(model: "gpt-5"),
            Lines.codexTokens(total: (100, 50, 10, 5), last: nil, time: "2025-10-14T10:01:00Z"),
            Lines.codexTokens(total: (100, 50, 10, 5), last: nil, time: "2025-10-14T10:02:00Z"),
            Lines.codexTokens(total: (300, 120, 25, 5), last: nil, time: "2025-10-14T10:03:00Z"),
            // A total that went down (a reset) clamps at zero per field.
            Lines.codexTokens(total: (250, 130, 30, 6), last: nil, time: "2025-10-14T10:04:00Z"),
        ])
        #expect(r.table.inputTokens == [50, 130, 0])
        #expect(r.table.cacheReadTokens == [50, 70, 10])
        #expect(r.table.outputTokens == [10, 15, 5])
        #expect(r.accounts[0].ignored == 2)
    }

    @Test func theModelFollowsTheLastTurnContextAndDefaultsToGpt5() {
        let r = events([
            Lines.codexTokens(total: (10, 0, 1, 0), last: (10, 0, 1, 0), time: "2025-10-14T10:01:00Z"),
            Lines.codexTurn(model: "gpt-5-codex"),
            Lines.codexTokens(total: (20, 0, 2, 0), last: (10, 0, 1, 0), time: "2025-10-14T10:02:00Z"),
            Lines.codexTurn(model: "o3"),
            Lines.codexTokens(total: (30, 0, 3, 0), last: (10, 0, 1, 0), time: "2025-10-14T10:03:00Z"),
        ])
        let t = r.table
        #expect((0..<3).map { t.strings[t.model[$0]] } == ["gpt-5", "gpt-5-codex", "o3"])
        #expect(t.flags[0].contains(.assumedModel))
        #expect(!t.flags[1].contains(.assumedModel))
        // Without session_meta the session is the uuid in the file name.
        #expect(t.strings[t.session[0]] == "0199a0b1-aaaa-bbbb-cccc-123456789abc")
    }

    @Test func exactRepeatsAndCopiedSessionsCountOnce() {
        let lines = [
            Lines.codexMeta(id: "s"), Lines.codexTurn(model: "gpt-5-codex"),
            Lines.codexTokens(total: (10, 0, 1, 0), last: (10, 0, 1, 0), time: "2025-10-14T10:01:00Z"),
            Lines.codexTokens(total: (10, 0, 1, 0), last: (10, 0, 1, 0), time: "2025-10-14T10:01:00Z"),
        ]
        let dir = TempDir()
        dir.write("a/rollout-1.jsonl", lines: lines)
        dir.write("b/rollout-1-copy.jsonl", lines: lines)
        let r = ingest(dir, threads: 2)
        #expect(r.table.count == 1)
        // The repeat in each file is a replay (an unchanged total); the copied file's reading is a duplicate.
        #expect(r.accounts.map(\.duplicate) == [0, 1])
        #expect(r.accounts.map { $0.ignoredReasons[.replay] } == [1, 1])
    }

    @Test func rateLimitsAreKeptAsObservationsAndPlaceholdersDropped() {
        let limits = #"{"primary":{"used_percent":12.5,"window_minutes":299,"resets_in_seconds":600},"secondary":{"used_percent":40.0,"window_minutes":10079,"resets_at":1760500000}}"#
        let placeholder = #"{"primary":{"used_percent":0.0,"window_minutes":0},"secondary":{"used_percent":0,"window_minutes":0}}"#
        let r = events([
            Lines.codexTokens(total: nil, last: nil, time: "2025-10-14T10:00:00Z", info: false, rateLimits: placeholder),
            Lines.codexTokens(total: nil, last: nil, time: "2025-10-14T10:01:00Z", info: false, rateLimits: limits),
        ])
        #expect(r.table.limits.count == 2)
        let primary = r.table.limits[0]
        #expect(primary.window == .primary)
        #expect(primary.usedPercent == 12.5)
        #expect(primary.windowMinutes == 299)
        #expect(primary.resetsAt == Timestamp.parse("2025-10-14T10:11:00Z"))
        #expect(primary.line == 2)
        #expect(r.table.limits[1].resetsAt == 1_760_500_000_000)
        #expect(r.accounts[0].ignored == 2)
    }
}
