/// Every output format, each with its renderer. A new format is a case here and its renderer file in
/// `Renderers/`; every command then offers it.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, json, csv, markdown, ndjson, html

    /// The renderer that writes this format.
    public var renderer: any ReportRenderer {
        switch self {
        case .table: TableRenderer()
        case .json: JSONRenderer()
        case .csv: CSVRenderer()
        case .markdown: MarkdownRenderer()
        case .ndjson: NDJSONRenderer()
        case .html: HTMLRenderer()
        }
    }
}
