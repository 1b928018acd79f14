import Testing

@testable import UsageLensCore

/// Files that are one JSON document over many lines (DESIGN 3): an older Gemini CLI `session-*.json`, a JSON
/// array of records, a pretty-printed response.
@Suite struct DocumentFileTests {
    static let path = "gemini/tmp/0c9e/chats/session-2025-10-15T09-41-fc6b3429.json"

    /// A session as Gemini CLI before 0.39 wrote it: `JSON.stringify(conversation, null, 2)`.
    static func geminiSession(messages: Int, tornAt: Int? = nil) -> [String] {
        var lines = [
            "{", #"  "sessionId": "fc6b3429-1f0e-4c1e-9a53-0d0c0f3e2a11","#, #"  "projectHash": "0c9e","#,
            #"  "startTime": "2025-10-15T09:41:00.000Z","#, #"  "lastUpdated": "2025-10-15T10:41:00.000Z","#,
            #"  "messages": ["#,
        ]
        for i in 0..<messages {
            lines += [
                "    {", #"      "id": "u\#(i)","#, #"      "timestamp": "2025-10-15T09:4\#(i % 10):00.000Z","#,
                #"      "type": "user","#, #"      "content": "question \#(i)""#, "    },",
                "    {", #"      "id": "g\#(i)","#, #"      "timestamp": "2025-10-15T09:4\#(i % 10):30.000Z","#,
                #"      "type": "gemini","#, #"      "content": "answer with \"tokens\": {\"input\": 1}","#,
                #"      "thoughts": [{"subject": "s", "description": "d", "timestamp": "2025-10-15T09:41:01.000Z"}],"#,
                #"      "tokens": {"#, #"        "input": 1000,"#, #"        "output": 50,"#, #"        "cached": 400,"#,
                #"        "thoughts": 7,"#, #"        "tool": 0,"#, #"        "total": 1057"#, "      },",
                #"      "model": "gemini-2.5-pro""#, i == messages - 1 ? "    }" : "    },",
            ]
        }
        lines += ["  ]", "}"]
        if let tornAt { lines = Array(lines[0..<tornAt]) }
        return lines
    }

    func run(_ lines: [String], path: String = path, chunking: Chunking = .whole, buffer: Int = 1 << 20) -> IngestResult {
        let dir = TempDir()
        dir.write(path, lines: lines)
        return ingest(dir, chunking: chunking, bufferCapacity: buffer)
    }

    static func accountsAddUp(_ a: FileAccount) -> Bool { a.used + a.duplicate + a.ignored + a.malformed == a.lines }

    @Test(arguments: Chunking.allCases)
    func anOlderGeminiSessionIsReadAsOneDocument(chunking: Chunking) {
        let lines = Self.geminiSession(messages: 3)
        for buffer in [1 << 20, 48] {  // 48 bytes: most lines arrive in pieces
            let r = run(lines, chunking: chunking, buffer: buffer)
            let a = r.accounts[0]
            #expect(r.table.count == 3)
            #expect(r.table.inputTokens == [600, 600, 600])
            #expect(r.table.cacheReadTokens == [400, 400, 400])
            #expect(r.table.outputTokens == [57, 57, 57])
            #expect(r.table.strings[r.table.session[0]] == "fc6b3429-1f0e-4c1e-9a53-0d0c0f3e2a11")
            #expect(a.malformed == 0)
            #expect(a.lines == lines.count)
            #expect(a.used == 3)
            #expect(Self.accountsAddUp(a))
            #expect(a.formats == [.gemini])
            // Each event is placed on the line its message starts on.
            #expect(Array(r.table.line) == [13, 35, 57].map(UInt32.init))
        }
    }

    @Test func aTornDocumentKeepsWhatCameBeforeTheCut() {
        let lines = Self.geminiSession(messages: 3, tornAt: 40)
        let r = run(lines)
        let a = r.accounts[0]
        #expect(r.table.count == 1)
        #expect(a.malformed >= 1)
        #expect(a.errors.first?.line == 40)
        #expect(Self.accountsAddUp(a))
    }

    @Test func aJSONArrayOfRecordsIsReadElementByElement() {
        let records = [
            #"{"timestamp":"2025-10-15T10:00:00Z","agent_name":"a","model":"gpt-4o","prompt_tokens":10,"completion_tokens":5,"cost":0.01},"#,
            #"{"timestamp":"2025-10-15T10:01:00Z","agent_name":"a","model":"gpt-4o","prompt_tokens":20,"completion_tokens":6,"cost":0.02}"#,
        ]
        let r = run(["["] + records + ["]"], path: "records.json")
        #expect(r.table.inputTokens == [10, 20])
        #expect(r.accounts[0].used == 2)
        #expect(r.accounts[0].ignored == 2)
        #expect(Self.accountsAddUp(r.accounts[0]))
    }

