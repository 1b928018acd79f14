import Testing

@testable import SeedServices
@testable import UsageLensCore

/// Python's number, string and JSON semantics the reproduction depends on. Expected values are CPython 3.11's.
@Suite struct PipelineRuntimeUsagePythonTests {
    @Test func floatOfText() {
        let cases: [(String, Double?)] = [
            (" 1_000.5 ", 1000.5), ("١٢", 12), ("\u{a0}7\u{3000}", 7), (".5", 0.5), ("5.", 5), ("1e400", .infinity),
            ("-inf", -.infinity), ("\u{1c}5", nil), ("0x10", nil), ("1__0", nil), ("1e", nil), ("", nil), ("1_", nil),
        ]
        for (text, expected) in cases {
            #expect(PythonFloat.parse(text) == expected, "\(text.debugDescription)")
        }
        #expect(PythonFloat.parse("nAn")?.isNaN == true)
    }

    @Test func reprMatchesPython() {
        let cases: [(Double, String)] = [
            (0, "0.0"), (-0.0, "-0.0"), (1e16, "1e+16"), (1e15, "1000000000000000.0"), (1e-5, "1e-05"), (0.0001, "0.0001"),
            (123456789012345680, "1.2345678901234568e+17"), (416.6667, "416.6667"), (Double.leastNonzeroMagnitude, "5e-324"), (0.1 + 0.2, "0.30000000000000004"),
        ]
        for (value, expected) in cases { #expect(PythonFloat.repr(value) == expected) }
    }

    @Test func roundIsHalfEvenOnTheExactBinaryValue() {
        #expect(PythonFloat.round(0.125, 2) == 0.12)
        #expect(PythonFloat.round(2.675, 2) == 2.67)
        #expect(PythonFloat.round(0.123456785, 8) == 0.12345678)
        #expect(PythonFloat.round(25000.0 / 60, 4) == 416.6667)
        #expect(PythonFloat.round(-1e-300, 8).sign == .minus)
        #expect(PythonFloat.round(1e20 / 3, 8) == 1e20 / 3)
    }

    @Test func divisions() {
        #expect(PythonFloat.floorDivide(0.3 * 100, 0.1) == 299)
        #expect(PythonFloat.floorDivide(-7.5, 2) == -4)
        #expect(PythonFloat.floorDivide(7.5, -2) == -4)
        #expect(PythonFloat.floorDivide(1e308 * 100, 5).isNaN)
        #expect(PythonFloat.trueDivide(1_000_003 * 3, 1_000_000) == 3.000009)
        #expect(PythonFloat.trueDivide(Int128(Int64.max), 60) == 153_722_867_280_912_930.0)
        #expect(PythonFloat.trueDivide(-7, 2) == -3.5)
    }

    @Test func textOperations() {
        #expect(PythonText.lower("ΟΔΟΣ ΣΑ") == "οδος σα")
        #expect(Array(PythonText.lower("İ").unicodeScalars) == ["i", "\u{307}"])
        #expect(PythonText.strip("\u{1c}\u{2028} x \u{85}") == "x")
        #expect(PythonText.strip("\u{200b}x") == "\u{200b}x")  // a zero-width space is not whitespace
        #expect(!PythonText.equal("\u{212A}", "K"))  // Swift's == says equal; Python's says not
    }

    @Test func jsonKeepsPythonsTypesAndKeyOrder() throws {
        let value = try PythonJSON.parse(#"{"b": 1, "a": 1.0, "b": 2, "n": NaN, "big": 123456789012345678901, "k": "\ud83d\ude00\ud800"}"#)
        guard case .object(let d) = value else {
            Issue.record("not an object")
            return
        }
        #expect(d.keys == ["b", "a", "n", "big", "k"])
        #expect(d["b"] == .int(2))
        #expect(d["a"] == .float(1))
        #expect(d["big"] == .bigInt("123456789012345678901"))
        #expect(d["k"] == .string("😀\u{FFFD}"))
        #expect(d["\u{212A}"] == nil && pythonDict(#"{"\u212a": 1, "K": 2}"#).count == 2)
        #expect(PythonJSON.float(.nan).isTruthy)
        #expect(!PythonJSON.object(PythonDict()).isTruthy && !PythonJSON.string("").isTruthy)
        for bad in ["[1,]", "{\"a\":1,}", "01", "1.", "\"\u{1}\"", "[1] x", "{'a': 1}", String(repeating: "[", count: 1001)] {
            #expect(throws: PythonJSON.SyntaxError.self) { try PythonJSON.parse(bad) }
        }
    }

    @Test func dumpsIsJsonDumpsWithIndent2() throws {
        let value = try PythonJSON.parse(#"{"a": [1, 2.0, 1e16, "\u0007\t\"é"], "b": {}, "c": [], "d": Infinity}"#)
        #expect(value.dumps() == "{\n  \"a\": [\n    1,\n    2.0,\n    1e+16,\n    \"\\u0007\\t\\\"é\"\n  ],\n  \"b\": {},\n  \"c\": [],\n  \"d\": null\n}")
    }
}
