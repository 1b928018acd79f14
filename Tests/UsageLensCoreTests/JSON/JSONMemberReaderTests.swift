import Testing

@testable import UsageLensCore

@Suite struct JSONMemberReaderTests {
    /// Reads `text` in reads of the chunking's size; the members as (parent, key, compact value) and the error.
    static func read(
        _ text: String, chunking: Chunking = .whole, unwrapping: Set<String> = [],
        stopAt: String? = nil
    ) -> ([String], Error?) {
        var members: [String] = []
        struct Stop: Error {}
        do {
            let source = MemorySource(Array(text.utf8), maxRead: chunking.readSize ?? .max)
            try JSONMemberReader.read(source.read(into:), unwrapping: unwrapping) { m in
                if m.key == stopAt { throw Stop() }
                members.append("\(m.parent.map { $0 + "." } ?? "")\(m.key)=\(m.value.rendered(indent: 0))")
            }
            return (members, nil)
        } catch {
            return (members, error)
        }
    }

    @Test(arguments: Chunking.allCases)
    func membersAreHandedInOrderWithTheirValuesBuilt(chunking: Chunking) {
        let (members, error) = Self.read(
            #"{"a": {"input": 1, "output": 2.5, "tags": ["x", null, true]}, "b": "s", "c": -3, "a": {}}"#,
            chunking: chunking)
        #expect(error == nil)
        #expect(members == [#"a={"input":1,"output":2.5,"tags":["x",null,true]}"#, #"b="s""#, "c=-3", "a={}"])
    }

    @Test(arguments: Chunking.allCases)
    func anUnwrappedMemberHandsItsMembersThenItselfEmptied(chunking: Chunking) {
        let (members, error) = Self.read(
            #"{"v": 1, "rates": {"m1": {"input": 1}, "m2": 7}, "rates": [1], "w": {"rates": {"x": 1}}}"#,
            chunking: chunking, unwrapping: ["rates"])
        #expect(error == nil)
        #expect(members == [
            "v=1", #"rates.m1={"input":1}"#, "rates.m2=7", "rates={}", "rates=[1]", #"w={"rates":{"x":1}}"#,
        ])
    }

    @Test(arguments: [
        ("[1, 2]", JSONMemberReader.Failure.notAnObject("an array")),
        (#""text""#, .notAnObject("a string")), ("3", .notAnObject("a number")), ("null", .notAnObject("null")),
        ("", .invalid("empty")), ("  \n ", .invalid("empty")),
    ])
    func aDocumentThatIsNoObjectSaysWhatItIs(text: String, failure: JSONMemberReader.Failure) {
        let (members, error) = Self.read(text)
        #expect(members.isEmpty)
        #expect(error as? JSONMemberReader.Failure == failure)
    }

    @Test(arguments: [#"{"a": 1,"#, #"{"a": 1} {"b": 2}"#, #"{"a": 1, }"#, #"{"a": NaN}"#, #"{"a": 1e}"#])
    func invalidJSONIsAFailure(text: String) {
        let (_, error) = Self.read(text)
        guard case .invalid? = error as? JSONMemberReader.Failure else {
            Issue.record("expected invalid JSON, got \(String(describing: error))")
            return
        }
    }

    @Test func invalidUTF8IsAFailure() {
        var source = MemorySource(Array(#"{"a": ""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8))
        #expect(throws: JSONMemberReader.Failure.self) { try JSONMemberReader.read(source.read(into:)) { _ in } }
        source = MemorySource(Array(#"{"a": "é"}"#.utf8))
        #expect(throws: Never.self) { try JSONMemberReader.read(source.read(into:)) { _ in } }
    }

    @Test func nestingIsBoundedWithoutRecursion() {
        let deep = #"{"a": "# + String(repeating: "[", count: 1_000_000)
        let (members, error) = Self.read(deep)
        #expect(members.isEmpty)
        #expect(error as? JSONMemberReader.Failure == .tooDeep)
        let fits = #"{"a": "# + String(repeating: "[", count: 63) + String(repeating: "]", count: 63) + "}"
        #expect(Self.read(fits).1 == nil)
    }

    @Test func anErrorOfTheClosureStopsTheReading() {
        let (members, error) = Self.read(#"{"a": 1, "b": 2, "c": 3}"#, stopAt: "b")
        #expect(members == ["a=1"])
        #expect(error != nil && !(error is JSONMemberReader.Failure))
    }
}
