/// The sections of the report page, top to bottom: headline figures, spend per day, tokens per day, the
/// hour-by-weekday heat map, models, projects, sessions, the windows, and how the page was made.
extension HTMLRenderer {
    /// At most this many models get their own colour in the charts; the rest are "other".
    static let chartedModels = 7
    /// The sessions and projects listed.
    static let listedSessions = 10
    static let listedProjects = 12
    /// The windows drawn per provider (the most recent).
    static let drawnWindows = 30

    static func page(_ page: UsagePage, in context: RenderContext) -> String {
        let days = PageDays(page.days, calendar: context.calendar)
        var s = "<main>"
        s += header(page, days: days, in: context)
        s += figures(page, days: days)
        s += spendChart(page, days: days)
        s += tokenCharts(days)
        s += heatMap(page, in: context)
        s += modelTable(page)
        s += projectTable(page)
        s += sessionTable(page, in: context)
        s += windows(page, in: context)
        s += footer(page, in: context)
        return s + "</main>"
    }

    // MARK: header and figures

    static func header(_ page: UsagePage, days: PageDays, in context: RenderContext) -> String {
        let period = days.isEmpty ? "no usage" : "\(days.longDate(0)) – \(days.longDate(days.count - 1))"
        return "<header class=\"top\"><h1>LLM usage report</h1><p>\(HTMLText.escape(period)) · times in \(HTMLText.escape(context.calendar.identifier)) · as of \(HTMLText.escape(localTime(context.now, context)))</p></header>"
    }

    static func figures(_ page: UsagePage, days: PageDays) -> String {
        let t = page.models.totals
        var s = "<div class=\"figures\" id=\"figures\">"
        s += figure(
            "Total cost", Formatting.dollars(t.costUSD), id: "total-cost", raw: JSONValue.number(t.costUSD),
            detail: t.unpricedEvents > 0 ? "\(Formatting.grouped(t.unpricedEvents)) events not priced" : "all events priced")
        s += "<div class=\"figure\" id=\"tokens\"><div class=\"label\">Tokens</div><div class=\"value\" data-value=\"\(t.totalTokens)\">\(Formatting.grouped(t.totalTokens))</div><div class=\"detail\">input + output</div><dl class=\"kinds\">"
        for (name, value) in [
            ("Input", t.inputTokens), ("Output", t.outputTokens), ("Cache write", t.cacheWriteTokens),
            ("Cache read", t.cacheReadTokens), ("Reasoning", t.reasoningTokens),
        ] {
            s += "<dt>\(name)</dt><dd data-kind=\"\(name.lowercased())\">\(Formatting.grouped(value))</dd>"
        }
        s += "</dl></div>"
        s += figure(
            "Events", Formatting.grouped(t.events), id: "events", raw: String(t.events),
            detail: "\(Formatting.grouped(t.calls)) calls · \(page.models.models.count) models")
        let span = days.isEmpty ? "–" : "\(days.count) day\(days.count == 1 ? "" : "s")"
        let average = days.isEmpty ? "" : Formatting.dollars(t.costUSD / Double(days.count)) + " a day on average"
        s += figure(
            "Period", span, id: "period", raw: days.isEmpty ? "" : "\(days.keys[0])/\(days.keys[days.count - 1])",
            detail: days.isEmpty ? "no events" : "\(days.keys[0]) to \(days.keys[days.count - 1]) · \(average)")
        let unpriced = page.models.unpriced
        if unpriced.isEmpty {
            s += figure("Unpriced models", "none", id: "unpriced", raw: "0", detail: "every model has a price")
        } else {
            var detail = unpriced.prefix(4).map {
                "\($0.model.provider)/\($0.model.model): \(ChartNumber.tokens(Double($0.totals.totalTokens))) tokens"
            }.joined(separator: "; ")
            if unpriced.count > 4 { detail += "; and \(unpriced.count - 4) more" }
            s += figure(
                "Unpriced models", String(unpriced.count), id: "unpriced", raw: String(unpriced.count),
                detail: detail + " (cost not included; add prices with --pricing FILE)", warn: true)
        }
        return s + "</div>"
    }

    static func figure(_ label: String, _ value: String, id: String, raw: String, detail: String, warn: Bool = false) -> String {
        "<div class=\"figure\(warn ? " warn" : "")\" id=\"\(id)\"><div class=\"label\">\(HTMLText.escape(label))</div><div class=\"value\" data-value=\"\(HTMLText.escape(raw))\">\(HTMLText.escape(value))</div><div class=\"detail\">\(HTMLText.escape(detail))</div></div>"
    }

    // MARK: charts per day

