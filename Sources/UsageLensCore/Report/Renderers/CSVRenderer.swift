/// RFC 4180 CSV: a document's rows (no totals), records one line each; a dashboard and a response as they are.
public struct CSVRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: some RenderableReport, in context: RenderContext, to stream: inout some TextOutputStream) {
        switch report.body(in: context) {
        case .document(_, let tabular): stream.write(TabularRenderer.csv(tabular()))
        case .dashboard(_, let text): stream.write(text())
        case .records(let columns, let count, let record):
            stream.write(columns.joined(separator: ",") + "\n")
            for n in 0..<count { stream.write(ExportViews.csvLine(record(n))) }
        case .response(let text): stream.write(text)
        case .page(let page): render(page.models, in: context, to: &stream)
        }
    }
}
