import ArgumentParser
import UsageLensCore

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Where you stand in the current window: usage, limits, burn rate, time to the limit (the Pipeline runtime-usage payload with --json).",
        discussion: "One provider account: the first --provider, or the most recently active one. See docs/windows.md.")
    @OptionGroup(title: "Input options") var input: InputOptions
    @OptionGroup(title: "Time options") var time: TimeOptions
    @OptionGroup(title: "Output options") var output: OutputOptions<ReportFormats>

    @OptionGroup(title: "Window options") var window: WindowOptions

    @OptionGroup(title: "Watch options") var watch: WatchOptions

    @Option(help: ArgumentHelp("A Pipeline usage.status reply (JSON): limits, window bounds, rate-limit resets. Flags win over it.", valueName: "file"))
    var status: String?

    func run() throws {
        try Frontend.report(
            .status, input: input, time: time, window: window, format: output.effectiveFormat, layout: output.layout, status: status, watch: watch.seconds)
    }
}