    @Test func aPrettyPrintedClaudeAndCodexStreamIsReadToo() {
        // `jq .` over a session file: every format's records come out of a document the same way.
        let claude = Lines.claude(id: "m1", input: 3, output: 4)
        let pretty = ["{", #"  "type": "assistant","#, #"  "sessionId": "s1","#, #"  "timestamp": "2025-10-14T09:00:00.000Z","#,
                      #"  "message": {"id": "m1", "model": "claude-sonnet-4-5", "usage": {"input_tokens": 3, "output_tokens": 4}}"#, "}"]
        let r = run(pretty + pretty, path: "projects/p/s1.json")
        #expect(r.table.count == 1)
        #expect(r.accounts[0].duplicate == 1)
        _ = claude
    }

    @Test func aJSONLFileWhoseFirstLineIsABareBraceLosesOnlyThatLine() {
        // A torn first record that happens to be a lone `{`: the document fails on line 2, which is read again.
        let r = run(["{", Lines.claude(id: "m1"), Lines.claude(id: "m2")], path: "projects/p/s.jsonl")
        #expect(r.table.count == 2)
        #expect(r.accounts[0].malformed == 1)
        #expect(r.accounts[0].errors.first?.line == 1)
        #expect(Self.accountsAddUp(r.accounts[0]))
    }

    @Test func aDocumentIsNeverSplitAcrossWorkers() {
        let dir = TempDir()
        dir.write(Self.path, lines: Self.geminiSession(messages: 40))
        let one = ingest(dir, threads: 1)
        let split = ingest(dir, threads: 2, splitThreshold: 1024)
        #expect(one.table.count == 40)
        #expect(split.table.count == 40)
        #expect(split.accounts[0].malformed == 0)
    }
}

/// Lines that only the tree parser reads in full (DESIGN 3 and 7: a broken line is malformed whoever notices).
@Suite struct BrokenDocumentLineTests {
    func run(_ lines: [String], threads: Int = 1) -> IngestResult {
        let dir = TempDir()
        dir.write("api/s.jsonl", lines: lines)
        return ingest(dir, threads: threads)
    }

    static let good = #"{"object":"chat.completion","id":"c1","created":1760430000,"model":"gpt-4o","usage":{"prompt_tokens":10,"completion_tokens":20}}"#

    @Test(arguments: [
        #","system_fingerprint":NaN}"#, ",\"system_fingerprint\":\"fp_\u{01}abc\"}", ",\"x\":\"a\u{00}b\"}", #","x":[}"#,
    ])
    func invalidJSONInAMemberNoFormatReadsIsMalformed(tail: String) {
        let broken = String(Self.good.dropLast()).replacingOccurrences(of: "\"c1\"", with: "\"c2\"") + tail
        let r = run([Self.good, broken])
        #expect(r.table.count == 1)
        #expect(r.accounts[0].malformed == 1)
        #expect(r.accounts[0].errors.first?.line == 2)
    }

    @Test func aDeeplyNestedLineIsMalformedAndTheRunGoesOn() {
        let deep = "{\"prompt_tokens\":1,\"x\":" + String(repeating: "[", count: 40_000) + String(repeating: "]", count: 40_000) + "}"
        let r = run([deep, Self.good])
        #expect(r.table.count == 1)
        #expect(r.accounts[0].malformed == 1)
        #expect(r.accounts[0].errors.first?.message == "JSON nested deeper than 512 levels")
    }

    @Test func aLineOfFormFeedsIsMalformedWhateverCameBefore() {
        // The handle used to carry over: after a complete value a `\f` line passed as ignored, on a fresh
        // handle it failed. Every line is judged alone, so threads and file order change nothing.
        let dir = TempDir()
        dir.write("a.jsonl", lines: [Lines.claude(id: "m1")])
        dir.write("b.jsonl", lines: ["\u{0C}", "\u{0B}\u{0C} "])
        dir.write("c.jsonl", lines: ["\u{0C}", Lines.claude(id: "m2")])
        for threads in [1, 2] {
            let r = ingest(dir, threads: threads)
            #expect(r.accounts.map(\.malformed) == [0, 2, 1])
            #expect(r.accounts[1].errors.map(\.message) == Array(repeating: JSONLineParser.verticalSpace, count: 2))
            #expect(r.table.count == 2)
        }
    }
}
