/// A GitHub-flavoured Markdown table; a dashboard and a response as they are.
public struct MarkdownRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: some RenderableReport, in context: RenderContext, to stream: inout some TextOutputStream) {
        switch report.body(in: context) {
        case .document(_, let tabular): stream.write(TabularRenderer.markdown(tabular()))
        case .dashboard(_, let text): stream.write(text())
        case .records(let columns, let count, let record):
            stream.write(TabularRenderer.markdown(Tabular(columns: columns, count: count, record: record)))
        case .response(let text): stream.write(text)
        case .page(let page): render(page.models, in: context, to: &stream)
        }
    }
}
