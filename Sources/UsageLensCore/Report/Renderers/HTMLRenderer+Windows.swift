/// The page's rolling windows: per provider, the recent windows' tokens against the token limit, and the
/// current window with its burn rate, projection and the time left before each limit is reached.
extension HTMLRenderer {
    static func windows(_ page: UsagePage, in context: RenderContext) -> String {
        let hours = ChartNumber.oneDecimal(page.windowHours)
        var s = "<section id=\"windows\"><h2>\(hours)-hour windows</h2><p class=\"sub\">Rolling usage windows per provider account, as the providers' rate limits count them; the current window in orange.</p>"
        let providers = page.blocks.blocks.map(\.provider).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        guard !providers.isEmpty else { return s + "<p class=\"empty\">No usage before the report's instant.</p></section>" }
        for provider in providers {
            let blocks = page.blocks.blocks.filter { $0.provider == provider && !$0.isGap }.suffix(drawnWindows)
            let limits = page.blocks.limits[provider] ?? WindowLimits()
            s += "<div class=\"window\" data-provider=\"\(HTMLText.escape(provider))\"><div><h3>\(HTMLText.escape(provider))</h3>"
            s += windowChart(Array(blocks), limits: limits, in: context)
            s += "</div><div>" + currentWindow(blocks.last { $0.isActive }, limits: limits, in: context) + "</div></div>"
        }
        return s + "</section>"
    }

    static func windowChart(_ blocks: [Block], limits: WindowLimits, in context: RenderContext) -> String {
        let values = blocks.map { Double($0.totals.totalTokens) }
        let labels = blocks.map { block -> String in
            let time = localTime(block.start, context)
            return String(time.dropFirst(5))
        }
        let limit = limits.tokens.map { value in
            ("token limit \(ChartNumber.tokens(Double(value)))\(limits.tokensSource.map { $0 == "flag" ? "" : " (\($0))" } ?? "")", Double(value))
        }
        let active = Set(blocks.indices.filter { blocks[$0].isActive })
        let chart = BarChart(
            label: "Tokens per window", categories: blocks.map { localTime($0.start, context) }, axisLabels: labels,
            series: [BarSeries(name: "Tokens", color: ChartPalette.series[0], values: values)], format: ChartNumber.tokens,
            limit: limit, highlighted: active,
            tooltip: { k in
                let b = blocks[k]
                return "\(localTime(b.start, context)) – \(localTime(b.end, context))\(b.isActive ? " (current)" : "")\n\(Formatting.grouped(b.totals.totalTokens)) tokens, \(Formatting.dollars(b.totals.costUSD)), \(Formatting.grouped(b.totals.calls)) calls"
            },
            attributes: { k in " data-tokens=\"\(blocks[k].totals.totalTokens)\" data-cost=\"\(JSONValue.number(blocks[k].totals.costUSD))\"" },
            width: 600, height: 220, maxAxisLabels: 6)
        return chart.svg() + "<p class=\"note\">Tokens (input + output) of the last \(blocks.count) window\(blocks.count == 1 ? "" : "s"); window start times.</p>"
    }

    static func currentWindow(_ block: Block?, limits: WindowLimits, in context: RenderContext) -> String {
        guard let block else {
            return "<p class=\"empty\">No current window as of \(HTMLText.escape(localTime(context.now, context))).</p>" + limitList(limits)
        }
        var rows: [(String, String)] = [
            ("Window", "\(localTime(block.start, context)) – \(localTime(block.end, context))"),
            ("Used", "\(Formatting.dollars(block.totals.costUSD)), \(Formatting.grouped(block.totals.totalTokens)) tokens, \(Formatting.grouped(block.totals.calls)) calls"),
        ]
        if let rate = block.burnRate {
            rows.append(("Burn rate", "\(Formatting.dollars(rate.costUSDPerMinute * 60)) an hour, \(Formatting.grouped(Int64(rate.tokensPerMinute.rounded()))) tokens a minute"))
        }
        if let p = block.projection {
            rows.append(("Time left", duration(p.remainingMinutes)))
            rows.append(("Projected", "\(Formatting.dollars(p.costUSD)), \(Formatting.grouped(p.totalTokens)) tokens by the window's end"))
        }
        var s = "<table class=\"data current\" data-active=\"true\"><tbody>"
        for (name, value) in rows { s += "<tr><th>\(HTMLText.escape(name))</th><td>\(HTMLText.escape(value))</td></tr>" }
        for check in block.limitChecks ?? [] {
            let text = "\(limitValue(check.kind, check.used)) of \(limitValue(check.kind, check.limit)) (\(ChartNumber.oneDecimal(check.percentUsed))%); \(timeToLimit(check, block))"
            s += "<tr data-limit=\"\(check.kind)\"><th>\(HTMLText.escape(limitName(check.kind)))</th><td class=\"status-\(check.status.rawValue)\">\(HTMLText.escape(text))</td></tr>"
        }
        s += "</tbody></table>"
        if (block.limitChecks ?? []).isEmpty {
            s += "<p class=\"note\">No limits known: give --token-limit, --cost-limit, --message-limit or --output-token-limit to see the time to each.</p>"
        }
        return s
    }

    /// The limits in force when there is no current window.
    static func limitList(_ limits: WindowLimits) -> String {
        var parts: [String] = []
        if let v = limits.tokens { parts.append("tokens \(Formatting.grouped(v))") }
        if let v = limits.outputTokens { parts.append("output tokens \(Formatting.grouped(v))") }
        if let v = limits.messages { parts.append("messages \(Formatting.grouped(v))") }
        if let v = limits.costUSD { parts.append("cost \(Formatting.dollars(v))") }
        return parts.isEmpty ? "" : "<p class=\"note\">Limits per window: \(HTMLText.escape(parts.joined(separator: ", "))).</p>"
    }

    static func limitName(_ kind: String) -> String {
        switch kind {
        case "total_tokens": "Token limit"
        case "output_tokens": "Output token limit"
        case "messages": "Message limit"
        case "cost_usd": "Cost limit"
        default: kind
        }
    }

    static func limitValue(_ kind: String, _ v: Double) -> String {
        kind == "cost_usd" ? Formatting.dollars(v) : Formatting.grouped(Int64(v.rounded()))
    }

    /// When the current rate reaches the limit: reached, in so long, or not before the window ends.
    static func timeToLimit(_ check: LimitCheck, _ block: Block) -> String {
        if check.used >= check.limit { return "reached" }
        guard let rate = block.burnRate else { return "no burn rate" }
        let perMinute: Double
        switch check.kind {
        case "total_tokens": perMinute = rate.tokensPerMinute
        case "output_tokens": perMinute = rate.outputTokensPerMinute
        case "messages": perMinute = rate.callsPerMinute
        default: perMinute = rate.costUSDPerMinute
        }
        let left = block.projection?.remainingMinutes ?? 0
        guard perMinute > 0 else { return "not reached at the current rate" }
        let minutes = (check.limit - check.used) / perMinute
        return minutes > left ? "not reached before the window ends" : "reached in \(duration(minutes)) at the current rate"
    }

    /// `2h 05m`, `45m`.
    static func duration(_ minutes: Double) -> String {
        let m = Int(max(minutes, 0).rounded())
        return m >= 60 ? "\(m / 60)h \(Timestamp.pad(m % 60, 2))m" : "\(m)m"
    }
}
