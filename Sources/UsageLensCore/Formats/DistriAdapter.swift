extension LogFormat {
    /// distri usage rows.
    public static let distri = LogFormat(code: 9, name: "distri")
}

/// distri usage rows: `{"thread_id", "agent_id", "model", "input_tokens", "output_tokens", "cached_tokens",
/// "cost_usd", "created_at"}`, as the usage-stats API aggregates them. Tokens are taken as named: input,
/// output, and cached as cache reads. A row `id` is the dedup key.
enum DistriAdapter: DocumentFormat {
    static let format = LogFormat.distri
    static let needles = [FormatRegistry.tokenKeyNeedle]

    static func recognises(_ v: JSONValue) -> Bool {
        (v["thread_id"] != nil || v["agent_id"] != nil)
            && (v["input_tokens"] != nil || v["output_tokens"] != nil || v["cached_tokens"] != nil)
    }

    static func read(_ v: JSONValue, state: inout NoState, _ context: inout IngestContext) -> RecordOutcome {
        guard recognises(v) else { return .notMine }
        guard let time = context.time(v) else { return .ignored(.noTimestamp) }
        var row = EventRow(time: time, format: format.rawValue, model: context.intern(v["model"]))
        row.provider = context.intern(v, "provider")
        row.inputTokens = v["input_tokens"]?.countValue ?? 0
        row.outputTokens = v["output_tokens"]?.countValue ?? 0
        row.cacheReadTokens = v["cached_tokens"]?.countValue ?? 0
        if let cost = v.first("cost_usd", "cost")?.doubleValue { row.loggedCostUSD = cost }
        context.readDimensions(v, into: &row)
        if let id = v["id"]?.stringValue, let key = documentKey(format, id) { (row.dedupHigh, row.dedupLow) = key }
        return context.append(row)
    }
}
