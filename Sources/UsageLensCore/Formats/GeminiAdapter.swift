extension LogFormat {
    /// Gemini CLI chat records and sessions.
    public static let gemini = LogFormat(code: 8, name: "gemini-cli", impliedProvider: "google")
}

/// Gemini CLI chat records: `{"id", "timestamp", "type": "gemini", "model", "tokens": {"input", "output",
/// "cached", "thoughts", "tool", "total"}}`, one per line, or a whole session object with a `messages` list.
///
/// Gemini CLI rewrites a message's record as the response grows, so the last record per message id is kept
/// (`keepLast`). Message ids are random UUIDs, so the id alone is the key: resuming an older `session-*.json`
/// writes every message again into a `.jsonl` beside it, and each counts once. `tokens.input` includes the
/// cached part, which we store apart; tool-use prompt tokens (`tool`) are input billed beside it
/// (`total` = input + output + thoughts + tool); output includes thoughts, which are also the reasoning tokens.
/// The session is the line's `sessionId`, else the enclosing session object's (older format), else the file
/// name (the JSONL form names it only on its first line).
enum GeminiAdapter: DocumentFormat {
    static let format = LogFormat.gemini
    static let needles = [FormatRegistry.tokenKeyNeedle]

    static func isMessage(_ v: JSONValue) -> Bool {
        v["type"]?.stringValue == "gemini" && (v["tokens"]?.isObject ?? false)
    }

    static func recognises(_ v: JSONValue) -> Bool {
        isMessage(v) || (v["messages"]?.arrayValue?.contains(where: isMessage) ?? false)
    }

    static func read(_ v: JSONValue, state: inout NoState, _ context: inout IngestContext) -> RecordOutcome {
        guard recognises(v) else { return .notMine }
        if isMessage(v) { return message(v, session: v["sessionId"], &context) }
        var outcome = RecordOutcome.ignored(.notAnEvent)
        var first = true
        for m in v["messages"]?.arrayValue ?? [] where isMessage(m) {
            let next = message(m, session: v["sessionId"], &context)
            outcome = first ? next : outcome.then(next)
            first = false
        }
        return outcome
    }

    private static func message(_ m: JSONValue, session: JSONValue?, _ context: inout IngestContext) -> RecordOutcome {
        guard let time = context.time(m) else { return .ignored(.noTimestamp) }
        let t = m["tokens"] ?? .null
        let input = t["input"]?.countValue ?? 0
        let cached = min(input, t["cached"]?.countValue ?? 0)
        let thoughts = t["thoughts"]?.countValue ?? 0
        let tool = t["tool"]?.countValue ?? 0
        var row = EventRow(time: time, format: format.rawValue, flags: .keepLast, model: context.intern(m["model"]))
        row.inputTokens = (input - cached).addingSaturating(tool)
        row.cacheReadTokens = cached
        row.outputTokens = (t["output"]?.countValue ?? 0).addingSaturating(thoughts)
        row.reasoningTokens = thoughts
        row.session = context.intern(m["sessionId"] ?? session)
        if row.session == 0 {
            let name = context.path.split(separator: "/").last.map(String.init) ?? ""
            row.session = context.table.strings.intern(name.split(separator: ".").first.map(String.init) ?? name)
        }
        context.readDimensions(m, into: &row)
        if let id = m["id"]?.stringValue, let key = documentKey(format, id) {
            (row.dedupHigh, row.dedupLow) = key
        }
        return context.appendIfUsage(row)
    }
}