    /// The charted models (the most expensive over the page) and "other", each with a colour and a cost per day.
    static func spendSeries(_ page: UsagePage, days: PageDays) -> [BarSeries] {
        let models = page.models.models
        let charted = models.prefix(chartedModels).map { "\($0.model.provider)/\($0.model.model)" }
        let names = Dictionary(uniqueKeysWithValues: charted.enumerated().map { ($1, $0) })
        var values = [[Double]](repeating: [Double](repeating: 0, count: days.count), count: charted.count + 1)
        for (d, bucket) in days.buckets.enumerated() {
            for row in bucket?.models ?? [] {
                let k = names["\(row.model.provider)/\(row.model.model)"] ?? charted.count
                values[k][d] += row.totals.costUSD
            }
        }
        var series = charted.enumerated().map { k, name in
            BarSeries(name: name, color: ChartPalette.series[k % ChartPalette.series.count], values: values[k])
        }
        if models.count > charted.count {
            let rest = models.count - charted.count
            series.append(
                BarSeries(name: "other (\(rest) model\(rest == 1 ? "" : "s"))", color: ChartPalette.other, values: values[charted.count]))
        }
        return series
    }

    static func spendChart(_ page: UsagePage, days: PageDays) -> String {
        var s = "<section id=\"spend\"><h2>Spend per day</h2><p class=\"sub\">Cost in USD per local day, stacked by model; the line is the running total (right axis).</p>"
        guard !days.isEmpty else { return s + "<p class=\"empty\">No usage in this period.</p></section>" }
        let series = spendSeries(page, days: days)
        var running = 0.0
        let cumulative = (0..<days.count).map { d -> Double in
            running += days.buckets[d]?.totals.costUSD ?? 0
            return running
        }
        let chart = BarChart(
            label: "Spend per day by model", categories: days.keys, axisLabels: days.shortLabels, series: series,
            format: ChartNumber.dollars, line: ("Cumulative spend", cumulative, ChartNumber.dollars),
            tooltip: { d in
                var lines = ["\(days.longDate(d)): \(Formatting.dollars(days.buckets[d]?.totals.costUSD ?? 0))"]
                for series in series where series.values[d] > 0 {
                    lines.append("\(series.name): \(Formatting.dollars(series.values[d]))")
                }
                lines.append("Running total: \(Formatting.dollars(cumulative[d]))")
                return lines.joined(separator: "\n")
            },
            attributes: { d in " data-cost=\"\(JSONValue.number(days.buckets[d]?.totals.costUSD ?? 0))\"" })
        s += chart.svg()
        s += legend(series.map { ($0.name, $0.color) }, line: "Running total")
        return s + "</section>"
    }

    static func legend(_ entries: [(String, String)], line: String? = nil) -> String {
        var s = "<ul class=\"legend\">"
        for (name, color) in entries {
            s += "<li data-series=\"\(HTMLText.escape(name))\"><span class=\"swatch\" style=\"background:\(color)\"></span>\(HTMLText.escape(name))</li>"
        }
        if let line {
            s += "<li><span class=\"swatch line\" style=\"background:\(ChartPalette.line)\"></span>\(HTMLText.escape(line))</li>"
        }
        return s + "</ul>"
    }

    static func tokenCharts(_ days: PageDays) -> String {
        var s = "<section id=\"tokens-per-day\"><h2>Tokens per day</h2><p class=\"sub\">One panel per kind of token, each on its own scale (cache reads usually dwarf the rest).</p>"
        guard !days.isEmpty else { return s + "<p class=\"empty\">No usage in this period.</p></section>" }
        s += "<div class=\"small-multiples\">"
        let kinds: [(String, String, (UsageTotals) -> Int64)] = [
            ("Input", ChartPalette.series[0], { $0.inputTokens }), ("Output", ChartPalette.series[1], { $0.outputTokens }),
            ("Cache write", ChartPalette.series[2], { $0.cacheWriteTokens }),
            ("Cache read", ChartPalette.series[4], { $0.cacheReadTokens }),
        ]
        for (name, color, value) in kinds {
            let values = days.buckets.map { Double($0.map { value($0.totals) } ?? 0) }
            let chart = BarChart(
                label: "\(name) tokens per day", categories: days.keys, axisLabels: days.shortLabels,
                series: [BarSeries(name: name, color: color, values: values)], format: ChartNumber.tokens,
                tooltip: { d in "\(days.longDate(d)): \(Formatting.grouped(Int64(values[d]))) \(name.lowercased()) tokens" },
                attributes: { d in " data-tokens=\"\(Int64(values[d]))\"" }, width: 480, height: 190, maxAxisLabels: 5)
            s += "<div class=\"panel\" data-kind=\"\(name.lowercased())\"><h3>\(name)</h3>" + chart.svg() + "</div>"
        }
        return s + "</div></section>"
    }

    // MARK: heat map

