import Testing

@testable import UsageLensCore

@Suite("PricedEvents")
struct PricedEventsTests {
    static let t = "2025-10-14T09:00:00Z"

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 }

    @Test("calculate mode prices every row from the table, ignoring logged costs")
    func calculate() {
        var b = TableBuilder()
        b.add(Self.t, model: "claude-sonnet-4-5-20250929", input: 1_000_000, output: 1_000_000, cost: 99)
        b.add(Self.t, model: "gpt-5-codex", format: .codex, input: 2_000_000, cacheRead: 8_000_000)
        let e = b.priced(mode: .calculate)
        #expect(Self.close(e.cost[0], 18))
        #expect(Self.close(e.cost[1], 3.5))
        #expect(e.costKnown == [true, true])
    }

    @Test("auto mode uses a logged cost above 0, else the price table")
    func auto() {
        var b = TableBuilder()
        b.add(Self.t, model: "claude-sonnet-4-5", input: 1_000_000, cost: 0.25)
        b.add(Self.t, model: "claude-sonnet-4-5", input: 1_000_000, cost: 0)
        b.add(Self.t, model: "claude-sonnet-4-5", input: 1_000_000)
        b.add(Self.t, model: "claude-sonnet-4-5", input: 1_000_000, cost: -1)
        let e = b.priced(mode: .auto)
        #expect(e.cost[0] == 0.25)
        #expect(Self.close(e.cost[1], 3))
        #expect(Self.close(e.cost[2], 3))
        #expect(Self.close(e.cost[3], 3))
        #expect(e.costKnown.allSatisfy { $0 })
    }

    @Test("display mode uses logged costs only, 0 when none is logged")
    func display() {
        var b = TableBuilder()
        b.add(Self.t, model: "claude-sonnet-4-5", input: 1_000_000, cost: 0.25)
        b.add(Self.t, model: "claude-sonnet-4-5", input: 1_000_000)
        b.add(Self.t, model: "mystery", input: 1_000_000)
        let e = b.priced(mode: .display)
        #expect(e.cost == [0.25, 0, 0])
        #expect(e.costKnown == [true, true, true])
    }

    @Test("an unpriced model has unknown cost unless a logged cost is used", arguments: CostMode.allCases)
    func unpriced(mode: CostMode) {
        var b = TableBuilder()
        b.add(Self.t, model: "claude-mystery", input: 1000)
        b.add(Self.t, model: "claude-mystery", input: 1000, cost: 0.5)
        let e = b.priced(mode: mode)
        #expect(e.models.count == 1)
        #expect(e.models[0].unpriced)
        switch mode {
        case .auto:
            #expect(e.costKnown == [false, true])
            #expect(e.cost == [0, 0.5])
        case .calculate:
            #expect(e.costKnown == [false, false])
            #expect(e.cost == [0, 0])
        case .display:
            #expect(e.costKnown == [true, true])
            #expect(e.cost == [0, 0.5])
        }
    }

    @Test("an ollama model is free and its cost is known", arguments: CostMode.allCases)
    func ollama(mode: CostMode) {
        var b = TableBuilder()
        b.add(Self.t, model: "llama3:8b", format: .codex, input: 1000)
        b.add(Self.t, model: "qwen3", provider: "local", input: 1000)
        let e = b.priced(mode: mode)
        #expect(e.models.map(\.provider) == ["openai", "ollama"])
        #expect(e.costKnown[1])
        #expect(e.cost[1] == 0)
        #expect(!e.models[1].unpriced)
    }

    @Test("spellings of one model resolve to one model entry")
    func resolvedOnce() {
        var b = TableBuilder()
        b.add(Self.t, model: "claude-sonnet-4-5-20250929", input: 1)
        b.add(Self.t, model: "anthropic/claude-sonnet-4-5", input: 2)
        b.add(Self.t, model: "claude-sonnet-4-5@20250929", input: 3)
        b.add(Self.t, model: "gpt-5-codex", format: .codex, input: 4)
        b.add(Self.t, model: "claude-sonnet-4-5", provider: "claude", input: 5)
        let e = b.priced()
        #expect(e.models.count == 2)
        #expect(e.modelIndex == [0, 0, 0, 1, 0])
        #expect(e.models[0].provider == "anthropic")
        #expect(e.models[0].model == "claude-sonnet-4-5")
        #expect(e.models[1].provider == "openai")
        #expect(e.models[1].model == "gpt-5-codex")
    }

    @Test("the provider column and the format decide the provider of the same model name")
    func providerByFormat() {
        var b = TableBuilder()
        b.add(Self.t, model: "mystery", format: .claudeCode)
        b.add(Self.t, model: "mystery", format: .codex)
        b.add(Self.t, model: "mystery", provider: "acme", format: .codex)
        let e = b.priced()
        #expect(e.models.map(\.provider) == ["anthropic", "openai", "acme"])
        #expect(e.modelIndex == [0, 1, 2])
    }

    @Test("an empty table prices to nothing")
    func empty() {
        let e = PricedEvents(UsageTable(), prices: TableBuilder.prices, mode: .auto)
        #expect(e.models.isEmpty)
        #expect(e.cost.isEmpty)
        #expect(e.modelIndex.isEmpty)
    }

    @Test("a row costs 0 to 1e12 USD, so that totals of absurd logged costs stay finite", arguments: CostMode.allCases)
    func costsAreClamped(mode: CostMode) {
        var b = TableBuilder()
        b.add(Self.t, model: "claude-sonnet-4-5", input: 1_000_000, cost: 1e308)
        b.add(Self.t, model: "claude-sonnet-4-5", input: 1_000_000, cost: 1e308)
        b.add(Self.t, model: "claude-sonnet-4-5", input: 1_000_000, cost: -5)
        let e = b.priced(mode: mode)
        switch mode {
        case .auto: #expect(e.cost == [1e12, 1e12, 3])
        case .calculate: #expect(e.cost == [3, 3, 3])
        case .display: #expect(e.cost == [1e12, 1e12, 0])
        }
        var totals = UsageTotals()
        for i in 0..<e.table.count { totals.add(e, row: i) }
        #expect(totals.costUSD.isFinite)
    }

    @Test("a cost computed from a table built in code with infinite or NaN prices is clamped too")
    func computedCostsAreClamped() {
        var b = TableBuilder()
        b.add(Self.t, model: "claude-sonnet-4-5", input: 1_000_000)
        b.add(Self.t, model: "gpt-5-codex", format: .codex, input: 1_000_000)
        let prices = PriceTable(entries: [
            "anthropic/claude-sonnet-4-5": ModelPrice(input: .infinity, output: 0, source: "test"),
            "openai/gpt-5-codex": ModelPrice(input: .nan, output: 0, source: "test"),
        ])
        #expect(b.priced(prices, mode: .calculate).cost == [PricedEvents.maxEventCostUSD, 0])
    }
}
