import Testing

@testable import UsageLensCore

@Suite("UsageTotals")
struct UsageTotalsTests {
    static func random(_ g: inout SeededGenerator) -> UsageTotals {
        var t = UsageTotals()
        t.inputTokens = Int64.random(in: 0..<1_000_000, using: &g)
        t.outputTokens = Int64.random(in: 0..<1_000_000, using: &g)
        t.cacheReadTokens = Int64.random(in: 0..<1_000_000, using: &g)
        t.cacheWrite5mTokens = Int64.random(in: 0..<1_000_000, using: &g)
        t.cacheWrite1hTokens = Int64.random(in: 0..<1_000_000, using: &g)
        t.reasoningTokens = Int64.random(in: 0..<1_000, using: &g)
        // Multiples of 1/64: sums are exact, so associativity can be checked with ==.
        t.costUSD = Double(Int.random(in: 0..<100_000, using: &g)) / 64
        t.calls = Int64.random(in: 0..<100, using: &g)
        t.events = Int64.random(in: 0..<100, using: &g)
        t.unpricedEvents = Int64.random(in: 0..<10, using: &g)
        return t
    }

    static func merged(_ a: UsageTotals, _ b: UsageTotals) -> UsageTotals {
        var x = a
        x.merge(b)
        return x
    }

    @Test("merge is associative and commutative, with the empty totals as identity", arguments: [1, 2, 3] as [UInt64])
    func mergeLaws(seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        for _ in 0..<50 {
            let a = Self.random(&g)
            let b = Self.random(&g)
            let c = Self.random(&g)
            #expect(Self.merged(Self.merged(a, b), c) == Self.merged(a, Self.merged(b, c)))
            #expect(Self.merged(a, b) == Self.merged(b, a))
            #expect(Self.merged(a, UsageTotals()) == a)
            #expect(Self.merged(UsageTotals(), a) == a)
        }
    }

    @Test("merge adds every field")
    func mergeAddsEveryField() {
        var a = UsageTotals()
        a.inputTokens = 1
        a.outputTokens = 2
        a.cacheReadTokens = 3
        a.cacheWrite5mTokens = 4
        a.cacheWrite1hTokens = 5
        a.reasoningTokens = 6
        a.costUSD = 0.5
        a.calls = 7
        a.events = 8
        a.unpricedEvents = 9
        let d = Self.merged(a, a)
        #expect(d.inputTokens == 2)
        #expect(d.outputTokens == 4)
        #expect(d.cacheReadTokens == 6)
        #expect(d.cacheWrite5mTokens == 8)
        #expect(d.cacheWrite1hTokens == 10)
        #expect(d.reasoningTokens == 12)
        #expect(d.costUSD == 1)
        #expect(d.calls == 14)
        #expect(d.events == 16)
        #expect(d.unpricedEvents == 18)
    }

    @Test("derived fields: cache writes are 5m + 1h; total tokens are input + output only")
    func derived() {
        var t = UsageTotals()
        t.inputTokens = 100
        t.outputTokens = 20
        t.reasoningTokens = 5
        t.cacheReadTokens = 1000
        t.cacheWrite5mTokens = 30
        t.cacheWrite1hTokens = 7
        #expect(t.cacheWriteTokens == 37)
        #expect(t.totalTokens == 120)
    }

    @Test("add sums a row's columns, its cost and whether the cost is known")
    func addRow() {
        var b = TableBuilder()
        b.add(
            "2025-10-14T09:00:00Z", model: "claude-sonnet-4-5", input: 1_000_000, output: 100_000, reasoning: 7,
            cacheRead: 10, cache5m: 20, cache1h: 30, calls: 3)
        b.add("2025-10-14T09:00:00Z", model: "mystery-model", input: 5, output: 6)
        let events = b.priced()
        var t = UsageTotals()
        t.add(events, row: 0)
        #expect(t.inputTokens == 1_000_000)
        #expect(t.outputTokens == 100_000)
        #expect(t.reasoningTokens == 7)
        #expect(t.cacheReadTokens == 10)
        #expect(t.cacheWrite5mTokens == 20)
        #expect(t.cacheWrite1hTokens == 30)
        #expect(t.calls == 3)
        #expect(t.events == 1)
        #expect(t.unpricedEvents == 0)
        #expect(abs(t.costUSD - events.cost[0]) < 1e-12)
        #expect(t.costUSD > 4.5)
        t.add(events, row: 1)
        #expect(t.events == 2)
        #expect(t.unpricedEvents == 1)
        #expect(t.inputTokens == 1_000_005)
    }

    static func randomEvents(seed: UInt64, count: Int) -> PricedEvents {
        var g = SeededGenerator(seed: seed)
        var b = TableBuilder()
        let models = ["claude-sonnet-4-5", "claude-opus-4-1", "gpt-5-codex", "mystery-model"]
        for _ in 0..<count {
            b.add(
                "2025-10-14T09:00:00Z", model: models.randomElement(using: &g)!,
                input: Int64.random(in: 0..<50_000, using: &g), output: Int64.random(in: 0..<5_000, using: &g),
                reasoning: Int64.random(in: 0..<100, using: &g), cacheRead: Int64.random(in: 0..<100_000, using: &g),
                cache5m: Int64.random(in: 0..<10_000, using: &g), cache1h: Int64.random(in: 0..<10_000, using: &g),
                calls: UInt32.random(in: 1..<4, using: &g),
                cost: Double(Int.random(in: 0..<1000, using: &g)) / 32)
        }
        return b.priced(mode: .display)
    }

    @Test("any split of the rows, summed and merged, equals one pass", arguments: [10, 20, 30] as [UInt64])
    func splitAndMerge(seed: UInt64) {
        let events = Self.randomEvents(seed: seed, count: 500)
        var onePass = UsageTotals()
        for i in 0..<events.table.count { onePass.add(events, row: i) }
        #expect(onePass.events == 500)
        var g = SeededGenerator(seed: seed &+ 1)
        for parts in [2, 3, 8, 50] {
            var partials = [UsageTotals](repeating: UsageTotals(), count: parts)
            for i in 0..<events.table.count { partials[Int.random(in: 0..<parts, using: &g)].add(events, row: i) }
            var combined = UsageTotals()
            for p in partials.shuffled(using: &g) { combined.merge(p) }
            // Logged costs are multiples of 1/32 in display mode, so even the cost sum is exact.
            #expect(combined == onePass, "\(parts) parts")
        }
    }

    @Test("split and merge agrees with one pass for computed costs too, within rounding")
    func splitAndMergeCalculated() {
        var g = SeededGenerator(seed: 77)
        var b = TableBuilder()
        for _ in 0..<300 {
            b.add(
                "2025-10-14T09:00:00Z", model: ["claude-sonnet-4-5", "gpt-5-codex"].randomElement(using: &g)!,
                input: Int64.random(in: 0..<50_000, using: &g), output: Int64.random(in: 0..<5_000, using: &g))
        }
        let events = b.priced()
        var onePass = UsageTotals()
        for i in 0..<300 { onePass.add(events, row: i) }
        var a = UsageTotals()
        var c = UsageTotals()
        for i in 0..<300 { if i % 3 == 0 { a.add(events, row: i) } else { c.add(events, row: i) } }
        a.merge(c)
        #expect(a.inputTokens == onePass.inputTokens)
        #expect(a.outputTokens == onePass.outputTokens)
        #expect(a.events == onePass.events)
        #expect(abs(a.costUSD - onePass.costUSD) < 1e-9)
        #expect(onePass.costUSD > 0)
    }
}
