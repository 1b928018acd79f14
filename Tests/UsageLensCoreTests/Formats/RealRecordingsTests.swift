import Foundation
import Testing

@testable import UsageLensCore

/// Real recordings from public repositories (`Tests/Fixtures/real/`, provenance in its PROVENANCE.md), against
/// the numbers their own projects assert, or a documented, deliberate difference (docs/differences.md).
@Suite struct RealRecordingsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/real").path

    struct Sums: Equatable, CustomStringConvertible {
        var events = 0, input: Int64 = 0, output: Int64 = 0, cacheRead: Int64 = 0, cacheWrite: Int64 = 0
        var reasoning: Int64 = 0
        var description: String {
            "events \(events) input \(input) output \(output) cacheRead \(cacheRead) cacheWrite \(cacheWrite) reasoning \(reasoning)"
        }
    }

    func read(_ names: [String]) throws -> IngestResult {
        let files = try InputDiscovery.discover(names.map { Self.root + "/" + $0 })
        return Ingestor.run(files, options: IngestOptions(threads: 2))
    }

    func sums(_ r: IngestResult) -> Sums {
        let t = r.table
        var s = Sums(events: t.count)
        for i in 0..<t.count {
            s.input += t.inputTokens[i]
            s.output += t.outputTokens[i]
            s.cacheRead += t.cacheReadTokens[i]
            s.cacheWrite += t.cacheWrite5mTokens[i] + t.cacheWrite1hTokens[i]
            s.reasoning += t.reasoningTokens[i]
        }
        return s
    }

    /// Every line accounted for, and nothing malformed in a file its tool wrote.
    func wellFormed(_ r: IngestResult) -> Bool {
        r.accounts.allSatisfy { $0.malformed == 0 && $0.fileErrors.isEmpty && $0.used + $0.duplicate + $0.ignored == $0.lines }
    }

    // MARK: Claude Code

    @Test func entireCheckpointOpus46EqualsEntiresOwnMetadata() throws {
        // entireio/cli's metadata.json: input 7, cache_creation 13211, cache_read 136049, output 805, 5 API calls.
        let r = try read(["claude-code/entire-checkpoints__v2.1.38-opus-4-6__68e0ff0d6706-0-full.jsonl"])
        #expect(sums(r) == Sums(events: 5, input: 7, output: 805, cacheRead: 136049, cacheWrite: 13211))
        #expect(r.table.strings[r.table.model[0]] == "claude-opus-4-6")
        #expect(wellFormed(r))
    }

    @Test func codemieBedrockSessionGivesItsNineDeltas() throws {
        // codemie's metrics-processor.test.ts: 9 deltas, "7 main (with streaming chunk deduplication) + 2 agent
        // files". (Its expected-metrics.jsonl golden sums every raw line without dedup: we do not.)
        let r = try read([
            "claude-code/codemie__bedrock__4c2ddfdc-b619-4525-8d03-1950fb1b0257.jsonl",
            "claude-code/codemie__bedrock-sidechain__agent-36541525.jsonl",
            "claude-code/codemie__bedrock-sidechain__agent-50243ee8.jsonl",
        ])
        #expect(r.table.count == 9)
        #expect(r.accounts.map(\.events) == [1, 1, 7])
        // agent-50243ee8 as the golden records it: input 16878, output 237, on Bedrock's haiku.
        let agent = (0..<r.table.count).first { r.table.file[$0] == 1 }!
        #expect(r.table.inputTokens[agent] == 16878)
        #expect(r.table.outputTokens[agent] == 237)
        #expect(r.table.strings[r.table.model[agent]] == "converse/jp.anthropic.claude-haiku-4-5-20251001-v1:0")
        #expect(wellFormed(r))
    }

    @Test func agtraceClaudeSessionCountsEachStreamedMessageOnce() throws {
        // agtrace's snapshot has 7 token_usage events (one streamed message twice: outputs 8 and 436), uncached
        // 84, cached 105688 (cache reads only), output 852. Deliberately: one event per message, and cache
        // writes counted.
        let r = try read(["claude-code/agtrace__claude_session.jsonl"])
        #expect(sums(r) == Sums(events: 6, input: 74, output: 844, cacheRead: 93553, cacheWrite: 5158))
        #expect(r.accounts[0].duplicate == 7)
        #expect(wellFormed(r))
    }

    @Test func claudeCodeViewerInlineSidechainsCountEveryRequestOnce() throws {
        // No token assertion upstream; the sums of SUMS.md (one copy per message id, 10 of them sidechains).
        let r = try read(["claude-code/claude-code-viewer__inline-sidechain__5c0375b4-57a5-4f26-b12d-d022ee4e51b7.jsonl"])
        #expect(sums(r) == Sums(events: 20, input: 129, output: 3629, cacheRead: 324259, cacheWrite: 47747))
        #expect((0..<r.table.count).filter { r.table.flags[$0].contains(.sidechain) }.count == 10)
        #expect(wellFormed(r))
    }

    // MARK: Codex

    @Test func agtraceCodexSessionSkipsItsSixReEmittedReadings() throws {
        // agtrace's snapshot: 7 token_usage events, cached 22912, uncached 3828, output 408, reasoning 128.
        let r = try read(["codex/agtrace__reemit__codex_session.jsonl"])
        #expect(sums(r) == Sums(events: 7, input: 3828, output: 408, cacheRead: 22912, reasoning: 128))
        #expect(r.accounts[0].ignoredReasons[.replay] == 6)
        #expect(wellFormed(r))
    }

    @Test func localpushGoldenSessionsEqualTheirFinalTotals() throws {
        // localpush's expected/codex-sessions.json (input includes the cached part there).
        let reemit = try read(["codex/localpush__reemit-sanitized__rollout-2026-02-23T20-34-25-019c8bfe-ec25-79e0-97d7-bda6a9c575ff.jsonl"])
        let s = sums(reemit)
        #expect(s.input + s.cacheRead == 298373)
        #expect(s.cacheRead == 238848)
        #expect(s.output == 1123)
        #expect(s.reasoning == 483)
        #expect(reemit.accounts[0].ignoredReasons[.replay] == 5)
        let normal = try read(["codex/localpush__normal-sanitized__rollout-2026-02-23T13-19-38-019c8a70-dda7-7f33-98ea-f30553347322.jsonl"])
        #expect(sums(normal) == Sums(events: 1, input: 34469 - 3456, output: 431, cacheRead: 3456, reasoning: 264))
        #expect(wellFormed(reemit) && wellFormed(normal))
    }

    @Test func subagentRolloutsAndSchemaSamplesAreWellFormed() throws {
        let r = try read([
            "codex/agtrace__subagent-parent__rollout-parent-019b88e0.jsonl",
            "codex/agtrace__subagent-review__rollout-subagent-019b88e5.jsonl",
            "codex/agent-sessions__trimmed-schema-sample__stage0-codex-small.jsonl",
        ])
        // The review subagent and its parent hold no readings; the schema sample one real one (16341 input,
        // 3584 cached) among session_meta lines of every kind.
        #expect(sums(r) == Sums(events: 1, input: 16341 - 3584, output: 81, cacheRead: 3584, reasoning: 63))
        #expect(wellFormed(r))
    }

    @Test func codexExecJSONStreamsInATerminalTranscriptGiveTheirTurns() throws {
        // memex_cli's capture of `codex exec --json` runs amid PowerShell output: the two turn.completed events
        // (14404/0/44 and 47043/45184/475 input/cached/output); the transcript's other text is not JSON.
        let r = try read(["codex-exec/memex_cli__terminal-transcript-with-exec-json__codex_out.txt"])
        #expect(sums(r) == Sums(events: 2, input: 14404 + 47043 - 45184, output: 44 + 475, cacheRead: 45184))
        #expect(Set((0..<2).map { r.table.strings[r.table.session[$0]] })
            == ["019b5adf-58b7-7322-9ed7-9ec4485646e0", "019b5ac5-cd77-7b12-abdd-c17e9e7aab3a"])
        #expect(r.accounts[0].formats == [.codexExec])
        #expect(r.accounts[0].malformed > 0)
    }

    // MARK: Gemini CLI

    @Test func agtraceGeminiSessionJSONIsReadAsOneDocument() throws {
        // agtrace's snapshot: 7 events, cached 43377, "uncached" 67273 (that is tokens.input, which includes the
        // cached part), output 300, reasoning 377 (our output includes thoughts).
        let r = try read(["gemini/agtrace__session-json__gemini_session.json"])
        #expect(sums(r) == Sums(events: 7, input: 67273 - 43377, output: 300 + 377, cacheRead: 43377, reasoning: 377))
        #expect(wellFormed(r))
    }

    @Test func codemieGeminiSessionNamesItsModelAndSession() throws {
        // codemie's gemini-metrics-processor.test.ts: every delta's model gemini-3-pro, session 37b7abef-...
        let r = try read(["gemini/codemie__session-json__session-2026-01-16T11-01-file-ops-37b7abef.json"])
        #expect(r.table.count > 0)
        #expect((0..<r.table.count).allSatisfy { r.table.strings[r.table.model[$0]] == "gemini-3-pro" })
        #expect((0..<r.table.count).allSatisfy {
            r.table.strings[r.table.session[$0]] == "37b7abef-713d-4522-85f0-8ff15a4e6d17"
        })
        #expect(wellFormed(r))
    }

    @Test func geminiJSONLChatsAreReadLineByLine() throws {
        let r = try read(["gemini/agent-sessions__jsonl-sanitized-sample__jsonl_v040.jsonl"])
        #expect(r.table.count == 2)
        #expect(wellFormed(r))
    }
}
