/// Which report a command asks for, with the choices that belong to that report alone.
public enum ReportKind: Sendable {
    /// Usage per calendar bucket (`daily`, `hourly`, `weekly`, `monthly`); `breakdown` adds a row per model.
    case buckets(BucketKind, weekStart: WeekStart = .monday, breakdown: Bool)
    /// Usage per provider and model.
    case models
    /// Usage per session.
    case sessions
    /// The top values of a dimension.
    case top(Dimension, by: RankMeasure, limit: Int)
    /// Rolling windows; `activeOnly` / `recentOnly` narrow the list.
    case blocks(activeOnly: Bool, recentOnly: Bool)
    /// Where one provider account stands in its current window.
    case status
    /// How every line was accounted for.
    case check
    /// The events themselves, one record each.
    case export
    /// Claude Code's status line for the session `input` names: the `parts` chosen, emoji unless `plain`.
    case statusLine(StatusLineInput, parts: [StatusLinePart], plain: Bool)

    /// Whether the run warns about unusable lines and files after the report (`check` lists them itself).
    public var warnsAboutProblems: Bool {
        switch self {
        case .check, .statusLine: return false
        default: return true
        }
    }
}

extension ReportPlan {
    /// Reads, de-duplicates and prices the inputs, builds the report `kind` names and renders it to `stream`.
    /// - Returns: the analysis, whose problems the caller reports.
    /// - Throws: `UsageLensError` when the report cannot be built (`status` with no usage for its provider, a
    ///   status file that cannot be read).
    public func run(_ kind: ReportKind, to stream: inout some TextOutputStream) throws -> Analysis {
        let analysis = Analysis.run(run)
        try render(kind, of: analysis, to: &stream)
        return analysis
    }

    /// Builds the report `kind` names from `analysis` (this plan's inputs, read) and renders it to `stream`.
    /// - Throws: as `run(_:to:)`.
    public func render(_ kind: ReportKind, of analysis: Analysis, to stream: inout some TextOutputStream) throws {
        let rows = rows(analysis)
        let events = analysis.events
        let renderer = format.renderer
        switch kind {
        case .buckets(let bucket, let weekStart, let breakdown):
            let bucketer = TimeBucketer(kind: bucket, calendar: calendar, weekStart: weekStart)
            let report = Reports.buckets(events, rows: rows, bucketer: bucketer)
            renderer.render(BucketReportView(report, breakdown: breakdown), in: context(), to: &stream)
        case .models:
            renderer.render(Reports.models(events, rows: rows), in: context(), to: &stream)
        case .sessions:
            renderer.render(Reports.sessions(events, rows: rows), in: context(), to: &stream)
        case .top(let dimension, let measure, let limit):
            let report = Reports.top(events, rows: rows, dimension: dimension, by: measure, limit: limit)
            renderer.render(report, in: context(), to: &stream)
        case .blocks(let activeOnly, let recentOnly):
            var query = window
            query.activeOnly = activeOnly
            query.recentOnly = recentOnly
            let report = BlockReport.build(events, rows: rows, query: query)
            let unpriced = Reports.models(events, rows: rows).unpriced
            renderer.render(
                BlockReportView(report, lengthHours: window.lengthHours), in: context(unpriced: unpriced), to: &stream)
        case .status:
            renderer.render(try status(events, rows: rows), in: context(), to: &stream)
        case .check:
            let unpriced = Reports.models(events, rows: rows).unpriced
            renderer.render(CheckReport(analysis.ingest.accounts), in: context(unpriced: unpriced), to: &stream)
        case .export:
            let report = ExportReport(events, rows: rows, files: analysis.ingest.files.map(\.path))
            renderer.render(report, in: context(), to: &stream)
        case .statusLine(let input, let parts, let plain):
            let line = StatusLine.compute(events, input: input, now: now, calendar: calendar, lengthHours: window.lengthHours)
            renderer.render(StatusLineView(line, parts: parts, plain: plain), in: context(), to: &stream)
        }
    }

    /// The status of one provider account: the first `--provider`, else the most recently active one; token
    /// limits given as `max` / `p90` come from that provider's completed blocks, as in `blocks`.
    func status(_ events: PricedEvents, rows: [Int]) throws -> RuntimeStatus {
        let known = RuntimeStatus.providers(events, rows: rows, now: now)
        let chosen = provider.map(ModelNormalizer.provider) ?? known.first
        guard let chosen, known.contains(chosen) else {
            let list = known.isEmpty ? "none" : known.joined(separator: ", ")
            throw UsageLensError(.usage, "no usage for provider '\(provider ?? "-")' before --now (providers with usage: \(list))")
        }
        var limits = WindowLimits(
            outputTokens: window.outputTokenLimit, messages: window.messageLimit, costUSD: window.costLimitUSD)
        if let tokenLimit = window.tokenLimit {
            limits.tokens = Int64(tokenLimit) ?? BlockReport.build(events, rows: rows, query: window).limits[chosen]?.tokens
        }
        let status = try statusFile.map { try StatusFile.load(path: $0, now: now) }
        return RuntimeStatus.compute(
            events, rows: rows, provider: chosen, now: now, limits: limits, lengthHours: window.lengthHours,
            statusFile: status)
    }
}
