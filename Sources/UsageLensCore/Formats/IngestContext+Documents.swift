/// Helpers every document adapter uses.
extension IngestContext {
    /// An event time from the first of `keys` that holds an RFC 3339 text or an epoch number (DESIGN 3's list
    /// by default).
    func time(_ value: JSONValue, keys: [String] = IngestContext.timeKeys) -> Int64? {
        for key in keys {
            guard let v = value[key] else { continue }
            if let instant = Self.time(v) { return instant }
        }
        return nil
    }

    static func time(_ v: JSONValue) -> Int64? {
        switch v {
        case .string(let s): return Timestamp.parse(s.trimmingSpaces()) ?? Double(s).flatMap(Timestamp.fromEpoch)
        case .int(let i): return Timestamp.fromEpoch(Double(i))
        case .double(let d): return Timestamp.fromEpoch(d)
        default: return nil
        }
    }

    static let timeKeys = [
        "timestamp", "ts", "time", "created_at", "createdAt", "created", "startTime", "updated_at", "updatedAt",
        "lastActivity", "last_activity",
    ]

    /// The code of a string value (numbers are written as text: ids are sometimes numbers); 0 for none.
    mutating func intern(_ value: JSONValue?) -> UInt32 {
        switch value {
        case .string?: return value!.stringValue.map { table.strings.intern($0) } ?? 0
        case .int(let i)?: return table.strings.intern(String(i))
        default: return 0
        }
    }

    mutating func intern(_ value: JSONValue, _ keys: String...) -> UInt32 {
        for key in keys {
            let code = intern(value[key])
            if code != 0 { return code }
        }
        return 0
    }

    /// Appends an event unless its tokens are all zero and it states no cost (then `.ignored(.zeroUsage)`).
    mutating func appendIfUsage(_ row: EventRow) -> RecordOutcome {
        guard row.allTokens > 0 || row.loggedCostUSD > 0 else { return .ignored(.zeroUsage) }
        return append(row)
    }

    /// The dimensions a record states under the common key conventions, into `row`.
    mutating func readDimensions(_ v: JSONValue, into row: inout EventRow) {
        if row.session == 0 { row.session = intern(v, "session_id", "sessionId") }
        if row.project == 0 { row.project = intern(v, "project", "project_id", "projectId", "cwd") }
        var e = row.extras
        if e.user == 0 { e.user = intern(v, "user_id", "userId", "user") }
        if e.department == 0 { e.department = intern(v, "department_id", "departmentId", "department", "team_id", "team") }
        if e.agent == 0 { e.agent = intern(v, "agent_name", "agent_id", "agentId", "agent") }
        if e.thread == 0 { e.thread = intern(v, "thread_id", "threadId") }
        if e.account == 0 { e.account = intern(v, "account", "account_id", "accountId", "account_key") }
        if e.latencyMs.isNaN, let ms = v.first("latency_ms", "latencyMs")?.doubleValue, ms >= 0 { e.latencyMs = ms }
        row.extras = e
    }
}
