/// Where an event's cost comes from.
public enum CostMode: String, CaseIterable, Sendable {
    /// The logged cost when it is above 0, else the price table.
    case auto
    /// Always the price table.
    case calculate
    /// Only logged costs (0 when the log states none).
    case display
}

/// A logged model name resolved to its canonical provider, model and price.
public struct ResolvedModel: Equatable, Sendable {
    public var provider: String
    public var model: String
    /// The price entry used, nil when none matched.
    public var priceKey: String?
    public var price: ModelPrice?

    /// A paid model without a price: its tokens count, its cost cannot be known.
    public var unpriced: Bool { price == nil && provider != "ollama" }

    /// Resolves a logged name. `loggedProvider` is the provider the log names, if any.
    public static func resolve(
        rawModel: String, loggedProvider: String?, format: ProviderHint?, prices: PriceTable
    ) -> ResolvedModel {
        let (named, model) = ModelNormalizer.split(rawModel.isEmpty ? "unknown" : rawModel)
        let provider =
            loggedProvider.map(ModelNormalizer.provider) ?? named
            ?? ModelNormalizer.inferProvider(model: model, format: format)
        let found = prices.lookup(provider: provider, model: model)
        return ResolvedModel(provider: provider, model: model, priceKey: found?.key, price: found?.price)
    }
}
