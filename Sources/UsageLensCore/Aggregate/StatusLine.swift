/// What Claude Code passes a status-line command on stdin (its statusline documentation; ccusage's
/// `statusline` reads the same): the session, the model, the workspace, and, in newer versions, the cost it
/// counted and the context window's size. Only `session_id` is required.
public struct StatusLineInput: Sendable, Equatable {
    public var sessionID: String
    public var transcriptPath: String?
    public var modelID: String?
    public var modelName: String?
    public var currentDirectory: String?
    public var projectDirectory: String?
    /// `cost.total_cost_usd`: Claude Code's own count of the session's cost.
    public var loggedCostUSD: Double?
    /// `context_window.context_window_size`.
    public var contextWindow: Int64?

    public init(sessionID: String) {
        self.sessionID = sessionID
    }

    /// The input `bytes` hold.
    /// - Throws: `UsageLensError` (`.usage`) for empty input, input that is not one JSON object, or an
    ///   object without a `session_id` string; the message says which.
    public static func parse(_ bytes: [UInt8]) throws -> StatusLineInput {
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
            throw UsageLensError(.usage, "no status JSON on stdin (Claude Code passes it; try: echo '{\"session_id\":\"...\"}' | usagelens statusline)")
        }
        var members: [(String, JSONValue)] = []
        var offset = 0
        do {
            try JSONMemberReader.read({ buffer in
                let n = min(buffer.count, bytes.count - offset)
                bytes.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset..<offset + n])) }
                offset += n
                return n
            }) { members.append(($0.key, $0.value)) }
        } catch {
            throw UsageLensError(.usage, "stdin is not a JSON object (expected Claude Code's status JSON)")
        }
        let object = JSONValue.object(members)
        guard let session = object["session_id"]?.stringValue, !session.isEmpty else {
            throw UsageLensError(.usage, "the status JSON has no session_id")
        }
        var input = StatusLineInput(sessionID: session)
        input.transcriptPath = object["transcript_path"]?.stringValue
        input.modelID = object["model"]?["id"]?.stringValue
        input.modelName = object["model"]?["display_name"]?.stringValue
        input.currentDirectory = object["workspace"]?["current_dir"]?.stringValue ?? object["cwd"]?.stringValue
        input.projectDirectory = object["workspace"]?["project_dir"]?.stringValue
        input.loggedCostUSD = object["cost"]?["total_cost_usd"]?.doubleValue
        input.contextWindow = object["context_window"]?["context_window_size"]?.countValue
        return input
    }
}

/// The figures of one status line: the session's cost, today's, the active window's, its burn rate, and the
/// context the last request used.
public struct StatusLine: Sendable, Equatable {
    /// The model to show: Claude Code's display name, else its id, else the session's last model.
    public var model: String?
    /// The session's cost from the logs (all of its events, as `sessions` counts it); nil when the logs have
    /// none of it yet.
    public var sessionCostUSD: Double?
    /// The cost of the local day of `now`, up to `now`.
    public var todayCostUSD: Double
    /// The active window of the session's provider: its cost, ms left, and cost per hour (nil before any
    /// burn rate can be measured).
    public var block: (costUSD: Double, remainingMs: Int64, costUSDPerHour: Double?)?
    /// The input of the session's last request, cache reads and writes included.
    public var contextTokens: Int64?
    /// The model's context window, when Claude Code says it.
    public var contextWindow: Int64?

    public static func == (a: StatusLine, b: StatusLine) -> Bool {
        a.model == b.model && a.sessionCostUSD == b.sessionCostUSD && a.todayCostUSD == b.todayCostUSD
            && a.block?.costUSD == b.block?.costUSD && a.block?.remainingMs == b.block?.remainingMs
            && a.block?.costUSDPerHour == b.block?.costUSDPerHour && a.contextTokens == b.contextTokens
            && a.contextWindow == b.contextWindow
    }

    /// The status line of `input`'s session among `events`, as of `now`, days in `calendar`.
    ///
    /// - Complexity: O(n) in the events, plus the windows of the events before `now`.
    public static func compute(
        _ events: PricedEvents, input: StatusLineInput, now: Int64, calendar: LocalCalendar, lengthHours: Double = 5
    ) -> StatusLine {
        let t = events.table
        let sessionCode = t.strings.code(of: input.sessionID)
        let today = calendar.localDay(now)
        var sessionRows: [Int] = []
        var past: [Int] = []
        var todayCost = 0.0
        for i in 0..<t.count {
            if let sessionCode, t.session[i] == sessionCode { sessionRows.append(i) }
            guard t.time[i] <= now else { continue }
            past.append(i)
            if calendar.localDay(t.time[i]) == today { todayCost += events.cost[i] }
        }
        var line = StatusLine(
            model: input.modelName ?? input.modelID, sessionCostUSD: nil, todayCostUSD: todayCost, block: nil,
            contextTokens: nil, contextWindow: input.contextWindow)
        // The session's last request: the latest event, the last of equals.
        let last = sessionRows.max { t.time[$0] != t.time[$1] ? t.time[$0] < t.time[$1] : $0 < $1 }
        if !sessionRows.isEmpty {
            line.sessionCostUSD = Reports.sessions(events, rows: sessionRows).sessions.first?.totals.costUSD
        }
        if let last {
            line.contextTokens = t.inputTokens[last].addingSaturating(t.cacheReadTokens[last])
                .addingSaturating(t.cacheWrite5mTokens[last]).addingSaturating(t.cacheWrite1hTokens[last])
            if line.model == nil { line.model = events.models[Int(events.modelIndex[last])].model }
        }
        let provider = last.map { events.models[Int(events.modelIndex[$0])].provider } ?? "anthropic"
        var query = BlockQuery(now: now)
        query.lengthHours = lengthHours
        query.activeOnly = true
        let report = BlockReport.build(events, rows: past, query: query)
        if let active = report.blocks.first(where: { $0.isActive && $0.provider == provider }) {
            line.block = (active.totals.costUSD, active.end - now, active.burnRate.map { $0.costUSDPerMinute * 60 })
        }
        return line
    }
}
