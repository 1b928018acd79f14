import Testing

@testable import UsageLensCore

@Suite struct JSONDocumentParserTests {
    func parse(_ text: String) -> (JSONDocumentParser, [JSONValue]?) {
        let p = JSONDocumentParser()
        var bytes = Array(text.utf8)
        let values = bytes.withUnsafeMutableBytes { p.parse(UnsafeRawBufferPointer($0)) }
        return (p, values)
    }

    @Test func nestingIsBoundedWithAClearMessageAndNoStackOverflow() {
        // 40,000 levels used to overflow the stack building (and freeing) the tree.
        let deep = String(repeating: "[", count: 40_000) + String(repeating: "]", count: 40_000)
        let (p, values) = parse(deep)
        #expect(values == nil)
        #expect(p.error == "JSON nested deeper than 512 levels")
        // The parser is usable again after it.
        let (_, again) = parse(#"{"a":[1,{"b":2}]}"#)
        #expect(again?.count == 1)
    }

    @Test func nestingUpToTheBoundIsRead() {
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(parse(ok).1?.count == 1)
    }

    @Test func manyElementsAreLinear() {
        // Appending copied the container still on the frame stack: 50,000 elements took over 20 s.
        let items = (0..<200_000).map(String.init).joined(separator: ",")
        let (_, values) = parse("{\"a\":[\(items)],\"b\":{\(items.split(separator: ",").prefix(50_000).map { "\"k\($0)\":\($0)" }.joined(separator: ","))}}")
        guard case .object(let members)? = values?.first, case .array(let array) = members[0].1,
            case .object(let object) = members[1].1
        else {
            Issue.record("not parsed")
            return
        }
        #expect(array.count == 200_000)
        #expect(object.count == 50_000)
        #expect(array.last == .int(199_999))
    }

    @Test func invalidJSONSaysWhy() {
        let (p, values) = parse(#"{"a":NaN}"#)
        #expect(values == nil)
        #expect(p.error?.isEmpty == false)
    }
}
