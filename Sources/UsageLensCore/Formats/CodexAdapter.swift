/// Codex CLI rollouts (`~/.codex/sessions/YYYY/MM/DD/rollout-<time>-<uuid>.jsonl`).
///
/// Stateful per file: the model comes from the last `turn_context`, and when a `token_count` lacks
/// `last_token_usage` its delta is the cumulative `total_token_usage` minus the previous one (clamped at 0).
/// `info: null` and zero deltas give no event. Codex counts cached tokens inside `input_tokens`; we store
/// uncached input. The dedup key is (session, time, model, token counts), so copied sessions count once.
///
/// Replays are not usage (DESIGN 3):
/// - A `token_count` whose cumulative total equals the previous one is the same reading written again.
/// - A subagent rollout (`session_meta.payload.source.subagent.thread_spawn.parent_thread_id`, or a top-level
///   `parent_thread_id`) or a forked one (`forked_from_id`) starts by copying the parent's history: the parent's
///   `session_meta` (its `id` is the parent's), then its items and `token_count`s, all stamped with the instant
///   the child was made. Those readings were counted in the parent's own file; they set the baseline the child's
///   cumulative totals continue from, and give no event. The copy ends with the first `token_count` stamped
///   `replayWindow` or more after the child's `session_meta` (a model call takes longer than that).
extension LogFormat {
    /// Codex CLI rollout files.
    public static let codex = LogFormat(code: 2, name: "codex", impliedProvider: "openai")
}

enum CodexAdapter: KeyPathFormat {
    static let format = LogFormat.codex
    static let needles = ["token_count", "turn_context", "session_meta"]
    static let isStateful = true

    /// The model assumed when no `turn_context` named one.
    static let defaultModel = "gpt-5"
    /// How long after a child rollout's creation a `token_count` is still part of the copied history.
    static let replayWindow: Int64 = 1000

    /// What the adapter reads (`payload.info.*_token_usage` and `payload.rate_limits.*` of a `token_count`).
    enum Slot: Int, CaptureSlots {
        case type, timestamp
        case payloadType, payloadModel, payloadId, payloadCwd, info, infoModel
        case forkedFromId, parentThreadId, spawnParentId
        case lastUsage, lastInput, lastCached, lastOutput, lastReasoning
        case totalUsage, totalInput, totalCached, totalOutput, totalReasoning
        case primaryUsedPercent, primaryWindowMinutes, primaryResetsAt, primaryResetsInSeconds
        case secondaryUsedPercent, secondaryWindowMinutes, secondaryResetsAt, secondaryResetsInSeconds

        var keyPaths: [[String]] {
            func usage(_ name: String, _ key: String?) -> [[String]] {
                [["payload", "info", name] + (key.map { [$0] } ?? [])]
            }
            func limit(_ window: String, _ key: String) -> [[String]] { [["payload", "rate_limits", window, key]] }
            switch self {
            case .type: return [["type"]]
            case .timestamp: return [["timestamp"]]
            case .payloadType: return [["payload", "type"]]
            case .payloadModel: return [["payload", "model"]]
            case .payloadId: return [["payload", "id"]]
            case .payloadCwd: return [["payload", "cwd"]]
            case .info: return [["payload", "info"]]
            case .infoModel: return [["payload", "info", "model"]]
            case .forkedFromId: return [["payload", "forked_from_id"]]
            case .parentThreadId: return [["payload", "parent_thread_id"]]
            case .spawnParentId: return [["payload", "source", "subagent", "thread_spawn", "parent_thread_id"]]
            case .lastUsage: return usage("last_token_usage", nil)
            case .lastInput: return usage("last_token_usage", "input_tokens")
            case .lastCached: return usage("last_token_usage", "cached_input_tokens")
            case .lastOutput: return usage("last_token_usage", "output_tokens")
            case .lastReasoning: return usage("last_token_usage", "reasoning_output_tokens")
            case .totalUsage: return usage("total_token_usage", nil)
            case .totalInput: return usage("total_token_usage", "input_tokens")
            case .totalCached: return usage("total_token_usage", "cached_input_tokens")
            case .totalOutput: return usage("total_token_usage", "output_tokens")
            case .totalReasoning: return usage("total_token_usage", "reasoning_output_tokens")
            case .primaryUsedPercent: return limit("primary", "used_percent")
            case .primaryWindowMinutes: return limit("primary", "window_minutes")
            case .primaryResetsAt: return limit("primary", "resets_at")
            case .primaryResetsInSeconds: return limit("primary", "resets_in_seconds")
            case .secondaryUsedPercent: return limit("secondary", "used_percent")
            case .secondaryWindowMinutes: return limit("secondary", "window_minutes")
            case .secondaryResetsAt: return limit("secondary", "resets_at")
            case .secondaryResetsInSeconds: return limit("secondary", "resets_in_seconds")
            }
        }
    }

