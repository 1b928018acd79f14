import Testing

@testable import UsageLensCore

@Suite struct ValueEliderTests {
    /// Plans `line` and returns whether it was accepted and the text of each cut.
    func plan(_ line: String) -> (Bool, [String]) {
        var elider = ValueElider(trie: KeyPathTrie(paths: FormatRegistry.keyPaths))
        var copy = line
        return copy.withUTF8 { buffer in
            let ok = elider.plan(UnsafeRawBufferPointer(buffer))
            let bytes = Array(buffer)
            return (ok, elider.cuts.map { String(decoding: bytes[$0], as: UTF8.self) })
        }
    }

    /// Parses with and without elision and returns both captures.
    func captures(_ line: String) -> ([String], [String], JSONLineParser) {
        func run(_ elide: Bool) -> ([String], JSONLineParser) {
            let parser = FormatRegistry.makeLineParser()
            parser.elidesUnreadValues = elide
            var seen: [String] = []
            parser.onRecord = { r in
                seen.append((0..<r.slotCount).filter { r.has($0) }.map { "\(FormatRegistry.slotNames[$0])=\(r.string($0) ?? r.integer($0).map(String.init) ?? "\(r.kind($0))")" }.joined(separator: " "))
            }
            var copy = line
            let error = copy.withUTF8 { parser.parseLine(UnsafeRawBufferPointer($0)) }
            seen.append("error=\(error ?? "none")")
            return (seen, parser)
        }
        let (with, parser) = run(true)
        let (without, _) = run(false)
        return (with, without, parser)
    }

    @Test func runsOfUnreadMembersAreCutAndReadOnesKept() {
        let line = Lines.claude(id: "msg_1", input: 12, output: 34, cacheRead: 56, cacheCreation: 78, cache5m: 70, cache1h: 8)
        let (ok, cuts) = plan(line)
        #expect(ok)
        #expect(cuts.contains { $0.hasPrefix(#""content":[{"type":"text""#) })
        #expect(cuts.contains { $0 == #""type":"message","role":"assistant""# })
        for kept in [#""id":"msg_1""#, #""model":"#, #""input_tokens":12"#, #""requestId":"req_1""#, #""timestamp":"#] {
            #expect(!cuts.contains { $0.contains(kept) }, "\(kept) was cut")
        }
    }

