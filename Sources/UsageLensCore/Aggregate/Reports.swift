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
        // Rows come in time order, so a bucket's index is looked up only when the bucket changes, and its
        // per-model totals are updated in place (no allocation per row).
        var bucketIndex: [Int64: Int] = [:]
        var bucketIDs: [Int64] = []
        var perBucket: [[UsageTotals]] = []
        var totals = UsageTotals()
        var perModel = [UsageTotals](repeating: UsageTotals(), count: events.models.count)
        let (t, cost, known, modelIndex) = (events.table, events.cost, events.costKnown, events.modelIndex)
        var lastBucket = Int64.min
        var last = -1
        for i in rows {
            let b = bucketer.bucket(t.time[i])
            if b != lastBucket || last < 0 {
                if let found = bucketIndex[b] {
                    last = found
                } else {
                    last = perBucket.count
                    bucketIndex[b] = last
                    bucketIDs.append(b)
                    perBucket.append([UsageTotals](repeating: UsageTotals(), count: events.models.count))
                }
                lastBucket = b
            }
            let m = Int(modelIndex[i])
            let usage = RowUsage(t, cost: cost, costKnown: known, row: i)
            perBucket[last][m].add(usage)
            perModel[m].add(usage)
            totals.add(usage)
        }
        let buckets = bucketIDs.indices.sorted { bucketIDs[$0] < bucketIDs[$1] }.map { k -> BucketRow in
            let models = modelRows(perBucket[k], events)
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
