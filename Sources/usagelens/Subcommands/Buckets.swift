import ArgumentParser
import UsageLensCore

/// What the four calendar reports share: the same options, a different bucket.
struct BucketOptions: ParsableArguments {
    @OptionGroup(title: "Input options") var input: InputOptions
    @OptionGroup(title: "Time options") var time: TimeOptions
    @OptionGroup(title: "Output options") var output: OutputOptions<ReportFormats>

    @Flag(help: "Add a row per model under each bucket (table, CSV and Markdown).")
    var breakdown = false

    func run(_ kind: BucketKind, weekStart: WeekStart = .monday) throws {
        try Frontend.report(
            .buckets(kind, weekStart: weekStart, breakdown: breakdown), input: input, time: time,
            format: output.effectiveFormat, layout: output.layout)
    }
}

struct Daily: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daily", abstract: "Usage and cost per local day (the default command).")
    @OptionGroup var options: BucketOptions
    func run() throws { try options.run(.day) }
}

struct Hourly: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "hourly", abstract: "Usage and cost per local hour.")
    @OptionGroup var options: BucketOptions
    func run() throws { try options.run(.hour) }
}

struct Weekly: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "weekly", abstract: "Usage and cost per week.")
    @OptionGroup var options: BucketOptions
    @Option(help: "The first day of a week: monday or sunday.")
    var weekStart: WeekStart = .monday
    func run() throws { try options.run(.week, weekStart: weekStart) }
}

struct Monthly: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monthly", abstract: "Usage and cost per calendar month.")
    @OptionGroup var options: BucketOptions
    func run() throws { try options.run(.month) }
}
