import Foundation
import Testing

@testable import UsageLensCore

@Suite("JSONValue")
struct JSONValueTests {
    static func compact(_ v: JSONValue) -> String { v.rendered(indent: 0) }

    @Test(
        "strings escape quotes, backslashes and control characters",
        arguments: [
            ("plain", #""plain""#), ("say \"hi\"", #""say \"hi\"""#), (#"C:\logs"#, #""C:\\logs""#),
            ("a\nb", #""a\nb""#), ("a\rb", #""a\rb""#), ("a\tb", #""a\tb""#), ("\u{0}", #""\u0000""#),
            ("\u{1}\u{1F}", #""\u0001\u001f""#), ("\u{8}\u{C}", #""\u0008\u000c""#), ("", #""""#),
        ])
    func escaping(input: String, expected: String) {
        #expect(Self.compact(.string(input)) == expected)
    }

    @Test("non-ASCII text is written as UTF-8, not escaped", arguments: ["café", "日本語", "🚀 launch", "e\u{301}", "\u{7F}"])
    func unicode(text: String) throws {
        let out = Self.compact(.string(text))
        #expect(out == "\"" + text + "\"")
        // And it reads back to the same scalars.
        let back = try JSONSerialization.jsonObject(with: Data(("[" + out + "]").utf8), options: []) as? [String]
        #expect(back?.first?.unicodeScalars.elementsEqual(text.unicodeScalars) == true)
    }

    @Test("any string round-trips through a JSON parser", arguments: [1, 2, 3] as [UInt64])
    func stringRoundTrip(seed: UInt64) throws {
        var g = SeededGenerator(seed: seed)
        let alphabet: [Unicode.Scalar] = (0..<0x80).compactMap(Unicode.Scalar.init) + ["é", "日", "🚀", "\u{2028}"]
        for _ in 0..<50 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0..<30, using: &g) { s.append(alphabet.randomElement(using: &g)!) }
            let text = String(s)
            let out = Self.compact(.array([.string(text)]))
            let back = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String])
            #expect(back[0].unicodeScalars.elementsEqual(text.unicodeScalars), "\(out)")
        }
    }

    @Test(
        "numbers: integer-valued doubles print without a fraction, others in shortest form",
        arguments: [
            (3.0, "3"), (0.0, "0"), (-0.0, "0"), (-42.0, "-42"), (0.5, "0.5"), (0.1, "0.1"), (1.25, "1.25"),
            (123_456_789.0, "123456789"), (0.000_001, "1e-06"), (2.675, "2.675"),
        ])
    func doubles(value: Double, expected: String) {
        #expect(Self.compact(.double(value)) == expected)
    }

    @Test("non-finite doubles are null", arguments: [Double.nan, .infinity, -.infinity])
    func nonFinite(value: Double) {
        #expect(Self.compact(.double(value)) == "null")
    }

    @Test("large doubles stay valid JSON numbers")
    func largeDoubles() throws {
        for value in [1e15, 1e20, -3e300, 123_456_789_012_345_678.0] {
            let out = Self.compact(.array([.double(value)]))
            let back = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [Double])
            #expect(back == [value], "\(out)")
        }
    }

    @Test("integers, booleans and null")
    func scalars() {
        #expect(Self.compact(.int(0)) == "0")
        #expect(Self.compact(.int(-7)) == "-7")
        #expect(Self.compact(.int(Int64.max)) == "9223372036854775807")
        #expect(Self.compact(.bool(true)) == "true")
        #expect(Self.compact(.bool(false)) == "false")
        #expect(Self.compact(.null) == "null")
    }

    @Test("object keys keep their order, including duplicates, and keys are escaped")
    func keyOrder() {
        let v = JSONValue.object([("z", .int(1)), ("a", .int(2)), ("m\"q", .int(3)), ("z", .int(4))])
        #expect(Self.compact(v) == #"{"z":1,"a":2,"m\"q":3,"z":4}"#)
    }

    @Test("compact output has no whitespace")
    func compactShape() {
        let v = JSONValue.object([
            ("rows", .array([.object([("key", .string("a b")), ("n", .int(1))]), .null])), ("empty", .object([])),
            ("none", .array([])),
        ])
        #expect(Self.compact(v) == #"{"rows":[{"key":"a b","n":1},null],"empty":{},"none":[]}"#)
    }

    @Test("indented output nests by the indent, with empty containers inline")
    func indentedShape() {
        let v = JSONValue.object([
            ("name", .string("x")), ("list", .array([.int(1), .object([("k", .bool(true))])])), ("empty", .object([])),
            ("none", .array([])),
        ])
        let expected = """
            {
              "name": "x",
              "list": [
                1,
                {
                  "k": true
                }
              ],
              "empty": {},
              "none": []
            }
            """
        #expect(v.rendered() == expected)
        #expect(v.rendered(indent: 2) == expected)
        #expect(v.rendered(indent: 4).contains("\n        1,\n"))
    }

    @Test("indented and compact output parse to the same value")
    func bothParse() throws {
        let v = JSONValue.object([
            ("a", .array([.int(1), .double(2.5), .string("x\ny"), .bool(false), .null])), ("b", .object([("c", .int(-1))])),
        ])
        let a = try JSONSerialization.jsonObject(with: Data(v.rendered(indent: 0).utf8)) as? NSDictionary
        let b = try JSONSerialization.jsonObject(with: Data(v.rendered(indent: 2).utf8)) as? NSDictionary
        #expect(a != nil)
        #expect(a == b)
    }

    @Test("values are equal when they render the same")
    func equality() {
        #expect(JSONValue.object([("a", .int(1))]) == JSONValue.object([("a", .int(1))]))
        #expect(JSONValue.object([("a", .int(1)), ("b", .int(2))]) != JSONValue.object([("b", .int(2)), ("a", .int(1))]))
        #expect(JSONValue.int(3) == JSONValue.double(3))
        #expect(JSONValue.string("1") != JSONValue.int(1))
    }
}
