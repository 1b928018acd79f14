import ArgumentParser
import UsageLensCore

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report: spend per day by model, tokens by kind, models, projects, sessions, a weekday-hour heat map and the 5-hour windows.",
        discussion:
            "The page needs no network and reads with scripts off (charts are inline SVG); it prints on A4. Filters, --tz and the window options work as for every report; --now sets the instant the windows are seen at.")
    @OptionGroup(title: "Input options") var input: InputOptions
    @OptionGroup(title: "Time options") var time: TimeOptions
    @OptionGroup(title: "Window options") var window: WindowOptions

    @Option(name: [.short, .long], help: ArgumentHelp("The HTML file to write ('-' for standard output).", valueName: "file"))
    var output: String

    func validate() throws {
        if output.isEmpty { throw ValidationError("--output needs a file name, such as --output usage.html") }
    }

    func run() throws {
        try Frontend.report(
            .page(inputs: input.paths, pricingFile: input.pricing.pricing, version: UsageLens.configuration.version),
            input: input, time: time, window: window, format: .html, destination: output == "-" ? nil : output)
    }
}
