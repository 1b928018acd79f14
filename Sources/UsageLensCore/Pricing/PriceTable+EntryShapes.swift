/// The shapes of a price entry, read and checked field by field: USD per million tokens (the built-in table,
/// overrides, the Pipeline service's rates) and USD per token (LiteLLM's own file).
extension PriceTable {
    /// Where an entry is, for messages: `"openai/gpt-4o"`, or `rates_usd_per_million."openai/gpt-4o"` inside a
    /// wrapper.
    static func entryPath(_ member: JSONMemberReader.Member) -> String {
        var path = member.parent.map { $0 + "." } ?? ""
        JSONValue.writeString(member.key, to: &path)
        return path
    }

    /// An entry in USD per million tokens; nil when it has none of `input`, `output`, `cache_read`,
    /// `cache_write` (or, with `missingIsZero` false, not both `input` and `output`).
    /// - Throws: `UsageLensError` (`.usage`, `file`) naming `path` and the field when a field is present but not
    ///   a price, `threshold_tokens` is not a token count, or `above` is not an object.
    static func perMillion(
        _ f: JSONValue, at path: @autoclosure () -> String, file: String?, missingIsZero: Bool, source: String?
    ) throws -> ModelPrice? {
        let base = ["input", "output", "cache_read", "cache_write"]
        guard base.contains(where: { f[$0] != nil }) else { return nil }
        if !missingIsZero && (f["input"] == nil || f["output"] == nil) { return nil }
        // Paths are built only for a message: an entry that is good costs no string.
        func rate(_ entry: JSONValue, _ field: String, tier: Bool = false) throws -> Double? {
            guard let value = entry[field] else { return nil }
            return try perMillionPrice(value, at: "\(path())\(tier ? ".above" : "").\(field)", file: file)
        }
        let input = try rate(f, "input")
        let output = try rate(f, "output")
        let cacheRead = try rate(f, "cache_read")
        let cacheWrite = try rate(f, "cache_write")
        let cacheWrite1h = try rate(f, "cache_write_1h")
        let threshold = try f["threshold_tokens"].map {
            try thresholdTokens($0, at: "\(path()).threshold_tokens", file: file)
        }
        var tier: ModelPrice.Tier?
        if let above = f["above"] {
            guard above.isObject else {
                throw UsageLensError(
                    .usage, "\(path()).above: must be an object of long-context prices, got \(describe(above))",
                    file: file)
            }
            tier = ModelPrice.Tier(
                input: try rate(above, "input", tier: true) ?? input ?? 0,
                output: try rate(above, "output", tier: true) ?? output ?? 0,
                cacheRead: try rate(above, "cache_read", tier: true) ?? cacheRead ?? 0,
                cacheWrite: try rate(above, "cache_write", tier: true) ?? cacheWrite ?? 0,
                cacheWrite1h: try rate(above, "cache_write_1h", tier: true) ?? cacheWrite1h)
        }
        return ModelPrice(
            input: input ?? 0, output: output ?? 0, cacheRead: cacheRead ?? 0, cacheWrite: cacheWrite ?? 0,
            cacheWrite1h: cacheWrite1h, thresholdTokens: threshold, above: tier,
            source: source ?? f["source"]?.stringValue ?? "built-in")
    }

    /// The LiteLLM fields read, in USD per token, with their long-context forms (`<field>_above_<N>k_tokens`).
    static let perTokenFields = [
        "input_cost_per_token", "output_cost_per_token", "cache_read_input_token_cost",
        "cache_creation_input_token_cost", "cache_creation_input_token_cost_above_1hr",
    ]
    static let tierPrefix = "input_cost_per_token_above_"
    static let tierSuffix = "k_tokens"

