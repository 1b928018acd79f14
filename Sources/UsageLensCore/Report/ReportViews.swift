/// Turns report values into JSON (DESIGN 5 shapes, documented in docs/json.md) and tables.
public enum ReportViews {
    // MARK: Shared row fields

    /// The row fields every JSON row carries.
    public static func rowFields(_ t: UsageTotals) -> [(String, JSONValue)] {
        [
            ("input_tokens", .int(t.inputTokens)), ("output_tokens", .int(t.outputTokens)),
            ("cache_read_tokens", .int(t.cacheReadTokens)), ("cache_write_tokens", .int(t.cacheWriteTokens)),
            ("cache_write_5m_tokens", .int(t.cacheWrite5mTokens)),
            ("cache_write_1h_tokens", .int(t.cacheWrite1hTokens)), ("reasoning_tokens", .int(t.reasoningTokens)),
            ("total_tokens", .int(t.totalTokens)), ("cost_usd", .double(t.costUSD)), ("calls", .int(t.calls)),
            ("events", .int(t.events)),
        ]
    }

    static func modelObject(_ row: ModelRow) -> JSONValue {
        .object(
            [
                ("provider", .string(row.model.provider)), ("model", .string(row.model.model)),
                ("account_key", .string("default")), ("unpriced", .bool(row.model.unpriced)),
            ] + rowFields(row.totals))
    }

    static func unpricedArray(_ rows: [ModelRow]) -> JSONValue {
        .array(rows.map(modelObject))
    }

    /// The filters a report applied, echoed in its JSON (null and empty when none).
    public static func filters(_ f: EventFilter, offset: (Int64) -> Int) -> JSONValue {
        func instant(_ ms: Int64?) -> JSONValue {
            ms.map { .string(Timestamp.format($0, offsetSeconds: offset($0))) } ?? .null
        }
        func list(_ values: Set<String>) -> JSONValue { .array(values.sorted().map { .string($0) }) }
        return .object([
            ("since", instant(f.since)), ("until", instant(f.until)), ("model", list(f.models)),
            ("provider", list(f.providers)), ("project", list(f.projects)), ("session", list(f.sessions)),
        ] + [Dimension.user, .department, .agent, .thread, .account].map { ($0.rawValue, list(f.extras[$0] ?? [])) })
    }

    // MARK: models

    public static func json(_ r: ModelReport, filters: JSONValue? = nil) -> JSONValue {
        .object(
            [
                ("models", .array(r.models.map(modelObject))), ("totals", .object(rowFields(r.totals))),
                ("unpriced_models", unpricedArray(r.unpriced)),
            ] + (filters.map { [("filters", $0)] } ?? []))
    }

    /// The token and cost columns; a narrow terminal leaves out the cache columns first, then the total, and
    /// always shows the cost.
    static let tokenColumns: [Tabular.Column] = [
        .init("Input", priority: 56), .init("Output", priority: 55), .init("Cache Create", priority: 20),
        .init("Cache Read", priority: 22), .init("Total Tokens", priority: 40),
        .init("Cost (USD)", priority: Tabular.Column.essential),
    ]

    /// The events column: the first a narrow terminal leaves out.
    static let eventsColumn = Tabular.Column("Events", priority: 10)

    static func tokenCells(_ t: UsageTotals) -> [Tabular.Cell] {
        [
            .init(Formatting.grouped(t.inputTokens), raw: String(t.inputTokens)),
            .init(Formatting.grouped(t.outputTokens), raw: String(t.outputTokens)),
            .init(Formatting.grouped(t.cacheWriteTokens), raw: String(t.cacheWriteTokens)),
            .init(Formatting.grouped(t.cacheReadTokens), raw: String(t.cacheReadTokens)),
            .init(Formatting.grouped(t.totalTokens), raw: String(t.totalTokens)),
            .init(
                Formatting.dollars(t.costUSD) + (t.unpricedEvents > 0 ? "*" : ""),
                raw: JSONValue.number(t.costUSD)),
        ]
    }

    static func unpricedNotes(_ rows: [ModelRow]) -> [String] {
        guard !rows.isEmpty else { return [] }
        return ["* No price for: "
            + rows.map { "\($0.model.provider)/\($0.model.model) (\(Formatting.grouped($0.totals.totalTokens)) tokens)" }
            .joined(separator: ", ") + "; their cost is not included (add it with --pricing FILE)."]
    }

