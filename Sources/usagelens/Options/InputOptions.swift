import ArgumentParser
import UsageLensCore

/// What to read and how to price it.
struct InputOptions: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "Log files or directories (searched recursively for *.jsonl, *.jsonl.zst, *.zst, *.json, *.ndjson); '-' reads standard input. Default: the Claude Code and Codex log folders.",
            valueName: "path"))
    var paths: [String] = []

    @OptionGroup var threads: ThreadsOption<LogThreads>

    @OptionGroup var pricing: PricingOption<UsageLensPrices>

    @Option(help: "auto: logged cost when above 0, else prices; calculate: always prices; display: logged costs only.")
    var costMode: CostMode = .auto

    @Flag(help: "Exit with status 1 when any line is malformed.")
    var strict = false

    @OptionGroup var cache: CacheOptions

    @Option(help: "Show files and bytes read, MB/s and time left on stderr for a run over half a second: auto (when stderr is a terminal), always or never.")
    var progress: ProgressMode = .auto

    func validate() throws {
        if let text = threads.threads, LogThreads.count(text) == nil {
            throw ValidationError("--threads must be a whole number of at least 1, such as --threads 4 (got '\(text)')")
        }
    }

    /// The inputs discovered and the prices loaded.
    func plan() throws -> RunPlan {
        try RunPlan(
            paths: paths, threads: threads.threads.flatMap(LogThreads.count), pricing: pricing.pricing,
            costMode: costMode, cache: cache.location)
    }
}
