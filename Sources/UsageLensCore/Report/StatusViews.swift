/// The runtime-usage payload (Pipeline field names) and a five-second dashboard for `RuntimeStatus`.
public enum StatusViews {
    static func utc(_ ms: Int64?) -> JSONValue { ms.map { .string(Timestamp.format($0)) } ?? .null }
    static func int(_ v: Int64?) -> JSONValue { v.map { .int($0) } ?? .null }

    /// The Pipeline service's percentage: floor(used * 100 / limit), at most 100; nil without a limit.
    static func pct(_ used: Double, _ limit: Double?) -> Int64? {
        guard let limit, limit != 0 else { return nil }
        return Int64(min(100, (used * 100 / limit).rounded(.down)))
    }

    static func rounded(_ v: Double, _ places: Double) -> Double {
        let scale = pow10(places)
        return (v * scale).rounded() / scale
    }

    static func pow10(_ n: Double) -> Double {
        var r = 1.0
        for _ in 0..<Int(n) { r *= 10 }
        return r
    }

    public static func json(_ s: RuntimeStatus) -> JSONValue {
        let c = s.current
        let t = c.totals
        let source: (Double?) -> JSONValue = { $0 == nil ? .null : .string(c.limitSource) }
        let legacy = c.legacyTokenLimit.map(Double.init)
        var window: [(String, JSONValue)] = [
            ("key", .string(s.window.key)),
            ("started_at", utc(s.window.startedAt)), ("resets_at", utc(s.window.resetsAt)),
            ("reset_in_ms", .int(s.window.resetInMs)), ("source", .string(s.window.source)),
            ("confidence", .string(s.window.confidence)),
        ]
        if let used = s.window.usedPercent { window.append(("provider_used_percent", .double(used))) }
        return .object([
            ("generated_at", utc(s.now)), ("provider", .string(s.provider)),
            ("window", .object(window)),
            ("current", .object([
                ("total_cost_usd", .double(rounded(t.costUSD, 8))), ("total_tokens", .int(t.totalTokens)),
                ("total_output_tokens", .int(t.outputTokens)), ("total_calls", .int(t.calls)),
                ("token_limit", int(c.legacyTokenLimit)),
                ("token_pct", int(pct(Double(c.explicitLegacyTokenLimit == nil && c.outputTokenLimit != nil ? t.outputTokens : t.totalTokens), legacy))),
                ("cost_limit_usd", c.costLimitUSD.map { .double($0) } ?? .null),
                ("cost_pct", int(pct(t.costUSD, c.costLimitUSD))),
                ("token_limit_source", source(legacy)), ("cost_limit_source", source(c.costLimitUSD)),
                ("output_token_limit", int(c.outputTokenLimit)),
                ("output_token_limit_pct", int(pct(Double(t.outputTokens), c.outputTokenLimit.map(Double.init)))),
                ("output_token_limit_source", source(c.outputTokenLimit.map(Double.init))),
                ("total_token_limit", int(c.totalTokenLimit)),
                ("total_token_limit_pct", int(pct(Double(t.totalTokens), c.totalTokenLimit.map(Double.init)))),
                ("total_token_limit_source", source(c.totalTokenLimit.map(Double.init))),
                ("message_limit", int(c.messageLimit)),
                ("message_pct", int(pct(Double(t.calls), c.messageLimit.map(Double.init)))),
                ("message_limit_source", source(c.messageLimit.map(Double.init))),
            ])),
            ("burn_rate", .object([
                ("tokens_per_minute", .double(rounded(s.burnRate.tokensPerMinute, 4))),
                ("output_tokens_per_minute", .double(rounded(s.burnRate.outputTokensPerMinute, 4))),
                ("cost_usd_per_minute", .double(rounded(s.burnRate.costUSDPerMinute, 8))),
            ])),
            ("predictions", .object([
                ("time_to_limit_ms", int(s.prediction.timeToLimitMs)), ("safe", .bool(s.prediction.safe)),
                ("limit_kind", .string(s.prediction.limitKind)),
            ])),
            ("per_model", .object(s.perModel.map { row in
                ("\(row.model.provider)/\(row.model.model)", .object([
                    ("provider", .string(row.model.provider)), ("account_key", .string("default")),
                    ("model", .string(row.model.model)), ("input_tokens", .int(row.totals.inputTokens)),
                    ("output_tokens", .int(row.totals.outputTokens)), ("cache_read_tokens", .int(row.totals.cacheReadTokens)),
                    ("cache_write_tokens", .int(row.totals.cacheWriteTokens)), ("total_tokens", .int(row.totals.totalTokens)),
                    ("cost_usd", .double(row.totals.costUSD)), ("calls", .int(row.totals.calls)),
                    ("unpriced", .bool(row.model.unpriced)), ("source", .string("local_jsonl_estimate")),
                ]))
            })),
            ("top_sessions", .array(s.topSessions.map { session in
                .object([
                    ("session_id", .string(session.sessionID)), ("label", session.label.map { .string($0) } ?? .null),
                    ("model", session.model.map { .string($0) } ?? .null), ("cost_usd", .double(rounded(session.costUSD, 8))),
                    ("total_tokens", .int(session.totalTokens)), ("updated_at", utc(session.updatedAt)),
                    ("source", .string("local_jsonl_estimate")),
                ])
            })),
            ("weekly", .array(s.weekly.map { w in
                .object([
                    ("used_percent", w.usedPercent.map { .double($0) } ?? .null), ("window_minutes", int(w.windowMinutes)),
                    ("resets_at", utc(w.resetsAt)), ("observed_at", utc(w.observedAt)), ("source", .string("provider_native")),
                ])
            })),
        ])
    }

