import MCP
import UsageLensCore

/// The reports an agent can ask for, one MCP tool each. A call runs the same plan as the command of the same
/// name with `--json` and returns that command's JSON as the tool's text; the arguments are its filters, time
/// and window options, named as on the command line (`--cost-limit` is `cost_limit`).
public enum ReportTool: String, CaseIterable, Sendable {
    case daily, weekly, monthly, models, sessions, blocks, status

    var description: String {
        switch self {
        case .daily: "Usage and cost per local day (in tz), with per-model rows when breakdown is true."
        case .weekly: "Usage and cost per local week (week_start monday or sunday)."
        case .monthly: "Usage and cost per local month."
        case .models: "Usage and cost per provider and model, most expensive first; lists unpriced models."
        case .sessions: "Usage and cost per session (project, first and last activity, models), most expensive first."
        case .blocks: "Rolling usage windows (5-hour blocks) per provider: history, gaps, the active one with burn rate, projection and limit checks."
        case .status: "Where one provider account stands in its current window: usage, limits, burn rate, time to the limit."
        }
    }

    /// The tool as tools/list shows it.
    var tool: Tool {
        Tool(
            name: rawValue, description: description,
            inputSchema: .object(["type": "object", "properties": .object(properties), "additionalProperties": false]),
            annotations: .init(readOnlyHint: true, openWorldHint: false))
    }

    static func property(_ type: String, _ description: String) -> Value {
        .object(["type": .string(type), "description": .string(description)])
    }

    static func list(_ description: String) -> Value {
        .object(["type": "array", "items": .object(["type": "string"]), "description": .string(description)])
    }

    static func choice(_ values: [String], _ description: String) -> Value {
        .object(["type": "string", "enum": .array(values.map { .string($0) }), "description": .string(description)])
    }

    /// The arguments every report takes: inputs, prices, zone, range and filters.
    static let common: [String: Value] = [
        "paths": list("Log files or directories. Default: the Claude Code and Codex log folders."),
        "pricing": property("string", "A JSON price file that overrides or extends the built-in prices."),
        "cost_mode": choice(CostMode.allCases.map(\.rawValue), "auto (default), calculate or display."),
        "tz": property("string", "IANA time zone for buckets and dates (default: the server's zone)."),
        "since": property("string", "Start: a local date (inclusive) or an RFC 3339 instant."),
        "until": property("string", "End: a local date (inclusive) or an RFC 3339 instant (exclusive)."),
        "model": list("Only these models (normalised)."),
        "provider": list("Only these providers (aliases allowed: claude, codex, gemini)."),
        "project": list("Only these projects: the path or its last component."),
        "session": list("Only these session ids."),
        "user": list("Only these users."),
        "department": list("Only these departments."),
        "agent": list("Only these agents."),
        "thread": list("Only these threads."),
        "account": list("Only these accounts."),
    ]

    /// The window arguments of `blocks` and `status`.
    static let window: [String: Value] = [
        "now": property("string", "The current instant (RFC 3339); default: the wall clock."),
        "session_length": property("number", "Window length in hours (default 5)."),
        "token_limit": property("string", "Tokens (input + output) per window: a number, or max / p90 of completed blocks."),
        "output_token_limit": property("integer", "Output tokens per window."),
        "message_limit": property("integer", "Messages (calls) per window."),
        "cost_limit": property("number", "Cost in USD per window."),
    ]

    var properties: [String: Value] {
        var p = Self.common
        switch self {
        case .daily, .monthly: p["breakdown"] = Self.property("boolean", "Add a row per model under each bucket.")
        case .weekly:
            p["breakdown"] = Self.property("boolean", "Add a row per model under each bucket.")
            p["week_start"] = Self.choice(WeekStart.allCases.map(\.rawValue), "The first day of a week (default monday).")
        case .models, .sessions: break
        case .blocks:
            p.merge(Self.window) { $1 }
            p["active"] = Self.property("boolean", "Only the active block(s).")
            p["recent"] = Self.property("boolean", "Only blocks of the last 3 days, and the active ones.")
        case .status:
            p.merge(Self.window) { $1 }
        }
        return p
    }