    struct Totals: Equatable, Sendable, Codable {
        var input: Int64 = 0
        var cached: Int64 = 0
        var output: Int64 = 0
        var reasoning: Int64 = 0
    }

    /// What a rollout carries from line to line.
    struct FileState: AdapterState {
        var model: UInt32 = 0
        var session: UInt32 = 0
        var project: UInt32 = 0
        var previous: Totals?
        /// Whether this rollout's own `session_meta` was read, and the parent it names (0: none).
        var sawSessionMeta = false
        var parent: UInt32 = 0
        /// While set, a child rollout's copied history: `token_count`s before this instant are the parent's.
        var replayUntil: Int64?
        /// A child rollout whose `session_meta` had no time: the copy is anchored on its first `token_count`.
        var replayAnchorPending = false
    }

    typealias Record = Captures<Slot>

    static func recognises(_ r: Record) -> Bool {
        r.string(.type, equals: "event_msg") || r.string(.type, equals: "turn_context")
            || r.string(.type, equals: "session_meta")
    }

    /// A rollout line of any kind (`response_item` and the rest): never a record of another format.
    static func isEnvelope(_ r: Record) -> Bool {
        r.has(.payloadType) && r.kind(.type) == .string && r.has(.timestamp)
    }

    static func startFile(path: String, _ context: inout IngestContext) -> FileState {
        var state = FileState()
        // rollout-2025-10-14T10-02-11-<uuid>.jsonl[.zst]: the uuid is the session until session_meta says.
        var name = Substring(path.split(separator: "/").last ?? "")
        for suffix in [".zst", ".jsonl"] where name.hasSuffix(suffix) { name = name.dropLast(suffix.count) }
        if name.hasPrefix("rollout-") && name.count > 36 {
            state.session = context.table.strings.intern(String(name.suffix(36)))
        }
        return state
    }

    static func read(
        _ r: Record, line: UnsafeRawBufferPointer, state: inout FileState, _ context: inout IngestContext
    ) -> RecordOutcome {
        guard recognises(r) else { return isEnvelope(r) ? .passed : .notMine }
        return state.read(r, &context)
    }
}

extension CodexAdapter.FileState {
    typealias Totals = CodexAdapter.Totals
    typealias Slot = CodexAdapter.Slot

    /// Reads one record of the rollout.
    mutating func read(_ r: CodexAdapter.Record, _ context: inout IngestContext) -> RecordOutcome {
        if r.string(.type, equals: "session_meta") {
            sessionMeta(r, &context)
            return .ignored(.notAnEvent)
        }
        if r.string(.type, equals: "turn_context") {
            if r.kind(.payloadModel) == .string { model = context.intern(r, .payloadModel) }
            if r.kind(.payloadCwd) == .string { project = context.intern(r, .payloadCwd) }
            return .ignored(.notAnEvent)
        }
        guard r.string(.payloadType, equals: "token_count") else { return .ignored(.notAnEvent) }
        let time = context.time(r, .timestamp)
        if let time { observeLimits(r, time: time, &context) }
        guard r.kind(.info) == .object else { return .ignored(.notAnEvent) }

        var total: Totals?
        if replayAnchorPending, let time {
            replayAnchorPending = false
            replayUntil = time + CodexAdapter.replayWindow
        }
        if let until = replayUntil {
            if let time, time < until {
                // The parent's history, copied: only the baseline moves.
                if r.kind(.totalUsage) == .object { previous = totals(r, total: true) }
                return .ignored(.replay)
            }
            replayUntil = nil
        }
        if r.kind(.totalUsage) == .object { total = totals(r, total: true) }
        var delta: Totals
        if r.kind(.lastUsage) == .object {
            delta = totals(r, total: false)
        } else if let total {
            let before = previous ?? Totals()
            delta = Totals(
                input: max(0, total.input - before.input), cached: max(0, total.cached - before.cached),
                output: max(0, total.output - before.output), reasoning: max(0, total.reasoning - before.reasoning))
        } else {
            return .ignored(.notAnEvent)
        }
        // Codex writes the same reading again under a new timestamp (after a resume, a compaction, a UI
        // refresh): an unchanged cumulative total is no new usage, whatever `last_token_usage` repeats.
        if let total, let previous, total == previous { return .ignored(.replay) }
        if let total { previous = total }
        if delta == Totals() { return .ignored(.zeroUsage) }
        guard let time else { return .ignored(.noTimestamp) }

        var row = EventRow(time: time, format: CodexAdapter.format.rawValue, flags: [], model: model)
        if model == 0 && r.kind(.infoModel) == .string {
            // Some versions name the model in the reading itself; used when no turn_context did.
            row.model = context.intern(r, .infoModel)
        }
        if row.model == 0 {
            row.model = context.table.strings.intern(CodexAdapter.defaultModel)
            row.flags.insert(.assumedModel)
        }
        row.session = session
        row.project = project
        row.inputTokens = max(0, delta.input - delta.cached)
        row.cacheReadTokens = delta.cached
        row.outputTokens = delta.output
        row.reasoningTokens = delta.reasoning
        // Codes are shard-local, so the key hashes the strings themselves.
        var key = DedupKeyBuilder(namespace: CodexAdapter.format.rawValue)
        key.add(context.table.strings[session])
        key.add(context.table.strings[row.model])
        key.add(time)
        for v in [delta.input, delta.cached, delta.output, delta.reasoning] { key.add(v) }
        (row.dedupHigh, row.dedupLow) = key.key
        return context.append(row)
    }

