import ArgumentParser
import UsageLensCore

struct Models: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models", abstract: "Usage and cost per provider and model.")
    @OptionGroup(title: "Input options") var input: InputOptions
    @OptionGroup(title: "Time options") var time: TimeOptions
    @OptionGroup(title: "Output options") var output: OutputOptions<ReportFormats>

    func run() throws {
        try Frontend.report(.models, input: input, time: time, format: output.effectiveFormat, layout: output.layout)
    }
}
