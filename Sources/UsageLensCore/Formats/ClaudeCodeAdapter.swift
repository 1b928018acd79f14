/// Claude Code session lines (`~/.claude/projects/<project>/<session>.jsonl`).
///
/// An event is an assistant line with `message.usage`, or a `progress` line that carries a subagent's message in
/// `data.message.message`. `<synthetic>` messages, API error messages and all-zero usage are not events.
///
/// The dedup key is `message.id`: the API makes a new one for every response, so two lines with one id are
/// copies of one response. Streaming writes repeat a response under the same `requestId`; a `/btw` side
/// question replays a parent message on a sidechain under a new `requestId` (with the parent's cache reads
/// and more); a resumed session copies earlier lines. The Deduplicator keeps the main-chain copy over a
/// sidechain one, then the largest.
struct ClaudeCodeAdapter {
    /// Folder-derived project of the current file (`-home-dev-webapp`), used when a line has no `cwd`.
    var folderProject: UInt32 = 0

    static func recognises(_ r: CapturedRecord) -> Bool {
        r.kind(.usage) == .object && !r.string(.type, equals: "user")
    }

    /// A session line of any kind (a user turn whose tool result holds a `usage`, a summary): never a record of
    /// another format.
    static func isEnvelope(_ r: CapturedRecord) -> Bool {
        r.kind(.sessionId) == .string && r.kind(.type) == .string
            && (r.string(.type, equals: "user") || r.string(.type, equals: "assistant")
                || r.string(.type, equals: "system") || r.string(.type, equals: "progress"))
    }

    mutating func startFile(path: String, context: inout IngestContext) {
        folderProject = 0
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        if let i = parts.lastIndex(of: "projects"), i + 2 < parts.count {
            folderProject = context.table.strings.intern(String(parts[i + 1]))
        }
    }

    /// Handles one record; returns whether it gave an event.
    mutating func handle(_ r: CapturedRecord, _ context: inout IngestContext) -> Bool {
        if r.bool(.isApiErrorMessage) {
            // "Claude AI usage limit reached|<epoch>" lives in message.content, which is never captured (the
            // elider cuts it); the ingestor looks for it in the raw line when this is set.
            if let time = context.time(r) { context.limitMessageTime = time }
            return context.ignore(.apiError)
        }
        // The message names the model; a line without one may name it at the top level.
        let model: Field = r.kind(.messageModel) == .string ? .messageModel : .topModel
        if r.string(model, equals: "<synthetic>") { return context.ignore(.synthetic) }
        let input = r.count(.usageInput)
        let output = r.count(.usageOutput)
        let cacheRead = r.count(.usageCacheRead)
        let creation = r.count(.usageCacheCreation)
        var write5m = creation
        var write1h: Int64 = 0
        if r.has(.usageCache5m) || r.has(.usageCache1h) {
            write5m = r.count(.usageCache5m)
            write1h = r.count(.usageCache1h)
            // Never lose tokens: whatever the split does not explain counts as 5-minute writes.
            if creation > write5m.addingSaturating(write1h) { write5m = creation - write1h }
        }
        if input == 0 && output == 0 && cacheRead == 0 && write5m == 0 && write1h == 0 {
            return context.ignore(.zeroUsage)
        }
        guard let time = context.time(r) else { return context.ignore(.noTimestamp) }
        var row = EventRow(time: time, format: LogFormat.claudeCode.rawValue, flags: [], model: 0)
        row.model = r.kind(model) == .string ? context.intern(r, model) : 0
        row.session = context.intern(r, .sessionId)
        row.project = r.has(.cwd) ? context.intern(r, .cwd) : folderProject
        if row.project == 0 { row.project = folderProject }
        if r.bool(.isSidechain) { row.flags.insert(.sidechain) }
        row.inputTokens = input
        row.outputTokens = output
        row.cacheReadTokens = cacheRead
        row.cacheWrite5mTokens = write5m
        row.cacheWrite1hTokens = write1h
        if let cost = r.double(.costUSD), cost.isFinite { row.loggedCostUSD = cost }
        if r.kind(.messageId) == .string {
            var key = DedupKeyBuilder(namespace: LogFormat.claudeCode.rawValue)
            r.withBytes(.messageId) { key.add($0) }
            (row.dedupHigh, row.dedupLow) = key.key
        }
        return context.append(row)
    }
}
