/// A validated plan for one run: what to read, how, and how to price it.
public struct RunPlan: Sendable {
    public var files: [InputFile]
    public var ingest: IngestOptions
    public var prices: PriceTable
    public var costMode: CostMode
    /// The per-file cache to read through, nil for none. Prices, filters, zones and dedup all come after it, so
    /// none of them changes what it holds.
    public var cache: CacheLocation?

    public init(
        files: [InputFile], ingest: IngestOptions, prices: PriceTable, costMode: CostMode, cache: CacheLocation? = nil
    ) {
        self.files = files
        self.ingest = ingest
        self.prices = prices
        self.costMode = costMode
        self.cache = cache
    }
}

/// The result of reading and pricing every input: the start of every report.
public struct Analysis: Sendable {
    public var ingest: IngestResult
    public var events: PricedEvents

    /// Reads, de-duplicates and prices.
    public static func run(_ plan: RunPlan) -> Analysis {
        let ingest = Ingestor.run(plan.files, options: plan.ingest, cache: plan.cache)
        let events = PricedEvents(ingest.table, prices: plan.prices, mode: plan.costMode)
        PhaseClock.mark("pricing")
        return Analysis(ingest: ingest, events: events)
    }
}
