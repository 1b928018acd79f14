/// Pretty-printed JSON for a document or dashboard; records as one array with an object per line; a response
/// as it is.
public struct JSONRenderer: ReportRenderer {
    public init() {}

    public func render(_ report: some RenderableReport, in context: RenderContext, to stream: inout some TextOutputStream) {
        switch report.body(in: context) {
        case .document(let json, _), .dashboard(let json, _): stream.write(json().rendered() + "\n")
        case .records(let columns, let count, let record):
            stream.write("[")
            for n in 0..<count {
                stream.write((n == 0 ? "\n" : ",\n") + JSONValue.object(Array(zip(columns, record(n)))).rendered(indent: 0))
            }
            stream.write(count == 0 ? "]\n" : "\n]\n")
        case .response(let text): stream.write(text)
        case .page(let page): render(page.models, in: context, to: &stream)
        }
    }
}
