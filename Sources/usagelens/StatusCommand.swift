import ArgumentParser
import Foundation
import UsageLensCore

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Where you stand in the current window: usage, limits, burn rate, time to the limit (the Pipeline runtime-usage payload with --json).",
        discussion: "One provider account: the first --provider, or the most recently active one. See docs/windows.md.")
    @OptionGroup(title: "Input options") var input: InputOptions
    @OptionGroup(title: "Time options") var time: TimeOptions
    @OptionGroup(title: "Output options") var output: OutputOptions

    @OptionGroup(title: "Window options") var window: WindowOptions

    @Option(help: ArgumentHelp("A Pipeline usage.status reply (JSON): limits, window bounds, rate-limit resets. Flags win over it.", valueName: "file"))
    var status: String?

    func run() throws {
        try Output.run {
            let calendar = try time.calendar()
            let filter = try time.filter(calendar)
            let nowMs = window.nowMs
            let analysis = Analysis.run(try input.plan())
            let rows = filter.rows(analysis.events)
            let known = RuntimeStatus.providers(analysis.events, rows: rows, now: nowMs)
            // --provider (a filter option) picks the account; otherwise the most recently active one.
            let provider = time.dimensions.provider.first
            let chosen = provider.map(ModelNormalizer.provider) ?? known.first
            guard let chosen, known.contains(chosen) else {
                let list = known.isEmpty ? "none" : known.joined(separator: ", ")
                throw UsageLensError(.usage, "no usage for provider '\(provider ?? "-")' before --now (providers with usage: \(list))")
            }
            var limits = WindowLimits(outputTokens: window.outputTokenLimit, messages: window.messageLimit, costUSD: window.costLimit)
            if let tokenLimit = window.tokenLimit {
                // max / p90 come from this provider's completed blocks, as in `blocks`.
                var query = window.query()
                query.now = nowMs
                limits.tokens = Int64(tokenLimit) ?? BlockReport.build(analysis.events, rows: rows, query: query).limits[chosen]?.tokens
            }
            let statusFile = try status.map { try StatusFile.load(path: $0, now: nowMs) }
            let result = RuntimeStatus.compute(
                analysis.events, rows: rows, provider: chosen, now: nowMs, limits: limits, lengthHours: window.sessionLength,
                statusFile: statusFile)
            switch output.effectiveFormat {
            case .json: Output.write(StatusViews.json(result).rendered() + "\n")
            default: Output.write(StatusViews.dashboard(result, calendar: calendar))
            }
            try Output.reportProblems(analysis, strict: input.strict)
        }
    }
}
