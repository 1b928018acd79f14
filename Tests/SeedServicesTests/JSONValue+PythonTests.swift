import Testing
import UsageLensCore

@testable import SeedServices

/// The two seed flavours of `JSONValue` rendering: Python's (agentkit) and serde_json's (distri).
@Suite struct JSONValuePythonTests {
    let value = JSONValue.object([
        ("cost_usd", .double(1e-5)), ("n", .int(3)), ("whole", .double(2)), ("big", .double(1e16)),
        ("s", .string("a\u{8}\"b")), ("list", .array([])),
    ])

    @Test func pythonFloatsAndCompactSeparators() {
        #expect(value.renderedAsPython() == #"{"cost_usd":1e-05,"n":3,"whole":2.0,"big":1e+16,"s":"a\u0008\"b","list":[]}"#)
        #expect(JSONValue.object([("a", .double(0.5))]).renderedAsPython(indent: 2) == "{\n  \"a\": 0.5\n}")
    }

    @Test func serdeFloatsAsDistriWritesThem() {
        #expect(value.renderedAsSerdeJSON() == #"{"cost_usd":0.00001,"n":3,"whole":2.0,"big":1e16,"s":"a\u0008\"b","list":[]}"#)
    }
}
