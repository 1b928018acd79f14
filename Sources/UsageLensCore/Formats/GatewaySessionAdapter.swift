extension LogFormat {
    /// Pipeline / OpenClaw gateway sessions.
    public static let gatewaySession = LogFormat(code: 6, name: "gateway-session")
}

/// Pipeline / OpenClaw gateway sessions: one session object per line, or a `sessions.list` result
/// (`{"sessions": [...]}`) giving one event per element.
///
/// A session is one event at its last activity (`updated_at`, `updatedAt`, `lastActivity`, `last_activity`,
/// then `created_at`/`createdAt` and the usual time keys), holding the session's totals. Token keys are read
/// exactly as the Pipeline service reads them: in `usage` (else `tokens`) as snake_case, camelCase or short
/// names, falling back to the session's top level. Cost: `usage.cost.total`, `usage.cost`, then `cost`,
/// `cost_usd`, `costUsd`. A gateway lists the same session again as it grows, so the session id is the dedup
/// key: the largest snapshot of a session is kept.
///
/// Three registry entries read this format, at three places in the precedence (see `FormatRegistry`): a
/// `sessions.list` result (`GatewaySessionListAdapter`), a session that names itself as one
/// (`NamedGatewaySessionAdapter`), and any other object with an id and token counts (this adapter, last).
enum GatewaySessionAdapter: DocumentFormat {
    static let format = LogFormat.gatewaySession
    /// Token keys end in `tokens"` / `Tokens"`; the short form (`input`, `cacheRead`) sits under `"usage"`.
    static let needles = [FormatRegistry.tokenKeyNeedle, "\"usage\""]

    static func read(_ v: JSONValue, state: inout NoState, _ context: inout IngestContext) -> RecordOutcome {
        recognises(v) ? handle(v, &context) : .notMine
    }

    static let idKeys = ["sessionId", "id", "session_id", "key"]
    static let timeKeys = ["updated_at", "updatedAt", "lastActivity", "last_activity", "created_at", "createdAt"]

    static func isSessionList(_ v: JSONValue) -> Bool {
        v["sessions"]?.arrayValue != nil
    }

    /// A session object: an id and token counts in one of the Pipeline service's conventions.
    static func recognises(_ v: JSONValue) -> Bool {
        guard v.isObject, idKeys.contains(where: { v[$0]?.stringValue != nil }) else { return false }
        if let usage = v.first("usage", "tokens"), usage.isObject { return true }
        return v.first("input_tokens", "inputTokens", "output_tokens", "outputTokens") != nil
    }

    /// A session object named as such (`sessionId`/`session_id`), which no API response is.
    static func namesASession(_ v: JSONValue) -> Bool {
        (v["sessionId"]?.stringValue != nil || v["session_id"]?.stringValue != nil) && v["object"] == nil
            && v["type"]?.stringValue != "message" && recognises(v)
    }

    /// The token object: `usage` unless it is missing or empty (the service's `usage or tokens`), else `tokens`.
    static func tokenObject(_ s: JSONValue) -> JSONValue {
        if case .object(let members)? = s["usage"], !members.isEmpty { return .object(members) }
        if case .object(let members)? = s["tokens"], !members.isEmpty { return .object(members) }
        return .object([])
    }

    static func handle(_ s: JSONValue, _ context: inout IngestContext) -> RecordOutcome {
        guard let time = context.time(s, keys: timeKeys + IngestContext.timeKeys) else { return .ignored(.noTimestamp) }
        let usage = tokenObject(s)
        func tokens(_ usageKeys: [String], _ topKeys: [String]) -> Int64 {
            // The Pipeline service's `a or b`: a zero in `usage` falls through to the top level.
            let inUsage = usageKeys.lazy.compactMap { usage[$0]?.countValue }.first ?? 0
            return inUsage != 0 ? inUsage : topKeys.lazy.compactMap { s[$0]?.countValue }.first ?? 0
        }
        var row = EventRow(
            time: time, format: format.rawValue,
            model: context.intern(s, "model", "modelName"))
        row.provider = context.intern(s, "provider")
        row.inputTokens = tokens(["input_tokens", "inputTokens", "input"], ["input_tokens", "inputTokens"])
        row.outputTokens = tokens(["output_tokens", "outputTokens", "output"], ["output_tokens", "outputTokens"])
        row.cacheReadTokens = tokens(
            ["cache_read_input_tokens", "cacheReadTokens", "cache_read"], ["cache_read_tokens", "cacheReadTokens"])
        row.cacheWrite5mTokens = tokens(
            ["cache_creation_input_tokens", "cacheWriteTokens", "cache_write"], ["cache_write_tokens", "cacheWriteTokens"])
        if let calls = s.first("calls", "messageCount", "messages")?.countValue { row.calls = UInt32(clamping: calls) }
        let cost = explicitCost(s)
        if cost > 0 { row.loggedCostUSD = cost }
        let id = idKeys.lazy.compactMap { s[$0]?.stringValue }.first
        row.session = id.map { context.table.strings.intern($0) } ?? 0
        context.readDimensions(s, into: &row)
        if let id, let key = documentKey(format, id, s["agentId"]?.stringValue) {
            (row.dedupHigh, row.dedupLow) = key
        }
        return context.appendIfUsage(row)
    }

    /// The cost the gateway states, in the Pipeline service's order; 0 when none is positive.
    static func explicitCost(_ s: JSONValue) -> Double {
        if let usage = s["usage"], usage.isObject, let block = usage["cost"] {
            if block.isObject, case let total? = block["total"], isNumber(total), let d = total.doubleValue, d > 0 {
                return d
            }
            if isNumber(block), let d = block.doubleValue, d > 0 { return d }
        }
        for key in ["cost", "cost_usd", "costUsd"] {
            if let d = s[key]?.doubleValue { return d }
        }
        return 0
    }

    private static func isNumber(_ v: JSONValue) -> Bool {
        switch v {
        case .int, .double: return true
        default: return false
        }
    }
}

/// A `sessions.list` result (`{"sessions": [...]}`): one event per session element.
enum GatewaySessionListAdapter: DocumentFormat {
    static let format = LogFormat.gatewaySession
    static let needles = GatewaySessionAdapter.needles

    static func read(_ v: JSONValue, state: inout NoState, _ context: inout IngestContext) -> RecordOutcome {
        guard GatewaySessionAdapter.isSessionList(v) else { return .notMine }
        var outcome = RecordOutcome.ignored(.notAnEvent)
        var first = true
        for element in v["sessions"]?.arrayValue ?? [] where element.isObject {
            // A broken element makes the whole line malformed; the ingestor drops its rows.
            let next = GatewaySessionAdapter.handle(element, &context)
            outcome = first ? next : outcome.then(next)
            first = false
        }
        return outcome
    }
}

/// A gateway session named as such (`sessionId`/`session_id`), which no API response is: read before API
/// responses, which it resembles.
enum NamedGatewaySessionAdapter: DocumentFormat {
    static let format = LogFormat.gatewaySession
    static let needles = GatewaySessionAdapter.needles

    static func read(_ v: JSONValue, state: inout NoState, _ context: inout IngestContext) -> RecordOutcome {
        GatewaySessionAdapter.namesASession(v) ? GatewaySessionAdapter.handle(v, &context) : .notMine
    }
}