    @Test(arguments: [
        Lines.claude(id: "a", input: 1, output: 2, cacheRead: 3, cacheCreation: 4, cache5m: 3, cache1h: 1, sidechain: true, extra: ",\"costUSD\":0.5"),
        #"{"type":"progress","data":{"message":{"type":"assistant","message":{"id":"m2","model":"claude-haiku-4-5","content":[{"type":"text","text":"a long enough text to be cut away from the line, surely"}],"usage":{"input_tokens":3,"output_tokens":4}},"requestId":"r2"}},"timestamp":"2025-10-14T09:00:00Z"}"#,
        Lines.codexTokens(total: (100, 50, 10, 5), last: (10, 5, 1, 0), rateLimits: #"{"primary":{"used_percent":12.5,"window_minutes":299,"resets_in_seconds":600}}"#),
        #"{"a":"x\"y\\","message":{"content":"\\\"}{][","usage":{"input_tokens":5}},"timestamp":"2025-10-14T09:00:00Z","type":"assistant","pad":"0123456789012345678901234567890123456789"}"#,
        #"{ "message" : { "usage" : { "input_tokens" : 7 } , "content" : [ 1, 2, {"x": [true, null]} , "long string long string long string" ] } , "type" : "assistant" }"#,
    ])
    func elisionNeverChangesWhatIsCaptured(line: String) {
        let (with, without, _) = captures(line)
        #expect(with == without)
    }

    @Test(arguments: [
        #"{"message":{"usage":{"input_tokens":1}}} {"x":1}"#,  // two values on a line
        #"{"message":{"usage":{"input_tokens":1}},"content":"torn"#,  // torn
        #"{"mess\u0061ge":{"usage":{"input_tokens":1}},"content":"0123456789012345678901234567890123456789"}"#,  // escaped key
        #"[{"usage":1}]"#,
    ])
    func linesItCannotVouchForAreParsedWhole(line: String) {
        let (ok, _) = plan(line)
        #expect(!ok)
        let (with, without, _) = captures(line)
        #expect(with == without)
    }

    @Test func malformedInsideACutIsLeftToYajl() {
        // A stray literal inside an unread array is examined too: the line falls back to yajl, which reports it...
        let stray = #"{"content":[tru, "0123456789012345678901234567890123456789"],"message":{"usage":{"input_tokens":1}},"type":"assistant","timestamp":"2025-10-14T09:00:00Z"}"#
        let (ok, _) = plan(stray)
        #expect(!ok)
        #expect(captures(stray).0.last != "error=none")
        // ...and so does an unbalanced one.
        let broken = #"{"content":[[["0123456789012345678901234567890123456789"],"message":{"usage":{"input_tokens":1}}}"#
        let (with, _, parser) = captures(broken)
        #expect(with.last != "error=none")
        #expect(parser.elidedLines == 0)
    }
}

/// The elider is a tokenizer, not a blind cut: what it would cut must be valid JSON, or the line goes to yajl
/// whole (and yajl calls it malformed).
@Suite struct ValueEliderValidationTests {
    func plan(_ line: String) -> Bool {
        var elider = ValueElider(trie: KeyPathTrie(paths: FormatRegistry.keyPaths))
        var copy = line
        return copy.withUTF8 { elider.plan(UnsafeRawBufferPointer($0)) }
    }

    static func line(_ member: String) -> String {
        #"{"type":"assistant","sessionId":"s1","timestamp":"2025-10-14T09:12:19.480Z","requestId":"r1",\#(member),"message":{"id":"m1","model":"claude-sonnet-4-5","usage":{"input_tokens":10,"output_tokens":20}}}"#
    }

    @Test(arguments: [
        "\"gitBranch\":\"ma\u{00}in\"", "\"x\":\"tab\u{09}here and some more text\"",
        #""cwdx":[1,,2,,,3,{]]"#, #""x":NaN"#, #""x":tru"#, #""x":0x10"#, #""x":01"#, #""x":1."#, #""x":-"#, #""x":1e"#,
        #""x":[1 2]"#, #""x":{"a" 1}"#, #""x":{"a":1,}"#, #""x":[}"#, #""x":"bad \q escape""#, #""x":"\u12G4""#,
        #""x":{"k":"v"]"#,
    ])
    func invalidElidedValuesAreNeverCut(member: String) {
        #expect(!plan(Self.line(member)), "\(member)")
    }

    @Test(arguments: [
        #""x":"é \" \\ \/ \b \f \n \r \t \u00e9 done""#, #""x":[1,-0.5e+10,0,1E-3,true,false,null,{"a":[]}]"#,
        #""x" : { "a" : [ 1 , 2 ] , "b" : { } }"#, #""x":"0123456789abcdefghijklmnopqrstuvwxyz""#,
    ])
    func validElidedValuesAreStillCut(member: String) {
        #expect(plan(Self.line(member)), "\(member)")
    }

    @Test func brokenElidedMembersMakeTheLineMalformed() {
        let dir = TempDir()
        dir.write("p/s.jsonl", lines: [
            Self.line("\"gitBranch\":\"ma\u{00}in\""), Self.line(#""cwdx":[1,,2,,,3,{]]"#), Self.line(#""x":NaN"#),
            Self.line(#""ok":"fine""#).replacingOccurrences(of: "\"m1\"", with: "\"m2\""),
        ])
        let r = ingest(dir)
        #expect(r.table.count == 1)
        #expect(r.accounts[0].malformed == 3)
    }
}
