extension LogFormat {
    /// OpenAI API responses (Chat Completions, Responses), as logged.
    public static let openAI = LogFormat(code: 3, name: "openai-api", fallbackProvider: "openai")
    /// Anthropic Messages API responses, as logged.
    public static let anthropic = LogFormat(code: 4, name: "anthropic-api", impliedProvider: "anthropic")
}

/// A provider API response as logged: the response object itself, or wrapped in an envelope that adds a time
/// and dimensions (`{"timestamp": ..., "user_id": ..., "response": {...}}`; also `body` and `data`, and the
/// Responses API's `response.completed` stream event). Unwrapped, an OpenAI response is known by its `object`
/// (`chat.completion`, `response`, `list`, ...): a gateway session may also have an `id`, a `usage` with
/// `input_tokens` and a `created_at`.
struct APIResponse {
    /// The line's value; the same as `body` when not wrapped.
    var envelope: JSONValue
    /// The object holding `usage`.
    var body: JSONValue
    var usage: JSONValue
    var format: LogFormat

    init?(_ value: JSONValue) {
        var body = value
        if value["usage"] == nil, let inner = value.first("response", "body", "data"), inner.isObject { body = inner }
        guard let usage = body["usage"], usage.isObject else { return nil }
        let wrapped = value["usage"] == nil
        if body["type"]?.stringValue == "message", usage["input_tokens"] != nil {
            format = .anthropic
        } else if usage["prompt_tokens"] != nil || usage["input_tokens"] != nil, wrapped || body["object"] != nil {
            format = .openAI
        } else {
            return nil
        }
        self.envelope = value
        self.body = body
        self.usage = usage
    }

    /// Reads `v` as a response of `format`: `.notMine` when it is none, ignored without a time, else the event
    /// `fill` completes from the usage object (appended unless it is all zero).
    static func read(
        _ v: JSONValue, as format: LogFormat, _ context: inout IngestContext,
        _ fill: (_ usage: JSONValue, _ row: inout EventRow) -> Void
    ) -> RecordOutcome {
        guard let r = APIResponse(v), r.format == format else { return .notMine }
        guard var row = r.row(&context) else { return .ignored(.noTimestamp) }
        fill(r.usage, &row)
        return context.appendIfUsage(row)
    }

    /// The envelope's time, else the response's own creation time (OpenAI `created` / `created_at`).
    func time(_ context: IngestContext) -> Int64? {
        context.time(envelope) ?? context.time(body, keys: ["created", "created_at"])
    }

    /// An event with the response's model, id key, envelope dimensions and time; nil without a time.
    func row(_ context: inout IngestContext) -> EventRow? {
        guard let time = time(context) else { return nil }
        var row = EventRow(time: time, format: format.rawValue, model: context.intern(body["model"] ?? envelope["model"]))
        row.provider = context.intern(envelope, "provider")
        context.readDimensions(envelope, into: &row)
        if let id = body["id"]?.stringValue, let key = documentKey(format, id) { (row.dedupHigh, row.dedupLow) = key }
        if let cost = envelope.first("cost_usd", "costUSD", "cost")?.doubleValue { row.loggedCostUSD = cost }
        return row
    }
}

/// OpenAI API responses: Chat Completions (`prompt_tokens`, `completion_tokens`, `*_details`) and the Responses
/// API (`input_tokens`, `output_tokens`, `*_details`). Cached tokens are a subset of the prompt, reasoning
/// tokens a subset of the output; one response id counts once.
enum OpenAIAdapter: DocumentFormat {
    static let format = LogFormat.openAI
    static let needles = [FormatRegistry.tokenKeyNeedle]

    static func read(_ v: JSONValue, state: inout NoState, _ context: inout IngestContext) -> RecordOutcome {
        APIResponse.read(v, as: format, &context, fill)
    }

    private static func fill(_ u: JSONValue, _ row: inout EventRow) {
        let prompt = u.first("prompt_tokens", "input_tokens")?.countValue ?? 0
        let details = u.first("prompt_tokens_details", "input_tokens_details")
        let cached = min(prompt, details?["cached_tokens"]?.countValue ?? 0)
        row.inputTokens = prompt - cached
        row.cacheReadTokens = cached
        row.outputTokens = u.first("completion_tokens", "output_tokens")?.countValue ?? 0
        row.reasoningTokens =
            u.first("completion_tokens_details", "output_tokens_details")?["reasoning_tokens"]?.countValue ?? 0
    }
}

/// Anthropic Messages API responses: tokens as in Claude Code (input excludes cache reads and writes; writes
/// split by lifetime when `cache_creation` says so). One message id counts once.
enum AnthropicAdapter: DocumentFormat {
    static let format = LogFormat.anthropic
    static let needles = [FormatRegistry.tokenKeyNeedle]

    static func read(_ v: JSONValue, state: inout NoState, _ context: inout IngestContext) -> RecordOutcome {
        APIResponse.read(v, as: format, &context, fill)
    }

    private static func fill(_ u: JSONValue, _ row: inout EventRow) {
        row.inputTokens = u["input_tokens"]?.countValue ?? 0
        row.outputTokens = u["output_tokens"]?.countValue ?? 0
        row.cacheReadTokens = u["cache_read_input_tokens"]?.countValue ?? 0
        let creation = u["cache_creation_input_tokens"]?.countValue ?? 0
        row.cacheWrite5mTokens = creation
        if let split = u["cache_creation"], split.isObject {
            let m5 = split["ephemeral_5m_input_tokens"]?.countValue ?? 0
            let h1 = split["ephemeral_1h_input_tokens"]?.countValue ?? 0
            row.cacheWrite1hTokens = h1
            row.cacheWrite5mTokens = max(m5, creation - h1)
        }
    }
}
