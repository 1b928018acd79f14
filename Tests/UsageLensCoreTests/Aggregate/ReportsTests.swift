import Testing

@testable import UsageLensCore

@Suite("Reports")
struct ReportsTests {
    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }

    /// Three priced models of different cost, one unpriced model, over two days.
    static func sample() -> PricedEvents {
        var b = TableBuilder()
        b.add("2025-10-14T09:00:00Z", model: "claude-sonnet-4-5", input: 100_000, output: 10_000)
        b.add("2025-10-14T10:00:00Z", model: "claude-opus-4-1-20250805", input: 100_000, output: 10_000)
        b.add("2025-10-15T09:00:00Z", model: "gpt-5-codex", format: .codex, input: 100_000, output: 10_000)
        b.add("2025-10-15T11:00:00Z", model: "anthropic/claude-sonnet-4-5", input: 50_000, output: 1_000, cache5m: 7)
        b.add("2025-10-13T23:30:00Z", model: "claude-mystery", input: 5, output: 6)
        return b.priced()
    }

    static func sum(_ rows: [ModelRow]) -> UsageTotals {
        var t = UsageTotals()
        for r in rows { t.merge(r.totals) }
        return t
    }

    static func sameCounts(_ a: UsageTotals, _ b: UsageTotals) -> Bool {
        a.inputTokens == b.inputTokens && a.outputTokens == b.outputTokens && a.cacheReadTokens == b.cacheReadTokens
            && a.cacheWrite5mTokens == b.cacheWrite5mTokens && a.cacheWrite1hTokens == b.cacheWrite1hTokens
            && a.reasoningTokens == b.reasoningTokens && a.calls == b.calls && a.events == b.events
            && a.unpricedEvents == b.unpricedEvents && close(a.costUSD, b.costUSD)
    }

    @Test("models: one row per resolved model, most expensive first")
    func modelsByCost() {
        let e = Self.sample()
        let r = Reports.models(e, rows: Array(0..<e.table.count))
        #expect(r.models.map(\.model.model) == ["claude-opus-4-1", "claude-sonnet-4-5", "gpt-5-codex", "claude-mystery"])
        let costs = r.models.map(\.totals.costUSD)
        #expect(costs == costs.sorted(by: >))
        #expect(Self.close(r.models[0].totals.costUSD, 2.25))
        let sonnet = r.models[1].totals
        #expect(sonnet.events == 2)
        #expect(sonnet.inputTokens == 150_000)
        #expect(sonnet.cacheWrite5mTokens == 7)
        #expect(Self.sameCounts(Self.sum(r.models), r.totals))
        #expect(r.totals.events == 5)
    }

    @Test("models: the unpriced ones are listed with their tokens")
    func modelsUnpriced() {
        let e = Self.sample()
        let r = Reports.models(e, rows: Array(0..<e.table.count))
        #expect(r.unpriced.count == 1)
        #expect(r.unpriced[0].model.model == "claude-mystery")
        #expect(r.unpriced[0].totals.totalTokens == 11)
        #expect(r.unpriced[0].totals.unpricedEvents == 1)
        #expect(r.totals.unpricedEvents == 1)
    }

    @Test("models: equal cost is ordered by tokens, then by provider and model")
    func modelsTieBreak() {
        var b = TableBuilder()
        b.add("2025-10-14T09:00:00Z", model: "zeta", provider: "ollama", input: 10)
        b.add("2025-10-14T09:00:00Z", model: "alpha", provider: "ollama", input: 10)
        b.add("2025-10-14T09:00:00Z", model: "beta", provider: "ollama", input: 20)
        b.add("2025-10-14T09:00:00Z", model: "alpha", provider: "acme", input: 10)
        let e = b.priced()
        let r = Reports.models(e, rows: [0, 1, 2, 3])
        #expect(r.models.map { "\($0.model.provider)/\($0.model.model)" } == [
            "ollama/beta", "acme/alpha", "ollama/alpha", "ollama/zeta",
        ])
    }

    @Test("models: only the given rows count; models without rows are left out")
    func modelsSubset() {
        let e = Self.sample()
        let r = Reports.models(e, rows: [0, 3])
        #expect(r.models.map(\.model.model) == ["claude-sonnet-4-5"])
        #expect(r.totals.events == 2)
        #expect(Reports.models(e, rows: []).models.isEmpty)
        #expect(Reports.models(e, rows: []).totals == UsageTotals())
    }

    @Test("buckets: keys ascending, per-bucket model rows sum to the bucket, buckets sum to the total")
    func bucketsSum() throws {
        let e = Self.sample()
        let bucketer = TimeBucketer(kind: .day, calendar: try LocalCalendar(identifier: "UTC"))
        let r = Reports.buckets(e, rows: Array(0..<e.table.count), bucketer: bucketer)
        #expect(r.buckets.map(\.key) == ["2025-10-13", "2025-10-14", "2025-10-15"])
        #expect(r.timezone == "UTC")
        #expect(r.kind == .day)
        for bucket in r.buckets {
            #expect(Self.sameCounts(Self.sum(bucket.models), bucket.totals), "\(bucket.key)")
        }
        var all = UsageTotals()
        for bucket in r.buckets { all.merge(bucket.totals) }
        #expect(Self.sameCounts(all, r.totals))
        #expect(r.buckets[1].models.map(\.model.model) == ["claude-opus-4-1", "claude-sonnet-4-5"])
        #expect(r.buckets[2].totals.events == 2)
        #expect(r.buckets[1].start == TableBuilder.ms("2025-10-14T00:00:00Z"))
        #expect(r.unpriced.map(\.model.model) == ["claude-mystery"])
    }

    @Test("buckets follow the zone: the same events fall on other days in Kolkata")
    func bucketsZone() throws {
        let e = Self.sample()
        let bucketer = TimeBucketer(kind: .day, calendar: try LocalCalendar(identifier: "Asia/Kolkata"))
        let r = Reports.buckets(e, rows: Array(0..<e.table.count), bucketer: bucketer)
        #expect(r.buckets.map(\.key) == ["2025-10-14", "2025-10-15"])
        #expect(r.buckets.map(\.totals.events) == [3, 2])
        #expect(r.timezone == "Asia/Kolkata")
        #expect(r.buckets[0].start == TableBuilder.ms("2025-10-13T18:30:00Z"))
    }

    @Test("buckets: a property over random events and every bucket kind", arguments: BucketKind.allCases)
    func bucketsProperty(kind: BucketKind) throws {
        var g = SeededGenerator(seed: 21)
        var b = TableBuilder()
        let models = ["claude-sonnet-4-5", "claude-opus-4-1", "gpt-5-codex", "claude-mystery", "llama3:8b"]
        let base = TableBuilder.ms("2025-09-01T00:00:00Z")
        for _ in 0..<400 {
            let t = base + Int64.random(in: 0..<(90 * 86_400), using: &g) * 1000
            b.add(
                Timestamp.format(t), model: models.randomElement(using: &g)!, input: Int64.random(in: 0..<10_000, using: &g),
                output: Int64.random(in: 0..<1000, using: &g), cacheRead: Int64.random(in: 0..<5000, using: &g))
        }
        let e = b.priced()
        let rows = Array(0..<e.table.count).filter { _ in Int.random(in: 0..<4, using: &g) > 0 }
        let bucketer = TimeBucketer(kind: kind, calendar: try LocalCalendar(identifier: "Europe/Berlin"))
        let r = Reports.buckets(e, rows: rows, bucketer: bucketer)
        let keys = r.buckets.map(\.key)
        #expect(keys == keys.sorted())
        #expect(Set(keys).count == keys.count)
        var all = UsageTotals()
        for bucket in r.buckets {
            #expect(Self.sameCounts(Self.sum(bucket.models), bucket.totals))
            let costs = bucket.models.map(\.totals.costUSD)
            #expect(costs == costs.sorted(by: >))
            all.merge(bucket.totals)
        }
        #expect(Self.sameCounts(all, r.totals))
        #expect(r.totals.events == Int64(rows.count))
        // The per-model view of the same rows agrees with the buckets.
        #expect(Self.sameCounts(Reports.models(e, rows: rows).totals, r.totals))
    }
}
