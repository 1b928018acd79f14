import Testing

@testable import UsageLensCore

@Suite("UsageTable")
struct UsageTableTests {
    /// A row whose fields all differ from row to row, so that a column mix-up shows.
    static func sampleRow(_ i: Int, model: UInt32 = 1, session: UInt32 = 0) -> EventRow {
        let n = Int64(i)
        return EventRow(
            time: 1_760_000_000_000 + n * 1000, format: UInt8(i % 2 + 1), flags: i % 3 == 0 ? [.sidechain] : [],
            model: model, provider: 0, session: session, project: 0, file: UInt32(i % 4), line: UInt32(i + 1),
            inputTokens: 10 + n, outputTokens: 20 + n, reasoningTokens: n, cacheReadTokens: 30 + n,
            cacheWrite5mTokens: 40 + n, cacheWrite1hTokens: 50 + n, calls: UInt32(1 + i % 2),
            loggedCostUSD: i % 2 == 0 ? .nan : Double(i) / 4, dedupHigh: UInt64(i), dedupLow: UInt64(i * 7))
    }

    static func table(_ n: Int) -> UsageTable {
        var t = UsageTable()
        _ = t.strings.intern("claude-sonnet-4-5")
        for i in 0..<n { t.append(Self.sampleRow(i)) }
        return t
    }

    @Test("an appended row reads back equal, field by field")
    func appendRow() {
        let t = Self.table(5)
        #expect(t.count == 5)
        for i in 0..<5 { #expect(t.row(i) == Self.sampleRow(i)) }
        #expect(t.inputTokens == [10, 11, 12, 13, 14])
        #expect(t.cacheWrite1hTokens == [50, 51, 52, 53, 54])
        #expect(t.line == [1, 2, 3, 4, 5])
        #expect(t.row(1).loggedCostUSD == 0.25)
        #expect(t.row(0).loggedCostUSD.isNaN)
    }

    @Test("every column has one entry per row")
    func columnsAligned() {
        let t = Self.table(7)
        let counts: [Int] = [
            t.time.count, t.format.count, t.flags.count, t.model.count, t.provider.count, t.session.count,
            t.project.count, t.file.count, t.line.count, t.inputTokens.count, t.outputTokens.count,
            t.reasoningTokens.count, t.cacheReadTokens.count, t.cacheWrite5mTokens.count, t.cacheWrite1hTokens.count,
            t.calls.count, t.loggedCostUSD.count, t.dedupHigh.count, t.dedupLow.count,
        ]
        #expect(counts.allSatisfy { $0 == 7 })
    }

    @Test("EventRow equality treats NaN costs as equal and compares every field")
    func rowEquality() {
        var a = Self.sampleRow(2)
        #expect(a == Self.sampleRow(2))
        a.cacheWrite1hTokens += 1
        #expect(a != Self.sampleRow(2))
        var b = Self.sampleRow(2)
        b.loggedCostUSD = 0
        #expect(b != Self.sampleRow(2))
        var c = Self.sampleRow(2)
        c.flags = [.assumedModel]
        #expect(c != Self.sampleRow(2))
    }

    @Test("allTokens counts input, output and every cache token, not reasoning")
    func allTokens() {
        let r = EventRow(
            time: 0, format: 1, flags: [], model: 0, inputTokens: 1, outputTokens: 2, reasoningTokens: 1000,
            cacheReadTokens: 4, cacheWrite5mTokens: 8, cacheWrite1hTokens: 16)
        #expect(r.allTokens == 31)
    }

    @Test("EventRow defaults: one call, no logged cost, no key")
    func rowDefaults() {
        let r = EventRow(time: 5, format: 1, flags: [], model: 3)
        #expect(r.calls == 1)
        #expect(r.loggedCostUSD.isNaN)
        #expect(r.dedupHigh == 0 && r.dedupLow == 0)
    }

    @Test("truncate drops rows from the given count on, in every column", arguments: [0, 1, 3, 5])
    func truncate(to n: Int) {
        var t = Self.table(5)
        t.truncate(to: n)
        #expect(t.count == n)
        #expect(t.dedupLow.count == n && t.flags.count == n && t.loggedCostUSD.count == n)
        for i in 0..<n { #expect(t.row(i) == Self.sampleRow(i)) }
        // Appending after a truncate continues cleanly.
        t.append(Self.sampleRow(9))
        #expect(t.row(n) == Self.sampleRow(9))
    }

    @Test("truncate to a count at or above the size changes nothing")
    func truncateNoop() {
        var t = Self.table(3)
        t.truncate(to: 3)
        #expect(t.count == 3)
        t.truncate(to: 10)
        #expect(t.count == 3)
        #expect(t.row(2) == Self.sampleRow(2))
    }

    @Test("selecting keeps the chosen rows in order, with the strings and limits")
    func selecting() {
        var t = Self.table(6)
        t.limits = [
            LimitObservation(
                time: 1, format: 2, window: .primary, usedPercent: 12.5, windowMinutes: 300, resetsAt: 99, session: 0,
                file: 0, line: 1)
        ]
        let s = t.selecting([0, 2, 5])
        #expect(s.count == 3)
        #expect(s.row(0) == Self.sampleRow(0))
        #expect(s.row(1) == Self.sampleRow(2))
        #expect(s.row(2) == Self.sampleRow(5))
        #expect(s.strings.strings == t.strings.strings)
        #expect(s.limits == t.limits)
        #expect(t.count == 6)
        #expect(t.selecting([]).count == 0)
    }
}
