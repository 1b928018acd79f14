import Testing

@testable import UsageLensCore

@Suite("Analysis")
struct AnalysisTests {
    static func plan(_ dir: TempDir, mode: CostMode, threads: Int = 1) throws -> RunPlan {
        RunPlan(
            files: try InputDiscovery.discover([dir.path]), ingest: IngestOptions(threads: threads),
            prices: TableBuilder.prices, costMode: mode)
    }

    @Test("reads, de-duplicates across files and prices in one step")
    func endToEnd() throws {
        let dir = TempDir()
        dir.write(
            "a.jsonl",
            lines: [
                Lines.user(),
                Lines.claude(id: "msg_1", input: 1_000_000, output: 0),
                Lines.claude(id: "msg_2", requestId: "req_2", model: "claude-opus-4-1", input: 0, output: 1_000_000),
            ])
        // A copy of msg_1 with fewer tokens (a streaming prefix) in another file.
        dir.write("b.jsonl", lines: [Lines.claude(id: "msg_1", input: 1_000_000, output: 0, cacheRead: 0)])
        let analysis = Analysis.run(try Self.plan(dir, mode: .calculate))
        #expect(analysis.events.table.count == 2)
        #expect(analysis.ingest.duplicateEvents == 1)
        #expect(analysis.events.models.map(\.model) == ["claude-sonnet-4-5", "claude-opus-4-1"])
        let report = Reports.models(analysis.events, rows: Array(0..<analysis.events.table.count))
        #expect(abs(report.totals.costUSD - 78) < 1e-9)
        #expect(report.models.first?.model.model == "claude-opus-4-1")
    }

    @Test("the cost mode of the plan is applied")
    func costMode() throws {
        let dir = TempDir()
        dir.write("a.jsonl", lines: [Lines.claude(id: "m", input: 1_000_000, output: 0, extra: ",\"costUSD\":0.5")])
        let auto = Analysis.run(try Self.plan(dir, mode: .auto))
        let calculate = Analysis.run(try Self.plan(dir, mode: .calculate))
        let display = Analysis.run(try Self.plan(dir, mode: .display))
        #expect(auto.events.cost == [0.5])
        #expect(abs(calculate.events.cost[0] - 3) < 1e-12)
        #expect(display.events.cost == [0.5])
    }

    @Test("the result does not depend on the number of threads")
    func threads() throws {
        let dir = TempDir()
        for f in 0..<6 {
            dir.write(
                "f\(f).jsonl",
                lines: (0..<20).map { i in
                    Lines.claude(
                        id: "m\(f)-\(i % 15)", requestId: "r\(i % 15)",
                        time: "2025-10-14T09:\(10 + i):00.000Z", input: 10 + i, output: f)
                })
        }
        let one = Analysis.run(try Self.plan(dir, mode: .calculate, threads: 1))
        let four = Analysis.run(try Self.plan(dir, mode: .calculate, threads: 4))
        #expect(one.events.table.count == 90)
        #expect(one.events.table.count == four.events.table.count)
        #expect((0..<one.events.table.count).allSatisfy { one.events.table.row($0) == four.events.table.row($0) })
        #expect(one.events.cost == four.events.cost)
    }
}
