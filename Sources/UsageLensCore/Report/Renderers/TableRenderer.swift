/// An aligned text table (colour and the terminal's width on a terminal); a dashboard and a response as they are.
public struct TableRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: some RenderableReport, in context: RenderContext, to stream: inout some TextOutputStream) {
        switch report.body(in: context) {
        case .document(_, let tabular): stream.write(TabularRenderer.table(tabular(), color: context.color, layout: context.layout))
        case .dashboard(_, let text): stream.write(text())
        case .records(let columns, let count, let record):
            // An aligned table needs every row's width first: the records are held as one table.
            stream.write(TabularRenderer.table(Tabular(columns: columns, count: count, record: record), color: context.color, layout: context.layout))
        case .response(let text): stream.write(text)
        case .page(let page): render(page.models, in: context, to: &stream)
        }
    }
}
