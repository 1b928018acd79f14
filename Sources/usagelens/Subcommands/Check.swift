import ArgumentParser
import UsageLensCore

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Account for every line of every input: used, duplicate, ignored or malformed.",
        discussion: "The four counts of a file always add up to its non-blank lines. Malformed lines are listed with file:line.")
    @OptionGroup(title: "Input options") var input: InputOptions
    @OptionGroup(title: "Output options") var output: OutputOptions<ReportFormats>

    func run() throws {
        try Frontend.report(.check, input: input, format: output.effectiveFormat, layout: output.layout)
    }
}