    public static func table(_ r: ModelReport) -> Tabular {
        var t = Tabular(
            columns: [
                .init("Provider", .left, priority: 45),
                .init("Model", .left, fit: .shorten(minimum: 20), priority: Tabular.Column.essential),
            ] + tokenColumns + [eventsColumn])
        for row in r.models {
            t.rows.append(
                [.init(row.model.provider), .init(row.model.model)] + tokenCells(row.totals)
                    + [.init(Formatting.grouped(row.totals.events), raw: String(row.totals.events))])
        }
        t.totals = [.init("Total"), .init("")] + tokenCells(r.totals) + [.init(Formatting.grouped(r.totals.events))]
        t.notes = unpricedNotes(r.unpriced)
        return t
    }

    // MARK: buckets

    public static func json(_ r: BucketReport, offset: (Int64) -> Int, filters: JSONValue? = nil) -> JSONValue {
        .object([
            ("timezone", .string(r.timezone)),
            ("buckets", .array(r.buckets.map { b in
                .object(
                    [("key", .string(b.key)), ("start", .string(Timestamp.format(b.start, offsetSeconds: offset(b.start))))]
                        + rowFields(b.totals) + [("models", .array(b.models.map(modelObject)))])
            })),
            ("totals", .object(rowFields(r.totals))),
            ("unpriced_models", unpricedArray(r.unpriced)),
        ] + (filters.map { [("filters", $0)] } ?? []))
    }

    public static func table(_ r: BucketReport, breakdown: Bool) -> Tabular {
        let title: String
        switch r.kind {
        case .hour: title = "Hour"
        case .day: title = "Date"
        case .week: title = "Week"
        case .month: title = "Month"
        }
        var t = Tabular(
            columns: [
                .init(title, .left, priority: Tabular.Column.essential), .init("Models", .left, fit: .models, priority: 70),
            ] + tokenColumns)
        for b in r.buckets {
            let names = b.models.map(\.model.model)
            t.rows.append([.init(b.key), .init(names.joined(separator: ", "))] + tokenCells(b.totals))
            if breakdown {
                for m in b.models {
                    t.detailRows.insert(t.rows.count)
                    t.rows.append([.init("  └─"), .init(m.model.model)] + tokenCells(m.totals))
                }
            }
        }
        t.totals = [.init("Total"), .init("")] + tokenCells(r.totals)
        t.notes = unpricedNotes(r.unpriced)
        return t
    }

    // MARK: check

    public static func json(check accounts: [FileAccount], reads: [FileRead] = [], unpriced: [ModelRow]) -> JSONValue {
        var totals = FileAccount(path: "")
        for a in accounts {
            totals.bytes += a.bytes
            totals.lines += a.lines
            totals.used += a.used
            totals.duplicate += a.duplicate
            totals.ignoredReasons.merge(a.ignoredReasons)
            totals.malformed += a.malformed
            totals.events += a.events
        }
        return .object([
            ("files", .array(accounts.enumerated().map { i, a in
                .object([
                    ("path", .string(a.path)), ("format", .string(a.formats.map(\.name).joined(separator: ","))),
                    ("formats", .array(a.formats.map { .string($0.name) })),
                    ("compression", .string(a.compression.rawValue)), ("cache", .string(read(reads, i).rawValue)),
                    ("bytes", .int(a.bytes)),
                    ("lines", .int(Int64(a.lines))), ("used", .int(Int64(a.used))),
                    ("duplicate", .int(Int64(a.duplicate))), ("ignored", .int(Int64(a.ignored))),
                    ("malformed", .int(Int64(a.malformed))), ("events", .int(Int64(a.events))),
                    ("ignored_reasons", reasons(a.ignoredReasons)),
                    ("errors", .array(a.errors.map { .object([("line", .int(Int64($0.line))), ("message", .string($0.message))]) })),
                    ("file_errors", .array(a.fileErrors.map { .string($0) })),
                ])
            })),
            ("totals", .object([
                ("files", .int(Int64(accounts.count))), ("bytes", .int(totals.bytes)), ("lines", .int(Int64(totals.lines))),
                ("used", .int(Int64(totals.used))), ("duplicate", .int(Int64(totals.duplicate))),
                ("ignored", .int(Int64(totals.ignored))), ("malformed", .int(Int64(totals.malformed))),
                ("events", .int(Int64(totals.events))), ("ignored_reasons", reasons(totals.ignoredReasons)),
            ])),
            ("unpriced_models", unpricedArray(unpriced)),
        ])
    }

