import Testing

@testable import UsageLensCore

@Suite struct BlockWindowsTests {
    static func ms(_ s: String) -> Int64 { TableBuilder.ms(s) }

    /// Builds priced events from (time, model, input, output) and returns the blocks at `now`.
    func blocks(_ events: [(String, String, Int64, Int64)], now: String, hours: Double = 5) -> [Block] {
        var b = TableBuilder()
        for (time, model, input, output) in events {
            b.add(time, model: model, format: model.hasPrefix("gpt") ? .codex : .claudeCode, input: input, output: output)
        }
        let priced = b.priced()
        return BlockBuilder(lengthHours: hours, now: Self.ms(now)).blocks(priced, rows: Array(0..<priced.table.count))
    }

    func span(_ b: Block) -> String {
        "\(Timestamp.format(b.start))..\(Timestamp.format(b.end))\(b.isGap ? " gap" : "")\(b.isActive ? " active" : "")"
    }

    /// A deliberate difference from ccusage (docs/differences.md): blocks are half-open, so an event exactly one
    /// window after the start opens the next block, where ccusage (`>`) keeps it in the first.
    @Test func aBlockStartsAtTheFloorHourAndAnEventAtItsEndStartsTheNext() {
        let r = blocks(
            [
                ("2025-10-14T09:17:00Z", "claude-sonnet-4-5", 10, 1),
                ("2025-10-14T13:59:59.999Z", "claude-sonnet-4-5", 10, 1),
                ("2025-10-14T14:00:00Z", "claude-sonnet-4-5", 10, 1),  // exactly at the first block's end
            ], now: "2025-10-20T00:00:00Z")
        #expect(r.map(span) == ["2025-10-14T09:00:00Z..2025-10-14T14:00:00Z", "2025-10-14T14:00:00Z..2025-10-14T19:00:00Z"])
        #expect(r.map(\.totals.events) == [2, 1])
        #expect(r[0].lastActivity == Self.ms("2025-10-14T13:59:59.999Z"))
    }