    /// An entry of LiteLLM's file; nil when it lacks `input_cost_per_token` or `output_cost_per_token`.
    ///
    /// Only the price fields above are read and checked: LiteLLM's entries carry many other keys (context
    /// windows, per-image and per-second prices, `sample_spec`'s descriptions), none of which price tokens.
    /// The long-context tier is the lowest `input_cost_per_token_above_<N>k_tokens`, as in scripts/gen_prices.py.
    /// - Throws: `UsageLensError` (`.usage`, `file`) naming `path` and the field when a field read is not a
    ///   price from 0 to 1 USD per token, or a tier threshold is above `ModelPrice.maxThresholdTokens`.
    static func perToken(
        _ f: JSONValue, at path: @autoclosure () -> String, file: String, source: String
    ) throws -> ModelPrice? {
        func m(_ field: String) throws -> Double? {
            guard let value = f[field] else { return nil }
            return try perTokenPrice(value, at: "\(path()).\(field)", file: file)
        }
        let input = try m("input_cost_per_token")
        let output = try m("output_cost_per_token")
        let cacheRead = try m("cache_read_input_token_cost")
        let cacheWrite = try m("cache_creation_input_token_cost")
        let cacheWrite1h = try m("cache_creation_input_token_cost_above_1hr")
        guard let input, let output else { return nil }
        var price = ModelPrice(
            input: input, output: output, cacheRead: cacheRead ?? 0, cacheWrite: cacheWrite ?? 0,
            cacheWrite1h: cacheWrite1h, source: source)
        guard case .object(let members) = f else { return price }
        var lowest: (thousands: Int64, digits: Substring)?
        for (key, _) in members where key.hasPrefix(tierPrefix) && key.hasSuffix(tierSuffix) {
            let digits = key.dropFirst(tierPrefix.count).dropLast(tierSuffix.count)
            guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { continue }
            guard digits.count <= 9, let thousands = Int64(digits), thousands * 1000 <= ModelPrice.maxThresholdTokens
            else {
                throw UsageLensError(
                    .usage, "\(path()).\(key): a long-context threshold must be at most 1e12 tokens", file: file)
            }
            if lowest == nil || thousands < lowest!.thousands { lowest = (thousands, digits) }
        }
        guard let lowest, let above = try m(tierPrefix + lowest.digits + tierSuffix) else { return price }
        let suffix = "_above_\(lowest.digits)k_tokens"
        price.thresholdTokens = lowest.thousands * 1000
        price.above = ModelPrice.Tier(
            input: above, output: try m("output_cost_per_token" + suffix) ?? output,
            cacheRead: try m("cache_read_input_token_cost" + suffix) ?? price.cacheRead,
            cacheWrite: try m("cache_creation_input_token_cost" + suffix) ?? price.cacheWrite,
            cacheWrite1h: try m("cache_creation_input_token_cost_above_1hr" + suffix) ?? price.cacheWrite1h)
        return price
    }

    // MARK: Fields

    /// A price in USD per million tokens: a JSON number from 0 to `ModelPrice.maxUSDPerMillionTokens`.
    static func perMillionPrice(
        _ value: JSONValue, at path: @autoclosure () -> String, file: String?
    ) throws -> Double {
        if let d = number(value), d >= 0, d <= ModelPrice.maxUSDPerMillionTokens { return d }
        throw UsageLensError(
            .usage,
            "\(path()): price must be a finite number from 0 to 1e6 USD per million tokens, got \(describe(value))",
            file: file)
    }

    /// A LiteLLM price in USD per token (0 to 1, that is 0 to 1e6 per million), as USD per million rounded to 10
    /// decimal places (`3e-06` is 3, not 2.9999999999999996).
    static func perTokenPrice(
        _ value: JSONValue, at path: @autoclosure () -> String, file: String?
    ) throws -> Double {
        if let d = number(value), d >= 0, d * 1e6 <= ModelPrice.maxUSDPerMillionTokens {
            return (d * 1e6 * 1e10).rounded() / 1e10
        }
        throw UsageLensError(
            .usage,
            "\(path()): price must be a finite number from 0 to 1 USD per token (1e6 per million tokens), got "
                + describe(value),
            file: file)
    }

    /// A long-context threshold: a whole number of tokens from 0 to `ModelPrice.maxThresholdTokens`.
    static func thresholdTokens(
        _ value: JSONValue, at path: @autoclosure () -> String, file: String?
    ) throws -> Int64 {
        if let d = number(value), d >= 0, d <= Double(ModelPrice.maxThresholdTokens), d == d.rounded() {
            return Int64(d)
        }
        throw UsageLensError(
            .usage, "\(path()): must be a whole number of tokens from 0 to 1e12, got \(describe(value))", file: file)
    }

    /// A JSON number that is finite; strings, booleans and null are not numbers here.
    private static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .int(let v): return Double(v)
        case .double(let d): return d.isFinite ? d : nil
        default: return nil
        }
    }

    /// A value as a message shows it: numbers and short strings as written, containers by kind.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .int(let v): return String(v)
        case .double(let d): return d.isFinite ? "\(d)" : "a number beyond the range of a double"
        case .string(let s):
            var out = ""
            JSONValue.writeString(s.count > 40 ? String(s.prefix(40)) + "..." : s, to: &out)
            return out
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .object, .array: return JSONMemberReader.kind(value)
        }
    }
}