    static func heatMap(_ page: UsagePage, in context: RenderContext) -> String {
        let grid = page.weekHours
        let values = (0..<7).map { w in (0..<24).map { h in grid[w, h].costUSD } }
        let chart = HeatMapChart(
            label: "Spend by weekday and hour", values: values,
            tooltip: { w, h in
                let t = grid[w, h]
                return "\(HeatMapChart.weekdays[w]) \(Timestamp.pad(h, 2)):00–\(Timestamp.pad(h + 1, 2)):00: \(Formatting.dollars(t.costUSD)), \(Formatting.grouped(t.events)) events"
            }, format: ChartNumber.dollars)
        return "<section id=\"heat-map\"><h2>When the money is spent</h2><p class=\"sub\">Spend by weekday and hour of day in \(HTMLText.escape(context.calendar.identifier)), summed over the period.</p>" + chart.svg() + "</section>"
    }

    // MARK: tables

    static func share(_ part: Double, of whole: Double) -> String {
        guard whole > 0 else { return "–" }
        let tenths = Int64((part / whole * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    static func modelTable(_ page: UsagePage) -> String {
        let total = page.models.totals
        var t = Tabular(columns: [
            .init("Provider", .left), .init("Model", .left), .init("Input"), .init("Output"), .init("Cache write"), .init("Cache read"),
            .init("Cost"), .init("Share"),
        ])
        t.rows = page.models.models.map { row in
            let x = row.totals
            let name = "\(row.model.model)\(row.model.unpriced ? " (unpriced)" : "")"
            return [
                .init(row.model.provider), .init(name), .init(ChartNumber.tokens(Double(x.inputTokens))), .init(ChartNumber.tokens(Double(x.outputTokens))),
                .init(ChartNumber.tokens(Double(x.cacheWriteTokens))), .init(ChartNumber.tokens(Double(x.cacheReadTokens))),
                .init(Formatting.dollars(x.costUSD)), .init(share(x.costUSD, of: total.costUSD)),
            ]
        }
        t.totals = [
            .init("Total"), .init(""), .init(ChartNumber.tokens(Double(total.inputTokens))), .init(ChartNumber.tokens(Double(total.outputTokens))),
            .init(ChartNumber.tokens(Double(total.cacheWriteTokens))), .init(ChartNumber.tokens(Double(total.cacheReadTokens))),
            .init(Formatting.dollars(total.costUSD)), .init(share(total.costUSD, of: total.costUSD)),
        ]
        var s = "<section id=\"models\"><h2>Models</h2><p class=\"sub\">Most expensive first; tokens to three digits (exact figures: <code>usagelens models</code>).</p>"
        s += HTMLText.table(t)
        // The exact numbers, for tools reading the page.
        s += "<ul hidden class=\"model-data\">"
        for row in page.models.models {
            s += "<li data-provider=\"\(HTMLText.escape(row.model.provider))\" data-model=\"\(HTMLText.escape(row.model.model))\" data-cost=\"\(JSONValue.number(row.totals.costUSD))\" data-total-tokens=\"\(row.totals.totalTokens)\" data-events=\"\(row.totals.events)\"></li>"
        }
        return s + "</ul></section>"
    }

    static func projectTable(_ page: UsagePage) -> String {
        let rows = page.projects.rows
        let total = page.projects.totals
        var t = Tabular(columns: [.init("Project", .left), .init("Events"), .init("Tokens"), .init("Cost"), .init("Share")])
        func cells(_ name: String, _ x: UsageTotals) -> [Tabular.Cell] {
            [
                .init(name), .init(Formatting.grouped(x.events)), .init(ChartNumber.tokens(Double(x.totalTokens))),
                .init(Formatting.dollars(x.costUSD)), .init(share(x.costUSD, of: total.costUSD)),
            ]
        }
        t.rows = rows.prefix(listedProjects).map { cells($0.key ?? "(no project)", $0.totals) }
        if rows.count > listedProjects {
            var rest = UsageTotals()
            for row in rows.dropFirst(listedProjects) { rest.merge(row.totals) }
            t.rows.append(cells("\(rows.count - listedProjects) other projects", rest))
        }
        t.totals = cells("Total", total)
        return "<section id=\"projects\"><h2>Projects</h2><p class=\"sub\">\(rows.count) project\(rows.count == 1 ? "" : "s"), most expensive first.</p>" + HTMLText.table(t) + "</section>"
    }

    static func sessionTable(_ page: UsagePage, in context: RenderContext) -> String {
        let sessions = page.sessions.sessions
        var t = Tabular(columns: [
            .init("Session", .left), .init("Project", .left), .init("Models", .left), .init("Last active"),
            .init("Tokens"), .init("Cost"),
        ])
        t.rows = sessions.prefix(listedSessions).map { row in
            [
                .init(row.sessionID ?? "(none)"), .init(row.project ?? "–"),
                .init(row.models.prefix(3).map { String($0.split(separator: "/").last ?? "") }.joined(separator: ", ") + (row.models.count > 3 ? ", …" : "")),
                .init(localTime(row.lastSeen, context)), .init(ChartNumber.tokens(Double(row.totals.totalTokens))),
                .init(Formatting.dollars(row.totals.costUSD)),
            ]
        }
        let shown = min(sessions.count, listedSessions)
        return "<section id=\"sessions\"><h2>Top sessions</h2><p class=\"sub\">The \(shown) most expensive of \(sessions.count) session\(sessions.count == 1 ? "" : "s").</p>" + HTMLText.table(t) + "</section>"
    }

    // MARK: footer

    static func footer(_ page: UsagePage, in context: RenderContext) -> String {
        let p = page.provenance
        var items: [(String, String)] = [
            ("Inputs", p.inputs.isEmpty ? "the default log folders (Claude Code, Codex)" : p.inputs.joined(separator: ", ")),
            ("Read", "\(Formatting.grouped(Int64(p.files))) files, \(Formatting.grouped(p.bytes)) bytes, \(Formatting.grouped(Int64(p.lines))) lines"),
            ("Lines not used", "\(Formatting.grouped(Int64(p.malformedLines))) malformed, \(Formatting.grouped(Int64(p.ignoredLines))) ignored (not usage); \(Formatting.grouped(Int64(p.duplicateEvents))) duplicate events dropped"),
            ("Prices", p.priceSource + (p.pricingFile.map { ", overridden by \($0)" } ?? "") + "; cost mode \(p.costMode)"),
            ("Time zone", context.calendar.identifier),
            ("As of", localTime(context.now, context)),
        ]
        if let filter = context.filter, let text = filterText(filter, context) { items.append(("Filters", text)) }
        items.append(("Made by", "usagelens \(p.version) (usagelens report)"))
        var s = "<footer id=\"provenance\"><dl>"
        for (name, value) in items { s += "<dt>\(HTMLText.escape(name))</dt><dd>\(HTMLText.escape(value))</dd>" }
        return s + "</dl></footer>"
    }

    static func filterText(_ f: EventFilter, _ context: RenderContext) -> String? {
        var parts: [String] = []
        if let since = f.since { parts.append("since \(localTime(since, context))") }
        if let until = f.until { parts.append("until \(localTime(until, context))") }
        for (name, values) in [("model", f.models), ("provider", f.providers), ("project", f.projects), ("session", f.sessions)]
        where !values.isEmpty {
            parts.append("\(name) \(values.sorted().joined(separator: ", "))")
        }
        for d in [Dimension.user, .department, .agent, .thread, .account] {
            if let values = f.extras[d], !values.isEmpty { parts.append("\(d.rawValue) \(values.sorted().joined(separator: ", "))") }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// `2025-10-14 09:30` in the report's zone.
    static func localTime(_ ms: Int64, _ context: RenderContext) -> String {
        let text = Timestamp.format(ms / 60_000 * 60_000, offsetSeconds: context.offset(ms))
        return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5))
    }
}

/// The page's days: every local day from the first with usage to the last, with the days without usage as
/// empty buckets, so that the charts' x axis is time.
struct PageDays {
    /// `2025-10-14` per day.
    var keys: [String]
    /// Each day's bucket, nil for a day without usage.
    var buckets: [BucketRow?]
    /// The local day numbers.
    var dayNumbers: [Int]

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    init(_ report: BucketReport, calendar: LocalCalendar) {
        let numbered = report.buckets.map { (calendar.localDay($0.start), $0) }
        let byDay = Dictionary(numbered, uniquingKeysWith: { a, _ in a })
        guard let first = numbered.map(\.0).min(), let last = numbered.map(\.0).max() else {
            (keys, buckets, dayNumbers) = ([], [], [])
            return
        }
        dayNumbers = Array(first...last)
        buckets = dayNumbers.map { byDay[$0] }
        keys = dayNumbers.map { day in
            let (y, m, d) = Timestamp.civilFromDays(day)
            return "\(Timestamp.pad(y, 4))-\(Timestamp.pad(m, 2))-\(Timestamp.pad(d, 2))"
        }
    }

    var count: Int { keys.count }
    var isEmpty: Bool { keys.isEmpty }

    /// `Oct 14` per day.
    var shortLabels: [String] {
        dayNumbers.map { day in
            let (_, m, d) = Timestamp.civilFromDays(day)
            return "\(Self.months[m - 1]) \(d)"
        }
    }

    /// `Tue 14 Oct 2025`.
    func longDate(_ k: Int) -> String {
        let day = dayNumbers[k]
        let (y, m, d) = Timestamp.civilFromDays(day)
        return "\(HeatMapChart.weekdays[((day + 3) % 7 + 7) % 7]) \(d) \(Self.months[m - 1]) \(y)"
    }
}
