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
        var table = PriceTable(builtinSource: "built-in")
        do {
            let json = MemorySource(Array(BuiltinPriceTable.json.utf8))
            try JSONMemberReader.read(json.read(into:), unwrapping: ["models"]) { member in
                if member.parent == "models" {
                    let price = try Self.perMillion(
                        member.value, at: Self.entryPath(member), file: nil, missingIsZero: false, source: nil)
                    if let price { table.entries[member.key] = price }
                } else if member.key == "source", let source = member.value.stringValue {
                    table.builtinSource = source
                }
            }
        } catch {
            preconditionFailure("the built-in price table does not read: \(error)")
        }
        return table
    }

    /// The member of an override file that holds the Pipeline service's rates.
    static let pipelineWrapper = "rates_usd_per_million"

    /// Adds or replaces entries from an override file.
    ///
    /// Accepted shapes: `{"provider/model": {"input": ..}}` and `{"rates_usd_per_million": {...}}` (USD per
    /// million tokens, missing fields are 0 as in the Pipeline service), and LiteLLM's own file (USD per token,
    /// `input_cost_per_token`, ...). Keys are normalised like model names in logs. Members that are not objects
    /// are skipped; in an entry, every price field read must be a number from 0 to
    /// `ModelPrice.maxUSDPerMillionTokens` (LiteLLM's other keys are not read, so not checked). The file is read
    /// as a stream, one entry at a time; the table changes only when the whole file is good.
    /// - Throws: `UsageLensError` (`.usage`) naming the file when it cannot be read, is not a JSON object, has no
    ///   usable entry, or has an entry with a bad price (named: `"openai/gpt-4o".input: price must be ...`).
    /// - Complexity: O(n) in the file's bytes; memory is the entries kept, not the file.
    public mutating func applyOverrides(file path: String) throws {
        // Top-level entries count only when the file has no `rates_usd_per_million` object, so their first bad
        // entry is reported only then; an entry inside it is reported at once.
        var topLevel = OverrideEntries(file: path)
        var wrapped = OverrideEntries(file: path)
        var hasWrapper = false
        var deferred: UsageLensError?
        do {
            let source = try FileDescriptorSource(path: path)
            try JSONMemberReader.read(source.read(into:), unwrapping: [Self.pipelineWrapper]) { member in
                if member.parent != nil {
                    try wrapped.add(member)
                } else if member.key == Self.pipelineWrapper, case .object(let members) = member.value,
                    members.isEmpty
                {
                    hasWrapper = true  // the wrapper itself, emptied: its entries went to `wrapped`
                } else if deferred == nil {
                    do { try topLevel.add(member) } catch let error as UsageLensError { deferred = error }
                }
            }
        } catch let failure as JSONMemberReader.Failure {
            switch failure {
            case .invalid(let why):
                throw UsageLensError(.usage, "the pricing file is not valid JSON (\(why))", file: path)
            case .notAnObject(let kind):
                throw UsageLensError(.usage, "the pricing file must hold a JSON object, not \(kind)", file: path)
            case .tooDeep:
                throw UsageLensError(
                    .usage, "the pricing file nests deeper than \(JSONMemberReader.maxDepth) levels", file: path)
            }
        } catch let error as UsageLensError where error.kind == .io {
            throw UsageLensError(.usage, "cannot read the pricing file (\(error.message))", file: path)
        }
        if !hasWrapper, let deferred { throw deferred }
        if hasWrapper { try wrapped.move(into: &entries) } else { try topLevel.move(into: &entries) }
    }

    /// The entries of one shape of an override file, by normalised key.
    private struct OverrideEntries {
        let file: String
        var prices: [String: ModelPrice] = [:]
        /// The name in the file that a key came from, when it is not the key itself.
        var names: [String: String] = [:]
        /// Members seen, entries or not.
        var members = 0

        init(file: String) { self.file = file }

        mutating func add(_ member: JSONMemberReader.Member) throws {
            members += 1
            guard member.value.isObject else { return }
            let rawKey = member.key
            let source = "\(file): \(rawKey)"
            let price: ModelPrice?
            if member.value["input_cost_per_token"] != nil || member.value["output_cost_per_token"] != nil {
                price = try PriceTable.perToken(
                    member.value, at: PriceTable.entryPath(member), file: file, source: source)
            } else {
                price = try PriceTable.perMillion(
                    member.value, at: PriceTable.entryPath(member), file: file, missingIsZero: true, source: source)
            }
            guard let price else { return }
            var providerHint = member.value["litellm_provider"]?.stringValue
            if providerHint == "vertex_ai-language-models" { providerHint = "google" }
            let key = PriceTable.key(for: rawKey, providerHint: providerHint)
            // Several names may normalise to one key (`gpt-4o`, `gpt-4o-2024-05-13`); the winner must not depend
            // on the order of the file.
            if prices[key] != nil, PriceTable.rank(names[key] ?? key) > PriceTable.rank(rawKey) { return }
            prices[key] = price
            names[key] = rawKey == key ? nil : rawKey
        }

        /// Adds the entries to `entries`, replacing those of the same key, and leaves this empty.
        /// - Throws: `UsageLensError` (`.usage`) when members were seen but none was an entry.
        mutating func move(into entries: inout [String: ModelPrice]) throws {
            if prices.isEmpty && members > 0 {
                throw UsageLensError(.usage, "the pricing file has no entry with token prices", file: file)
            }
            var moved = prices
            prices = [:]
            names = [:]
            // Into the larger dictionary, so that a big file's entries are never copied.
            if moved.count > entries.count {
                for (key, price) in entries where moved[key] == nil { moved[key] = price }
                entries = moved
            } else {
                entries.merge(moved) { _, new in new }
            }
        }
    }

    /// How a name ranks among names of one key, as in scripts/gen_prices.py: a name that already is the
    /// normalised one wins, then a name without a prefix, then the greatest name (the newest date). Equal ranks
    /// are equal names: the later one wins, as a repeated key in JSON does.
    static func rank(_ rawKey: String) -> (Int, Int, String) {
        let bare = String(rawKey.lowercased().split(separator: "/").last ?? "")
        let prefixed = rawKey.utf8.contains(UInt8(ascii: "/"))
        return (bare == ModelNormalizer.split(rawKey).model ? 1 : 0, prefixed ? 0 : 1, rawKey)
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
    /// - Complexity: O(m) hash lookups for a model name of m characters, whatever the size of the table: the
    ///   candidates are the model's own prefixes that end before a `-`, tried longest first.
    public func lookup(provider: String, model: String) -> (key: String, price: ModelPrice)? {
        let exact = "\(provider)/\(model)"
        if let price = entries[exact] { return (exact, price) }
        if let price = entries[model] { return (model, price) }
        var end = model.endIndex
        while let dash = model[..<end].lastIndex(of: "-") {
            let key = "\(provider)/\(model[..<dash])"
            if let price = entries[key] { return (key, price) }
            end = dash
        }
        return nil
    }
}
