import Testing

@testable import UsageLensCore

@Suite struct JSONLineParserTests {
    /// Parses `text` and returns the captured records as [field: description].
    func capture(_ text: String, pieces: Int = 1) -> (records: [[String: String]], error: String?) {
        let parser = FormatRegistry.makeLineParser()
        let names = FormatRegistry.slotNames
        var records: [[String: String]] = []
        parser.onRecord = { r in
            var fields: [String: String] = [:]
            for f in 0..<r.slotCount where r.has(f) {
                switch r.kind(f) {
                case .string: fields[names[f]] = r.string(f)!
                case .integer: fields[names[f]] = "int:\(r.integer(f)!)"
                case .double: fields[names[f]] = "double:\(r.double(f)!)"
                case .bool: fields[names[f]] = "bool:\(r.bool(f))"
                case .null: fields[names[f]] = "null"
                case .object: fields[names[f]] = "object"
                case .absent: break
                }
            }
            records.append(fields)
        }
        let bytes = Array(text.utf8)
        parser.beginLine()
        let step = max(1, bytes.count / pieces)
        var i = 0
        while i < bytes.count {
            let end = min(bytes.count, i + step)
            bytes[i..<end].withUnsafeBytes { parser.feed($0) }
            i = end
        }
        return (records, parser.endLine())
    }

    @Test(arguments: [1, 3, 50])
    func capturesKeyPathsAndIgnoresLookalikesElsewhere(pieces: Int) {
        let line = Lines.claude(id: "msg_1", input: 12, output: 34, cacheRead: 56, cacheCreation: 78, cache5m: 70, cache1h: 8, extra: ",\"costUSD\":0.25")
        let (records, error) = capture(line, pieces: pieces)
        #expect(error == nil)
        let r = records[0]
        #expect(r["type"] == "assistant")
        #expect(r["messageId"] == "msg_1")
        #expect(r["requestId"] == "req_1")
        #expect(r["messageModel"] == "claude-sonnet-4-5-20250929")
        #expect(r["usageInput"] == "int:12")
        #expect(r["usageOutput"] == "int:34")
        #expect(r["usageCacheRead"] == "int:56")
        #expect(r["usageCacheCreation"] == "int:78")
        #expect(r["usageCache5m"] == "int:70")
        #expect(r["usageCache1h"] == "int:8")
        #expect(r["usage"] == "object")
        #expect(r["costUSD"] == "double:0.25")
        #expect(r["isSidechain"] == "bool:false")
        #expect(r["timestamp"] == "2025-10-14T09:00:00.000Z")
        // "id" inside content blocks or "model" at the top level are other paths.
        let (others, _) = capture(#"{"model":"top","content":[{"id":"x","usage":{"input_tokens":5}}],"message":{"content":[{"id":"y"}]}}"#)
        #expect(others[0]["messageModel"] == nil)
        #expect(others[0]["messageId"] == nil)
        #expect(others[0]["usageInput"] == nil)
    }

    @Test func progressLinesFillTheSameFields() {
        let line = #"{"type":"progress","data":{"message":{"type":"assistant","message":{"id":"m2","model":"claude-haiku-4-5","usage":{"input_tokens":3,"output_tokens":4}},"requestId":"r2"}},"timestamp":"2025-10-14T09:00:00Z"}"#
        let r = capture(line).records[0]
        #expect(r["messageId"] == "m2")
        #expect(r["requestId"] == "r2")
        #expect(r["usageOutput"] == "int:4")
        #expect(r["type"] == "progress")
    }

    @Test func tornAndInvalidLinesAreErrorsAndTheParserRecovers() {
        let parser = FormatRegistry.makeLineParser()
        var count = 0
        parser.onRecord = { _ in count += 1 }
        func parse(_ s: String) -> String? {
            var copy = s
            return copy.withUTF8 { parser.parseLine(UnsafeRawBufferPointer($0)) }
        }
        #expect(parse(#"{"a":1,"message":{"usage":{"input_t"#) == "truncated JSON (premature end of line)")
        #expect(parse(#"{"a":1}"#) == nil)
        #expect(parse(#"{"a":1} tru"#) != nil)
        #expect(parse(#"{"a":}"#) != nil)
        #expect(parse(#"{"b":2}"#) == nil)
        #expect(parse(#"[1,2,3]"#) == nil)
        #expect(parse(#"42"#) == nil)
        // Two records run together (a lost newline) are not one JSON text: malformed, though yajl saw both.
        #expect(parse(#"{"x":1}{"y":2}"#) == "2 JSON values on one line")
        #expect(count == 5)  // {"a":1}, {"a":1} before " tru", {"b":2}, {"x":1}, {"y":2}
        #expect(parser.objectsInLine == 2)
        // A complete value and then an unfinished one is cut off, not fine; and the next line is judged alone.
        #expect(parse(#"{"x":1}"abc"#) == "truncated JSON (premature end of line)")
        #expect(parse(#""abc"#) == "truncated JSON (premature end of line)")
        #expect(parse(#"{"b":2}"#) == nil)
        #expect(parse("{\"a\"\u{0B}:1}") == "a vertical tab or form feed, which JSON does not allow")
    }

    /// Found by the fuzzers (Fuzz/Corpus/*/crash-torn-token-after-value) and the mutation campaign: yajl 2.1 with
    /// multiple values ends a parse in its "complete" state once a value is done, so a top-level string torn
    /// after it passed `yajl_complete_parse`, and the reused handle kept that string open for the next line.
    /// Every line is now closed with its newline first.
    @Test func aTopLevelStringTornAfterAValueIsMalformedAndTheNextLineIsRead() {
        let parser = FormatRegistry.makeLineParser()
        func parse(_ s: String) -> String? {
            var copy = s
            return copy.withUTF8 { parser.parseLine(UnsafeRawBufferPointer($0)) }
        }
        #expect(parse(#"{"a":1} "ab"#) == "truncated JSON (premature end of line)")
        #expect(parse(#"{"b":2}"#) == nil)
    }

    @Test func numbersAreParsedFromTheirText() {
        let r = capture(#"{"costUSD":1.5e-3,"message":{"usage":{"input_tokens":-7,"output_tokens":123456789012,"cache_read_input_tokens":3.9}}}"#).records[0]
        #expect(r["costUSD"] == "double:0.0015")
        #expect(r["usageInput"] == "int:-7")
        #expect(r["usageOutput"] == "int:123456789012")
        #expect(r["usageCacheRead"] == "double:3.9")
        let n = "12345678901234567890".utf8.withContiguousStorageIfAvailable { NumberParser.parse(UnsafeRawBufferPointer($0)) }!
        #expect(!n.isInteger)
        #expect(n.double == 12_345_678_901_234_567_890)
    }

    @Test func deepNestingAndHugeStringsDoNotBreakCapture() {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        let big = String(repeating: "m", count: 10_000)
        let (records, error) = capture("{\"junk\":\(deep),\"message\":{\"model\":\"\(big)\",\"usage\":{\"input_tokens\":1}}}")
        #expect(error == nil)
        #expect(records[0]["messageModel"].map { $0.utf8.count <= LongString.maxLength + 4 } == true)
        #expect(records[0]["messageModel"]?.contains("…#") == true)
        #expect(records[0]["usageInput"] == "int:1")
    }
}
