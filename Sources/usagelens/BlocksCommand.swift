import ArgumentParser
import Foundation
import UsageLensCore

struct Blocks: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rolling usage windows (5-hour blocks) per provider: history, gaps, the active one with burn rate, projection and limits.",
        discussion: "See docs/windows.md for how blocks, burn rate and limits are computed.")
    @OptionGroup(title: "Input options") var input: InputOptions
    @OptionGroup(title: "Time options") var time: TimeOptions
    @OptionGroup(title: "Output options") var output: OutputOptions

    @OptionGroup(title: "Window options") var window: WindowOptions

    @Flag(help: "Only the active block(s).")
    var active = false

    @Flag(help: "Only blocks of the last 3 days, and the active ones.")
    var recent = false

    func run() throws {
        try Output.run {
            let calendar = try time.calendar()
            let filter = try time.filter(calendar)
            let nowMs = window.nowMs
            let analysis = Analysis.run(try input.plan())
            let rows = filter.rows(analysis.events)
            var query = window.query()
            query.now = nowMs
            query.activeOnly = active
            query.recentOnly = recent
            let report = BlockReport.build(analysis.events, rows: rows, query: query)
            let unpriced = Reports.models(analysis.events, rows: rows).unpriced
            Output.emit(
                output.effectiveFormat,
                json: {
                    BlockViews.json(
                        report, now: nowMs, lengthHours: window.sessionLength, calendar: calendar, unpriced: unpriced,
                        filters: ReportViews.filters(filter, offset: calendar.offsetSeconds(at:)))
                },
                table: { BlockViews.table(report, now: nowMs, calendar: calendar, unpriced: unpriced) })
            try Output.reportProblems(analysis, strict: input.strict)
        }
    }
}
