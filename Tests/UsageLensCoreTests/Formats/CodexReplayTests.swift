import Testing

@testable import UsageLensCore

/// Replays are not usage (DESIGN 3): the shapes of ccusage's codex loader tests (issues #876, #884, #1288, #950,
/// #1349) and of the rollouts codex-cli writes.
@Suite struct CodexReplayTests {
    static let path = "sessions/2026/05/12/rollout-2026-05-12T08-03-00-0199a0b1-aaaa-bbbb-cccc-123456789abc.jsonl"

    func events(_ lines: [String], path: String = path) -> IngestResult {
        let dir = TempDir()
        dir.write(path, lines: lines)
        return ingest(dir)
    }

    static func meta(_ payload: String, time: String = "2026-05-12T08:03:00.000Z") -> String {
        "{\"timestamp\":\"\(time)\",\"type\":\"session_meta\",\"payload\":{\(payload)}}"
    }

    @Test func aReEmittedTokenCountWithAnUnchangedTotalIsAReplay() {
        // codex writes the same reading again under a new timestamp; last_token_usage repeats too.
        let r = events([
            Lines.codexMeta(id: "s"), Lines.codexTurn(model: "gpt-5.5"),
            Lines.codexTokens(total: (100, 20, 10, 0), last: (100, 20, 10, 0), time: "2026-05-12T08:04:00.000Z"),
            Lines.codexTokens(total: (100, 20, 10, 0), last: (100, 20, 10, 0), time: "2026-05-12T08:04:01.000Z"),
            Lines.codexTokens(total: (300, 40, 30, 0), last: (200, 20, 20, 0), time: "2026-05-12T08:05:00.000Z"),
            Lines.codexTokens(total: (300, 40, 30, 0), last: (200, 20, 20, 0), time: "2026-05-12T08:06:00.000Z"),
        ])
        #expect(r.table.count == 2)
        #expect(r.table.inputTokens == [80, 180])
        #expect(r.table.outputTokens == [10, 20])
        #expect(r.accounts[0].ignoredReasons[.replay] == 2)
        #expect(r.accounts[0].used == 2)
    }

