import ArgumentParser
import UsageLensCore

extension RankMeasure: ExpressibleByArgument {}

struct Sessions: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Usage and cost per session, most expensive first.")
    @OptionGroup(title: "Input options") var input: InputOptions
    @OptionGroup(title: "Time options") var time: TimeOptions
    @OptionGroup(title: "Output options") var output: OutputOptions

    func run() throws {
        try Output.run {
            let calendar = try time.calendar()
            let filter = try time.filter(calendar)
            let analysis = Analysis.run(try input.plan())
            let report = Reports.sessions(analysis.events, rows: filter.rows(analysis.events))
            Output.emit(
                output.effectiveFormat,
                json: {
                    GroupViews.json(
                        report, offset: calendar.offsetSeconds(at:),
                        filters: ReportViews.filters(filter, offset: calendar.offsetSeconds(at:)))
                },
                table: { GroupViews.table(report, calendar: calendar) })
            try Output.reportProblems(analysis, strict: input.strict)
        }
    }
}

struct Top: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The top users, departments, projects, agents, threads, accounts, sessions or models.",
        discussion: "Events that do not carry the dimension are grouped as (none).")

    @Argument(help: ArgumentHelp("users, departments, projects, agents, threads, accounts, sessions or models.", valueName: "dimension"))
    var dimension: String

    @Option(help: "Rank by cost, tokens (input + output) or calls.")
    var by: RankMeasure = .cost

    /// Parsed `.unconditional`ly, so that `--limit -1` reaches `validate()` rather than reading as an option.
    @Option(parsing: .unconditional, help: "How many rows to show.")
    var limit: Int = 10

    @OptionGroup(title: "Input options") var input: InputOptions
    @OptionGroup(title: "Time options") var time: TimeOptions
    @OptionGroup(title: "Output options") var output: OutputOptions

    func validate() throws {
        guard Dimension(plural: dimension) != nil else {
            throw ValidationError(
                "unknown dimension '\(dimension)'; use one of: \(Dimension.allCases.map(\.plural).joined(separator: ", "))")
        }
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        try Output.run {
            let calendar = try time.calendar()
            let filter = try time.filter(calendar)
            let analysis = Analysis.run(try input.plan())
            let report = Reports.top(
                analysis.events, rows: filter.rows(analysis.events), dimension: Dimension(plural: dimension)!, by: by,
                limit: limit)
            Output.emit(
                output.effectiveFormat,
                json: { GroupViews.json(report, filters: ReportViews.filters(filter, offset: calendar.offsetSeconds(at:))) },
                table: { GroupViews.table(report) })
            try Output.reportProblems(analysis, strict: input.strict)
        }
    }
}
