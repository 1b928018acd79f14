/// Newline-delimited JSON: one object per record, a document or dashboard as one compact line; a response as
/// it is.
public struct NDJSONRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: some RenderableReport, in context: RenderContext, to stream: inout some TextOutputStream) {
        switch report.body(in: context) {
        case .document(let json, _), .dashboard(let json, _): stream.write(json().rendered(indent: 0) + "\n")
        case .records(let columns, let count, let record):
            for n in 0..<count { stream.write(JSONValue.object(Array(zip(columns, record(n)))).rendered(indent: 0) + "\n") }
        case .response(let text): stream.write(text)
        case .page(let page): render(page.models, in: context, to: &stream)
        }
    }
}
