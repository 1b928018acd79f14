/// Sums of the row fields every report carries; mergeable, so partial sums combine in any grouping. The empty
/// value is the identity of `merge`. Token sums saturate at `Int64.max` rather than wrap (`TokenCount`).
public struct UsageTotals: Equatable, Sendable {
    public var inputTokens: Int64 = 0
    public var outputTokens: Int64 = 0
    public var cacheReadTokens: Int64 = 0
    public var cacheWrite5mTokens: Int64 = 0
    public var cacheWrite1hTokens: Int64 = 0
    public var reasoningTokens: Int64 = 0
    public var costUSD: Double = 0
    public var calls: Int64 = 0
    public var events: Int64 = 0
    /// Events whose cost is unknown (an unpriced model without a logged cost).
    public var unpricedEvents: Int64 = 0

    public init() {}

    /// 5-minute plus 1-hour cache writes.
    public var cacheWriteTokens: Int64 { cacheWrite5mTokens.addingSaturating(cacheWrite1hTokens) }
    /// Input plus output; cache tokens excluded, as all three reference dashboards define it.
    public var totalTokens: Int64 { inputTokens.addingSaturating(outputTokens) }

    /// Adds row `i` of `events`.
    @inline(__always)
    public mutating func add(_ priced: PricedEvents, row i: Int) {
        add(priced.table, cost: priced.cost, costKnown: priced.costKnown, row: i)
    }

    /// Adds row `i` given the columns directly (the group-by kernels hoist them out of their loops).
    @inline(__always)
    mutating func add(_ t: UsageTable, cost: [Double], costKnown: [Bool], row i: Int) {
        inputTokens +| t.inputTokens[i]
        outputTokens +| t.outputTokens[i]
        cacheReadTokens +| t.cacheReadTokens[i]
        cacheWrite5mTokens +| t.cacheWrite5mTokens[i]
        cacheWrite1hTokens +| t.cacheWrite1hTokens[i]
        reasoningTokens +| t.reasoningTokens[i]
        costUSD += cost[i]
        calls += Int64(t.calls[i])
        events += 1
        if !costKnown[i] { unpricedEvents += 1 }
    }

    /// Adds one row read once (`RowUsage`): what a kernel that adds a row to several sums uses.
    @inline(__always)
    mutating func add(_ r: RowUsage) {
        inputTokens +| r.inputTokens
        outputTokens +| r.outputTokens
        cacheReadTokens +| r.cacheReadTokens
        cacheWrite5mTokens +| r.cacheWrite5mTokens
        cacheWrite1hTokens +| r.cacheWrite1hTokens
        reasoningTokens +| r.reasoningTokens
        costUSD += r.costUSD
        calls += r.calls
        events += 1
        if !r.costKnown { unpricedEvents += 1 }
    }

    /// Combines two partial sums (the merge of mergeable aggregation).
    public mutating func merge(_ other: UsageTotals) {
        inputTokens +| other.inputTokens
        outputTokens +| other.outputTokens
        cacheReadTokens +| other.cacheReadTokens
        cacheWrite5mTokens +| other.cacheWrite5mTokens
        cacheWrite1hTokens +| other.cacheWrite1hTokens
        reasoningTokens +| other.reasoningTokens
        costUSD += other.costUSD
        calls +| other.calls
        events += other.events
        unpricedEvents += other.unpricedEvents
    }
}

/// The fields of one row that `UsageTotals` sums, read out of the packed columns once.
struct RowUsage {
    var inputTokens: Int64
    var outputTokens: Int64
    var cacheReadTokens: Int64
    var cacheWrite5mTokens: Int64
    var cacheWrite1hTokens: Int64
    var reasoningTokens: Int64
    var costUSD: Double
    var calls: Int64
    var costKnown: Bool

    @inline(__always)
    init(_ t: UsageTable, cost: [Double], costKnown: [Bool], row i: Int) {
        inputTokens = t.inputTokens[i]
        outputTokens = t.outputTokens[i]
        cacheReadTokens = t.cacheReadTokens[i]
        cacheWrite5mTokens = t.cacheWrite5mTokens[i]
        cacheWrite1hTokens = t.cacheWrite1hTokens[i]
        reasoningTokens = t.reasoningTokens[i]
        costUSD = cost[i]
        calls = Int64(t.calls[i])
        self.costKnown = costKnown[i]
    }

    /// Row `i` from the block of `.tokens`, `.reasoning` and `.calls` that holds it (`UsageTableBlock.load`).
    @inline(__always)
    init(_ block: UsageTableBlock, row i: Int, cost: [Double], costKnown: [Bool]) {
        let j = i & (UsageTableBlock.capacity - 1)
        inputTokens = block.input[j]
        outputTokens = block.output[j]
        cacheReadTokens = block.cacheRead[j]
        cacheWrite5mTokens = block.cacheWrite5m[j]
        cacheWrite1hTokens = block.cacheWrite1h[j]
        reasoningTokens = block.reasoning[j]
        costUSD = cost[i]
        calls = Int64(block.calls[j])
        self.costKnown = costKnown[i]
    }
}
