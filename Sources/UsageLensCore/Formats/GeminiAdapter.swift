/// Gemini CLI chat records: `{"id", "timestamp", "type": "gemini", "model", "tokens": {"input", "output",
/// "cached", "thoughts", "tool", "total"}}`, one per line, or a whole session object with a `messages` list.
///
/// Gemini CLI rewrites a message's record as the response grows, so the last record per message id is kept
/// (`keepLast`). Input excludes cached tokens; output includes thoughts, which are also the reasoning tokens.
/// The session is the line's `sessionId`, else the file name.
enum GeminiAdapter {
    static func isMessage(_ v: JSONValue) -> Bool {
        v["type"]?.stringValue == "gemini" && (v["tokens"]?.isObject ?? false)
    }

    static func recognises(_ v: JSONValue) -> Bool {
        isMessage(v) || (v["messages"]?.arrayValue?.contains(where: isMessage) ?? false)
    }

    static func handle(_ v: JSONValue, _ context: inout IngestContext) -> Bool {
        if isMessage(v) { return message(v, session: v["sessionId"], &context) }
        var any = false
        for m in v["messages"]?.arrayValue ?? [] where isMessage(m) {
            if message(m, session: v["sessionId"], &context) { any = true }
        }
        return any
    }

    private static func message(_ m: JSONValue, session: JSONValue?, _ context: inout IngestContext) -> Bool {
        guard let time = context.time(m) else { return context.missingTime() }
        let t = m["tokens"] ?? .null
        let input = t["input"]?.countValue ?? 0
        let cached = min(input, t["cached"]?.countValue ?? 0)
        let thoughts = t["thoughts"]?.countValue ?? 0
        var row = EventRow(time: time, format: LogFormat.gemini.rawValue, flags: .keepLast, model: context.intern(m["model"]))
        row.inputTokens = input - cached
        row.cacheReadTokens = cached
        row.outputTokens = (t["output"]?.countValue ?? 0) + thoughts
        row.reasoningTokens = thoughts
        row.session = context.intern(m["sessionId"] ?? session)
        if row.session == 0 {
            let name = context.path.split(separator: "/").last.map(String.init) ?? ""
            row.session = context.table.strings.intern(name.split(separator: ".").first.map(String.init) ?? name)
        }
        context.readDimensions(m, into: &row)
        let sessionName = context.table.strings[row.session]
        if let id = m["id"]?.stringValue, let key = documentKey(.gemini, sessionName, id) {
            (row.dedupHigh, row.dedupLow) = key
        }
        return context.appendIfUsage(row)
    }
}
