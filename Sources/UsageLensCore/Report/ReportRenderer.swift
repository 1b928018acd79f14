/// The one seam between reports and output formats.
///
/// A report says what it is (`ReportBody`); a renderer writes each kind of body in its format, into a stream.
/// Every command, `status`, `export` and `endpoint` included, prints through here, so a new output format is one
/// renderer file and one `OutputFormat` case, and then every command has it. The compiler keeps both sides
/// honest: a renderer switches over every kind of body, and a report can only be one of them.
public protocol ReportRenderer: Sendable {
    /// Writes `report`, as seen in `context`, to `stream`.
    func render(_ report: some RenderableReport, in context: RenderContext, to stream: inout some TextOutputStream)
}

/// A report value that any renderer can write.
public protocol RenderableReport {
    /// What the report holds, in the forms the renderers read.
    func body(in context: RenderContext) -> ReportBody
}

/// The forms of a report the renderers read. The forms are built only when a renderer asks for them.
public enum ReportBody {
    /// A document: one JSON tree (JSON, NDJSON), and the same as rows and columns (table, CSV, Markdown).
    case document(json: () -> JSONValue, tabular: () -> Tabular)
    /// A document whose text form is a fixed layout (the `status` dashboard), which the text formats write as is.
    case dashboard(json: () -> JSONValue, text: () -> String)
    /// Records written one at a time and never held as one string (`export`): the column names, how many
    /// records there are, and record `n`'s values in column order.
    case records(columns: [String], count: Int, record: (Int) -> [JSONValue])
    /// A response whose bytes are fixed (a dashboard endpoint's body): every format writes it as is.
    case response(String)
    /// The HTML report's page: charts and tables in HTML, its model report in every other format.
    case page(UsagePage)
}

/// A finished response body, such as a dashboard endpoint's, written as is by every renderer.
public struct FixedResponse: RenderableReport {
    public var text: String

    public init(_ text: String) {
        self.text = text
    }

    public func body(in context: RenderContext) -> ReportBody { .response(text) }
}
