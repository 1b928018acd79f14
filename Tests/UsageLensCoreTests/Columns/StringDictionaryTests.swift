import Testing

@testable import UsageLensCore

@Suite("StringDictionary")
struct StringDictionaryTests {
    @Test("code 0 is the empty string, present from the start")
    func emptyIsZero() {
        var d = StringDictionary()
        #expect(d.count == 1)
        #expect(d[0] == "")
        #expect(d.strings == [""])
        #expect(d.code(of: "") == 0)
        #expect(d.intern("") == 0)
        #expect([UInt8]().withUnsafeBytes { d.intern($0) } == 0)
        #expect(d.count == 1)
    }

    @Test("the same bytes get the same code; new strings get the next code")
    func sameBytesSameCode() {
        var d = StringDictionary()
        let a = d.intern("claude-sonnet-4-5")
        let b = d.intern("gpt-5-codex")
        #expect(a == 1)
        #expect(b == 2)
        #expect(d.intern("claude-sonnet-4-5") == a)
        let fromBytes = Array("gpt-5-codex".utf8).withUnsafeBytes { d.intern($0) }
        #expect(fromBytes == b)
        #expect(d.count == 3)
        #expect(d[a] == "claude-sonnet-4-5")
        #expect(d[b] == "gpt-5-codex")
    }

    @Test("strings that share a prefix or differ in one byte are distinct")
    func nearStrings() {
        var d = StringDictionary()
        let values = ["a", "ab", "abc", "abd", "b", "A", "a ", " a", "é", "e\u{301}", "日本", "🚀"]
        let codes = values.map { d.intern($0) }
        #expect(Set(codes).count == values.count)
        for (value, code) in zip(values, codes) {
            #expect(d[code] == value)
            #expect(d.code(of: value) == code)
        }
    }

    @Test("code(of:) finds interned strings and never adds")
    func codeOf() {
        var d = StringDictionary()
        let code = d.intern("session-1")
        #expect(d.code(of: "session-1") == code)
        #expect(d.code(of: "session-2") == nil)
        #expect(d.code(of: "session-") == nil)
        #expect(d.count == 2)
    }

    @Test("growth past 10,000 strings keeps every code stable")
    func growthKeepsCodes() {
        var d = StringDictionary()
        var codes: [String: UInt32] = [:]
        for i in 0..<12_000 {
            let s = "model-\(i)"
            let code = d.intern(s)
            #expect(code == UInt32(i + 1))
            codes[s] = code
            // Codes handed out before each resize still answer after it.
            if i == 31 || i == 1000 || i == 8191 {
                #expect(d.code(of: "model-0") == 1)
            }
        }
        #expect(d.count == 12_001)
        var mismatches = 0
        for (s, code) in codes {
            if d.code(of: s) != code || d[code] != s { mismatches += 1 }
            if d.intern(s) != code { mismatches += 1 }
        }
        #expect(mismatches == 0)
        #expect(d.count == 12_001)
        #expect(d.code(of: "model-12000") == nil)
    }

    @Test("interning from a slice of a larger buffer uses only that slice")
    func internSlice() {
        var d = StringDictionary()
        let line = Array(#"{"model":"gpt-5"}"#.utf8)
        let code = line.withUnsafeBytes { all in d.intern(UnsafeRawBufferPointer(rebasing: all[10..<15])) }
        #expect(d[code] == "gpt-5")
        #expect(d.intern("gpt-5") == code)
    }

    @Test("bytes(of:) returns exactly what was interned; code(of: bytes) finds it")
    func bytesRoundTrip() {
        var d = StringDictionary()
        let invalid: [UInt8] = [0x61, 0xFF, 0x62]
        let code = invalid.withUnsafeBytes { d.intern($0) }
        #expect(d.bytes(of: code) == invalid)
        #expect(d.code(of: invalid) == code)
        #expect(d[code] == "a\u{FFFD}b")
        // A different invalid sequence decodes to the same String but is a different value.
        let other: [UInt8] = [0x61, 0xFE, 0x62]
        let otherCode = other.withUnsafeBytes { d.intern($0) }
        #expect(otherCode != code)
        #expect(d[otherCode] == d[code])
        #expect(d.bytes(of: 0) == [])
        #expect(d.code(of: [UInt8]()) == 0)
        #expect(d.code(of: [0x61]) == nil)
    }

    @Test("canonically equivalent spellings are different values")
    func unicodeEquivalence() {
        var d = StringDictionary()
        let nfc = d.intern("caf\u{E9}")
        let nfd = d.intern("cafe\u{301}")
        #expect(nfc != nfd)
        #expect(d.bytes(of: nfc) == Array("caf\u{E9}".utf8))
        #expect(d.bytes(of: nfd) == Array("cafe\u{301}".utf8))
    }

    @Test("copies are independent values")
    func valueSemantics() {
        var a = StringDictionary()
        _ = a.intern("x")
        var b = a
        _ = b.intern("y")
        #expect(a.count == 2)
        #expect(b.count == 3)
        #expect(a.code(of: "y") == nil)
    }
}