    /// The report this tool runs with `arguments`.
    func kind(_ arguments: ToolArguments) throws -> ReportKind {
        switch self {
        case .daily, .weekly, .monthly:
            let bucket: BucketKind = self == .daily ? .day : self == .weekly ? .week : .month
            let weekStart = try arguments.choice("week_start", WeekStart.self) ?? .monday
            return .buckets(bucket, weekStart: weekStart, breakdown: try arguments.bool("breakdown"))
        case .models: return .models
        case .sessions: return .sessions
        case .blocks: return .blocks(activeOnly: try arguments.bool("active"), recentOnly: try arguments.bool("recent"))
        case .status: return .status
        }
    }

    /// Runs the report with `arguments`: its JSON (as the command prints it with `--json`) and the warnings the
    /// command would print (malformed lines, unreadable files, a cache that could not be used).
    /// - Throws: `UsageLensError` for arguments that cannot be used, and when the report cannot be built.
    public func call(_ values: [String: Value]?) throws -> (json: String, warnings: [String]) {
        let arguments = ToolArguments(values)
        let known = properties
        if let unknown = arguments.values.keys.sorted().first(where: { known[$0] == nil }) {
            throw UsageLensError(.usage, "unknown argument '\(unknown)' (\(rawValue) takes: \(known.keys.sorted().joined(separator: ", ")))")
        }
        let kind = try kind(arguments)
        // Resolved in the order the command line resolves them: zone, range, prices, inputs.
        let calendar = try ReportPlan.calendar(zone: try arguments.string("tz"))
        let providers = try arguments.strings("provider")
        let filter = try ReportPlan.filter(
            since: try arguments.string("since"), until: try arguments.string("until"), calendar: calendar,
            models: try arguments.strings("model"), providers: providers, projects: try arguments.strings("project"),
            sessions: try arguments.strings("session"),
            extras: [
                .user: try arguments.strings("user"), .department: try arguments.strings("department"),
                .agent: try arguments.strings("agent"), .thread: try arguments.strings("thread"),
                .account: try arguments.strings("account"),
            ])
        let nowText = try arguments.string("now")
        if let nowText, Timestamp.parse(nowText) == nil {
            throw UsageLensError(.usage, "now must be an RFC 3339 instant such as 2025-10-14T12:00:00Z (got '\(nowText)')")
        }
        let now = ReportPlan.now(nowText)
        let window = try windowQuery(arguments, now: now)
        let run = try RunPlan(
            paths: try arguments.strings("paths"), threads: nil, pricing: try arguments.string("pricing"),
            costMode: try arguments.choice("cost_mode", CostMode.self) ?? .auto, cache: CacheLocation.resolve(explicit: nil))
        let plan = ReportPlan(
            run: run, strict: false, calendar: calendar, filter: filter, provider: providers.first, now: now,
            window: window, format: .json, color: false)
        var json = ""
        let analysis = try plan.run(kind, to: &json)
        return (json, (analysis.ingest.cache?.warnings ?? []) + analysis.problems)
    }

    /// The window and limits of `blocks` and `status`, checked as the command line checks them.
    func windowQuery(_ arguments: ToolArguments, now: Int64) throws -> BlockQuery {
        var query = BlockQuery(now: now)
        if let hours = try arguments.number("session_length") {
            guard hours > 0, hours <= 24 * 31 else { throw UsageLensError(.usage, "session_length must be between 0 and 744 hours") }
            query.lengthHours = hours
        }
        switch arguments.values["token_limit"] {
        case .int(let n)?: query.tokenLimit = String(n)
        default: query.tokenLimit = try arguments.string("token_limit")
        }
        if let limit = query.tokenLimit, !["max", "p90"].contains(limit), Int64(limit).map({ $0 <= 0 }) ?? true {
            throw UsageLensError(.usage, "token_limit must be a positive number, max or p90 (got '\(limit)')")
        }
        query.outputTokenLimit = try arguments.positiveInteger("output_token_limit")
        query.messageLimit = try arguments.positiveInteger("message_limit")
        if let cost = try arguments.number("cost_limit") {
            guard cost > 0 else { throw UsageLensError(.usage, "cost_limit must be positive") }
            query.costLimitUSD = cost
        }
        return query
    }
}
