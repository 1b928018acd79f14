/// The effective price table (`pricing`) and how model names resolve against it (`pricing MODEL...`).
public enum PricingViews {
    /// How one name resolves: normalised provider and model, the entry found and how.
    public struct Resolution: Sendable {
        public var query: String
        public var model: ResolvedModel
        /// exact (`provider/model`), bare (model without provider), prefix (longest `-` prefix), or none.
        public var match: String
    }

    public static func resolve(_ name: String, prices: PriceTable) -> Resolution {
        let model = ResolvedModel.resolve(rawModel: name, loggedProvider: nil, format: nil, prices: prices)
        let match: String
        switch model.priceKey {
        case nil: match = model.provider == "ollama" ? "free" : "none"
        case "\(model.provider)/\(model.model)"?: match = "exact"
        case model.model?: match = "bare"
        default: match = "prefix"
        }
        return Resolution(query: name, model: model, match: match)
    }

    static func priceFields(_ p: ModelPrice?) -> [(String, JSONValue)] {
        guard let p else {
            return ["input", "output", "cache_read", "cache_write", "cache_write_1h", "threshold_tokens", "above_threshold"]
                .map { ($0, JSONValue.null) } + [("source", .null)]
        }
        func tier(_ t: ModelPrice.Tier) -> JSONValue {
            .object([
                ("input", .double(t.input)), ("output", .double(t.output)), ("cache_read", .double(t.cacheRead)),
                ("cache_write", .double(t.cacheWrite)), ("cache_write_1h", .double(t.cacheWrite1h ?? t.cacheWrite)),
            ])
        }
        return [
            ("input", .double(p.input)), ("output", .double(p.output)), ("cache_read", .double(p.cacheRead)),
            ("cache_write", .double(p.cacheWrite)), ("cache_write_1h", .double(p.cacheWrite1h ?? p.cacheWrite)),
            ("threshold_tokens", p.thresholdTokens.map { .int($0) } ?? .null),
            ("above_threshold", p.above.map(tier) ?? .null), ("source", .string(p.source)),
        ]
    }

    /// `{"source", "unit", "models": [{key, ...prices}]}`, sorted by key.
    public static func json(table prices: PriceTable) -> JSONValue {
        .object([
            ("source", .string(prices.builtinSource)), ("unit", .string("usd_per_million_tokens")),
            ("models", .array(prices.entries.keys.sorted().map { .object([("key", .string($0))] + priceFields(prices.entries[$0])) })),
        ])
    }

    /// `{"resolutions": [{query, provider, model, match, key, unpriced, ...prices}]}`.
    public static func json(_ rs: [Resolution]) -> JSONValue {
        .object([
            ("unit", .string("usd_per_million_tokens")),
            ("resolutions", .array(rs.map { r in
                .object(
                    [
                        ("query", .string(r.query)), ("provider", .string(r.model.provider)),
                        ("model", .string(r.model.model)), ("match", .string(r.match)),
                        ("key", r.model.priceKey.map { .string($0) } ?? .null), ("unpriced", .bool(r.model.unpriced)),
                    ] + priceFields(r.model.price))
            })),
        ])
    }

    static func rate(_ d: Double) -> Tabular.Cell {
        .init("$" + JSONValue.number(d), raw: JSONValue.number(d))
    }

    static func priceCells(_ p: ModelPrice?) -> [Tabular.Cell] {
        guard let p else { return Array(repeating: .init("-", raw: ""), count: 6) + [.init("")] }
        return [
            rate(p.input), rate(p.output), rate(p.cacheRead), rate(p.cacheWrite), rate(p.cacheWrite1h ?? p.cacheWrite),
            .init(p.thresholdTokens.map { Formatting.grouped($0) } ?? "", raw: p.thresholdTokens.map(String.init) ?? ""),
            .init(p.source),
        ]
    }

    /// The price columns; a narrow terminal keeps input and output prices longest.
    static let priceColumns: [Tabular.Column] = [
        .init("Input", priority: Tabular.Column.essential), .init("Output", priority: Tabular.Column.essential),
        .init("Cache Read", priority: 56), .init("Cache Write 5m", priority: 40), .init("Cache Write 1h", priority: 30),
        .init("Tier Above", priority: 20), .init("Source", .left, fit: .shorten(minimum: 12), priority: 10),
    ]

    public static func table(table prices: PriceTable) -> Tabular {
        var t = Tabular(
            columns: [.init("Key", .left, fit: .shorten(minimum: 20), priority: Tabular.Column.essential)] + priceColumns)
        t.title = "Prices in USD per million tokens (\(prices.builtinSource))"
        for key in prices.entries.keys.sorted() { t.rows.append([.init(key)] + priceCells(prices.entries[key])) }
        return t
    }

    public static func table(_ rs: [Resolution]) -> Tabular {
        var t = Tabular(
            columns: [
                .init("Name", .left, fit: .shorten(minimum: 16), priority: Tabular.Column.essential),
                .init("Resolves To", .left, fit: .shorten(minimum: 16), priority: 58), .init("Match", .left, priority: 57),
                .init("Entry", .left, fit: .shorten(minimum: 16), priority: 45),
            ] + priceColumns)
        t.title = "Prices in USD per million tokens"
        for r in rs {
            t.rows.append(
                [.init(r.query), .init("\(r.model.provider)/\(r.model.model)"), .init(r.match), .init(r.model.priceKey ?? "-", raw: r.model.priceKey ?? "")]
                    + priceCells(r.model.price))
        }
        t.notes = rs.filter(\.model.unpriced).map { "No price for \($0.query): add one with --pricing FILE." }
        return t
    }
}

extension PriceTable: RenderableReport {
    /// Every entry of the table.
    public func body(in context: RenderContext) -> ReportBody {
        .document(json: { PricingViews.json(table: self) }, tabular: { PricingViews.table(table: self) })
    }
}

/// How each of a list of model names resolves against the price table.
public struct PriceResolutions: RenderableReport {
    public var resolutions: [PricingViews.Resolution]

    public init(_ names: [String], prices: PriceTable) {
        resolutions = names.map { PricingViews.resolve($0, prices: prices) }
    }

    public func body(in context: RenderContext) -> ReportBody {
        .document(json: { PricingViews.json(resolutions) }, tabular: { PricingViews.table(resolutions) })
    }
}
