import Testing

@testable import UsageLensCore

@Suite("CostMode and ResolvedModel")
struct CostModeTests {
    static let builtin = PriceTable.builtin()

    @Test("cost modes parse from their option names")
    func rawValues() {
        #expect(CostMode(rawValue: "auto") == .auto)
        #expect(CostMode(rawValue: "calculate") == .calculate)
        #expect(CostMode(rawValue: "display") == .display)
        #expect(CostMode(rawValue: "Auto") == nil)
        #expect(CostMode.allCases.count == 3)
    }

    @Test(
        "logged names resolve to canonical provider, model and price key",
        arguments: [
            ("claude-sonnet-4-5-20250929", nil, LogFormat.claudeCode, "anthropic", "claude-sonnet-4-5", "anthropic/claude-sonnet-4-5"),
            ("gpt-5-codex", nil, LogFormat.codex, "openai", "gpt-5-codex", "openai/gpt-5-codex"),
            ("us.anthropic.claude-sonnet-4-20250514-v1:0", nil, nil, "anthropic", "claude-sonnet-4", "anthropic/claude-sonnet-4"),
            ("openrouter/anthropic/claude-opus-4-1", nil, nil, "anthropic", "claude-opus-4-1", "anthropic/claude-opus-4-1"),
            ("gpt-4o-mini-2024-07-18", nil, nil, "openai", "gpt-4o-mini", "openai/gpt-4o-mini"),
            ("claude-opus-4-1", "claude", nil, "anthropic", "claude-opus-4-1", "anthropic/claude-opus-4-1"),
            ("gpt-5", "codex", nil, "openai", "gpt-5", "openai/gpt-5"),
        ] as [(String, String?, LogFormat?, String, String, String)])
    func resolve(raw: String, loggedProvider: String?, format: LogFormat?, provider: String, model: String, key: String) {
        let r = ResolvedModel.resolve(
            rawModel: raw, loggedProvider: loggedProvider, format: format?.providerHint, prices: Self.builtin)
        #expect(r.provider == provider)
        #expect(r.model == model)
        #expect(r.priceKey == key)
        #expect(r.price == Self.builtin.entries[key])
        #expect(!r.unpriced)
    }

    @Test("the provider the log names wins over the one in the model name and the format")
    func loggedProviderWins() {
        let r = ResolvedModel.resolve(
            rawModel: "claude-sonnet-4-5", loggedProvider: "Claude", format: LogFormat.codex.providerHint, prices: Self.builtin)
        #expect(r.provider == "anthropic")
        #expect(r.priceKey == "anthropic/claude-sonnet-4-5")
        let named = ResolvedModel.resolve(
            rawModel: "openai/gpt-4o", loggedProvider: "codex", format: LogFormat.claudeCode.providerHint, prices: Self.builtin)
        #expect(named.provider == "openai")
        #expect(named.priceKey == "openai/gpt-4o")
        let other = ResolvedModel.resolve(rawModel: "claude-sonnet-4-5", loggedProvider: "acme", format: LogFormat.claudeCode.providerHint, prices: Self.builtin)
        #expect(other.provider == "acme")
        #expect(other.price == nil)
        #expect(other.unpriced)
    }

    @Test("an unknown paid model is unpriced")
    func unknownPaidModel() {
        let r = ResolvedModel.resolve(rawModel: "claude-nonexistent", loggedProvider: nil, format: nil, prices: Self.builtin)
        #expect(r.provider == "anthropic")
        #expect(r.price == nil)
        #expect(r.priceKey == nil)
        #expect(r.unpriced)
        let unknown = ResolvedModel.resolve(rawModel: "my-model", loggedProvider: nil, format: nil, prices: Self.builtin)
        #expect(unknown.provider == "unknown")
        #expect(unknown.unpriced)
    }

    @Test("an ollama model is never unpriced", arguments: [
        ("llama3:8b", nil), ("qwen2.5-coder:7b", nil), ("mistral-nemo", "local"), ("anything", "ollama"),
    ] as [(String, String?)])
    func ollamaFree(raw: String, loggedProvider: String?) {
        let r = ResolvedModel.resolve(rawModel: raw, loggedProvider: loggedProvider, format: nil, prices: Self.builtin)
        #expect(r.provider == "ollama")
        #expect(r.price == nil)
        #expect(!r.unpriced)
    }

    @Test("an empty model name resolves to 'unknown' and is unpriced")
    func emptyModel() {
        let r = ResolvedModel.resolve(rawModel: "", loggedProvider: nil, format: nil, prices: Self.builtin)
        #expect(r.model == "unknown")
        #expect(r.unpriced)
        let claude = ResolvedModel.resolve(rawModel: "", loggedProvider: nil, format: LogFormat.claudeCode.providerHint, prices: Self.builtin)
        #expect(claude.provider == "anthropic")
        #expect(claude.model == "unknown")
    }

    @Test("a model priced by an override is no longer unpriced")
    func overridePrices() {
        let table = PriceTable(entries: ["anthropic/claude-nonexistent": ModelPrice(input: 1, output: 1, source: "t")])
        let r = ResolvedModel.resolve(rawModel: "claude-nonexistent-20260101", loggedProvider: nil, format: nil, prices: table)
        #expect(r.priceKey == "anthropic/claude-nonexistent")
        #expect(!r.unpriced)
    }
}
