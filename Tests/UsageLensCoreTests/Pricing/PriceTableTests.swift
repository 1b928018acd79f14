import Foundation
import Testing

@testable import UsageLensCore

@Suite("PriceTable")
struct PriceTableTests {
    static let builtin = PriceTable.builtin()

    static func price(_ input: Double, _ output: Double = 0) -> ModelPrice {
        ModelPrice(input: input, output: output, source: "test")
    }

    // MARK: Built-in table

    @Test("the built-in table parses and names its source")
    func builtinLoads() {
        #expect(Self.builtin.entries.count > 100)
        #expect(Self.builtin.builtinSource.hasPrefix("litellm"))
    }

    @Test("claude-sonnet-4-5 is priced at 3 / 15 / 0.3 / 3.75 / 6")
    func builtinSonnet45() throws {
        let p = try #require(Self.builtin.entries["anthropic/claude-sonnet-4-5"])
        #expect(p.input == 3)
        #expect(p.output == 15)
        #expect(p.cacheRead == 0.3)
        #expect(p.cacheWrite == 3.75)
        #expect(p.cacheWrite1h == 6)
        #expect(p.thresholdTokens == nil)
        #expect(p.above == nil)
    }

    @Test("claude-sonnet-4 has a 200k long-context tier")
    func builtinSonnet4Tier() throws {
        let p = try #require(Self.builtin.entries["anthropic/claude-sonnet-4"])
        #expect(p.input == 3)
        #expect(p.thresholdTokens == 200_000)
        let above = try #require(p.above)
        #expect(above.input == 6)
        #expect(above.output == 22.5)
        #expect(above.cacheRead == 0.6)
        #expect(above.cacheWrite == 7.5)
        #expect(above.cacheWrite1h == 12)
    }

    @Test("models the reports rely on are present", arguments: [
        "openai/gpt-5-codex", "anthropic/claude-opus-4-1", "anthropic/claude-sonnet-4", "anthropic/claude-sonnet-4-5",
        "openai/gpt-5", "openai/gpt-4o-mini", "google/gemini-2.5-pro",
    ])
    func builtinHas(key: String) {
        #expect(Self.builtin.entries[key] != nil)
    }

    @Test("every built-in key is already normalised, so lookups can meet it")
    func builtinKeysNormalised() {
        for key in Self.builtin.entries.keys {
            let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
            #expect(parts.count == 2, "\(key) has no provider")
            guard parts.count == 2 else { continue }
            #expect(ModelNormalizer.provider(parts[0]) == parts[0], "\(key): provider not canonical")
            #expect(ModelNormalizer.stripSuffixes(parts[1]) == parts[1], "\(key): model keeps a suffix")
        }
    }

    // MARK: Lookup

    @Test("an exact provider/model key wins")
    func lookupExact() throws {
        let found = try #require(Self.builtin.lookup(provider: "anthropic", model: "claude-sonnet-4-5"))
        #expect(found.key == "anthropic/claude-sonnet-4-5")
        #expect(found.price.input == 3)
    }

    @Test("a bare model key is used when no provider/model key matches")
    func lookupBare() throws {
        let table = PriceTable(entries: ["my-model": Self.price(7), "openai/other": Self.price(1)])
        let found = try #require(table.lookup(provider: "openai", model: "my-model"))
        #expect(found.key == "my-model")
        #expect(found.price.input == 7)
    }

    @Test("the exact key is preferred over a bare key of the same model")
    func lookupExactOverBare() throws {
        let table = PriceTable(entries: ["my-model": Self.price(7), "openai/my-model": Self.price(9)])
        #expect(try #require(table.lookup(provider: "openai", model: "my-model")).key == "openai/my-model")
    }

    @Test(
        "the longest prefix key of the same provider ending at '-' is used",
        arguments: [
            ("openai", "gpt-5-codex-mini-foo", "openai/gpt-5-codex"),
            ("openai", "gpt-5-codex-2099", "openai/gpt-5-codex"),
            ("openai", "gpt-5-turbo", "openai/gpt-5"),
            ("anthropic", "claude-sonnet-4-5-foo", "anthropic/claude-sonnet-4-5"),
            ("anthropic", "claude-sonnet-4-9", "anthropic/claude-sonnet-4"),
            ("anthropic", "claude-opus-4-1-thinking", "anthropic/claude-opus-4-1"),
        ])
    func lookupLongestPrefix(provider: String, model: String, key: String) throws {
        let found = try #require(Self.builtin.lookup(provider: provider, model: model))
        #expect(found.key == key)
    }

