import Testing

@testable import UsageLensCore

@Suite struct DedupKeyTests {
    func key(_ parts: [[UInt8]]) -> (UInt64, UInt64) {
        var k = DedupKeyBuilder(namespace: 1)
        for var p in parts { p.withUnsafeMutableBytes { k.add(UnsafeRawBufferPointer($0)) } }
        return k.key
    }

    @Test func partsAreDelimitedByLengthNotByASeparatorByte() {
        // With 0xFF as a separator over unvalidated bytes, ("m\xff","x") and ("m","\xffx") were one key.
        let a = key([[0x6D, 0xFF], [0x78]])
        let b = key([[0x6D], [0xFF, 0x78]])
        #expect(a != b)
        #expect(key([[0x61, 0x62], [0x63]]) != key([[0x61], [0x62, 0x63]]))
        #expect(key([[0x61], []]) != key([[], [0x61]]))
    }

    @Test func longIdsThatShareTheirFirstBytesStayTwoEvents() {
        let prefix = String(repeating: "x", count: 5000)
        let dir = TempDir()
        dir.write("p/s.jsonl", lines: [Lines.claude(id: prefix + "1", output: 5), Lines.claude(id: prefix + "2", output: 7)])
        let r = ingest(dir)
        #expect(r.table.count == 2)
        #expect(r.accounts[0].duplicate == 0)
        // And copies of one long id are still one event.
        let copies = TempDir()
        copies.write("p/s.jsonl", lines: [Lines.claude(id: prefix + "1", output: 5), Lines.claude(id: prefix + "1", output: 7)])
        #expect(ingest(copies).table.outputTokens == [7])
    }

    @Test(arguments: Encoding.allCases)
    func checkCountsEveryByteTheStreamHeld(encoding: Encoding) {
        let dir = TempDir()
        let content: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{\"a\":1}\r\n\n{\"b\":2}\r\n{\"c\":3}".utf8)
        dir.write("x.jsonl", encoding.encode(content))
        let r = ingest(dir)
        #expect(r.accounts[0].bytes == Int64(content.count))
        #expect(r.accounts[0].lines == 3)
    }
}