    static func bar(_ fraction: Double) -> String {
        let filled = Int((min(1, max(0, fraction)) * 20).rounded())
        return "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: 20 - filled) + "]"
    }

    /// A compact dashboard: window and reset countdown, usage bars, burn rate, time to the binding limit. Text from
    /// the logs (provider, session, model) is shown with control characters escaped (`TabularRenderer.visible`).
    public static func dashboard(_ s: RuntimeStatus, calendar: LocalCalendar) -> String {
        let w = s.window
        let t = s.current.totals
        var lines: [String] = []
        let provenance =
            w.source == "provider_native"
            ? "reported by the provider" : w.source == "provider_api_rate_limit" ? "from rate-limit headers" : "estimated from the logs"
        lines.append("\(TabularRenderer.visible(s.provider)) · \(BlockViews.duration(w.resetsAt - w.startedAt)) window (\(provenance), \(w.confidence) confidence)")
        lines.append(
            "  started \(BlockViews.local(w.startedAt, calendar)) · resets \(BlockViews.local(w.resetsAt, calendar)) (in \(BlockViews.duration(w.resetInMs)))"
        )
        if let used = w.usedPercent { lines.append("  provider  \(bar(used / 100)) \(Int(used.rounded()))% used") }
        func usage(_ name: String, _ used: Double, _ limit: Double?, _ text: String) {
            if let limit, limit > 0 {
                lines.append("  \(name)\(bar(used / limit)) \(Int((used / limit * 100).rounded()))%  \(text)")
            } else {
                lines.append("  \(name)\(text) (no limit set)")
            }
        }
        usage("tokens    ", Double(t.totalTokens), s.current.totalTokenLimit.map(Double.init),
              Formatting.grouped(t.totalTokens) + (s.current.totalTokenLimit.map { " / " + Formatting.grouped($0) } ?? ""))
        if let limit = s.current.outputTokenLimit {
            usage("output    ", Double(t.outputTokens), Double(limit), Formatting.grouped(t.outputTokens) + " / " + Formatting.grouped(limit))
        }
        if let limit = s.current.messageLimit {
            usage("messages  ", Double(t.calls), Double(limit), Formatting.grouped(t.calls) + " / " + Formatting.grouped(limit))
        }
        usage("cost      ", t.costUSD, s.current.costLimitUSD,
              Formatting.dollars(t.costUSD) + (s.current.costLimitUSD.map { " / " + Formatting.dollars($0) } ?? ""))
        lines.append(
            "  burn      \(Formatting.grouped(Int64(s.burnRate.tokensPerMinute.rounded()))) tokens/min · \(Formatting.dollars(s.burnRate.costUSDPerMinute))/min (last 60 min)")
        if let ms = s.prediction.timeToLimitMs {
            let verdict = s.prediction.safe ? "safe: the window resets first" : "before the reset"
            lines.append("  limit     \(s.prediction.limitKind) reached in \(BlockViews.duration(ms)) (\(verdict))")
        } else {
            lines.append("  limit     no limit is binding at this rate")
        }
        for weekly in s.weekly {
            let used = weekly.usedPercent.map { "\(Int($0.rounded()))% used" } ?? "usage unknown"
            let reset = weekly.resetsAt.map { ", resets \(BlockViews.local($0, calendar))" } ?? ""
            lines.append("  weekly    \(weekly.usedPercent.map { bar($0 / 100) + " " } ?? "")\(used)\(reset)")
        }
        if let top = s.topSessions.first {
            let session = TabularRenderer.visible(String(top.sessionID.prefix(12)))
            lines.append("  top       \(session) \(TabularRenderer.visible(top.model ?? "")) \(Formatting.dollars(top.costUSD))")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension RuntimeStatus: RenderableReport {
    /// The runtime-usage payload in JSON; the dashboard in every text format.
    public func body(in context: RenderContext) -> ReportBody {
        .dashboard(json: { StatusViews.json(self) }, text: { StatusViews.dashboard(self, calendar: context.calendar) })
    }
}
