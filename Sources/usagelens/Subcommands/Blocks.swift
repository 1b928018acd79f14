import ArgumentParser
import UsageLensCore

struct Blocks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blocks",
        abstract: "Rolling usage windows (5-hour blocks) per provider: history, gaps, the active one with burn rate, projection and limits.",
        discussion: "See docs/windows.md for how blocks, burn rate and limits are computed.")
    @OptionGroup(title: "Input options") var input: InputOptions
    @OptionGroup(title: "Time options") var time: TimeOptions
    @OptionGroup(title: "Output options") var output: OutputOptions<ReportFormats>

    @OptionGroup(title: "Window options") var window: WindowOptions

    @OptionGroup(title: "Watch options") var watch: WatchOptions

    @Flag(help: "Only the active block(s).")
    var active = false

    @Flag(help: "Only blocks of the last 3 days, and the active ones.")
    var recent = false

    func run() throws {
        try Frontend.report(
            .blocks(activeOnly: active, recentOnly: recent), input: input, time: time, window: window,
            format: output.effectiveFormat, layout: output.layout, watch: watch.seconds)
    }
}
