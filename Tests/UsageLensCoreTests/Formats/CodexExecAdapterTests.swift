import Foundation
import Testing

@testable import UsageLensCore

/// `codex exec --json` event streams (codex-rs/exec/src/exec_events.rs).
@Suite struct CodexExecAdapterTests {
    static let stream = [
        #"{"type":"thread.started","thread_id":"019a2d7a-41c4-78b1-b7cc-a45d62a89cd5"}"#,
        #"{"type":"turn.started"}"#,
        #"{"type":"item.completed","item":{"id":"item_0","type":"reasoning","text":"**Providing simple answer**"}}"#,
        #"{"type":"item.completed","item":{"id":"item_1","type":"agent_message","text":"4"}}"#,
        #"{"type":"turn.completed","usage":{"input_tokens":2946,"cached_input_tokens":2048,"output_tokens":7}}"#,
        #"{"type":"turn.started"}"#,
        #"{"type":"turn.completed","usage":{"input_tokens":3100,"cached_input_tokens":2944,"output_tokens":30,"reasoning_output_tokens":12}}"#,
    ]

    @Test func eachCompletedTurnIsAnEventPlacedAtTheFilesModificationTime() throws {
        let dir = TempDir()
        let path = dir.write("ci/codex-exec.jsonl", lines: Self.stream)
        let mtime = Date(timeIntervalSince1970: 1_760_443_200)  // 2025-10-14T12:00:00Z
        try FileManager.default.setAttributes([.modificationDate: mtime], ofItemAtPath: path)
        let r = ingest(dir)
        let t = r.table
        #expect(t.count == 2)
        #expect(t.inputTokens == [898, 156])
        #expect(t.cacheReadTokens == [2048, 2944])
        #expect(t.outputTokens == [7, 30])
        #expect(t.reasoningTokens == [0, 12])
        #expect(Array(t.time) == [1_760_443_200_000, 1_760_443_200_000])
        #expect(t.strings[t.session[0]] == "019a2d7a-41c4-78b1-b7cc-a45d62a89cd5")
        #expect(t.strings[t.model[0]] == "gpt-5")
        #expect(t.flags[0].contains(.assumedModel))
        #expect(r.accounts[0].formats == [.codexExec])
        #expect(r.accounts[0].used == 2)
        #expect(r.accounts[0].ignored == 5)
        #expect(r.accounts[0].malformed == 0)
    }

    @Test func aThreadTimestampWinsAndACopyCountsOnce() throws {
        var lines = Self.stream
        lines[0] = #"{"type":"thread.started","thread_id":"t-1","timestamp":"2026-01-02T03:04:05Z"}"#
        let dir = TempDir()
        dir.write("a/run.jsonl", lines: lines)
        dir.write("b/run-copy.jsonl", lines: lines)
        let r = ingest(dir)
        #expect(r.table.count == 2)
        #expect(Array(r.table.time) == [Timestamp.parse("2026-01-02T03:04:05Z")!, Timestamp.parse("2026-01-02T03:04:05Z")!])
        #expect(r.accounts.map(\.duplicate) == [0, 2])
    }

    @Test func standardInputHasNoTimeSoItsTurnsAreIgnoredWithTheReason() {
        var context = IngestContext()
        context.startFile(index: 0, path: "-")
        let value = JSONValue.object([("type", .string("turn.completed")), ("usage", .object([("input_tokens", .int(5))]))])
        var state = CodexExecAdapter.FileState()
        #expect(CodexExecAdapter.read(value, state: &state, &context) == .ignored(.noTimestamp))
        #expect(state.turns == 1)
    }
}
