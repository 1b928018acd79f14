import Foundation
import Testing

@testable import UsageLensCore

@Suite struct FormatRegistryTests {
    @Test func everyFormatHasItsCodeAndNameOnce() {
        let formats = FormatRegistry.formats.map(\.format)
        #expect(Set(formats.map(\.rawValue)).count == formats.count)
        #expect(Set(formats.map(\.name)).count == formats.count)
        // The codes are stored in the format column: a format keeps its code (a new one takes a new code).
        let named = Dictionary(uniqueKeysWithValues: formats.map { ($0.name, $0.rawValue) })
        let kept: [String: UInt8] = [
            "claude-code": 1, "codex": 2, "openai-api": 3, "anthropic-api": 4, "usage-record": 5,
            "gateway-session": 6, "litellm": 7, "gemini-cli": 8, "distri": 9, "codex-exec": 10,
        ]
        for (name, code) in kept { #expect(named[name] == code, "\(name)") }
        for format in formats { #expect(LogFormat(rawValue: format.rawValue) == format) }
        #expect(LogFormat(rawValue: 0) == nil)
        #expect(LogFormat(rawValue: 200) == nil)
    }

    @Test func needlesAreDerivedOnceInRegistryOrder() {
        #expect(FormatRegistry.needles == ["\"usage\"", "token_count", "turn_context", "session_meta", "\"thread_id\"", "kens\""])
        #expect(FormatRegistry.statefulNeedles == ["token_count", "turn_context", "session_meta", "\"thread_id\""])
        #expect(FormatRegistry.statefulFormats == [.codex, .codexExec])
    }

    @Test func slotsWithTheSameKeyPathsAreShared() {
        let names = FormatRegistry.slotNames
        #expect(names.count <= CapturedRecord.maxSlots)
        #expect(Set(names).count == names.count)
        // Claude Code and Codex both read `type` and `timestamp`: one slot each.
        #expect(FormatRegistry.keyPaths.filter { $0.0 == ["type"] }.count == 1)
        #expect(FormatRegistry.keyPaths.filter { $0.0 == ["timestamp"] }.count == 1)
        // Every key path fills one slot.
        let paths = FormatRegistry.keyPaths.map(\.0)
        #expect(Set(paths).count == paths.count)
        // A slot several paths fill: the message fields of a Claude Code `progress` line.
        let id = FormatRegistry.slot(keyPath: ["message", "id"])
        #expect(id != nil && id == FormatRegistry.slot(keyPath: ["data", "message", "message", "id"]))
    }

    @Test func perFileStatesAreValuesThatRoundTrip() throws {
        var state = CodexAdapter.FileState()
        state.model = 3
        state.previous = CodexAdapter.Totals(input: 10, cached: 4, output: 2, reasoning: 1)
        state.replayUntil = 1_700_000_000_000
        let copy = try JSONDecoder().decode(CodexAdapter.FileState.self, from: JSONEncoder().encode(state))
        #expect(copy == state)
        #expect(copy != CodexAdapter.FileState())
    }

    @Test func theFastPathListOffersARecordToItsFormatsInOrder() {
        let parser = FormatRegistry.makeLineParser()
        var context = IngestContext()
        var states = FormatRegistry.keyPathFormats.initialStates
        var answers: [String] = []
        parser.onRecord = { record in
            let answer = FormatRegistry.keyPathFormats.read(
                record, line: UnsafeRawBufferPointer(start: nil, count: 0), states: &states, &context)
            answers.append(answer.map { "\($0.0.name) \($0.1)" } ?? "none")
        }
        for line in [
            Lines.claude(id: "msg_1", input: 1, output: 2),
            #"{"type":"user","sessionId":"s","message":{"content":"hi"}}"#,
            #"{"type":"turn_context","timestamp":"2025-10-14T09:00:00Z","payload":{"model":"gpt-5"}}"#,
            #"{"type":"response_item","timestamp":"2025-10-14T09:00:00Z","payload":{"type":"message"}}"#,
            #"{"object":"chat.completion","usage":{"prompt_tokens":1}}"#,
        ] {
            var copy = line
            _ = copy.withUTF8 { parser.parseLine(UnsafeRawBufferPointer($0)) }
        }
        #expect(answers == [
            "claude-code events(1)", "claude-code passed", "codex ignored(UsageLensCore.IgnoreReason.notAnEvent)",
            "codex passed", "none",
        ])
    }
}
