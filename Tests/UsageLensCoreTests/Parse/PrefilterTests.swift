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

    @Test("a key needle needs a colon after it: a string value ending in the word is no candidate")
    func keysNeedAColon() {
        #expect(!matches(#"{"type":"user","toolUseResult":{"pattern":"input_tokens"}}"#))
        #expect(!matches(#"{"type":"user","toolUseResult":{"pattern":"usage","n":1}}"#))
        #expect(!matches(#"{"k":["prompt_tokens","usage"]}"#))
        #expect(!matches(#"{"k":"usage"#))
        #expect(matches(#"{"usage":{"prompt_tokens" :5}}"#))
        #expect(matches(#"{"x":{"completionTokens"\#t\#r\#n: 5}}"#))
        #expect(matches("{\"usage\"\n:{}}"))
    }
}

@Suite struct PrefilterAnchorTests {
    func matches(_ s: String, _ needles: [String]) -> Bool {
        var copy = s
        return copy.withUTF8 { Prefilter(needles: needles).matches(UnsafeRawBufferPointer($0)) }
    }

    @Test func anchoredNeedlesAreFoundAtEveryPosition() {
        let needles = ["token_count", "_x", "ab_", "plain"]
        for needle in needles {
            for prefix in ["", "a", "snake_case_words_", "__"] {
                for suffix in ["", "z", "_tail_"] {
                    #expect(matches(prefix + needle + suffix, needles), "\(prefix + needle + suffix)")
                }
            }
        }
        #expect(!matches("token_counx to_ken_count _y ab plai_n", needles))
        #expect(!matches("_", needles))
        #expect(matches("__x", needles))
    }
}
