extension LogFormat {
    /// agentkit usage records.
    public static let usageRecord = LogFormat(code: 5, name: "usage-record")
}

/// Usage records as agentkit's usage store keeps them: one request per object with `prompt_tokens` and
/// `completion_tokens` at the top level, `cost`, `agent_name`, `user_id`, `department_id`, `latency_ms`.
///
/// The prompt is taken as uncached input (agentkit records no cache split). agentkit does not de-duplicate,
/// so neither does this adapter: two equal records are two requests. The timestamp text is kept as logged,
/// because agentkit's export echoes it.
enum UsageRecordAdapter: DocumentFormat {
    static let format = LogFormat.usageRecord
    static let needles = [FormatRegistry.tokenKeyNeedle]

    static func recognises(_ v: JSONValue) -> Bool {
        v["prompt_tokens"] != nil && v["completion_tokens"] != nil && v["usage"] == nil
    }

    static func read(_ v: JSONValue, state: inout NoState, _ context: inout IngestContext) -> RecordOutcome {
        guard recognises(v) else { return .notMine }
        guard let time = context.time(v) else { return .ignored(.noTimestamp) }
        var row = EventRow(time: time, format: format.rawValue, model: context.intern(v["model"]))
        row.provider = context.intern(v, "provider")
        row.inputTokens = v["prompt_tokens"]?.countValue ?? 0
        row.outputTokens = v["completion_tokens"]?.countValue ?? 0
        if let cost = v.first("cost", "cost_usd")?.doubleValue { row.loggedCostUSD = cost }
        context.readDimensions(v, into: &row)
        if case .string(let text)? = v["timestamp"] { row.extras.rawTime = context.table.strings.intern(text) }
        if case .int? = v["cost"] { row.extras.written.insert(.costAsInteger) }
        if case .int? = v["latency_ms"] { row.extras.written.insert(.latencyAsInteger) }
        return context.append(row)
    }
}
