import Foundation
import Testing

@testable import UsageLensCore

@Suite("ReportRenderer")
struct ReportRendererTests {
    struct Sample: RenderableReport {
        var body: ReportBody
        func body(in context: RenderContext) -> ReportBody { body }
    }

    static var context: RenderContext { RenderContext(calendar: LocalCalendar(zone: TimeZone(secondsFromGMT: 0)!), now: 0) }

    static func render(_ body: ReportBody, _ format: OutputFormat) -> String {
        var out = ""
        format.renderer.render(Sample(body: body), in: context, to: &out)
        return out
    }

    static var records: ReportBody { .records(columns: ["a", "b"], count: 2) { n in [.int(Int64(n)), .string("x,\(n)")] } }

    @Test("output formats parse from their option names, one renderer each")
    func outputFormats() {
        #expect(OutputFormat.allCases.map(\.rawValue) == ["table", "json", "csv", "markdown", "ndjson", "html"])
    }

    @Test("records stream as CSV lines, a JSON array of one object per line, and NDJSON")
    func records() {
        #expect(Self.render(Self.records, .csv) == "a,b\n0,\"x,0\"\n1,\"x,1\"\n")
        #expect(Self.render(Self.records, .json) == "[\n{\"a\":0,\"b\":\"x,0\"},\n{\"a\":1,\"b\":\"x,1\"}\n]\n")
        #expect(Self.render(Self.records, .ndjson) == "{\"a\":0,\"b\":\"x,0\"}\n{\"a\":1,\"b\":\"x,1\"}\n")
        #expect(Self.render(.records(columns: ["a"], count: 0) { _ in [] }, .json) == "[]\n")
        #expect(Self.render(Self.records, .markdown).hasPrefix("| a | b |\n| --- | --- |\n| 0 | x,0 |\n"))
    }

    @Test("a document is JSON for the JSON formats and a table for the text ones; a dashboard's text is as it is")
    func documents() {
        var tabular = Tabular(columns: [.init("Model", .left)])
        tabular.rows = [[.init("gpt-5")]]
        let document = ReportBody.document(json: { .object([("n", .int(1))]) }, tabular: { tabular })
        #expect(Self.render(document, .json) == "{\n  \"n\": 1\n}\n")
        #expect(Self.render(document, .ndjson) == "{\"n\":1}\n")
        #expect(Self.render(document, .csv) == "Model\ngpt-5\n")
        let dashboard = ReportBody.dashboard(json: { .object([]) }, text: { "dash\n" })
        for format in [OutputFormat.table, .csv, .markdown] { #expect(Self.render(dashboard, format) == "dash\n") }
        #expect(Self.render(dashboard, .json) == "{}\n")
    }

    @Test("a fixed response is written as it is by every renderer")
    func response() {
        for format in OutputFormat.allCases { #expect(Self.render(.response("body"), format) == "body") }
    }
}
