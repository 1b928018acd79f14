// Fuzz target: every adapter's entry point, on the values of each line of the input.
//
// The key-path formats get the records `JSONLineParser` captures, through the registry's list, keeping their
// per-file states from line to line as a file's reader does; the document formats get the `JSONDocumentParser`
// tree of the line through `FormatRegistry.readDocument`, as `FileIngestor` offers them.
// Invariants: no crash or overflow trap; an adapter that says it gave no event added no row, and one that says
// it gave n events added n rows; every stored count is within 0...TokenCount.limit; every row's strings resolve
// in the table's dictionary.
@testable import UsageLensCore

private let lineParser = FormatRegistry.makeLineParser()
private let tree = JSONDocumentParser()
private var context = IngestContext()

/// The registry's lists and their per-file states. The lists' types are opaque (`some KeyPathFormatList`), so a
/// global cannot hold them; a generic class can, behind a protocol.
private protocol Formats: AnyObject {
    func startFile(path: String)
    func read(_ record: CapturedRecord) -> (LogFormat, RecordOutcome)?
    func read(_ value: JSONValue) -> (LogFormat?, RecordOutcome?)
}

private final class Lists<K: KeyPathFormatList, D: DocumentFormatList>: Formats {
    let keyPath: K
    let document: D
    var keyPathStates: K.States
    var documentStates: D.States

    init(_ keyPath: K, _ document: D) {
        self.keyPath = keyPath
        self.document = document
        keyPathStates = keyPath.initialStates
        documentStates = document.initialStates
    }

    func startFile(path: String) {
        keyPathStates = keyPath.startFile(path: path, &context)
        documentStates = document.initialStates
    }

    func read(_ record: CapturedRecord) -> (LogFormat, RecordOutcome)? {
        keyPath.read(record, line: UnsafeRawBufferPointer(start: nil, count: 0), states: &keyPathStates, &context)
    }

    func read(_ value: JSONValue) -> (LogFormat?, RecordOutcome?) {
        FormatRegistry.readDocument(value, document, states: &documentStates, &context)
    }
}

private let formats: any Formats = Lists(FormatRegistry.keyPathFormats, FormatRegistry.documentFormats)

private func checkRows(from start: Int, _ what: String) {
    let t = context.table
    for i in start..<t.count {
        for count in [
            t.inputTokens[i], t.outputTokens[i], t.reasoningTokens[i], t.cacheReadTokens[i], t.cacheWrite5mTokens[i],
            t.cacheWrite1hTokens[i],
        ] {
            fuzzCheck(count >= 0 && count <= TokenCount.limit, "\(what): row \(i) holds token count \(count)")
        }
        for code in [t.model[i], t.provider[i], t.session[i], t.project[i]] {
            fuzzCheck(Int(code) < t.strings.count, "\(what): row \(i) has string code \(code) of \(t.strings.count)")
        }
    }
}

/// Whether the rows added match what the outcome says (a malformed outcome may leave rows: the ingestor drops them).
private func checkOutcome(_ outcome: RecordOutcome?, added: Int, _ what: String) {
    switch outcome {
    case .events(let n)?: fuzzCheck(added == n, "\(what): \(n) events, but \(added) rows added")
    case .malformed?: break
    default: fuzzCheck(added == 0, "\(what): no event, but rows added")
    }
}

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> Int32 {
    lineParser.onRecord = { record in
        let before = context.table.count
        let answer = formats.read(record)
        let what = answer.map(\.0.name) ?? "no key-path format"
        checkOutcome(answer?.1, added: context.table.count - before, what)
        checkRows(from: before, what)
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    context = IngestContext()
    let path = "/fuzz/projects/-home-fuzz/session.jsonl"
    context.startFile(index: 0, path: path)
    formats.startFile(path: path)
    for (number, line) in splitLines(bytes).enumerated() {
        context.line = number + 1
        guard lineParser.parseLine(line) == nil, let values = tree.parse(line) else { continue }
        for value in values {
            let before = context.table.count
            let (format, outcome) = formats.read(value)
            let what = format.map(\.name) ?? "no format"
            checkOutcome(outcome, added: context.table.count - before, what)
            fuzzCheck(format != nil || outcome == nil, "an outcome from a value of no format")
            checkRows(from: before, what)
        }
    }
    return 0
}
