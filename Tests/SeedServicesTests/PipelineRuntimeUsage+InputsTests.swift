import Testing

@testable import SeedServices
@testable import UsageLensCore

/// How input files become values and values become gateway replies.
@Suite struct PipelineRuntimeUsageInputsTests {
    func values(_ text: String) -> (values: [PipelineRuntimeUsage.InputValue], errors: [UsageLensError]) {
        PipelineRuntimeUsage.inputValues(Array(text.utf8), file: "in.jsonl")
    }

    @Test func aPrettyPrintedDocumentIsOneValue() {
        let read = values("\n\n{\n  \"sessions\": [\n    {\"id\": 1}\n  ]\n}\n")
        #expect(read.values.count == 1 && read.errors.isEmpty)
        #expect(read.values.first?.line == 3)
    }

    @Test func otherwiseEachNonBlankLineIsAValueAndBadLinesAreErrors() {
        let read = values("\u{FEFF}{\"id\": \"a\"}\n\n  \r\n{\"id\": \"torn\n[1, 2]\nnope\n")
        #expect(read.values.map(\.line) == [1, 5])
        #expect(read.errors.map(\.line) == [4, 6])
        #expect(read.errors.first?.description.hasPrefix("in.jsonl:4: unterminated string") == true)
    }

    @Test func emptyInputHasNoValues() {
        #expect(values(" \n\t\r\n").values.isEmpty)
        #expect(values("").errors.isEmpty)
    }

    @Test func valuesAreSortedIntoReplies() throws {
        let inputs = try [
            #"{"sessionId": "single"}"#,
            #"[{"sessionId": "bare"}, 7]"#,
            #"{"sessions": [{"sessionId": "listed"}], "count": 1}"#,
            #"{"sessions": {"not": "a list"}}"#,
            #"{"5hour": {"sessions": [{"sessionId": "cost-1"}]}, "tokenLimit": 10, "x": 1}"#,
            #"{"data": [{"sessionId": "cost-2"}], "tokenLimit": 20}"#,
            #""just text""#,
        ].enumerated().map { PipelineRuntimeUsage.InputValue(try PythonJSON.parse($0.element), file: "f", line: $0.offset + 1) }
        let (replies, problems) = PipelineRuntimeUsage.replies(from: inputs, status: try PythonJSON.parse(#"{"tokenLimit": 30}"#))
        #expect(replies.listedSessions.count == 4)  // single, bare (2 elements), listed
        #expect(replies.listedSessions.compactMap { $0.object?["sessionId"]?.string } == ["single", "bare", "listed"])
        #expect(replies.costSessions.compactMap { $0["sessionId"]?.string } == ["cost-1", "cost-2"])
        #expect(replies.cost.keys == ["5hour", "tokenLimit", "x", "data"])
        #expect(replies.cost["tokenLimit"] == .int(20))
        #expect(replies.status["tokenLimit"] == .int(30))
        #expect(problems.map(\.line) == [4, 7])

        let (_, statusProblems) = PipelineRuntimeUsage.replies(from: [], status: .array([]))
        #expect(statusProblems.count == 1)
    }

    @Test func gatewayIDsAreCanonicalised() {
        #expect(PipelineRuntimeUsage.canonicalUUID("6F9619FF-8B86-D011-B42D-00C04FC964FF") == "6f9619ff-8b86-d011-b42d-00c04fc964ff")
        #expect(PipelineRuntimeUsage.canonicalUUID("{6f9619ff8b86d011b42d00c04fc964ff}") == "6f9619ff-8b86-d011-b42d-00c04fc964ff")
        #expect(PipelineRuntimeUsage.canonicalUUID("urn:uuid:6f9619ff-8b86-d011-b42d-00c04fc964ff") != nil)
        #expect(PipelineRuntimeUsage.canonicalUUID("6f9619ff-8b86-d011-b42d") == nil)
        #expect(PipelineRuntimeUsage.canonicalUUID("zz9619ff-8b86-d011-b42d-00c04fc964ff") == nil)
    }
}
