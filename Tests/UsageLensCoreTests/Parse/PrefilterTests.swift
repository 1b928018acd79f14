import Testing

@testable import UsageLensCore

@Suite struct PrefilterTests {
    func matches(_ s: String) -> Bool {
        var copy = s
        return copy.withUTF8 { FormatRegistry.makePrefilter().matches(UnsafeRawBufferPointer($0)) }
    }

    @Test func needlesComeFromTheFormatRegistry() {
        let needles = FormatRegistry.needles
        for format in FormatRegistry.formats { for n in format.needles { #expect(needles.contains(n)) } }
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

@Suite struct StructureClosesTests {
    /// The plain reading of the same rule, byte by byte (a backslash escapes the next byte anywhere, as in
    /// simdjson: outside strings the line is invalid either way).
    static func reference(_ bytes: [UInt8]) -> Bool {
        var inString = false
        var escaped = false
        var balance = 0
        for b in bytes {
            if escaped {
                escaped = false
                continue
            }
            if b == 0x5C {
                escaped = true
                continue
            }
            if inString {
                if b == 0x22 { inString = false }
                continue
            }
            switch b {
            case 0x22: inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): balance += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): balance -= 1
            default: break
            }
        }
        return balance == 0 && !inString
    }

    static func closes(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { Prefilter.structureCloses($0) }
    }

    @Test func agreesWithTheByteByByteRuleOnRandomLines() {
        var g = SeededGenerator(seed: 7)
        // Few symbols, so that runs of backslashes, quotes and brackets cross the 64-byte blocks often.
        let alphabet = Array(#"\\\\""{}[]a,:"#.utf8)
        for _ in 0..<20_000 {
            let n = Int(g.next() % 300)
            let bytes = (0..<n).map { _ in alphabet[Int(g.next() % UInt64(alphabet.count))] }
            let expected = Self.reference(bytes)
            #expect(Self.closes(bytes) == expected, "\(String(decoding: bytes, as: UTF8.self))")
            #expect(bytes.withUnsafeBytes { Prefilter.structureClosesPortably($0) } == expected)
        }
    }

    @Test func validLinesCloseAndTornOnesDoNot() {
        let line = Lines.claude(id: "m1") + "  "
        let bytes = Array(line.utf8)
        #expect(Self.closes(bytes))
        var torn = 0
        for cut in 1..<bytes.count where !Self.closes(Array(bytes[0..<cut])) { torn += 1 }
        // Every proper prefix is open somewhere, except those that end exactly with the value.
        #expect(torn == bytes.count - 1 - 2)
        #expect(Self.closes(Array(#"{"a":"x\\"}"#.utf8)))
        #expect(!Self.closes(Array(#"{"a":"x\"}"#.utf8)))
        #expect(Self.closes(Array(#"{"text":"unbalanced { [ in a string"}"#.utf8)))
    }
}

/// A documented limit (docs/reliability.md): the prefilter looks for needles as they are written, so a line
/// whose only needle is spelled with escapes (`"turn_\u0063ontext"`) is skipped as `no usage fields`. Where
/// another needle is on the line, yajl reads the escaped key as what it means. No writer these tools use
/// escapes a letter (JSON.stringify, serde_json, Python's json); 0 of the 2,403 lines of samples/ and
/// Tests/Fixtures/real/ hold an escaped key.
@Suite struct EscapedKeyTests {
    @Test func anEscapedKeyIsReadWhenTheLineIsACandidateAnyway() {
        // `kens"` (input_tokens) makes the line a candidate; yajl decodes `\u0075sage` to `usage`.
        let escaped = Lines.claude(id: "m1").replacingOccurrences(of: "\"usage\"", with: #""\u0075sage""#)
        let dir = TempDir()
        dir.write("p/s.jsonl", lines: [escaped])
        #expect(ingest(dir).table.count == 1)
    }

    @Test func aLineWhoseOnlyNeedleIsEscapedIsSkipped() {
        let turn = Lines.codexTurn(model: "o3").replacingOccurrences(of: "turn_context", with: #"turn_\u0063ontext"#)
        let dir = TempDir()
        dir.write("rollout-x.jsonl", lines: [
            Lines.codexMeta(id: "s"), turn,
            Lines.codexTokens(total: (10, 0, 1, 0), last: (10, 0, 1, 0), time: "2025-10-14T10:01:00Z"),
        ])
        let r = ingest(dir)
        #expect(r.accounts[0].ignoredReasons[.noUsageFields] == 1)
        #expect(r.table.strings[r.table.model[0]] == "gpt-5")
    }
}
