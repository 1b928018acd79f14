import Testing

@testable import SeedServices
@testable import UsageLensCore

/// The seed's price table, `estimate_cost` and name normalisation.
@Suite struct PipelineRuntimeUsagePricingTests {
    @Test(arguments: [
        ("anthropic", "anthropic"), ("Claude", "anthropic"), (" codex ", "openai"), ("local", "ollama"),
        ("gemini", "google"), ("ACME", "acme"), ("", "unknown"), ("ΟΔΟΣ", "οδος"),
    ])
    func providers(raw: String, expected: String) {
        #expect(PipelineRuntimeUsage.normalizeProvider(raw) == expected)
    }

    @Test(arguments: [
        ("claude-sonnet-4-5-20250929", "claude-sonnet-4-5"), ("gpt-4o-2024-08-06", "gpt-4o-2024-08-06"),
        ("model-v1-v2", "model-v1"), ("x-v1.2.3", "x"), ("x-v1.", "x-v1."), ("m-٢٠٢٥٠٩٢٩", "m"),
        ("m-ınstruct", "m"), ("m-lateſt", "m"), ("anthropic/-latest", "anthropic/-latest"), ("codex-latest", "codex"),
        ("a/b/c-preview", "b/c"), ("chat", "chat"), (" Claude-Haiku-4-5-CHAT ", "claude-haiku-4-5"),
    ])
    func models(raw: String, expected: String) {
        #expect(PipelineRuntimeUsage.normalizeModel(raw) == expected)
    }

    @Test func defaultsAreTheSeedsTableNotTheBuiltInOne() {
        let prices = PipelineRuntimeUsage.Prices.seedDefaults
        let opus = prices.entry("anthropic/claude-opus-4-7")
        #expect(opus == .some(.init(input: .float(15), output: .float(75), cacheRead: .float(1.5), cacheWrite: .float(18.75))))
        #expect(PipelineRuntimeUsage.Prices.defaultRates.count == 25)
        // The library's LiteLLM-derived table prices Opus 4.7 at 5/25: a different table.
        #expect(PriceTable.builtin().lookup(provider: "anthropic", model: "claude-opus-4-7")?.price.input != 15)
    }

    @Test func estimatesRoundTo8DecimalsAndFlagUnpricedModels() {
        let prices = PipelineRuntimeUsage.Prices.seedDefaults
        let sonnet = prices.estimate(provider: "anthropic", model: "claude-sonnet-4-5", input: 12000, output: 3400, cacheRead: 0, cacheWrite: 0)
        #expect(sonnet.cost == 0.087 && !sonnet.unpriced)
        let haiku = prices.estimate(provider: "anthropic", model: "claude-haiku-4-5", input: 1, output: 1, cacheRead: 1, cacheWrite: 1)
        #expect(haiku.cost == 0.00000588)
        #expect(prices.estimate(provider: "acme", model: "x", input: 5, output: 5, cacheRead: 0, cacheWrite: 0) == (0, true))
        #expect(prices.estimate(provider: "ollama", model: "llama3", input: 5, output: 5, cacheRead: 0, cacheWrite: 0) == (0, false))
    }

    @Test func overridesMergeLikeLoadPricing() throws {
        var prices = PipelineRuntimeUsage.Prices.seedDefaults
        let problems = prices.merge(overrides: try PythonJSON.parse(#"""
            {"rates_usd_per_million": {
              "acme/int-rates": {"input": 3, "output": true},
              "openai/gpt-4o": null,
              "anthropic/claude-sonnet-4-5": {"input": "3"},
              "anthropic/claude-haiku-4-5": 7
            }}
            """#))
        #expect(problems.count == 2)
        // Integer rates divide exactly: 1000003 * 3 / 1e6.
        #expect(prices.estimate(provider: "acme", model: "int-rates", input: 1_000_003, output: 2, cacheRead: 9, cacheWrite: 9).cost == 3.000011)
        #expect(prices.estimate(provider: "openai", model: "gpt-4o", input: 1000, output: 0, cacheRead: 0, cacheWrite: 0) == (0, true))
        // Rejected entries keep the default.
        #expect(prices.entry("anthropic/claude-sonnet-4-5") == PipelineRuntimeUsage.Prices.seedDefaults.entry("anthropic/claude-sonnet-4-5"))

        var flat = PipelineRuntimeUsage.Prices.seedDefaults
        #expect(flat.merge(overrides: try PythonJSON.parse(#"{"acme/m": {"output": 2.5}}"#)).isEmpty)
        #expect(flat.estimate(provider: "acme", model: "m", input: 10, output: 1_000_000, cacheRead: 0, cacheWrite: 0) == (2.5, false))
        #expect(!flat.merge(overrides: .array([])).isEmpty)
        #expect(!flat.merge(overrides: try PythonJSON.parse(#"{"rates_usd_per_million": null}"#)).isEmpty)
    }
}
