/// JSON and table views of `BlockReport` (shape in docs/json.md).
public enum BlockViews {
    static func instant(_ ms: Int64?, _ calendar: LocalCalendar) -> JSONValue {
        guard let ms else { return .null }
        return .string(Timestamp.format(ms, offsetSeconds: calendar.offsetSeconds(at: ms)))
    }

    static func worst(_ checks: [LimitCheck]) -> String {
        if checks.contains(where: { $0.status == .exceeds }) { return "exceeds" }
        if checks.contains(where: { $0.status == .warning }) { return "warning" }
        return checks.isEmpty ? "none" : "ok"
    }

    public static func json(
        _ r: BlockReport, now: Int64, lengthHours: Double, calendar: LocalCalendar, unpriced: [ModelRow],
        filters: JSONValue? = nil
    ) -> JSONValue {
        let blocks: [JSONValue] = r.blocks.map { b in
            var members: [(String, JSONValue)] = [
                ("provider", .string(b.provider)), ("account_key", .string(b.accountKey)),
                ("start", instant(b.start, calendar)), ("end", instant(b.end, calendar)),
                ("last_activity", instant(b.lastActivity, calendar)), ("is_gap", .bool(b.isGap)),
                ("is_active", .bool(b.isActive)), ("models", .array(b.models.map { .string($0) })),
            ]
            members += ReportViews.rowFields(b.totals)
            members.append(("burn_rate", b.burnRate.map { rate in
                .object([
                    ("tokens_per_minute", .double(rate.tokensPerMinute)),
                    ("output_tokens_per_minute", .double(rate.outputTokensPerMinute)),
                    ("cost_usd_per_minute", .double(rate.costUSDPerMinute)),
                    ("calls_per_minute", .double(rate.callsPerMinute)),
                ])
            } ?? .null))
            members.append(("projection", b.projection.map { p in
                .object([
                    ("total_tokens", .int(p.totalTokens)), ("output_tokens", .int(p.outputTokens)),
                    ("calls", .int(p.calls)), ("cost_usd", .double(p.costUSD)),
                    ("remaining_minutes", .double(p.remainingMinutes)),
                ])
            } ?? .null))
            members.append(("limit_status", b.limitChecks.map { checks in
                .object([
                    ("status", .string(worst(checks))),
                    ("limits", .array(checks.map { c in
                        .object([
                            ("kind", .string(c.kind)), ("limit", .double(c.limit)), ("used", .double(c.used)),
                            ("projected", .double(c.projected)), ("percent_used", .double(c.percentUsed)),
                            ("percent_projected", .double(c.percentProjected)), ("status", .string(c.status.rawValue)),
                        ])
                    })),
                ])
            } ?? .null))
            return .object(members)
        }
        return .object([
            ("now", instant(now, calendar)), ("timezone", .string(calendar.identifier)),
            ("session_length_hours", .double(lengthHours)), ("blocks", .array(blocks)),
            ("limits", .object(r.limits.keys.sorted().map { provider in
                let l = r.limits[provider]!
                return (provider, .object([
                    ("token_limit", l.tokens.map { .int($0) } ?? .null),
                    ("token_limit_source", l.tokensSource.map { .string($0) } ?? .null),
                    ("output_token_limit", l.outputTokens.map { .int($0) } ?? .null),
                    ("message_limit", l.messages.map { .int($0) } ?? .null),
                    ("cost_limit_usd", l.costUSD.map { .double($0) } ?? .null),
                ]))
            })),
            ("unpriced_models", .array(unpriced.map(ReportViews.modelObject))),
        ] + (filters.map { [("filters", $0)] } ?? []))
    }

    static func local(_ ms: Int64, _ calendar: LocalCalendar) -> String {
        let text = Timestamp.format(ms, offsetSeconds: calendar.offsetSeconds(at: ms))
        return String(text.prefix(16)).replacing("T", with: " ")
    }

    static func duration(_ ms: Int64) -> String {
        let minutes = max(0, ms / 60_000)
        return minutes >= 60 ? "\(minutes / 60)h \(minutes % 60)m" : "\(minutes)m"
    }

    public static func table(_ r: BlockReport, now: Int64, calendar: LocalCalendar, unpriced: [ModelRow]) -> Tabular {
        var t = Tabular(columns: [
            .init("Block Start", .left, priority: Tabular.Column.essential), .init("Provider", .left, priority: 45),
            .init("Status", .left, priority: Tabular.Column.essential), .init("Models", .left, fit: .models, priority: 35),
            .init("Tokens", priority: 57), .init("% Limit", priority: 50),
            .init("Cost (USD)", priority: Tabular.Column.essential),
        ])
        var total = UsageTotals()
        for b in r.blocks {
            let status = b.isGap ? "gap \(duration(b.end - b.start))" : b.isActive ? "ACTIVE \(duration(b.end - now)) left" : "done"
            let percent = r.limits[b.provider]?.tokens.map { limit in
                b.isGap || limit == 0 ? "" : String(Int((Double(b.totals.totalTokens) / Double(limit) * 100).rounded())) + "%"
            } ?? ""
            if b.isGap { t.detailRows.insert(t.rows.count) }
            t.rows.append([
                .init(local(b.start, calendar)), .init(b.provider), .init(status), .init(b.models.joined(separator: ", ")),
                .init(b.isGap ? "" : Formatting.grouped(b.totals.totalTokens), raw: String(b.totals.totalTokens)),
                .init(percent), .init(b.isGap ? "" : Formatting.dollars(b.totals.costUSD), raw: JSONValue.number(b.totals.costUSD)),
            ])
            total.merge(b.totals)
        }
        t.totals = [.init("Total"), .init(""), .init(""), .init(""), .init(Formatting.grouped(total.totalTokens)), .init(""), .init(Formatting.dollars(total.costUSD))]
        for b in r.blocks where b.isActive {
            guard let rate = b.burnRate, let p = b.projection else { continue }
            t.notes.append(
                "\(b.provider) active since \(local(b.start, calendar)), resets \(local(b.end, calendar)) (in \(duration(b.end - now)))")
            t.notes.append(
                "  burn rate (last 60 min): \(Formatting.grouped(Int64(rate.tokensPerMinute.rounded()))) tokens/min, \(Formatting.dollars(rate.costUSDPerMinute))/min")
            t.notes.append(
                "  projected at reset: \(Formatting.grouped(p.totalTokens)) tokens, \(Formatting.dollars(p.costUSD))")
            for c in b.limitChecks ?? [] {
                let shown = c.kind == "cost_usd" ? Formatting.dollars(c.limit) : Formatting.grouped(Int64(c.limit))
                t.notes.append(
                    "  \(c.kind) limit \(shown): \(Int(c.percentUsed.rounded()))% used, \(Int(c.percentProjected.rounded()))% projected (\(c.status.rawValue))")
            }
        }
        t.notes += ReportViews.unpricedNotes(unpriced)
        return t
    }
}

/// The blocks as rendered: the report and the window length it was cut with (echoed in JSON).
public struct BlockReportView: RenderableReport {
    public var report: BlockReport
    public var lengthHours: Double

    public init(_ report: BlockReport, lengthHours: Double) {
        self.report = report
        self.lengthHours = lengthHours
    }

    public func body(in context: RenderContext) -> ReportBody {
        .document(
            json: {
                BlockViews.json(
                    report, now: context.now, lengthHours: lengthHours, calendar: context.calendar,
                    unpriced: context.unpriced, filters: context.filtersJSON)
            },
            tabular: { BlockViews.table(report, now: context.now, calendar: context.calendar, unpriced: context.unpriced) })
    }
}
