import ArgumentParser
import UsageLensCore

struct Models: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Usage and cost per provider and model.")
    @OptionGroup(title: "Input options") var input: InputOptions
    @OptionGroup(title: "Time options") var time: TimeOptions
    @OptionGroup(title: "Output options") var output: OutputOptions

    func run() throws {
        try Output.run {
            let calendar = try time.calendar()
            let filter = try time.filter(calendar)
            let analysis = Analysis.run(try input.plan())
            let report = Reports.models(analysis.events, rows: filter.rows(analysis.events))
            Output.emit(
                output.effectiveFormat,
                json: { ReportViews.json(report, filters: ReportViews.filters(filter, offset: calendar.offsetSeconds(at:))) },
                table: { ReportViews.table(report) })
            try Output.reportProblems(analysis, strict: input.strict)
        }
    }
}