    @Test("a prefix must end at a '-': gpt-5x does not match gpt-5")
    func lookupNeedsBoundary() {
        let table = PriceTable(entries: ["openai/gpt-5": Self.price(1)])
        #expect(table.lookup(provider: "openai", model: "gpt-5x") == nil)
        #expect(table.lookup(provider: "openai", model: "gpt-5.1") == nil)
        #expect(table.lookup(provider: "openai", model: "gpt-5-x")?.key == "openai/gpt-5")
        #expect(Self.builtin.lookup(provider: "openai", model: "gpt-5x") == nil)
    }

    @Test("a prefix match never crosses providers")
    func lookupSameProviderOnly() {
        let table = PriceTable(entries: ["openai/gpt-5": Self.price(1)])
        #expect(table.lookup(provider: "azure", model: "gpt-5-mini") == nil)
        #expect(table.lookup(provider: "anthropic", model: "gpt-5") == nil)
    }

    @Test("no match gives nil")
    func lookupMiss() {
        #expect(Self.builtin.lookup(provider: "anthropic", model: "claude-unknown") == nil)
        #expect(Self.builtin.lookup(provider: "unknown", model: "my-model") == nil)
        #expect(PriceTable().lookup(provider: "openai", model: "gpt-5") == nil)
    }

    @Test("lookup does not depend on the order entries were added")
    func lookupOrderIndependent() {
        let keys = ["openai/gpt-5", "openai/gpt-5-codex", "openai/gpt-5-codex-mini", "openai/gpt"]
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<20 {
            var entries: [String: ModelPrice] = [:]
            for key in keys.shuffled(using: &generator) { entries[key] = Self.price(Double(key.count)) }
            let table = PriceTable(entries: entries)
            #expect(table.lookup(provider: "openai", model: "gpt-5-codex-mini-high")?.key == "openai/gpt-5-codex-mini")
            #expect(table.lookup(provider: "openai", model: "gpt-4o")?.key == "openai/gpt")
        }
    }

    // MARK: Overrides

    static func overrideTable(_ json: String) throws -> (PriceTable, String) {
        let dir = TempDir()
        let path = dir.write("prices.json", Array(json.utf8))
        var table = PriceTable.builtin()
        try table.applyOverrides(file: path)
        return (table, path)
    }

