import ArgumentParser
import UsageLensCore

/// The window, clock and limits of `blocks` and `status`.
struct WindowOptions: ParsableArguments {
    @OptionGroup var clock: ClockOption<ReportClock>

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
        if let now = clock.now, Timestamp.parse(now) == nil {
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

    /// The window these options describe, as of `now`.
    func query(now: Int64) -> BlockQuery {
        var q = BlockQuery(now: now)
        q.lengthHours = sessionLength
        q.tokenLimit = tokenLimit
        q.outputTokenLimit = outputTokenLimit
        q.messageLimit = messageLimit
        q.costLimitUSD = costLimit
        return q
    }
}
