import Testing

@testable import UsageLensCore

@Suite("ModelPrice")
struct ModelPriceTests {
    /// Sonnet-4-like prices with a 200k tier.
    static let tiered = ModelPrice(
        input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75, cacheWrite1h: 6, thresholdTokens: 200_000,
        above: .init(input: 6, output: 22.5, cacheRead: 0.6, cacheWrite: 7.5, cacheWrite1h: 12), source: "test")

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(1, abs(b)) }

    @Test("each token kind is priced per million at its own rate")
    func perKind() {
        let p = ModelPrice(input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75, cacheWrite1h: 6, source: "test")
        #expect(Self.close(p.cost(input: 1_000_000, output: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0), 3))
        #expect(Self.close(p.cost(input: 0, output: 1_000_000, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0), 15))
        #expect(Self.close(p.cost(input: 0, output: 0, cacheRead: 1_000_000, cacheWrite5m: 0, cacheWrite1h: 0), 0.3))
        #expect(Self.close(p.cost(input: 0, output: 0, cacheRead: 0, cacheWrite5m: 1_000_000, cacheWrite1h: 0), 3.75))
        #expect(Self.close(p.cost(input: 0, output: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 1_000_000), 6))
        let mixed = p.cost(input: 1000, output: 2000, cacheRead: 3000, cacheWrite5m: 4000, cacheWrite1h: 5000)
        let expected: Double = (3000.0 + 30000.0 + 900.0 + 15000.0 + 30000.0) / 1e6
        #expect(Self.close(mixed, expected))
    }

    @Test("1-hour writes use the 5-minute write price when no 1-hour price is given")
    func oneHourFallsBack() {
        let p = ModelPrice(input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75, source: "test")
        #expect(Self.close(p.cost(input: 0, output: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 2_000_000), 7.5))
    }

    @Test("zero tokens cost nothing")
    func zero() {
        #expect(Self.tiered.cost(input: 0, output: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0) == 0)
    }

    @Test(
        "the tier applies once input including cache exceeds the threshold; exactly at it stays base",
        arguments: [
            // (input, cacheRead, cache5m, cache1h, tiered?)
            (200_000, 0, 0, 0, false), (200_001, 0, 0, 0, true), (150_000, 50_000, 0, 0, false),
            (150_000, 50_001, 0, 0, true), (100_000, 0, 100_001, 0, true), (100_000, 0, 0, 100_001, true),
            (50_000, 50_000, 50_000, 50_000, false), (50_000, 50_000, 50_000, 50_001, true),
        ])
    func tierThreshold(input: Int64, cacheRead: Int64, cache5m: Int64, cache1h: Int64, tiered: Bool) {
        let output: Int64 = 1000
        let r = tiered ? (6.0, 22.5, 0.6, 7.5, 12.0) : (3.0, 15.0, 0.3, 3.75, 6.0)
        let expected =
            (Double(input) * r.0 + Double(output) * r.1 + Double(cacheRead) * r.2 + Double(cache5m) * r.3
                + Double(cache1h) * r.4) / 1e6
        let cost = Self.tiered.cost(
            input: input, output: output, cacheRead: cacheRead, cacheWrite5m: cache5m, cacheWrite1h: cache1h)
        #expect(Self.close(cost, expected), "cost \(cost), expected \(expected)")
    }

    @Test("output tokens do not push a request over the threshold")
    func outputNotCounted() {
        let cost = Self.tiered.cost(input: 100_000, output: 500_000, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0)
        #expect(Self.close(cost, (100_000 * 3 + 500_000 * 15) / 1e6))
    }

    @Test("in the tier, 1-hour writes fall back to the tier's 5-minute price")
    func tierOneHourFallsBack() {
        let p = ModelPrice(
            input: 1, output: 2, cacheWrite: 3, cacheWrite1h: 4, thresholdTokens: 10,
            above: .init(input: 10, output: 20, cacheRead: 0, cacheWrite: 30, cacheWrite1h: nil), source: "test")
        #expect(Self.close(p.cost(input: 0, output: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 1_000_000), 30))
        #expect(Self.close(p.cost(input: 0, output: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 10), 40 / 1e6))
    }

    @Test("a threshold without tier prices, or tier prices without a threshold, change nothing")
    func incompleteTier() {
        let noTier = ModelPrice(input: 1, output: 2, thresholdTokens: 10, source: "test")
        #expect(Self.close(noTier.cost(input: 1_000_000, output: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0), 1))
        let noThreshold = ModelPrice(
            input: 1, output: 2, above: .init(input: 10, output: 20, cacheRead: 0, cacheWrite: 0, cacheWrite1h: nil),
            source: "test")
        #expect(
            Self.close(noThreshold.cost(input: 1_000_000, output: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0), 1))
    }

    @Test("cost is linear below the threshold: two requests cost their sum")
    func additiveBelowThreshold() {
        let a = Self.tiered.cost(input: 1234, output: 567, cacheRead: 89, cacheWrite5m: 10, cacheWrite1h: 11)
        let b = Self.tiered.cost(input: 4321, output: 765, cacheRead: 98, cacheWrite5m: 1, cacheWrite1h: 0)
        let both = Self.tiered.cost(input: 5555, output: 1332, cacheRead: 187, cacheWrite5m: 11, cacheWrite1h: 11)
        #expect(Self.close(a + b, both))
    }
}
