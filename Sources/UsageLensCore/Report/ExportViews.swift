/// Normalised events for `export`: agentkit's export columns first, in its order, then ours.
///
/// agentkit's columns map as: `timestamp` (RFC 3339 in the report's zone; a usage record's own text when it
/// has one), `agent_name`, `model` (normalised), `prompt_tokens` = uncached input and `completion_tokens` =
/// output, so that `total_tokens` = prompt + completion as everywhere in usagelens; `cost` under the run's
/// cost mode; `latency_ms`, `user_id`, `department_id` (empty when absent).
public enum ExportViews {
    public static let columns = [
        "timestamp", "agent_name", "model", "prompt_tokens", "completion_tokens", "total_tokens", "cost", "latency_ms",
        "user_id", "department_id",
        "provider", "raw_model", "format", "session", "project", "thread", "account", "input_tokens", "output_tokens",
        "reasoning_tokens", "cache_read_tokens", "cache_write_5m_tokens", "cache_write_1h_tokens", "calls",
        "logged_cost_usd", "cost_known", "unpriced", "file", "line",
    ]

    /// The export row of event `i` as (column, value) pairs in `columns` order.
    public static func row(_ events: PricedEvents, _ i: Int, files: [String], offset: (Int64) -> Int) -> [(String, JSONValue)] {
        let t = events.table
        let e = t.extras(i)
        let m = events.models[Int(events.modelIndex[i])]
        func text(_ code: UInt32) -> JSONValue { .string(t.strings[code]) }
        let time = e.rawTime != 0 ? t.strings[e.rawTime] : Timestamp.format(t.time[i], offsetSeconds: offset(t.time[i]))
        let logged = t.loggedCostUSD[i]
        let values: [JSONValue] = [
            .string(time), text(e.agent), .string(m.model), .int(t.inputTokens[i]), .int(t.outputTokens[i]),
            .int(t.inputTokens[i] + t.outputTokens[i]), .double(events.cost[i]),
            e.latencyMs.isNaN ? .null : .double(e.latencyMs), text(e.user), text(e.department),
            .string(m.provider), text(t.model[i]), .string(LogFormat(rawValue: t.format[i])?.name ?? "unknown"),
            text(t.session[i]), text(t.project[i]), text(e.thread), text(e.account), .int(t.inputTokens[i]),
            .int(t.outputTokens[i]), .int(t.reasoningTokens[i]), .int(t.cacheReadTokens[i]),
            .int(t.cacheWrite5mTokens[i]), .int(t.cacheWrite1hTokens[i]), .int(Int64(t.calls[i])),
            logged.isNaN ? .null : .double(logged), .bool(events.costKnown[i]), .bool(m.unpriced),
            .string(Int(t.file[i]) < files.count ? files[Int(t.file[i])] : ""), .int(Int64(t.line[i])),
        ]
        return Array(zip(columns, values))
    }

    /// One CSV line (RFC 4180 quoting; null is empty).
    public static func csvLine(_ values: [JSONValue]) -> String {
        values.map { v -> String in
            switch v {
            case .null: return ""
            case .string(let s): return TabularRenderer.csvField(s)
            case .int(let n): return String(n)
            case .double(let d): return JSONValue.number(d)
            case .bool(let b): return b ? "true" : "false"
            default: return TabularRenderer.csvField(v.rendered(indent: 0))
            }
        }.joined(separator: ",") + "\n"
    }
}

/// What `export` writes: the events of `rows`, one record each, in `ExportViews.columns` order.
public struct ExportReport: RenderableReport {
    public var events: PricedEvents
    public var rows: [Int]
    /// Input paths by file index, for the `file` column.
    public var files: [String]

    public init(_ events: PricedEvents, rows: [Int], files: [String]) {
        self.events = events
        self.rows = rows
        self.files = files
    }

    public func body(in context: RenderContext) -> ReportBody {
        .records(columns: ExportViews.columns, count: rows.count) { n in
            ExportViews.row(events, rows[n], files: files, offset: context.offset).map(\.1)
        }
    }
}
