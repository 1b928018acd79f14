import Testing

@testable import UsageLensCore

@Suite struct LongLineFilterTests {
    /// Feeds `text` in pieces of `piece` bytes; returns what was handed on and the error.
    func run(_ text: [UInt8], piece: Int) -> ([UInt8], String?) {
        var filter = LongLineFilter()
        var out: [UInt8] = []
        var i = 0
        while i < text.count {
            let end = min(text.count, i + piece)
            text[i..<end].withUnsafeBytes { filter.filter($0) { out.append(contentsOf: $0) } }
            i = end
        }
        return (out, filter.error)
    }

    @Test(arguments: [1, 7, 4096, 1 << 20])
    func longStringsArePassedOverAndTheRestIsKept(piece: Int) {
        let long = String(repeating: "ab\\n\\\"c", count: 30_000)  // 210,000 bytes as written
        let text = Array(#"{"a":"\#(long)","usage":{"input_tokens":5},"s":"short"}"#.utf8)
        let (out, error) = run(text, piece: piece)
        #expect(error == nil)
        let kept = String(decoding: out, as: UTF8.self)
        #expect(out.count < text.count)
        #expect(kept.hasSuffix(#"","usage":{"input_tokens":5},"s":"short"}"#))
        #expect(kept.hasPrefix(#"{"a":"ab\n\"c"#))
        // Still valid JSON: no escape is cut in half.
        #expect(out.count >= LongLineFilter.keptStringBytes)
    }

    @Test(arguments: [
        ("\"x\":\"\(String(repeating: "a", count: 70_000))\u{01}\"", "invalid character inside string"),
        ("\"x\":\"\(String(repeating: "a", count: 70_000))\\q\"", "invalid escape in a string"),
        ("\"x\":\"\(String(repeating: "a", count: 70_000))\\u12G4\"", "invalid escape in a string"),
        ("\"x\":" + String(repeating: "[", count: 600), "JSON nested deeper than 512 levels"),
    ])
    func whatIsPassedOverIsStillChecked(member: String, message: String) {
        let (_, error) = run(Array("{\(member)}".utf8), piece: 4096)
        #expect(error == message)
    }

    @Test func aLongLineGivesTheEventAWholeLineGives() {
        // The same line read whole (a 1 MiB buffer) and in pieces (a 4 KiB buffer: the long-line path).
        let content = String(repeating: "x", count: 300_000)
        let line = Lines.claude(id: "m1", input: 5, output: 7).replacingOccurrences(of: "hello \\\"usage\\\" world", with: content)
        let dir = TempDir()
        dir.write("p/s.jsonl", lines: [line, "{\"message\":{\"usage\":{\"input_tokens\":1}},\"x\":\"" + content + "\u{01}\"}"])
        let whole = ingest(dir, bufferCapacity: 1 << 20)
        let pieces = ingest(dir, bufferCapacity: 4096)
        #expect(whole.table.count == 1)
        #expect(pieces.table.count == 1)
        #expect(whole.table.outputTokens == pieces.table.outputTokens)
        #expect(pieces.accounts[0].malformed == 1)
        #expect(whole.accounts[0].malformed == 1)
    }
}
