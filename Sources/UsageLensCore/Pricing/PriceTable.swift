import Foundation

/// Prices by `provider/model` key, with the lookup rules of DESIGN 4.
public struct PriceTable: Sendable {
    /// Entries by key (`anthropic/claude-sonnet-4-5`; an override may also use a bare model name).
    public private(set) var entries: [String: ModelPrice]
    /// Where the built-in table came from (`litellm 1.109.1`).
    public private(set) var builtinSource: String

    public init(entries: [String: ModelPrice] = [:], builtinSource: String = "") {
        self.entries = entries
        self.builtinSource = builtinSource
    }

    /// The built-in table.
    public static func builtin() -> PriceTable {
        do {
            let object = try JSONSerialization.jsonObject(with: Data(BuiltinPriceTable.json.utf8))
            guard let root = object as? [String: Any], let models = root["models"] as? [String: Any] else {
                return PriceTable()
            }
            var table = PriceTable(builtinSource: root["source"] as? String ?? "built-in")
            for (key, value) in models {
                guard let fields = value as? [String: Any], let price = perMillion(fields, source: nil) else { continue }
                table.entries[key] = price
            }
            return table
        } catch {
            preconditionFailure("the built-in price table does not parse: \(error)")
        }
    }

    /// Adds or replaces entries from an override file.
    ///
    /// Accepted shapes: `{"provider/model": {"input": ..}}` and `{"rates_usd_per_million": {...}}` (USD per
    /// million tokens, missing fields are 0 as in the Pipeline service), and LiteLLM's own file (USD per token,
    /// `input_cost_per_token`, ...). Keys are normalised like model names in logs.
    /// - Throws: `UsageLensError` (`.usage`) naming the file when it cannot be read or has no usable entry.
    public mutating func applyOverrides(file path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UsageLensError(.usage, "cannot read the pricing file", file: path)
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw UsageLensError(.usage, "the pricing file is not valid JSON", file: path)
        }
        guard var root = object as? [String: Any] else {
            throw UsageLensError(.usage, "the pricing file must hold a JSON object", file: path)
        }
        if let wrapped = root["rates_usd_per_million"] as? [String: Any] { root = wrapped }
        // Several names may normalise to one key (`gpt-4o`, `gpt-4o-2024-05-13`); the winner must not depend on
        // dictionary order. As in scripts/gen_prices.py: a name that already is the normalised one wins, then a
        // name without a prefix, then the greatest name (the newest date).
        var chosen: [String: (rank: (Int, Int, String), price: ModelPrice)] = [:]
        for rawKey in root.keys.sorted() {
            guard let fields = root[rawKey] as? [String: Any] else { continue }
            let isLiteLLM = fields["input_cost_per_token"] != nil || fields["output_cost_per_token"] != nil
            let price: ModelPrice?
            if isLiteLLM {
                price = Self.perToken(fields, source: "\(path): \(rawKey)")
            } else {
                price = Self.perMillion(fields, source: "\(path): \(rawKey)", missingIsZero: true)
            }
            guard let price else { continue }
            var providerHint = fields["litellm_provider"] as? String
            if providerHint == "vertex_ai-language-models" { providerHint = "google" }
            let key = Self.key(for: rawKey, providerHint: providerHint)
            let bare = String(rawKey.lowercased().split(separator: "/").last ?? "")
            let rank = (bare == ModelNormalizer.split(rawKey).model ? 1 : 0, rawKey.contains("/") ? 0 : 1, rawKey)
            if let current = chosen[key], !(rank > current.rank) { continue }
            chosen[key] = (rank, price)
        }
        if chosen.isEmpty && !root.isEmpty {
            throw UsageLensError(.usage, "the pricing file has no entry with token prices", file: path)
        }
        for (key, entry) in chosen { entries[key] = entry.price }
    }

    /// The normalised key of a price entry name.
    static func key(for rawKey: String, providerHint: String?) -> String {
        let (named, model) = ModelNormalizer.split(rawKey)
        if let named { return "\(named)/\(model)" }
        if let providerHint { return "\(ModelNormalizer.provider(providerHint))/\(model)" }
        let inferred = ModelNormalizer.inferProvider(model: model, format: nil)
        return inferred == "unknown" ? model : "\(inferred)/\(model)"
    }

    /// Finds the price of a normalised model: the exact `provider/model` key, then the bare model, then the
    /// longest key of the same provider whose model is a prefix of this one ending at a `-`.
    public func lookup(provider: String, model: String) -> (key: String, price: ModelPrice)? {
        let exact = "\(provider)/\(model)"
        if let price = entries[exact] { return (exact, price) }
        if let price = entries[model] { return (model, price) }
        var best: (key: String, price: ModelPrice)?
        let prefix = "\(provider)/"
        for (key, price) in entries where key.hasPrefix(prefix) {
            let candidate = key.dropFirst(prefix.count)
            guard model.count > candidate.count, model.hasPrefix(candidate),
                model[model.index(model.startIndex, offsetBy: candidate.count)] == "-"
            else { continue }
            if best == nil || key.count > best!.key.count || (key.count == best!.key.count && key < best!.key) {
                best = (key, price)
            }
        }
        return best
    }

    // MARK: Entry shapes

    private static func number(_ any: Any?) -> Double? {
        if let n = any as? NSNumber { return n.doubleValue }
        if let s = any as? String { return Double(s) }
        return nil
    }

    static func perMillion(_ f: [String: Any], source: String?, missingIsZero: Bool = false) -> ModelPrice? {
        let input = number(f["input"])
        let output = number(f["output"])
        if !missingIsZero && (input == nil || output == nil) { return nil }
        if input == nil && output == nil && number(f["cache_read"]) == nil && number(f["cache_write"]) == nil {
            return nil
        }
        var tier: ModelPrice.Tier?
        if let above = f["above"] as? [String: Any] {
            tier = ModelPrice.Tier(
                input: number(above["input"]) ?? input ?? 0, output: number(above["output"]) ?? output ?? 0,
                cacheRead: number(above["cache_read"]) ?? number(f["cache_read"]) ?? 0,
                cacheWrite: number(above["cache_write"]) ?? number(f["cache_write"]) ?? 0,
                cacheWrite1h: number(above["cache_write_1h"]) ?? number(f["cache_write_1h"]))
        }
        return ModelPrice(
            input: input ?? 0, output: output ?? 0, cacheRead: number(f["cache_read"]) ?? 0,
            cacheWrite: number(f["cache_write"]) ?? 0, cacheWrite1h: number(f["cache_write_1h"]),
            thresholdTokens: number(f["threshold_tokens"]).flatMap { $0.isFinite && abs($0) < 9.2e18 ? Int64($0) : nil },
            above: tier,
            source: source ?? (f["source"] as? String ?? "built-in"))
    }

    static func perToken(_ f: [String: Any], source: String) -> ModelPrice? {
        func m(_ key: String) -> Double? { number(f[key]).map { ($0 * 1e6 * 1e10).rounded() / 1e10 } }
        guard let input = m("input_cost_per_token"), let output = m("output_cost_per_token") else { return nil }
        var price = ModelPrice(
            input: input, output: output, cacheRead: m("cache_read_input_token_cost") ?? 0,
            cacheWrite: m("cache_creation_input_token_cost") ?? 0,
            cacheWrite1h: m("cache_creation_input_token_cost_above_1hr"), source: source)
        for key in f.keys.sorted() where key.hasPrefix("input_cost_per_token_above_") && key.hasSuffix("k_tokens") {
            let digits = key.dropFirst("input_cost_per_token_above_".count).dropLast("k_tokens".count)
            guard let thousands = Int64(digits), (-Int64.max / 1000...Int64.max / 1000).contains(thousands), let above = m(key)
            else { continue }
            let suffix = "_above_\(digits)k_tokens"
            price.thresholdTokens = thousands * 1000
            price.above = ModelPrice.Tier(
                input: above, output: m("output_cost_per_token" + suffix) ?? output,
                cacheRead: m("cache_read_input_token_cost" + suffix) ?? price.cacheRead,
                cacheWrite: m("cache_creation_input_token_cost" + suffix) ?? price.cacheWrite,
                cacheWrite1h: m("cache_creation_input_token_cost_above_1hr" + suffix) ?? price.cacheWrite1h)
            break
        }
        return price
    }
}
