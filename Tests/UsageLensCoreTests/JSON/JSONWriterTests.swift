import Testing

@testable import UsageLensCore

/// The one writer: layout, and the three escaping flavours that usagelens's outputs have always used.
@Suite struct JSONWriterTests {
    @Test func indentedLayoutIsJSONValues() {
        var w = JSONWriter(indent: 2)
        w.beginObject()
        w.key("a")
        w.beginArray()
        w.raw("1")
        w.string("x")
        w.endArray()
        w.key("b")
        w.beginObject()
        w.endObject()
        w.key("c")
        w.beginArray()
        w.endArray()
        w.endObject()
        #expect(w.text == "{\n  \"a\": [\n    1,\n    \"x\"\n  ],\n  \"b\": {},\n  \"c\": []\n}")
    }

    @Test func compactLayoutAndKeySeparator() {
        var compact = JSONWriter()
        var spaced = JSONWriter(keySeparator: ": ")
        for i in 0..<2 {
            var w = i == 0 ? compact : spaced
            w.beginObject()
            w.key("k")
            w.raw("null")
            w.key("l")
            w.beginArray()
            w.raw("true")
            w.raw("false")
            w.endArray()
            w.endObject()
            if i == 0 { compact = w } else { spaced = w }
        }
        #expect(compact.text == #"{"k":null,"l":[true,false]}"#)
        #expect(spaced.text == #"{"k": null,"l": [true,false]}"#)
    }

    @Test func escapingFlavours() {
        let s = "q\"b\\\u{08}\u{0C}\n\r\t\u{01}\u{1F}é\u{7F}"
        #expect(JSONWriter.quoted(s) == #""q\"b\\\u0008\u000c\n\r\t\u0001\u001fé"# + "\u{7F}\"")
        #expect(JSONWriter.quoted(s, escaping: .python) == #""q\"b\\\b\f\n\r\t\u0001\u001fé"# + "\u{7F}\"")
        #expect(
            JSONWriter.quoted(s, escaping: .controlsAsUnicode)
                == #""q\"b\\\u0008\u000c\u000a\u000d\u0009\u0001\u001fé"# + "\u{7F}\"")
    }

    @Test func jsonValueRendersThroughTheWriter() {
        let v = JSONValue.object([("s", .string("a\u{8}")), ("d", .double(0.5)), ("i", .int(-3)), ("w", .double(2))])
        #expect(v.rendered(indent: 0) == #"{"s":"a\u0008","d":0.5,"i":-3,"w":2}"#)
    }
}
