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

    /// Taken as text, whatever it looks like, so that `-1`, `0` and `abc` all reach `validate()` and its one
    /// message (as an `Int`, `-1` reads as an option and the parser says "Missing value").
    @Option(parsing: .unconditional, help: "Worker threads (default: the number of cores). Results never depend on it.")
    var threads: String?

    /// `--threads` as a number: nil when not given, or not a whole number of at least 1.
    var threadCount: Int? { threads.flatMap { Int($0) }.flatMap { $0 >= 1 ? $0 : nil } }

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
        if let threads, threadCount == nil {
            throw ValidationError("--threads must be a whole number of at least 1, such as --threads 4 (got '\(threads)')")
        }
    }

    /// Turns what the user typed into a validated plan: files discovered, prices loaded.
    func plan() throws -> RunPlan {
        let prices = try Self.prices(file: pricing)
        let files = try InputDiscovery.discover(paths)
        var ingest = IngestOptions()
        if let threadCount { ingest.threads = threadCount }
        return RunPlan(files: files, ingest: ingest, prices: prices, costMode: costMode)
    }

    /// The built-in prices with the overrides of `file` (else USAGELENS_PRICING_FILE) applied.
    static func prices(file: String?) throws -> PriceTable {
        var prices = PriceTable.builtin()
        let env = ProcessInfo.processInfo.environment["USAGELENS_PRICING_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        if let file = file ?? env { try prices.applyOverrides(file: file) }
        return prices
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

    @OptionGroup(title: "Filter options") var dimensions: FilterOptions

    func filter(_ calendar: LocalCalendar) throws -> EventFilter {
        let (start, end) = try TimeRange.resolve(since: since, until: until, calendar: calendar)
        var filter = EventFilter(since: start, until: end)
        filter.models = EventFilter.normalisedModels(dimensions.model)
        filter.providers = Set(dimensions.provider.map(ModelNormalizer.provider))
        filter.projects = Set(dimensions.project)
        filter.sessions = Set(dimensions.session)
        filter.extras = [
            .user: Set(dimensions.user), .department: Set(dimensions.department), .agent: Set(dimensions.agent),
            .thread: Set(dimensions.thread), .account: Set(dimensions.account),
        ]
        return filter
    }
}

/// Which events count: exact matches on dimensions, each repeatable (any of the values matches).
struct FilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only this model (normalised: claude-sonnet-4-5-20250929 matches claude-sonnet-4-5).", valueName: "model"))
    var model: [String] = []

    @Option(help: ArgumentHelp("Only this provider (aliases allowed: claude, codex, gemini).", valueName: "provider"))
    var provider: [String] = []

    @Option(help: ArgumentHelp("Only this project: its path (cwd) or the path's last component.", valueName: "project"))
    var project: [String] = []

    @Option(help: ArgumentHelp("Only this session id.", valueName: "id"))
    var session: [String] = []

    @Option(help: ArgumentHelp("Only this user (user_id, LiteLLM user).", valueName: "id"))
    var user: [String] = []

    @Option(help: ArgumentHelp("Only this department (department_id, LiteLLM team).", valueName: "id"))
    var department: [String] = []

    @Option(help: ArgumentHelp("Only this agent (agent_name, agent_id).", valueName: "name"))
    var agent: [String] = []

    @Option(help: ArgumentHelp("Only this thread (thread_id).", valueName: "id"))
    var thread: [String] = []

    @Option(help: ArgumentHelp("Only this account (account, LiteLLM API key hash).", valueName: "id"))
    var account: [String] = []
}

/// How to print.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: table, json, csv or markdown.")
    var format: OutputFormat = .table

    @Flag(help: "Short for --format json.")
    var json = false

    var effectiveFormat: OutputFormat { json ? .json : format }
}

/// The window, clock and limits of `blocks` and `status`.
struct WindowOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The current instant (RFC 3339); default: the wall clock.", valueName: "instant"))
    var now: String?

    // The numeric options below parse `.unconditional`ly, so that a negative value reaches `validate()` instead of
    // reading as an option ("Missing value").
    @Option(parsing: .unconditional, help: ArgumentHelp("Window length in hours (when the logs report none).", valueName: "hours"))
    var sessionLength: Double = 5

    @Option(parsing: .unconditional, help: ArgumentHelp("Tokens (input + output) per window: a number, or max / p90 of completed blocks.", valueName: "n|max|p90"))
    var tokenLimit: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Output tokens per window.", valueName: "n"))
    var outputTokenLimit: Int64?

    @Option(parsing: .unconditional, help: ArgumentHelp("Messages (calls) per window.", valueName: "n"))
    var messageLimit: Int64?

    @Option(parsing: .unconditional, help: ArgumentHelp("Cost in USD per window.", valueName: "usd"))
    var costLimit: Double?

    func validate() throws {
        if let now, Timestamp.parse(now) == nil {
            throw ValidationError("--now must be an RFC 3339 instant such as 2025-10-14T12:00:00Z (got '\(now)')")
        }
        guard sessionLength > 0, sessionLength <= 24 * 31 else {
            throw ValidationError("--session-length must be between 0 and 744 hours")
        }
        if let tokenLimit, !["max", "p90"].contains(tokenLimit), Int64(tokenLimit).map({ $0 <= 0 }) ?? true {
            throw ValidationError("--token-limit must be a positive number, max or p90 (got '\(tokenLimit)')")
        }
        for (name, value) in [("--output-token-limit", outputTokenLimit), ("--message-limit", messageLimit)] {
            if let value, value <= 0 { throw ValidationError("\(name) must be positive") }
        }
        if let costLimit, !(costLimit > 0) { throw ValidationError("--cost-limit must be positive") }
    }

    /// `--now` in ms, or the wall clock.
    var nowMs: Int64 { now.flatMap(Timestamp.parse) ?? Int64(Date().timeIntervalSince1970 * 1000) }

    /// The query these options describe.
    func query() -> BlockQuery {
        var q = BlockQuery(now: nowMs)
        q.lengthHours = sessionLength
        q.tokenLimit = tokenLimit
        q.outputTokenLimit = outputTokenLimit
        q.messageLimit = messageLimit
        q.costLimitUSD = costLimit
        return q
    }
}
