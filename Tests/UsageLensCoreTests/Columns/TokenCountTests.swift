import Testing

@testable import UsageLensCore

@Suite struct TokenCountTests {
    func claude(_ i: Int, input: String, output: String = "1") -> String {
        #"{"type":"assistant","sessionId":"s1","timestamp":"2025-10-14T09:12:19.480Z","requestId":"r\#(i)","message":{"id":"m\#(i)","model":"claude-sonnet-4-5","usage":{"input_tokens":\#(input),"output_tokens":\#(output)}}}"#
    }

    @Test(arguments: ["999999999999999999", "4611686018427387904", "1e30", "99999999999999999999999", "1000000000001"])
    func aCountBeyondAnyLogIsMalformedWithTheReason(count: String) {
        let dir = TempDir()
        dir.write("p/s.jsonl", lines: (1...10).map { claude($0, input: count) } + [claude(11, input: "5")])
        let r = ingest(dir)
        #expect(r.table.count == 1)
        #expect(r.table.inputTokens == [5])
        #expect(r.accounts[0].malformed == 10)
        #expect(r.accounts[0].errors.first?.message.hasSuffix("is beyond what any log holds (the limit is 10^12)") == true)
    }

    @Test func documentFormatsAreBoundedToo() {
        let dir = TempDir()
        dir.write("a.jsonl", lines: [
            #"{"object":"chat.completion","id":"c1","created":1760430000,"model":"gpt-4o","usage":{"prompt_tokens":4611686018427387904,"completion_tokens":4611686018427387904}}"#,
            #"{"type":"gemini","id":"g","timestamp":"2025-10-14T09:00:00Z","model":"gemini-2.5-pro","tokens":{"input":9223372036854775807,"output":1,"cached":0,"tool":5}}"#,
        ])
        let r = ingest(dir)
        #expect(r.table.count == 0)
        #expect(r.accounts[0].malformed == 2)
    }

    @Test func theLimitItselfIsAccepted() {
        let dir = TempDir()
        dir.write("p/s.jsonl", lines: [claude(1, input: "1000000000000", output: "1000000000000")])
        let r = ingest(dir)
        #expect(r.table.inputTokens == [TokenCount.limit])
    }

    @Test func sumsSaturateInsteadOfWrapping() {
        var a = UsageTotals()
        a.inputTokens = .max - 5
        a.outputTokens = .max
        var b = UsageTotals()
        b.inputTokens = 10
        a.merge(b)
        #expect(a.inputTokens == .max)
        #expect(a.totalTokens == .max)
        #expect(Int64.max.addingSaturating(1) == .max)
        #expect(Int64(3).addingSaturating(4) == 7)
    }
}
