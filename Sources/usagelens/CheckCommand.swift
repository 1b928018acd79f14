import ArgumentParser
import UsageLensCore

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Account for every line of every input: used, duplicate, ignored or malformed.",
        discussion: "The four counts of a file always add up to its non-blank lines. Malformed lines are listed with file:line.")
    @OptionGroup(title: "Input options") var input: InputOptions
    @OptionGroup(title: "Output options") var output: OutputOptions

    func run() throws {
        try Output.run {
            let analysis = Analysis.run(try input.plan())
            let unpriced = Reports.models(analysis.events, rows: Array(0..<analysis.events.table.count)).unpriced
            Output.emit(
                output.effectiveFormat,
                json: { ReportViews.json(check: analysis.ingest.accounts, unpriced: unpriced) },
                table: { ReportViews.table(check: analysis.ingest.accounts, unpriced: unpriced) })
            let accounts = analysis.ingest.accounts
            let malformed = accounts.reduce(0) { $0 + $1.malformed }
            if input.strict && (malformed > 0 || accounts.contains { !$0.fileErrors.isEmpty }) { throw ExitCode(1) }
            if analysis.ingest.everyInputFailed { throw ExitCode(1) }
        }
    }
}
