/// Totals of one resolved model.
public struct ModelRow: Equatable, Sendable {
    public var model: ResolvedModel
    public var totals: UsageTotals
}

/// One row per provider/model, most expensive first.
public struct ModelReport: Sendable {
    public var models: [ModelRow]
    public var totals: UsageTotals
    /// Models without a price, with their tokens (a subset of `models`).
    public var unpriced: [ModelRow] { models.filter { $0.model.unpriced } }
}

/// One calendar bucket and its per-model breakdown.
public struct BucketRow: Sendable {
    public var key: String
    /// When the bucket starts (ms since 1970 UTC).
    public var start: Int64
    public var totals: UsageTotals
    public var models: [ModelRow]
}

/// Usage per hour, day, week or month in one zone.
public struct BucketReport: Sendable {
    public var kind: BucketKind
    public var timezone: String
    public var buckets: [BucketRow]
    public var totals: UsageTotals
    public var unpriced: [ModelRow]
}

/// The group-by kernels behind the reports.
public enum Reports {
    /// Sorts model rows: highest cost first, then by provider and model name.
    static func ordered(_ rows: [ModelRow]) -> [ModelRow] {
        rows.sorted { a, b in
            if a.totals.costUSD != b.totals.costUSD { return a.totals.costUSD > b.totals.costUSD }
            if a.totals.totalTokens != b.totals.totalTokens { return a.totals.totalTokens > b.totals.totalTokens }
            return (a.model.provider, a.model.model) < (b.model.provider, b.model.model)
        }
    }

    static func modelRows(_ perModel: [UsageTotals], _ events: PricedEvents) -> [ModelRow] {
        ordered(perModel.indices.filter { perModel[$0].events > 0 }.map { ModelRow(model: events.models[$0], totals: perModel[$0]) })
    }

    /// Totals per model over `rows`.
    /// - Complexity: O(rows); one dense array of totals indexed by model.
    public static func models(_ events: PricedEvents, rows: [Int]) -> ModelReport {
        var perModel = [UsageTotals](repeating: UsageTotals(), count: events.models.count)
        var totals = UsageTotals()
        let (t, cost, known, modelIndex) = (events.table, events.cost, events.costKnown, events.modelIndex)
        for i in rows {
            perModel[Int(modelIndex[i])].add(t, cost: cost, costKnown: known, row: i)
            totals.add(t, cost: cost, costKnown: known, row: i)
        }
        return ModelReport(models: modelRows(perModel, events), totals: totals)
    }

    /// Totals per calendar bucket (and per model inside each) over `rows`.
    public static func buckets(_ events: PricedEvents, rows: [Int], bucketer: TimeBucketer) -> BucketReport {
        // First each row's bucket: rows come in time order, so a bucket's index is looked up only when the
        // bucket changes. Then one pass adds each row to its bucket's model (one flat array, no allocation per
        // row) and only its cost to its model's and the overall sums: costs are added to every sum row by row,
        // in row order, as a row-by-row loop would, and the token sums of models and of the whole are made from
        // the buckets' afterwards (they saturate and are never negative, so their grouping does not matter).
        let modelCount = events.models.count
        var bucketIndex: [Int64: Int32] = [:]
        var bucketIDs: [Int64] = []
        var bucketOfRow = [Int32](repeating: 0, count: rows.count)
        let (t, cost, known, modelIndex) = (events.table, events.cost, events.costKnown, events.modelIndex)
        var lastBucket = Int64.min
        var last: Int32 = -1
        // Rows are read a block of columns at a time (rows come in ascending order: each block once).
        let times = UsageTableBlock(.time)
        for (k, i) in rows.enumerated() {
            times.load(t, block: i >> 10)
            let b = bucketer.bucket(times.time[i & 1023])
            if b != lastBucket || last < 0 {
                if let found = bucketIndex[b] {
                    last = found
                } else {
                    last = Int32(bucketIDs.count)
                    bucketIndex[b] = last
                    bucketIDs.append(b)
                }
                lastBucket = b
            }
            bucketOfRow[k] = last
        }
        var cells = [UsageTotals](repeating: UsageTotals(), count: bucketIDs.count * modelCount)
        var modelCost = [Double](repeating: 0, count: modelCount)
        var totalCost = 0.0
        let block = UsageTableBlock([.tokens, .reasoning, .calls])
        cells.withUnsafeMutableBufferPointer { cells in
            modelCost.withUnsafeMutableBufferPointer { modelCost in
                for (k, i) in rows.enumerated() {
                    let m = Int(modelIndex[i])
                    block.load(t, block: i >> 10)
                    let usage = RowUsage(block, row: i, cost: cost, costKnown: known)
                    cells[Int(bucketOfRow[k]) &* modelCount &+ m].add(usage)
                    modelCost[m] += usage.costUSD
                    totalCost += usage.costUSD
                }
            }
        }
        var perModel = [UsageTotals](repeating: UsageTotals(), count: modelCount)
        var totals = UsageTotals()
        for m in 0..<modelCount {
            for k in bucketIDs.indices { perModel[m].merge(cells[k * modelCount + m]) }
            perModel[m].costUSD = modelCost[m]
            totals.merge(perModel[m])
        }
        totals.costUSD = totalCost
        let buckets = bucketIDs.indices.sorted { bucketIDs[$0] < bucketIDs[$1] }.map { k -> BucketRow in
            let models = modelRows(Array(cells[k * modelCount..<(k + 1) * modelCount]), events)
            var sum = UsageTotals()
            for row in models { sum.merge(row.totals) }
            let b = bucketIDs[k]
            return BucketRow(key: bucketer.key(b), start: bucketer.start(b), totals: sum, models: models)
        }
        return BucketReport(
            kind: bucketer.kind, timezone: bucketer.calendar.identifier, buckets: buckets, totals: totals,
            unpriced: modelRows(perModel, events).filter { $0.model.unpriced })
    }
}
