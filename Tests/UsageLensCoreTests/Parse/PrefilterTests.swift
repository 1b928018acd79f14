import Testing

@testable import UsageLensCore

@Suite struct PrefilterTests {
    func matches(_ s: String) -> Bool {
        var copy = s
        return copy.withUTF8 { Prefilter().matches(UnsafeRawBufferPointer($0)) }
    }

    @Test func needlesComeFromTheFormatTable() {
        let needles = FormatTable.needles
        for spec in FormatTable.specs { for n in spec.needles { #expect(needles.contains(n)) } }
        #expect(Set(needles).count == needles.count)
        // A needle never includes the ':' after a key, so pretty-printed JSON passes.
        #expect(!needles.contains { $0.hasSuffix(":") })
    }

    @Test func candidateLinesPass() {
        #expect(matches(#"{"message":{"usage":{"input_tokens":1}}}"#))
        #expect(matches(#"{ "message" : { "usage" : { "input_tokens" : 1 } } }"#))
        #expect(matches(#"{"type":"event_msg","payload":{"type":"token_count","info":null}}"#))
        #expect(matches(#"{"type":"turn_context","payload":{"model":"gpt-5"}}"#))
        #expect(matches(#"{"type":"session_meta","payload":{"id":"x"}}"#))
    }

    @Test func otherLinesAreSkipped() {
        #expect(!matches(#"{"type":"user","message":{"content":"what is my usage?"}}"#))
        #expect(!matches(#"{"type":"user","message":{"content":"the \"usage\" key"}}"#))
        #expect(!matches(""))
    }
}
