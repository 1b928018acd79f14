import Foundation

/// Everything the user asked for, resolved once before any heavy I/O (ripgrep's `hiargs.rs`): the inputs
/// discovered and the prices loaded (`run`), the zone, the range and filters, the clock, the window and its
/// limits, the status file, the output format and its layout.
///
/// The resolvers below are what turns typed text into these values; the command line calls them in the order
/// their errors should win (zone, range, prices, inputs).
public struct ReportPlan {
    /// What to read and how to price it.
    public var run: RunPlan
    /// Whether a malformed line or an unreadable file fails the run.
    public var strict: Bool
    /// The zone of buckets, dates and times.
    public var calendar: LocalCalendar
    /// The range and dimension filters; nil for reports that take none (`check`).
    public var filter: EventFilter?
    /// The first `--provider` as typed: the account `status` reports on.
    public var provider: String?
    /// The instant the report is as of, in ms.
    public var now: Int64
    /// The window length and limits of `blocks` and `status` (its `now` is `now`).
    public var window: BlockQuery
    /// A Pipeline usage.status reply to read (`status`); read after the logs, as its errors come second.
    public var statusFile: String?
    /// The output format.
    public var format: OutputFormat
    /// Whether the table renderer may add ANSI styles.
    public var color: Bool
    /// How tables are laid out (`.full` for a pipe, the terminal's width on one).
    public var layout: TableLayout

    public init(
        run: RunPlan, strict: Bool, calendar: LocalCalendar, filter: EventFilter?, provider: String? = nil, now: Int64,
        window: BlockQuery? = nil, statusFile: String? = nil, format: OutputFormat, color: Bool,
        layout: TableLayout = .full
    ) {
        self.run = run
        self.strict = strict
        self.calendar = calendar
        self.filter = filter
        self.provider = provider
        self.now = now
        self.window = window ?? BlockQuery(now: now)
        self.window.now = now
        self.statusFile = statusFile
        self.format = format
        self.color = color
        self.layout = layout
    }

    /// The rows of `analysis` the report covers: those that pass the filter, or all.
    public func rows(_ analysis: Analysis) -> [Int] {
        filter?.rows(analysis.events) ?? Array(0..<analysis.events.table.count)
    }

    /// The context renderers see for a report over `rows`; `unpriced` lists models without a price.
    public func context(unpriced: [ModelRow] = []) -> RenderContext {
        RenderContext(calendar: calendar, filter: filter, now: now, unpriced: unpriced, color: color, layout: layout)
    }
}

// MARK: resolving what was typed

extension ReportPlan {
    /// The zone named `zone` (IANA), else the system zone.
    /// - Throws: `UsageLensError` (`.usage`) for an unknown name.
    public static func calendar(zone: String?) throws -> LocalCalendar {
        try LocalCalendar(identifier: zone ?? TimeZone.current.identifier)
    }

    /// The filter of a range (local dates or RFC 3339 instants, resolved in `calendar`) and exact matches on
    /// dimensions (each list: any of its values matches; models and providers are normalised).
    public static func filter(
        since: String?, until: String?, calendar: LocalCalendar, models: [String], providers: [String],
        projects: [String], sessions: [String], extras: [Dimension: [String]]
    ) throws -> EventFilter {
        let (start, end) = try TimeRange.resolve(since: since, until: until, calendar: calendar)
        var filter = EventFilter(since: start, until: end)
        filter.models = EventFilter.normalisedModels(models)
        filter.providers = Set(providers.map(ModelNormalizer.provider))
        filter.projects = Set(projects)
        filter.sessions = Set(sessions)
        filter.extras = extras.mapValues { Set($0) }
        return filter
    }

    /// The built-in prices with the overrides of `file` (else USAGELENS_PRICING_FILE) applied.
    public static func prices(file: String?) throws -> PriceTable {
        var prices = PriceTable.builtin()
        let env = ProcessInfo.processInfo.environment["USAGELENS_PRICING_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        if let file = file ?? env { try prices.applyOverrides(file: file) }
        return prices
    }

    /// `text` (RFC 3339) in ms, or the wall clock.
    public static func now(_ text: String?) -> Int64 {
        text.flatMap(Timestamp.parse) ?? Int64(Date().timeIntervalSince1970 * 1000)
    }
}

extension RunPlan {
    /// The plan of reading `paths` (discovered; none means the default log folders) with `threads` workers
    /// (nil: one per core), priced from the built-in table with the overrides of `pricing`.
    /// - Throws: `UsageLensError` for a price file or a path that cannot be used.
    public init(paths: [String], threads: Int?, pricing: String?, costMode: CostMode, cache: CacheLocation? = nil) throws {
        let prices = try ReportPlan.prices(file: pricing)
        let files = try InputDiscovery.discover(paths)
        var ingest = IngestOptions()
        if let threads { ingest.threads = threads }
        self.init(files: files, ingest: ingest, prices: prices, costMode: costMode, cache: cache)
    }
}
