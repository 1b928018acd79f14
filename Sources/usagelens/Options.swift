import ArgumentParser
import Foundation
import UsageLensCore

extension CostMode: ExpressibleByArgument {}
extension OutputFormat: ExpressibleByArgument {}
extension WeekStart: ExpressibleByArgument {}

/// What to read and how to price it.
struct InputOptions: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "Log files or directories (searched recursively for *.jsonl, *.jsonl.zst, *.zst, *.json, *.ndjson); '-' reads standard input. Default: the Claude Code and Codex log folders.",
            valueName: "path"))
    var paths: [String] = []

    @Option(help: "Worker threads (default: the number of cores). Results never depend on it.")
    var threads: Int?

    @Option(
        help: ArgumentHelp(
            "A JSON price file that overrides or extends the built-in prices (also USAGELENS_PRICING_FILE).",
            valueName: "file"))
    var pricing: String?

    @Option(help: "auto: logged cost when above 0, else prices; calculate: always prices; display: logged costs only.")
    var costMode: CostMode = .auto

    @Flag(help: "Exit with status 1 when any line is malformed.")
    var strict = false

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    /// Turns what the user typed into a validated plan: files discovered, prices loaded.
    func plan() throws -> RunPlan {
        var prices = PriceTable.builtin()
        let env = ProcessInfo.processInfo.environment["USAGELENS_PRICING_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        if let file = pricing ?? env { try prices.applyOverrides(file: file) }
        let files = try InputDiscovery.discover(paths)
        var ingest = IngestOptions()
        if let threads { ingest.threads = threads }
        return RunPlan(files: files, ingest: ingest, prices: prices, costMode: costMode)
    }
}

/// The zone and range of a report.
struct TimeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("IANA time zone for buckets and dates (default: the system zone).", valueName: "zone"))
    var tz: String?

    @Option(help: ArgumentHelp("Start: a local date (inclusive) or an RFC 3339 instant.", valueName: "date"))
    var since: String?

    @Option(help: ArgumentHelp("End: a local date (inclusive) or an RFC 3339 instant (exclusive).", valueName: "date"))
    var until: String?

    func calendar() throws -> LocalCalendar {
        try LocalCalendar(identifier: tz ?? TimeZone.current.identifier)
    }

    func filter(_ calendar: LocalCalendar) throws -> EventFilter {
        let (start, end) = try TimeRange.resolve(since: since, until: until, calendar: calendar)
        return EventFilter(since: start, until: end)
    }
}

/// How to print.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: table, json, csv or markdown.")
    var format: OutputFormat = .table

    @Flag(help: "Short for --format json.")
    var json = false

    var effectiveFormat: OutputFormat { json ? .json : format }
}
