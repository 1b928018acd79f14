import ArgumentParser
import Foundation
import UsageLensCore

struct Blocks: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rolling usage windows (5-hour blocks) per provider: history, gaps, the active one with burn rate, projection and limits.",
        discussion: "See docs/windows.md for how blocks, burn rate and limits are computed.")
    @OptionGroup(title: "Input options") var input: InputOptions
    @OptionGroup(title: "Time options") var time: TimeOptions
    @OptionGroup(title: "Output options") var output: OutputOptions

    @Option(help: ArgumentHelp("Window length in hours.", valueName: "hours"))
    var sessionLength: Double = 5

    @Option(help: ArgumentHelp("The current instant (RFC 3339); default: the wall clock.", valueName: "instant"))
    var now: String?

    @Flag(help: "Only the active block(s).")
    var active = false

    @Flag(help: "Only blocks of the last 3 days, and the active ones.")
    var recent = false

    @Option(help: ArgumentHelp("Tokens (input + output) per window: a number, or max / p90 of completed blocks.", valueName: "n|max|p90"))
    var tokenLimit: String?

    @Option(help: ArgumentHelp("Output tokens per window.", valueName: "n"))
    var outputTokenLimit: Int64?

    @Option(help: ArgumentHelp("Messages (calls) per window.", valueName: "n"))
    var messageLimit: Int64?

    @Option(help: ArgumentHelp("Cost in USD per window.", valueName: "usd"))
    var costLimit: Double?

    func validate() throws {
        guard sessionLength > 0, sessionLength <= 24 * 31 else { throw ValidationError("--session-length must be between 0 and 744 hours") }
        if let tokenLimit, !["max", "p90"].contains(tokenLimit), Int64(tokenLimit).map({ $0 <= 0 }) ?? true {
            throw ValidationError("--token-limit must be a positive number, max or p90 (got '\(tokenLimit)')")
        }
        if let now, Timestamp.parse(now) == nil { throw ValidationError("--now must be an RFC 3339 instant such as 2025-10-14T12:00:00Z (got '\(now)')") }
        for (name, value) in [("--output-token-limit", outputTokenLimit), ("--message-limit", messageLimit)] {
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
            var query = BlockQuery(now: nowMs)
            query.lengthHours = sessionLength
            query.tokenLimit = tokenLimit
            query.outputTokenLimit = outputTokenLimit
            query.messageLimit = messageLimit
            query.costLimitUSD = costLimit
            query.activeOnly = active
            query.recentOnly = recent
            let report = BlockReport.build(analysis.events, rows: rows, query: query)
            let unpriced = Reports.models(analysis.events, rows: rows).unpriced
            Output.emit(
                output.effectiveFormat,
                json: { BlockViews.json(report, now: nowMs, lengthHours: sessionLength, calendar: calendar, unpriced: unpriced) },
                table: { BlockViews.table(report, now: nowMs, calendar: calendar, unpriced: unpriced) })
            try Output.reportProblems(analysis, strict: input.strict)
        }
    }
}
