import ArgumentParser
import UsageLensCore

struct Sessions: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions", abstract: "Usage and cost per session, most expensive first.")
    @OptionGroup(title: "Input options") var input: InputOptions
    @OptionGroup(title: "Time options") var time: TimeOptions
    @OptionGroup(title: "Output options") var output: OutputOptions<ReportFormats>

    func run() throws {
        try Frontend.report(.sessions, input: input, time: time, format: output.effectiveFormat, layout: output.layout)
    }
}

struct Top: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "top",
        abstract: "The top users, departments, projects, agents, threads, accounts, sessions or models.",
        discussion: "Events that do not carry the dimension are grouped as (none).")

    // Taken as text and resolved by `chosenDimension`, so that an unknown name gets this command's own message.
    @Argument(help: ArgumentHelp("users, departments, projects, agents, threads, accounts, sessions or models.", valueName: "dimension"))
    var dimension: String

    @Option(help: "Rank by cost, tokens (input + output) or calls.")
    var by: RankMeasure = .cost

    /// Parsed `.unconditional`ly, so that `--limit -1` reaches `validate()` rather than reading as an option.
    @Option(parsing: .unconditional, help: "How many rows to show.")
    var limit: Int = 10

    @OptionGroup(title: "Input options") var input: InputOptions
    @OptionGroup(title: "Time options") var time: TimeOptions
    @OptionGroup(title: "Output options") var output: OutputOptions<ReportFormats>

    /// The dimension typed, by its plural (`users`) or singular name.
    var chosenDimension: Dimension {
        get throws {
            guard let chosen = Dimension(plural: dimension) else {
                throw ValidationError(
                    "unknown dimension '\(dimension)'; use one of: \(Dimension.allCases.map(\.plural).joined(separator: ", "))")
            }
            return chosen
        }
    }

    func validate() throws {
        _ = try chosenDimension
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        try Frontend.report(.top(try chosenDimension, by: by, limit: limit), input: input, time: time, format: output.effectiveFormat, layout: output.layout)
    }
}