    @Test("flat provider/model override replaces the built-in entry")
    func overrideFlat() throws {
        let (table, path) = try Self.overrideTable(
            #"{"anthropic/claude-sonnet-4-5": {"input": 1, "output": 2, "cache_read": 0.1, "cache_write": 1.25, "cache_write_1h": 2}}"#)
        let found = try #require(table.lookup(provider: "anthropic", model: "claude-sonnet-4-5"))
        #expect(found.key == "anthropic/claude-sonnet-4-5")
        #expect(found.price.input == 1)
        #expect(found.price.output == 2)
        #expect(found.price.cacheRead == 0.1)
        #expect(found.price.cacheWrite == 1.25)
        #expect(found.price.cacheWrite1h == 2)
        #expect(found.price.source.contains(path))
        // Other entries are untouched.
        #expect(table.entries["anthropic/claude-opus-4-1"] == Self.builtin.entries["anthropic/claude-opus-4-1"])
    }

    @Test("override keys are normalised like logged model names")
    func overrideKeysNormalised() throws {
        let (table, _) = try Self.overrideTable(
            #"{"claude-sonnet-4-5-20250929": {"input": 1, "output": 2}, "openrouter/openai/gpt-4o-2024-08-06": {"input": 4, "output": 5}, "my-model": {"input": 8, "output": 9}}"#
        )
        #expect(table.entries["anthropic/claude-sonnet-4-5"]?.input == 1)
        #expect(table.entries["openai/gpt-4o"]?.input == 4)
        #expect(table.entries["my-model"]?.input == 8)
        #expect(table.lookup(provider: "unknown", model: "my-model")?.price.output == 9)
    }

    @Test("a new override entry extends the table")
    func overrideExtends() throws {
        let (table, _) = try Self.overrideTable(#"{"acme/rocket-1": {"input": 10, "output": 20}}"#)
        #expect(table.entries.count == Self.builtin.entries.count + 1)
        #expect(table.lookup(provider: "acme", model: "rocket-1-fast")?.price.output == 20)
    }

    @Test("Pipeline shape: rates_usd_per_million, missing fields are 0")
    func overridePipeline() throws {
        let (table, _) = try Self.overrideTable(
            #"{"rates_usd_per_million": {"anthropic/claude-sonnet-4-5": {"input": 1.5}, "openai/gpt-5": {"output": 12, "cache_read": 0.2}}}"#
        )
        let sonnet = try #require(table.entries["anthropic/claude-sonnet-4-5"])
        #expect(sonnet.input == 1.5)
        #expect(sonnet.output == 0)
        #expect(sonnet.cacheRead == 0)
        #expect(sonnet.cacheWrite == 0)
        #expect(sonnet.cacheWrite1h == nil)
        let gpt = try #require(table.entries["openai/gpt-5"])
        #expect(gpt.input == 0)
        #expect(gpt.output == 12)
        #expect(gpt.cacheRead == 0.2)
        #expect(table.entries["rates_usd_per_million"] == nil)
    }

    @Test("LiteLLM shape: per-token prices become per-million, the provider hint and the tier apply")
    func overrideLiteLLM() throws {
        let (table, _) = try Self.overrideTable(
            #"{"my-model": {"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06, "litellm_provider": "openai", "input_cost_per_token_above_200k_tokens": 2e-06}}"#
        )
        let p = try #require(table.entries["openai/my-model"])
        #expect(p.input == 1)
        #expect(p.output == 2)
        #expect(p.cacheRead == 0)
        #expect(p.thresholdTokens == 200_000)
        let above = try #require(p.above)
        #expect(above.input == 2)
        #expect(above.output == 2)
        #expect(table.entries["my-model"] == nil)
        #expect(table.lookup(provider: "openai", model: "my-model")?.key == "openai/my-model")
    }

    @Test("LiteLLM shape: cache prices and the 1-hour write price are read")
    func overrideLiteLLMCache() throws {
        let (table, _) = try Self.overrideTable(
            #"{"claude-sonnet-4-5": {"input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05, "cache_read_input_token_cost": 3e-07, "cache_creation_input_token_cost": 3.75e-06, "cache_creation_input_token_cost_above_1hr": 6e-06, "litellm_provider": "anthropic"}}"#
        )
        let p = try #require(table.entries["anthropic/claude-sonnet-4-5"])
        #expect(p.input == 3)
        #expect(p.output == 15)
        #expect(p.cacheRead == 0.3)
        #expect(p.cacheWrite == 3.75)
        #expect(p.cacheWrite1h == 6)
        #expect(p.thresholdTokens == nil)
    }

    @Test("LiteLLM's vertex_ai-language-models provider is google")
    func overrideLiteLLMVertex() throws {
        let (table, _) = try Self.overrideTable(
            #"{"gemini-9-pro": {"input_cost_per_token": 1e-06, "output_cost_per_token": 4e-06, "litellm_provider": "vertex_ai-language-models"}}"#
        )
        #expect(table.entries["google/gemini-9-pro"]?.output == 4)
    }

    @Test("entries that are not objects are skipped when another entry applies")
    func overrideSkipsNonObjects() throws {
        let (table, _) = try Self.overrideTable(#"{"comment": "prices for Q4", "acme/rocket-1": {"input": 1, "output": 2}}"#)
        #expect(table.entries["acme/rocket-1"]?.input == 1)
    }

    static func expectUsageError(_ json: String?, contains message: String) {
        let dir = TempDir()
        let path = json.map { dir.write("bad.json", Array($0.utf8)) } ?? dir.path + "/missing.json"
        var table = PriceTable.builtin()
        let before = table.entries.count
        #expect {
            try table.applyOverrides(file: path)
        } throws: { error in
            guard let error = error as? UsageLensError else { return false }
            return error.kind == .usage && error.file == path && error.message.contains(message)
                && error.description.hasPrefix(path + ": ")
        }
        #expect(table.entries.count == before)
    }

    @Test("invalid JSON throws a usage error naming the file")
    func overrideInvalidJSON() {
        Self.expectUsageError(#"{"anthropic/claude-sonnet-4-5": {"input": 1,"#, contains: "not valid JSON")
    }

    @Test("an unreadable file throws a usage error naming the file")
    func overrideMissingFile() {
        Self.expectUsageError(nil, contains: "cannot read")
    }

    @Test("a directory instead of a file throws a usage error naming it")
    func overrideDirectory() throws {
        let dir = TempDir()
        var table = PriceTable()
        #expect {
            try table.applyOverrides(file: dir.path)
        } throws: { error in
            (error as? UsageLensError)?.kind == .usage && (error as? UsageLensError)?.file == dir.path
        }
    }

    @Test("a JSON array throws a usage error")
    func overrideArray() {
        Self.expectUsageError(#"[{"input": 1}]"#, contains: "JSON object")
    }

    @Test("a file with no priced entry throws a usage error")
    func overrideNoEntries() {
        Self.expectUsageError(#"{"anthropic/claude-sonnet-4-5": {"context_window": 200000}}"#, contains: "no entry")
    }

    @Test("names that normalise to one key resolve the same way in every process")
    func overrideCollisionsAreDeterministic() throws {
        let dir = TempDir()
        let file = dir.write("litellm.json", Array(#"""
            {"gpt-4o-2024-05-13": {"input_cost_per_token": 5e-06, "output_cost_per_token": 1.5e-05, "litellm_provider": "openai"},
             "gpt-4o": {"input_cost_per_token": 2.5e-06, "output_cost_per_token": 1e-05, "litellm_provider": "openai"},
             "azure/gpt-4o": {"input_cost_per_token": 9e-06, "output_cost_per_token": 1.5e-05, "litellm_provider": "azure"},
             "gpt-4.1-2025-04-14": {"input_cost_per_token": 2e-06, "output_cost_per_token": 8e-06, "litellm_provider": "openai"},
             "gpt-4.1-2024-01-01": {"input_cost_per_token": 9e-06, "output_cost_per_token": 9e-06, "litellm_provider": "openai"}}
            """#.utf8))
        var table = PriceTable()
        try table.applyOverrides(file: file)
        #expect(table.entries["openai/gpt-4o"]?.input == 2.5)
        #expect(table.entries["azure/gpt-4o"]?.input == 9)
        // Neither dated name is the normalised one: the greatest (newest) wins.
        #expect(table.entries["openai/gpt-4.1"]?.input == 2)
    }

    @Test("LiteLLM's long-context price for 1-hour cache writes is kept")
    func longContextOneHourWrites() throws {
        let dir = TempDir()
        let file = dir.write("litellm.json", Array(#"""
            {"claude-sonnet-4": {"input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05,
              "cache_creation_input_token_cost": 3.75e-06, "cache_creation_input_token_cost_above_1hr": 6e-06,
              "input_cost_per_token_above_200k_tokens": 6e-06, "output_cost_per_token_above_200k_tokens": 2.25e-05,
              "cache_creation_input_token_cost_above_200k_tokens": 7.5e-06,
              "cache_creation_input_token_cost_above_1hr_above_200k_tokens": 1.2e-05, "litellm_provider": "anthropic"}}
            """#.utf8))
        var table = PriceTable()
        try table.applyOverrides(file: file)
        let price = try #require(table.entries["anthropic/claude-sonnet-4"])
        #expect(price.cacheWrite1h == 6)
        #expect(price.thresholdTokens == 200_000)
        #expect(price.above?.cacheWrite1h == 12)
        #expect(price.above?.cacheWrite == 7.5)
    }

    @Test("a threshold beyond 64 bits is dropped, never a trap (Fuzz/Corpus/PriceFile/crash-threshold-*)")
    func overrideThresholdOutOfRange() throws {
        let (table, _) = try Self.overrideTable(
            #"{"acme/rocket-1": {"input": 1, "output": 2, "threshold_tokens": 1e30}, "acme/rocket-2": {"input": 1, "output": 2, "threshold_tokens": "nan"}, "gpt-4o": {"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06, "input_cost_per_token_above_99999999999999999k_tokens": 3e-06}}"#
        )
        #expect(try #require(table.entries["acme/rocket-1"]).thresholdTokens == nil)
        #expect(try #require(table.entries["acme/rocket-2"]).thresholdTokens == nil)
        let gpt = try #require(table.entries["openai/gpt-4o"])
        #expect(gpt.input == 1)
        #expect(gpt.thresholdTokens == nil)
    }
}