    /// Ignored lines per reason, as an object of the reasons that occur (`{"not an event": 12, ...}`).
    static func reasons(_ counts: IgnoreCounts) -> JSONValue {
        .object(counts.nonZero.map { ($0.0.name, .int(Int64($0.1))) })
    }

    /// How input `i` was read (`uncached` when the run did not say).
    static func read(_ reads: [FileRead], _ i: Int) -> FileRead { i < reads.count ? reads[i] : .uncached }

    /// The columns of `check` with the cache's column last, so that the columns before it never move.
    public static func table(check accounts: [FileAccount], reads: [FileRead] = [], unpriced: [ModelRow]) -> Tabular {
        var t = Tabular(columns: [
            .init("File", .left, fit: .shorten(minimum: 24), priority: Tabular.Column.essential),
            .init("Format", .left, fit: .list(separator: ","), priority: 58), .init("Compression", .left, priority: 15),
            .init("Lines", priority: 57), .init("Used", priority: 56), .init("Duplicate", priority: 32),
            .init("Ignored", priority: 31), .init("Malformed", priority: 54), .init("Events", priority: 53), .init("Cache", .left, priority: 14),
        ])
        var sums = [Int](repeating: 0, count: 6)
        for (f, a) in accounts.enumerated() {
            let counts = [a.lines, a.used, a.duplicate, a.ignored, a.malformed, a.events]
            for i in counts.indices { sums[i] += counts[i] }
            t.rows.append(
                [.init(a.path), .init(a.formats.isEmpty ? "-" : a.formats.map(\.name).joined(separator: ",")),
                 .init(a.compression.rawValue)]
                    + counts.map { .init(Formatting.grouped(Int64($0)), raw: String($0)) } + [.init(read(reads, f).rawValue)])
        }
        t.totals = [.init("Total (\(accounts.count) files)"), .init(""), .init("")]
            + sums.map { .init(Formatting.grouped(Int64($0))) } + [.init("")]
        var ignored = IgnoreCounts()
        for a in accounts { ignored.merge(a.ignoredReasons) }
        if ignored.total > 0 {
            t.notes.append(
                "Ignored: " + ignored.nonZero.map { "\(Formatting.grouped(Int64($0.1))) \($0.0.name)" }.joined(separator: ", "))
        }
        var shown = 0
        for a in accounts {
            for e in a.fileErrors { t.notes.append("\(a.path): \(e)") }
            for e in a.errors where shown < FileAccount.keptErrors {
                t.notes.append("\(a.path):\(e.line): \(e.message)")
                shown += 1
            }
        }
        t.notes += unpricedNotes(unpriced)
        return t
    }
}

extension ModelReport: RenderableReport {
    public func body(in context: RenderContext) -> ReportBody {
        .document(json: { ReportViews.json(self, filters: context.filtersJSON) }, tabular: { ReportViews.table(self) })
    }
}

/// A calendar report as rendered: the buckets, and whether the text formats add a row per model.
public struct BucketReportView: RenderableReport {
    public var report: BucketReport
    public var breakdown: Bool

    public init(_ report: BucketReport, breakdown: Bool) {
        self.report = report
        self.breakdown = breakdown
    }

    public func body(in context: RenderContext) -> ReportBody {
        .document(
            json: { ReportViews.json(report, offset: context.offset, filters: context.filtersJSON) },
            tabular: { ReportViews.table(report, breakdown: breakdown) })
    }
}

/// What `check` shows: how every line of every input was accounted for, and the models without a price.
public struct CheckReport: RenderableReport {
    public var accounts: [FileAccount]
    /// How each file was read (cache hit, partial read, miss, uncached, shard), in the accounts' order.
    public var reads: [FileRead]

    public init(_ accounts: [FileAccount], reads: [FileRead] = []) {
        self.accounts = accounts
        self.reads = reads
    }

    public func body(in context: RenderContext) -> ReportBody {
        .document(
            json: { ReportViews.json(check: accounts, reads: reads, unpriced: context.unpriced) },
            tabular: { ReportViews.table(check: accounts, reads: reads, unpriced: context.unpriced) })
    }
}
