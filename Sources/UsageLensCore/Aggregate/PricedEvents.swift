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
        // Per distinct model: its rates and whether it is a local (free) one; and the last row's key, model
        // and rates, since neighbouring rows mostly share a model.
        var modelRates: [ModelPrice.Rates?] = []
        var free: [Bool] = []
        var lastKey = UInt64.max
        var lastIndex: Int32 = 0
        var rates: ModelPrice.Rates?
        var isFree = false
        // In front of `byRaw`: the last key seen in each of 64 slots (rows alternate between a few models).
        var recent = [(key: UInt64, index: Int32)](repeating: (UInt64.max, 0), count: 64)
        // The columns read per row, a block at a time; the three written per row, through their buffers (no
        // uniqueness check per write).
        let block = UsageTableBlock([.format, .model, .provider, .tokens, .loggedCost])
        modelIndex.withUnsafeMutableBufferPointer { modelIndex in
            cost.withUnsafeMutableBufferPointer { cost in
                known.withUnsafeMutableBufferPointer { known in
                    for b in 0..<(table.count + UsageTableBlock.capacity - 1) / UsageTableBlock.capacity {
                        block.load(table, block: b)
                        let start = b * UsageTableBlock.capacity
                        for j in 0..<block.count {
                            let i = start &+ j
                            let (format, provider, model) = (block.format[j], block.provider[j], block.model[j])
                            let rawKey = UInt64(format) << 56 ^ UInt64(provider) << 28 ^ UInt64(model)
                            if rawKey != lastKey {
                                let index: Int32
                                let slot = Int(truncatingIfNeeded: (rawKey ^ rawKey >> 28 ^ rawKey >> 56) & 63)
                                if recent[slot].key == rawKey {
                                    index = recent[slot].index
                                } else if let cached = byRaw[rawKey] {
                                    index = cached
                                    recent[slot] = (rawKey, cached)
                                } else {
                                    let resolved = ResolvedModel.resolve(
                                        rawModel: table.strings[model], loggedProvider: provider == 0 ? nil : table.strings[provider],
                                        format: LogFormat(rawValue: format)?.providerHint, prices: prices)
                                    if let existing = byResolved[resolved] {
                                        index = existing
                                    } else {
                                        index = Int32(models.count)
                                        models.append(resolved)
                                        modelRates.append(resolved.price?.rates)
                                        free.append(resolved.provider == "ollama")
                                        byResolved[resolved] = index
                                    }
                                    byRaw[rawKey] = index
                                    recent[slot] = (rawKey, index)
                                }
                                (lastKey, lastIndex) = (rawKey, index)
                                (rates, isFree) = (modelRates[Int(index)], free[Int(index)])
                            }
                            modelIndex[i] = lastIndex
                            cost[i] = Self.cost(
                                logged: block.loggedCost[j],
                                calculated: rates?.cost(
                                    input: block.input[j], output: block.output[j], cacheRead: block.cacheRead[j],
                                    cacheWrite5m: block.cacheWrite5m[j], cacheWrite1h: block.cacheWrite1h[j]),
                                mode: mode, known: &known[i], free: isFree)
                        }
                    }
                }
            }
        }
        self.models = models
        self.modelIndex = modelIndex
        self.cost = cost
        self.costKnown = known
    }

    /// A row's cost under `mode` from its logged and its calculated cost (nil: no price), within 0 ...
    /// `maxEventCostUSD`; `known` is cleared when it has none.
    @inline(__always)
    private static func cost(logged: Double, calculated: Double?, mode: CostMode, known: inout Bool, free: Bool) -> Double {
        var cost: Double = 0
        switch mode {
        case .auto:
            if logged > 0 {
                cost = logged
            } else if let calculated {
                cost = calculated
            } else {
                known = free
            }
        case .calculate:
            if let calculated { cost = calculated } else { known = free }
        case .display:
            cost = logged.isNaN ? 0 : logged
        }
        // Also catches NaN, which fails both comparisons, from a price table built in code.
        if !(cost >= 0) {
            return 0
        } else if cost > maxEventCostUSD {
            return maxEventCostUSD
        }
        return cost
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
