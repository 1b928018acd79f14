import ArgumentParser
import Foundation
import UsageLensCore

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Where you stand in the current window: usage, limits, burn rate, time to the limit (the Pipeline runtime-usage payload with --json).",
        discussion: "One provider account: --provider, or the most recently active one. See docs/windows.md.")
    @OptionGroup(title: "Input options") var input: InputOptions
    @OptionGroup(title: "Time options") var time: TimeOptions
    @OptionGroup(title: "Output options") var output: OutputOptions

    @Option(help: ArgumentHelp("The provider account to show (anthropic, openai, ...).", valueName: "name"))
    var provider: String?

    @Option(help: ArgumentHelp("The current instant (RFC 3339); default: the wall clock.", valueName: "instant"))
    var now: String?

    @Option(help: ArgumentHelp("Window length in hours when the logs report none.", valueName: "hours"))
    var sessionLength: Double = 5

    @Option(help: ArgumentHelp("A Pipeline usage.status reply (JSON): limits, window bounds, rate-limit resets. Flags win over it.", valueName: "file"))
    var status: String?

    @Option(help: ArgumentHelp("Tokens (input + output) per window.", valueName: "n"))
    var tokenLimit: Int64?

    @Option(help: ArgumentHelp("Output tokens per window.", valueName: "n"))
    var outputTokenLimit: Int64?

    @Option(help: ArgumentHelp("Messages (calls) per window.", valueName: "n"))
    var messageLimit: Int64?

    @Option(help: ArgumentHelp("Cost in USD per window.", valueName: "usd"))
    var costLimit: Double?

    func validate() throws {
        if let now, Timestamp.parse(now) == nil { throw ValidationError("--now must be an RFC 3339 instant such as 2025-10-14T12:00:00Z (got '\(now)')") }
        guard sessionLength > 0, sessionLength <= 24 * 31 else { throw ValidationError("--session-length must be between 0 and 744 hours") }
        for (name, value) in [("--token-limit", tokenLimit), ("--output-token-limit", outputTokenLimit), ("--message-limit", messageLimit)] {
            if let value, value <= 0 { throw ValidationError("\(name) must be positive") }
        }
        if let costLimit, !(costLimit > 0) { throw ValidationError("--cost-limit must be positive") }
    }

    func run() throws {
        try Output.run {
            let calendar = try time.calendar()
            let filter = try time.filter(calendar)
            let nowMs = now.flatMap(Timestamp.parse) ?? Int64(Date().timeIntervalSince1970 * 1000)
            let analysis = Analysis.run(try input.plan())
            let rows = filter.rows(analysis.events)
            let known = RuntimeStatus.providers(analysis.events, rows: rows, now: nowMs)
            let chosen = provider.map(ModelNormalizer.provider) ?? known.first
            guard let chosen, known.contains(chosen) else {
                let list = known.isEmpty ? "none" : known.joined(separator: ", ")
                throw UsageLensError(.usage, "no usage for provider '\(provider ?? "-")' before --now (providers with usage: \(list))")
            }
            let limits = WindowLimits(tokens: tokenLimit, outputTokens: outputTokenLimit, messages: messageLimit, costUSD: costLimit)
            let statusFile = try status.map { try StatusFile.load(path: $0, now: nowMs) }
            let result = RuntimeStatus.compute(
                analysis.events, rows: rows, provider: chosen, now: nowMs, limits: limits, lengthHours: sessionLength,
                statusFile: statusFile)
            switch output.effectiveFormat {
            case .json: Output.write(StatusViews.json(result).rendered() + "\n")
            default: Output.write(StatusViews.dashboard(result, calendar: calendar))
            }
            try Output.reportProblems(analysis, strict: input.strict)
        }
    }
}
