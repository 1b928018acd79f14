// Fuzz target: every adapter's entry point, on the values of each line of the input.
//
// The fast-path adapters (Claude Code, Codex) get the records `JSONLineParser` captures, keeping their per-file
// state from line to line as a file's reader does; the document adapters get the `JSONDocumentParser` tree of
// the line through `DocumentAdapters.handle`, as `FileIngestor` offers them.
// Invariants: no crash or overflow trap; an adapter that says it gave no event added no row; every stored
// count is within 0...TokenCount.limit; every row's strings resolve in the table's dictionary.
@testable import UsageLensCore

private let lineParser = JSONLineParser()
private let tree = JSONDocumentParser()
private var context = IngestContext()
private var claude = ClaudeCodeAdapter()
private var codex = CodexAdapter()

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

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> Int32 {
    lineParser.onRecord = { record in
        let before = context.table.count
        if ClaudeCodeAdapter.recognises(record) {
            let events = claude.handle(record, &context)
            fuzzCheck(events || context.table.count == before, "Claude Code: no event, but rows added")
            checkRows(from: before, "Claude Code")
        } else if CodexAdapter.recognises(record) {
            let events = codex.handle(record, &context)
            fuzzCheck(events || context.table.count == before, "Codex: no event, but rows added")
            checkRows(from: before, "Codex")
        }
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    context = IngestContext()
    let path = "/fuzz/projects/-home-fuzz/session.jsonl"
    context.startFile(index: 0, path: path)
    claude = ClaudeCodeAdapter()
    codex = CodexAdapter()
    claude.startFile(path: path, context: &context)
    codex.startFile(path: path, context: &context)
    for (number, line) in splitLines(bytes).enumerated() {
        context.line = number + 1
        context.recordError = nil
        context.ignoreReason = nil
        context.limitMessageTime = nil
        guard lineParser.parseLine(line) == nil, let values = tree.parse(line) else { continue }
        for value in values {
            let before = context.table.count
            let (format, events) = DocumentAdapters.handle(value, &context)
            fuzzCheck(events || context.table.count == before, "\(format.map(\.name) ?? "no format"): no event, but rows added")
            fuzzCheck(format != nil || !events, "events from a value of no format")
            checkRows(from: before, format.map(\.name) ?? "no format")
        }
    }
    return 0
}
