/// A validated plan for one run: what to read, how, and how to price it.
public struct RunPlan: Sendable {
    public var files: [InputFile]
    public var ingest: IngestOptions
    public var prices: PriceTable
    public var costMode: CostMode

    public init(files: [InputFile], ingest: IngestOptions, prices: PriceTable, costMode: CostMode) {
        self.files = files
        self.ingest = ingest
        self.prices = prices
        self.costMode = costMode
    }
}

/// The result of reading and pricing every input: the start of every report.
public struct Analysis: Sendable {
    public var ingest: IngestResult
    public var events: PricedEvents

    /// Reads, de-duplicates and prices.
    public static func run(_ plan: RunPlan) -> Analysis {
        let ingest = Ingestor.run(plan.files, options: plan.ingest)
        return Analysis(ingest: ingest, events: PricedEvents(ingest.table, prices: plan.prices, mode: plan.costMode))
    }
}
