extension LogFormat {
    /// LiteLLM spend logs and logging payloads.
    public static let liteLLM = LogFormat(code: 7, name: "litellm")
}

/// LiteLLM spend logs (rows of `LiteLLM_SpendLogs`: `spend`, `prompt_tokens`, `startTime`, `api_key`, `user`,
/// `team_id`) and StandardLoggingPayload lines (`response_cost`, `metadata.user_api_key_*`).
///
/// LiteLLM's `prompt_tokens` include cached tokens (and, for Anthropic models, cache writes), so those are
/// taken out of the input. Cached counts come from `metadata.additional_usage_values` or from the logged
/// response's usage. The logged spend is the cost; `request_id`/`id` is the dedup key.
enum LiteLLMAdapter: DocumentFormat {
    static let format = LogFormat.liteLLM
    static let needles = [FormatRegistry.tokenKeyNeedle]

    static func recognises(_ v: JSONValue) -> Bool {
        (v["spend"] != nil || v["response_cost"] != nil)
            && (v["prompt_tokens"] != nil || v["total_tokens"] != nil || v["completion_tokens"] != nil)
    }

    static func read(_ v: JSONValue, state: inout NoState, _ context: inout IngestContext) -> RecordOutcome {
        guard recognises(v) else { return .notMine }
        guard let time = context.time(v, keys: ["startTime", "start_time"] + IngestContext.timeKeys) else {
            return .ignored(.noTimestamp)
        }
        let metadata = v["metadata"] ?? .null
        var row = EventRow(
            time: time, format: format.rawValue, model: context.intern(v, "model", "model_group"))
        row.provider = context.intern(v, "custom_llm_provider")
        let prompt = v["prompt_tokens"]?.countValue ?? 0
        // Cache counts: LiteLLM's additional usage values, else the logged response's usage.
        let usages = [metadata["additional_usage_values"], v["response"]?["usage"], v["usage"]].compactMap { $0 }
        func cacheCount(_ keys: [String]) -> Int64 {
            for usage in usages {
                for key in keys {
                    if let n = usage[key]?.countValue { return n }
                }
                if keys.contains("cache_read_input_tokens"), let n = usage["prompt_tokens_details"]?["cached_tokens"]?.countValue {
                    return n
                }
            }
            return 0
        }
        let cacheRead = min(prompt, cacheCount(["cache_read_input_tokens"]))
        let cacheWrite = min(prompt - cacheRead, cacheCount(["cache_creation_input_tokens"]))
        row.inputTokens = prompt - cacheRead - cacheWrite
        row.cacheReadTokens = cacheRead
        row.cacheWrite5mTokens = cacheWrite
        row.outputTokens = v["completion_tokens"]?.countValue ?? 0
        if let cost = v.first("spend", "response_cost")?.doubleValue { row.loggedCostUSD = cost }
        row.session = context.intern(v, "session_id")
        var e = EventExtras()
        e.user = context.intern(v, "user", "end_user")
        if e.user == 0 { e.user = context.intern(metadata, "user_api_key_user_id") }
        e.department = context.intern(v, "team_id")
        if e.department == 0 { e.department = context.intern(metadata, "user_api_key_team_id") }
        e.account = context.intern(v, "api_key")
        if e.account == 0 { e.account = context.intern(metadata, "user_api_key_hash") }
        if let end = context.time(v, keys: ["endTime", "end_time"]), end >= time { e.latencyMs = Double(end - time) }
        row.extras = e
        if let id = v.first("request_id", "id")?.stringValue, let key = documentKey(format, id) {
            (row.dedupHigh, row.dedupLow) = key
        }
        return context.appendIfUsage(row)
    }
}