    private func totals(_ r: CodexAdapter.Record, total: Bool) -> Totals {
        total
            ? Totals(
                input: r.count(.totalInput), cached: r.count(.totalCached), output: r.count(.totalOutput),
                reasoning: r.count(.totalReasoning))
            : Totals(
                input: r.count(.lastInput), cached: r.count(.lastCached), output: r.count(.lastOutput),
                reasoning: r.count(.lastReasoning))
    }

    /// The rollout's own `session_meta` names the session, its folder and its parent. The parent's copied
    /// `session_meta` in a child changes nothing. A `session_meta` of another session later in the file starts
    /// another rollout (a concatenated archive): nothing of the one before carries over.
    private mutating func sessionMeta(_ r: CodexAdapter.Record, _ context: inout IngestContext) {
        let id = r.kind(.payloadId) == .string ? context.intern(r, .payloadId) : 0
        if sawSessionMeta {
            if id == 0 || id == session || id == parent { return }
            model = 0
            previous = nil
        }
        sawSessionMeta = true
        if id != 0 { session = id }
        project = r.kind(.payloadCwd) == .string ? context.intern(r, .payloadCwd) : project
        parent = 0
        replayUntil = nil
        replayAnchorPending = false
        for field in [Slot.forkedFromId, .spawnParentId, .parentThreadId] where r.kind(field) == .string {
            parent = context.intern(r, field)
            if parent != 0 { break }
        }
        guard parent != 0 else { return }
        if let time = context.time(r, .timestamp) {
            replayUntil = time + CodexAdapter.replayWindow
        } else {
            replayAnchorPending = true
        }
    }

    private func observeLimits(_ r: CodexAdapter.Record, time: Int64, _ context: inout IngestContext) {
        let windows: [(LimitObservation.Window, Slot, Slot, Slot, Slot)] = [
            (.primary, .primaryUsedPercent, .primaryWindowMinutes, .primaryResetsAt, .primaryResetsInSeconds),
            (.secondary, .secondaryUsedPercent, .secondaryWindowMinutes, .secondaryResetsAt, .secondaryResetsInSeconds),
        ]
        for (window, used, minutes, resetsAt, resetsIn) in windows {
            let usedPercent = r.double(used)
            let windowMinutes = r.integer(minutes)
            var reset: Int64?
            if let at = r.double(resetsAt), at > 0 {
                reset = Timestamp.fromEpoch(at)
            } else if r.kind(resetsAt) == .string {
                reset = r.withBytes(resetsAt) { Timestamp.parse($0) }
            } else if let seconds = r.double(resetsIn), seconds > 0, seconds < 1e10 {
                reset = time + Int64(seconds * 1000)
            }
            // Codex writes all-zero placeholders before the first real reading; they say nothing.
            if (usedPercent ?? 0) == 0 && (windowMinutes ?? 0) == 0 && reset == nil { continue }
            context.table.limits.append(
                LimitObservation(
                    time: time, format: CodexAdapter.format.rawValue, window: window, usedPercent: usedPercent,
                    windowMinutes: windowMinutes, resetsAt: reset, session: session, file: context.fileIndex,
                    line: UInt32(truncatingIfNeeded: context.line)))
        }
    }
}
