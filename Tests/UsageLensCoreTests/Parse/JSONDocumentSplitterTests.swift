import Testing

@testable import UsageLensCore

@Suite struct JSONDocumentSplitterTests {
    /// Feeds `lines` one by one and returns the units (text, start line) and the error, if any.
    func split(_ lines: [String]) -> ([(String, Int)], String?) {
        let s = JSONDocumentSplitter()
        s.begin()
        var units: [(String, Int)] = []
        var error: String?
        for (i, line) in lines.enumerated() where error == nil {
            s.line = i + 1
            var bytes = Array(line.utf8)
            error = bytes.withUnsafeMutableBytes { s.feed(UnsafeRawBufferPointer($0), endsLine: true) }
            units += s.units.map { (String(decoding: $0.text, as: UTF8.self), $0.line) }
            s.units.removeAll()
        }
        if error == nil { error = s.end() }
        units += s.units.map { (String(decoding: $0.text, as: UTF8.self), $0.line) }
        return (units, error)
    }

    @Test func arrayMembersOfTheTopObjectGoOutOneElementAtATimeWithTheirContext() {
        let (units, error) = split([
            "{", #"  "sessionId": "s-1","#, #"  "n": 1.50,"#, #"  "messages": ["#, "    {", #"      "id": "m1","#,
            #"      "tags": ["a", "b"]"#, "    },", #"    {"id": "m2"}, 7"#, "  ],", #"  "tail": true"#, "}",
        ])
        #expect(error == nil)
        #expect(units.map(\.0) == [
            #"{"sessionId":"s-1","n":1.50,"messages":[{"id":"m1","tags":["a","b"]}]}"#,
            #"{"sessionId":"s-1","n":1.50,"messages":[{"id":"m2"}]}"#,
            #"{"sessionId":"s-1","n":1.50,"messages":[7],"tail":true}"#,
        ])
        #expect(units.map(\.1) == [5, 9, 1])
    }

    @Test func elementsOfATopLevelArrayAreUnitsOfTheirOwn() {
        let (units, error) = split(["[", #"{"a": 1},"#, #"{"b": [1, {"c": null}]}, "x","#, "2", "]"])
        #expect(error == nil)
        #expect(units.map(\.0) == [#"{"a":1}"#, #"{"b":[1,{"c":null}]}"#, #""x""#, "2"])
        #expect(units.map(\.1) == [2, 3, 3, 4])
    }

    @Test func severalPrettyPrintedValuesInARowAreAllRead() {
        // `jq .` over a JSONL file.
        let (units, error) = split(["{", #"  "a": 1"#, "}", "{", #"  "b": "\u00e9\n\"q\"""#, "}"])
        #expect(error == nil)
        #expect(units.map(\.0) == [#"{"a":1}"#, #"{"b":"é\u000a\"q\""}"#])
        #expect(units.map(\.1) == [1, 4])
    }

    @Test func aTornDocumentSaysSo() {
        let (units, error) = split(["{", #"  "messages": ["#, #"    {"id": "m1"},"#, #"    {"id": "#])
        #expect(units.map(\.0) == [#"{"messages":[{"id":"m1"}]}"#])
        #expect(error?.contains("premature") == true)
    }

    @Test func nestingIsBounded() {
        let deep = String(repeating: "[", count: 100_000)
        let (_, error) = split(["[", deep])
        #expect(error == "JSON nested deeper than 512 levels")
    }

    @Test func longStringsAreCutOnACharacterBoundary() {
        let long = String(repeating: "é", count: 3000)  // 6,000 bytes
        let (units, _) = split(["[", "\"\(long)\"", "]"])
        let text = units[0].0
        #expect(text.utf8.count <= LongString.maxLength + 2)
        // The kept bytes end on a whole character, before the fingerprint of the whole string.
        #expect(text.contains("é…#"))
    }

    @Test(arguments: [
        ("{", true), ("[", true), ("  [  ", true), (#"[{"a":1},"#, true), ("[[", true),
        (#"{"a":1}"#, false), (#"{"a":1,"#, false), (#"[{"a":1}]"#, false), ("", false), (#""s""#, false),
    ])
    func whatOpensADocument(line: String, opens: Bool) {
        var bytes = Array(line.utf8)
        #expect(bytes.withUnsafeMutableBytes { JSONDocumentSplitter.opensDocument(UnsafeRawBufferPointer($0)) } == opens)
    }
}
