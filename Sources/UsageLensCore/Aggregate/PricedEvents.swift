/// Events with their resolved model and cost: what every report aggregates.
public struct PricedEvents: Sendable {
    public var table: UsageTable
    /// Distinct resolved models; `modelIndex` points here.
    public var models: [ResolvedModel]
    /// Per row: index into `models`.
    public var modelIndex: [Int32]
    /// Per row: cost in USD under the run's cost mode, from 0 to `maxEventCostUSD`.
    public var cost: [Double]
    /// Per row: whether the cost is known (false for an unpriced model with no logged cost used).
    public var costKnown: [Bool]

    /// The most one row can cost, in USD. A logged cost is whatever a log says (`"costUSD": 1e308`), and two
    /// such rows would add up to infinity, which JSON cannot print: a row's cost is clamped to 0 ... this bound,
    /// so that every sum over rows (at most 2^63 of them, so below 1e31) stays a finite number. A negative
    /// logged cost counts 0 rather than taking from the totals; prices are checked when the table is read
    /// (`ModelPrice.maxUSDPerMillionTokens`), so a computed cost only reaches the bound with absurd token counts.
    public static let maxEventCostUSD: Double = 1e12

    /// Prices every row. Models are resolved once per distinct (format, provider, model), not per row.
    /// - Complexity: O(n) plus one lookup per distinct model.
    public init(_ table: UsageTable, prices: PriceTable, mode: CostMode) {
        self.table = table
        var models: [ResolvedModel] = []
        var byResolved: [ResolvedModel: Int32] = [:]
        var byRaw: [UInt64: Int32] = [:]
        var modelIndex = [Int32](repeating: 0, count: table.count)
        var cost = [Double](repeating: 0, count: table.count)
        var known = [Bool](repeating: true, count: table.count)
        // Per distinct model: its price and whether it is a local (free) one; and the last row's key, since
        // neighbouring rows mostly share a model.
        var modelPrices: [ModelPrice?] = []
        var free: [Bool] = []
        var lastKey = UInt64.max
        var lastIndex: Int32 = 0
        for i in 0..<table.count {
            let rawKey = UInt64(table.format[i]) << 56 ^ UInt64(table.provider[i]) << 28 ^ UInt64(table.model[i])
            let index: Int32
            if rawKey == lastKey {
                index = lastIndex
            } else if let cached = byRaw[rawKey] {
                index = cached
            } else {
                let provider = table.provider[i] == 0 ? nil : table.strings[table.provider[i]]
                let resolved = ResolvedModel.resolve(
                    rawModel: table.strings[table.model[i]], loggedProvider: provider,
                    format: LogFormat(rawValue: table.format[i])?.providerHint, prices: prices)
                if let existing = byResolved[resolved] {
                    index = existing
                } else {
                    index = Int32(models.count)
                    models.append(resolved)
                    modelPrices.append(resolved.price)
                    free.append(resolved.provider == "ollama")
                    byResolved[resolved] = index
                }
                byRaw[rawKey] = index
            }
            (lastKey, lastIndex) = (rawKey, index)
            modelIndex[i] = index
            let logged = table.loggedCostUSD[i]
            let calculated = modelPrices[Int(index)]?.cost(
                input: table.inputTokens[i], output: table.outputTokens[i], cacheRead: table.cacheReadTokens[i],
                cacheWrite5m: table.cacheWrite5mTokens[i], cacheWrite1h: table.cacheWrite1hTokens[i])
            switch mode {
            case .auto:
                if logged > 0 {
                    cost[i] = logged
                } else if let calculated {
                    cost[i] = calculated
                } else {
                    known[i] = free[Int(index)]
                }
            case .calculate:
                if let calculated { cost[i] = calculated } else { known[i] = free[Int(index)] }
            case .display:
                cost[i] = logged.isNaN ? 0 : logged
            }
            // Also catches NaN, which fails both comparisons, from a price table built in code.
            if !(cost[i] >= 0) {
                cost[i] = 0
            } else if cost[i] > Self.maxEventCostUSD {
                cost[i] = Self.maxEventCostUSD
            }
        }
        self.models = models
        self.modelIndex = modelIndex
        self.cost = cost
        self.costKnown = known
    }
}

extension ResolvedModel: Hashable {
    public func hash(into hasher: inout Hasher) {
        hasher.combine(provider)
        hasher.combine(model)
    }

    public static func == (a: ResolvedModel, b: ResolvedModel) -> Bool {
        a.provider == b.provider && a.model == b.model
    }
}
