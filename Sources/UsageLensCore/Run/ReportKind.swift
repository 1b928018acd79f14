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
    /// The HTML report's page: every report above at once, and how it was made (the paths as typed, the price
    /// override file, usagelens's version) for its footer.
    case page(inputs: [String], pricingFile: String?, version: String)
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
        PhaseClock.mark("filter")
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
            renderer.render(CheckReport(analysis.ingest.accounts, reads: analysis.ingest.reads), in: context(unpriced: unpriced), to: &stream)
        case .export:
            let report = ExportReport(events, rows: rows, files: analysis.ingest.files.map(\.path))
            renderer.render(report, in: context(), to: &stream)
        case .page(let inputs, let pricingFile, let version):
            let provenance = UsagePage.Provenance(
                inputs: inputs, accounts: analysis.ingest.accounts, duplicateEvents: analysis.ingest.duplicateEvents,
                priceSource: run.prices.builtinSource, pricingFile: pricingFile, costMode: run.costMode.rawValue,
                version: version)
            let models = Reports.models(events, rows: rows)
            renderer.render(page(events, rows: rows, models: models, provenance: provenance), in: context(unpriced: models.unpriced), to: &stream)
        case .statusLine(let input, let parts, let plain):
            let line = StatusLine.compute(events, input: input, now: now, calendar: calendar, lengthHours: window.lengthHours)
            renderer.render(StatusLineView(line, parts: parts, plain: plain), in: context(), to: &stream)
        }
        PhaseClock.mark("report and render")
    }

    /// The report page over `rows`: days in the plan's zone, the windows as of `now` under the plan's limits.
    func page(_ events: PricedEvents, rows: [Int], models: ModelReport, provenance: UsagePage.Provenance) -> UsagePage {
        let days = Reports.buckets(events, rows: rows, bucketer: TimeBucketer(kind: .day, calendar: calendar))
        return UsagePage(
            days: days, models: models,
            projects: Reports.top(events, rows: rows, dimension: .project, by: .cost, limit: nil),
            sessions: Reports.sessions(events, rows: rows),
            weekHours: Reports.weekHours(events, rows: rows, calendar: calendar),
            blocks: BlockReport.build(events, rows: rows, query: window), windowHours: window.lengthHours,
            provenance: provenance)
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