    @Test func eventsOneWindowApartLeaveNoGapAndLaterOnesLeaveOne() {
        let r = blocks(
            [
                ("2025-10-14T09:00:00Z", "claude-sonnet-4-5", 1, 1),
                ("2025-10-14T14:00:00Z", "claude-sonnet-4-5", 1, 1),  // one window after: adjacent block
                ("2025-10-14T23:30:00Z", "claude-sonnet-4-5", 1, 1),  // crosses UTC midnight
                ("2025-10-15T02:10:00Z", "claude-sonnet-4-5", 1, 1),
            ], now: "2025-10-20T00:00:00Z")
        #expect(
            r.map(span) == [
                "2025-10-14T09:00:00Z..2025-10-14T14:00:00Z", "2025-10-14T14:00:00Z..2025-10-14T19:00:00Z",
                "2025-10-14T19:00:00Z..2025-10-14T23:00:00Z gap", "2025-10-14T23:00:00Z..2025-10-15T04:00:00Z",
            ])
        #expect(r[2].totals.events == 0)
        #expect(r[2].lastActivity == nil)
        #expect(r[3].totals.events == 2)
    }

    @Test func providersHaveTheirOwnWindows() {
        let r = blocks(
            [
                ("2025-10-14T09:30:00Z", "claude-sonnet-4-5", 1, 1),
                ("2025-10-14T11:45:00Z", "gpt-5-codex", 1, 1),
                ("2025-10-14T14:10:00Z", "claude-sonnet-4-5", 1, 1),
            ], now: "2025-10-20T00:00:00Z")
        #expect(r.map(\.provider) == ["anthropic", "anthropic", "openai"])
        #expect(r.map(span) == [
            "2025-10-14T09:00:00Z..2025-10-14T14:00:00Z", "2025-10-14T14:00:00Z..2025-10-14T19:00:00Z",
            "2025-10-14T11:00:00Z..2025-10-14T16:00:00Z",
        ])
    }

    @Test(arguments: [
        ("2025-10-14T11:00:00Z", true),  // inside, 1h after the last event
        ("2025-10-14T13:59:59Z", true),
        ("2025-10-14T14:00:00Z", false),  // at the end
        ("2025-10-14T08:00:00Z", false),  // before it started
    ])
    func activeMeansBeforeTheEndAndWithinAWindowOfTheLastEvent(now: String, active: Bool) {
        let r = blocks([("2025-10-14T09:10:00Z", "claude-sonnet-4-5", 1, 1), ("2025-10-14T10:00:00Z", "claude-sonnet-4-5", 1, 1)], now: now)
        #expect(r[0].isActive == active)
        #expect((r[0].burnRate != nil) == active)
    }

    @Test func burnRateCountsTheLastSixtyMinutesAndProjectsToTheEnd() throws {
        let r = blocks(
            [
                ("2025-10-14T09:05:00Z", "claude-sonnet-4-5", 1000, 1000),  // older than 60 min: not in the rate
                ("2025-10-14T10:30:00Z", "claude-sonnet-4-5", 100, 500),
                ("2025-10-14T11:00:00Z", "claude-sonnet-4-5", 200, 400),
            ], now: "2025-10-14T11:00:00Z")
        let rate = try #require(r[0].burnRate)
        #expect(rate.tokensPerMinute == 1200.0 / 60)
        #expect(rate.outputTokensPerMinute == 900.0 / 60)
        #expect(abs(rate.costUSDPerMinute - (300 * 3 + 900 * 15) / 1e6 / 60) < 1e-15)
        let p = try #require(r[0].projection)
        #expect(p.remainingMinutes == 180)
        #expect(p.totalTokens == 3200 + 20 * 180)
        #expect(p.outputTokens == 1900 + 15 * 180)
    }

    @Test func limitsAreCheckedOnTheProjection() throws {
        var b = TableBuilder()
        b.add("2025-10-14T09:00:00Z", model: "claude-sonnet-4-5", input: 40_000, output: 10_000)
        b.add("2025-10-14T10:30:00Z", model: "claude-sonnet-4-5", input: 5_000, output: 1_000)
        let priced = b.priced()
        var query = BlockQuery(now: Self.ms("2025-10-14T11:00:00Z"))
        query.tokenLimit = "100000"
        query.messageLimit = 2
        let report = BlockReport.build(priced, rows: [0, 1], query: query)
        let checks = try #require(report.blocks[0].limitChecks)
        // 56,000 used; 6,000 in the last hour -> 100/min for 180 min -> 74,000 projected: 74% (ok).
        let tokens = try #require(checks.first { $0.kind == "total_tokens" })
        #expect(tokens.used == 56_000)
        #expect(tokens.projected == 74_000)
        #expect(tokens.status == .ok)
        // 2 calls used of 2 and more projected: exceeds.
        #expect(checks.first { $0.kind == "messages" }?.status == .exceeds)
        query.tokenLimit = "90000"
        #expect(BlockReport.build(priced, rows: [0, 1], query: query).blocks[0].limitChecks?.first?.status == .warning)
    }

    @Test func derivedLimitsUseEachProvidersCompletedBlocks() {
        var b = TableBuilder()
        let days = ["2025-10-01", "2025-10-02", "2025-10-03", "2025-10-04", "2025-10-05", "2025-10-06", "2025-10-07", "2025-10-08", "2025-10-09", "2025-10-10"]
        for (k, day) in days.enumerated() {
            b.add("\(day)T09:00:00Z", model: "claude-sonnet-4-5", input: Int64(k + 1) * 100, output: 0)
            b.add("\(day)T09:00:00Z", model: "gpt-5-codex", format: .codex, input: 7, output: 0)
        }
        b.add("2025-10-11T09:00:00Z", model: "claude-sonnet-4-5", input: 99_999, output: 0)  // active: excluded
        let priced = b.priced()
        var query = BlockQuery(now: Self.ms("2025-10-11T10:00:00Z"))
        query.tokenLimit = "p90"
        let p90 = BlockReport.build(priced, rows: Array(0..<priced.table.count), query: query)
        // Ten completed anthropic blocks of 100..1000 tokens: nearest-rank p90 is the 9th, 900.
        #expect(p90.limits["anthropic"]?.tokens == 900)
        #expect(p90.limits["openai"]?.tokens == 7)
        query.tokenLimit = "max"
        #expect(BlockReport.build(priced, rows: Array(0..<priced.table.count), query: query).limits["anthropic"]?.tokens == 1000)
        query.activeOnly = true
        #expect(BlockReport.build(priced, rows: Array(0..<priced.table.count), query: query).blocks.count == 1)
    }

    @Test func eventsAfterNowAreNotSeen() {
        var b = TableBuilder()
        b.add("2025-10-14T09:00:00Z", model: "claude-sonnet-4-5", input: 10, output: 0)
        b.add("2025-10-14T12:00:00Z", model: "claude-sonnet-4-5", input: 20, output: 0)
        let priced = b.priced()
        let report = BlockReport.build(priced, rows: [0, 1], query: BlockQuery(now: Self.ms("2025-10-14T10:00:00Z")))
        #expect(report.blocks.count == 1)
        #expect(report.blocks[0].totals.totalTokens == 10)
        #expect(report.blocks[0].lastActivity == Self.ms("2025-10-14T09:00:00Z"))
    }

    /// Europe/Berlin falls back at 03:00 CEST (01:00 UTC) on 2025-10-26: blocks stay five real hours long
    /// and keep UTC-hour starts; only their rendering in --tz changes offset.
    @Test func blocksAcrossADSTChangeInTheReportZone() throws {
        var b = TableBuilder()
        b.add("2025-10-25T22:40:00Z", model: "claude-sonnet-4-5", input: 10, output: 1)  // 00:40 CEST
        b.add("2025-10-26T02:59:00Z", model: "claude-sonnet-4-5", input: 10, output: 1)  // 03:59 CET, same block
        b.add("2025-10-26T03:00:00Z", model: "claude-sonnet-4-5", input: 10, output: 1)  // at the end: next block
        let priced = b.priced()
        let report = BlockReport.build(priced, rows: [0, 1, 2], query: BlockQuery(now: Self.ms("2025-11-01T00:00:00Z")))
        #expect(report.blocks.map(span) == ["2025-10-25T22:00:00Z..2025-10-26T03:00:00Z", "2025-10-26T03:00:00Z..2025-10-26T08:00:00Z"])
        let calendar = try LocalCalendar(identifier: "Europe/Berlin")
        let json = BlockViews.json(report, now: Self.ms("2025-11-01T00:00:00Z"), lengthHours: 5, calendar: calendar, unpriced: []).rendered(indent: 0)
        #expect(json.contains(#""start":"2025-10-26T00:00:00+02:00","end":"2025-10-26T04:00:00+01:00""#))
        #expect(json.contains(#""start":"2025-10-26T04:00:00+01:00","end":"2025-10-26T09:00:00+01:00""#))
    }
}