    @Test func aSubagentRolloutSkipsTheCopiedParentHistoryButKeepsItsBaseline() {
        // ccusage's 2026-05-12T08-03-00-subagent.jsonl fixture (PR #1218).
        let r = events([
            Self.meta(#""id":"subagent-abc","source":{"subagent":{"thread_spawn":{"parent_thread_id":"parent-xyz"}}}"#),
            Self.meta(#""id":"parent-xyz""#),
            Lines.codexTurn(model: "gpt-5", time: "2026-05-12T08:03:00.000Z"),
            Lines.codexTokens(total: (1000, 100, 200, 0), last: (1000, 100, 200, 0), time: "2026-05-12T08:03:00.000Z"),
            Lines.codexTokens(total: (1500, 150, 300, 0), last: (500, 50, 100, 0), time: "2026-05-12T08:03:00.000Z"),
            Lines.codexTokens(total: (1600, 160, 320, 0), last: nil, time: "2026-05-12T08:04:00.000Z"),
            Lines.codexTokens(total: (1650, 165, 330, 0), last: (50, 5, 10, 0), time: "2026-05-12T08:05:00.000Z"),
        ])
        #expect(r.table.count == 2)
        #expect(r.table.inputTokens == [90, 45])
        #expect(r.table.cacheReadTokens == [10, 5])
        #expect(r.table.outputTokens == [20, 10])
        // The child's own id names the session, not the parent's copied session_meta.
        #expect(r.table.strings[r.table.session[0]] == "subagent-abc")
        #expect(r.accounts[0].ignoredReasons[.replay] == 2)
    }

    @Test func aForkedRolloutSkipsTheCopiedHistory() {
        let r = events([
            Self.meta(#""id":"fork-abc","forked_from_id":"parent-xyz","cwd":"/w""#, time: "2026-05-12T08:02:00.000Z"),
            Self.meta(#""id":"parent-xyz","cwd":"/w""#, time: "2026-05-12T08:02:00.000Z"),
            Lines.codexTokens(total: (100, 0, 10, 0), last: (100, 0, 10, 0), time: "2026-05-12T08:02:00.120Z"),
            Lines.codexTokens(total: (150, 0, 15, 0), last: (50, 0, 5, 0), time: "2026-05-12T08:04:00.000Z"),
        ])
        #expect(r.table.inputTokens == [50])
        #expect(r.table.outputTokens == [5])
    }

    @Test func newerRolloutsNameTheParentAtTheTopLevel() {
        let r = events([
            Self.meta(#""id":"child","parent_thread_id":"p","thread_source":"subagent""#),
            Lines.codexTokens(total: (100, 0, 10, 0), last: (100, 0, 10, 0), time: "2026-05-12T08:03:00.500Z"),
            Lines.codexTokens(total: (170, 0, 17, 0), last: (70, 0, 7, 0), time: "2026-05-12T08:03:09.000Z"),
        ])
        #expect(r.table.inputTokens == [70])
    }

    @Test func aChildWithoutACopiedHistoryCountsEverything() {
        // Paginated history (codex 0.146+) refers to the parent instead of copying it: the child's first
        // reading comes after a model call, long after the child was made.
        let r = events([
            Self.meta(#""id":"child","forked_from_id":"p""#),
            Lines.codexTokens(total: (100, 0, 10, 0), last: (100, 0, 10, 0), time: "2026-05-12T08:03:04.000Z"),
        ])
        #expect(r.table.inputTokens == [100])
    }

    @Test func aRolloutThatIsNoChildNeverSkipsItsFirstSecond() {
        let r = events([
            Self.meta(#""id":"root""#),
            Lines.codexTokens(total: (100, 0, 10, 0), last: (100, 0, 10, 0), time: "2026-05-12T08:03:00.200Z"),
        ])
        #expect(r.table.inputTokens == [100])
    }

    @Test func aConcatenatedArchiveStartsEachRolloutAfresh() {
        // Two rollouts in one file: the second's totals start again from zero, under its own model.
        let r = events([
            Self.meta(#""id":"one""#), Lines.codexTurn(model: "o3"),
            Lines.codexTokens(total: (500, 0, 50, 0), last: nil, time: "2026-05-12T08:04:00.000Z"),
            Self.meta(#""id":"two""#, time: "2026-05-12T09:00:00.000Z"),
            Lines.codexTokens(total: (200, 0, 20, 0), last: nil, time: "2026-05-12T09:01:00.000Z"),
        ])
        #expect(r.table.inputTokens == [500, 200])
        #expect(r.table.strings[r.table.model[1]] == "gpt-5")
        #expect(r.table.strings[r.table.session[1]] == "two")
    }

    @Test func theReadingNamesTheModelWhenNoTurnContextDid() {
        let r = events([
            Lines.codexMeta(id: "s"),
            "{\"timestamp\":\"2026-05-12T08:04:00.000Z\",\"type\":\"event_msg\",\"payload\":{\"type\":\"token_count\",\"info\":{\"total_token_usage\":\(Lines.usage(10, 0, 1, 0)),\"last_token_usage\":\(Lines.usage(10, 0, 1, 0)),\"model\":\"gpt-5.5\"}}}",
        ])
        #expect(r.table.strings[r.table.model[0]] == "gpt-5.5")
        #expect(!r.table.flags[0].contains(.assumedModel))
    }

    @Test func aReadingWithoutATimestampIsIgnoredNotMalformed() {
        let r = events([
            Lines.codexMeta(id: "s"),
            "{\"type\":\"event_msg\",\"payload\":{\"type\":\"token_count\",\"info\":{\"last_token_usage\":\(Lines.usage(10, 0, 1, 0))}}}",
        ])
        #expect(r.table.count == 0)
        #expect(r.accounts[0].malformed == 0)
        #expect(r.accounts[0].ignoredReasons[.noTimestamp] == 1)
    }

    @Test func aMalformedLineChangesNoState() {
        // The turn_context and the token_count are torn after their object closed: neither may re-price or
        // move the baseline of what follows.
        let r = events([
            Lines.codexMeta(id: "s"), Lines.codexTurn(model: "gpt-5-codex"),
            Lines.codexTokens(total: (100, 0, 10, 0), last: nil, time: "2026-05-12T08:04:00.000Z"),
            Lines.codexTurn(model: "wrong-model") + "}",
            Lines.codexTokens(total: (300, 0, 30, 0), last: nil, time: "2026-05-12T08:05:00.000Z") + "]",
            Lines.codexTokens(total: (300, 0, 30, 0), last: nil, time: "2026-05-12T08:06:00.000Z"),
        ])
        #expect(r.accounts[0].malformed == 2)
        #expect(r.table.inputTokens == [100, 200])
        #expect(r.table.strings[r.table.model[1]] == "gpt-5-codex")
    }
}
