#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension LogFormat {
    /// Claude Code session files.
    public static let claudeCode = LogFormat(code: 1, name: "claude-code", impliedProvider: "anthropic")
}

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
enum ClaudeCodeAdapter: KeyPathFormat {
    static let format = LogFormat.claudeCode
    static let needles = ["\"usage\""]
    static let isStateful = false

    /// What the adapter reads. The message fields are read at `message` and, on a subagent's `progress` line,
    /// at `data.message.message`.
    enum Slot: Int, CaptureSlots {
        case type, timestamp
        case sessionId, cwd, requestId, isSidechain, isApiErrorMessage, costUSD
        case messageId, messageModel, usage, topModel
        case usageInput, usageOutput, usageCacheRead, usageCacheCreation, usageCache5m, usageCache1h

        var keyPaths: [[String]] {
            func message(_ path: String...) -> [[String]] { [["message"] + path, ["data", "message", "message"] + path] }
            switch self {
            case .type: return [["type"]]
            case .timestamp: return [["timestamp"]]
            case .sessionId: return [["sessionId"]]
            case .cwd: return [["cwd"]]
            case .requestId: return [["requestId"], ["data", "message", "requestId"]]
            case .isSidechain: return [["isSidechain"]]
            case .isApiErrorMessage: return [["isApiErrorMessage"]]
            case .costUSD: return [["costUSD"]]
            case .topModel: return [["model"]]
            case .messageId: return message("id")
            case .messageModel: return message("model")
            case .usage: return message("usage")
            case .usageInput: return message("usage", "input_tokens")
            case .usageOutput: return message("usage", "output_tokens")
            case .usageCacheRead: return message("usage", "cache_read_input_tokens")
            case .usageCacheCreation: return message("usage", "cache_creation_input_tokens")
            case .usageCache5m: return message("usage", "cache_creation", "ephemeral_5m_input_tokens")
            case .usageCache1h: return message("usage", "cache_creation", "ephemeral_1h_input_tokens")
            }
        }
    }

    /// Per file: the folder-derived project (`-home-dev-webapp`), used when a line has no `cwd`.
    struct FileState: AdapterState {
        var folderProject: UInt32 = 0
    }

    typealias Record = Captures<Slot>

    static func recognises(_ r: Record) -> Bool {
        r.kind(.usage) == .object && !r.string(.type, equals: "user")
    }

    /// A session line of any kind (a user turn whose tool result holds a `usage`, a summary): never a record of
    /// another format.
    static func isEnvelope(_ r: Record) -> Bool {
        r.kind(.sessionId) == .string && r.kind(.type) == .string
            && (r.string(.type, equals: "user") || r.string(.type, equals: "assistant")
                || r.string(.type, equals: "system") || r.string(.type, equals: "progress"))
    }

    static func startFile(path: String, _ context: inout IngestContext) -> FileState {
        var state = FileState()
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        if let i = parts.lastIndex(of: "projects"), i + 2 < parts.count {
            state.folderProject = context.table.strings.intern(String(parts[i + 1]))
        }
        return state
    }

    static func read(
        _ r: Record, line: UnsafeRawBufferPointer, state: inout FileState, _ context: inout IngestContext
    ) -> RecordOutcome {
        guard recognises(r) else { return isEnvelope(r) ? .passed : .notMine }
        if r.bool(.isApiErrorMessage) {
            if let time = context.time(r, .timestamp) { observeLimitMessage(line, time: time, &context) }
            return .ignored(.apiError)
        }
        // The message names the model; a line without one may name it at the top level.
        let model: Slot = r.kind(.messageModel) == .string ? .messageModel : .topModel
        if r.string(model, equals: "<synthetic>") { return .ignored(.synthetic) }
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
            return .ignored(.zeroUsage)
        }
        guard let time = context.time(r, .timestamp) else { return .ignored(.noTimestamp) }
        var row = EventRow(time: time, format: format.rawValue, flags: [], model: 0)
        row.model = r.kind(model) == .string ? context.intern(r, model) : 0
        row.session = context.intern(r, .sessionId)
        row.project = r.has(.cwd) ? context.intern(r, .cwd) : state.folderProject
        if row.project == 0 { row.project = state.folderProject }
        if r.bool(.isSidechain) { row.flags.insert(.sidechain) }
        row.inputTokens = input
        row.outputTokens = output
        row.cacheReadTokens = cacheRead
        row.cacheWrite5mTokens = write5m
        row.cacheWrite1hTokens = write1h
        if let cost = r.double(.costUSD), cost.isFinite { row.loggedCostUSD = cost }
        if r.kind(.messageId) == .string {
            var key = DedupKeyBuilder(namespace: format.rawValue)
            r.withBytes(.messageId) { key.add($0) }
            (row.dedupHigh, row.dedupLow) = key.key
        }
        return context.append(row)
    }

    /// Claude Code writes "Claude AI usage limit reached|<epoch seconds>" when a limit stops a session: the
    /// window is used up and resets at that instant. It lives in `message.content`, which is never captured (the
    /// elider cuts it), so it is looked for in the raw line, on API error lines only.
    static func observeLimitMessage(_ line: UnsafeRawBufferPointer, time: Int64, _ context: inout IngestContext) {
        let marker = Array("limit reached|".utf8)
        guard let base = line.baseAddress, line.count > marker.count else { return }
        guard let i = (0...(line.count - marker.count)).first(where: { memcmp(base + $0, marker, marker.count) == 0 })
        else { return }
        var j = i + marker.count
        var value: Int64 = 0
        while j < line.count, line[j] >= 48, line[j] <= 57, value < 1 << 50 {
            value = value * 10 + Int64(line[j] - 48)
            j += 1
        }
        guard j > i + marker.count, let reset = Timestamp.fromEpoch(Double(value)) else { return }
        context.table.limits.append(
            LimitObservation(
                time: time, format: format.rawValue, window: .primary, usedPercent: 100, windowMinutes: nil,
                resetsAt: reset, session: 0, file: context.fileIndex, line: UInt32(truncatingIfNeeded: context.line)))
    }
}
