/// Codex CLI rollouts (`~/.codex/sessions/YYYY/MM/DD/rollout-<time>-<uuid>.jsonl`).
///
/// Stateful per file: the model comes from the last `turn_context`, and when a `token_count` lacks
/// `last_token_usage` its delta is the cumulative `total_token_usage` minus the previous one (clamped at 0).
/// `info: null` and zero deltas give no event. Codex counts cached tokens inside `input_tokens`; we store
/// uncached input. The dedup key is (session, time, model, token counts), so copied sessions count once.
struct CodexAdapter {
    /// The model assumed when no `turn_context` named one.
    static let defaultModel = "gpt-5"

    struct Totals: Equatable {
        var input: Int64 = 0
        var cached: Int64 = 0
        var output: Int64 = 0
        var reasoning: Int64 = 0
    }

    var model: UInt32 = 0
    var session: UInt32 = 0
    var project: UInt32 = 0
    var previous: Totals?

    static func recognises(_ r: CapturedRecord) -> Bool {
        r.string(.type, equals: "event_msg") || r.string(.type, equals: "turn_context")
            || r.string(.type, equals: "session_meta")
    }

    /// A rollout line of any kind (`response_item` and the rest): never a record of another format.
    static func isEnvelope(_ r: CapturedRecord) -> Bool {
        r.has(.payloadType) && r.kind(.type) == .string && r.has(.timestamp)
    }

    mutating func startFile(path: String, context: inout IngestContext) {
        model = 0
        project = 0
        previous = nil
        session = 0
        // rollout-2025-10-14T10-02-11-<uuid>.jsonl[.zst]: the uuid is the session until session_meta says.
        var name = Substring(path.split(separator: "/").last ?? "")
        for suffix in [".zst", ".jsonl"] where name.hasSuffix(suffix) { name = name.dropLast(suffix.count) }
        if name.hasPrefix("rollout-") && name.count > 36 {
            session = context.table.strings.intern(String(name.suffix(36)))
        }
    }

    /// Handles one record; returns whether it gave an event.
    mutating func handle(_ r: CapturedRecord, _ context: inout IngestContext) -> Bool {
        if r.string(.type, equals: "session_meta") {
            if r.kind(.payloadId) == .string { session = context.intern(r, .payloadId) }
            if r.kind(.payloadCwd) == .string { project = context.intern(r, .payloadCwd) }
            return false
        }
        if r.string(.type, equals: "turn_context") {
            if r.kind(.payloadModel) == .string { model = context.intern(r, .payloadModel) }
            if r.kind(.payloadCwd) == .string { project = context.intern(r, .payloadCwd) }
            return false
        }
        guard r.string(.payloadType, equals: "token_count") else { return false }
        let time = context.time(r)
        if let time { observeLimits(r, time: time, &context) }
        guard r.kind(.info) == .object else { return false }

        var total: Totals?
        if r.kind(.totalUsage) == .object {
            total = Totals(
                input: r.count(.totalInput), cached: r.count(.totalCached), output: r.count(.totalOutput),
                reasoning: r.count(.totalReasoning))
        }
        var delta: Totals
        if r.kind(.lastUsage) == .object {
            delta = Totals(
                input: r.count(.lastInput), cached: r.count(.lastCached), output: r.count(.lastOutput),
                reasoning: r.count(.lastReasoning))
        } else if let total {
            let before = previous ?? Totals()
            delta = Totals(
                input: max(0, total.input - before.input), cached: max(0, total.cached - before.cached),
                output: max(0, total.output - before.output), reasoning: max(0, total.reasoning - before.reasoning))
        } else {
            return false
        }
        if let total { previous = total }
        if delta == Totals() { return false }
        guard let time else {
            context.recordError = "token_count without a valid timestamp"
            return false
        }

        var row = EventRow(time: time, format: LogFormat.codex.rawValue, flags: [], model: model)
        if model == 0 {
            row.model = context.table.strings.intern(Self.defaultModel)
            row.flags.insert(.assumedModel)
        }
        row.session = session
        row.project = project
        row.inputTokens = max(0, delta.input - delta.cached)
        row.cacheReadTokens = delta.cached
        row.outputTokens = delta.output
        row.reasoningTokens = delta.reasoning
        // Codes are shard-local, so the key hashes the strings themselves.
        var key = DedupKeyBuilder(namespace: LogFormat.codex.rawValue)
        key.add(context.table.strings[session])
        key.add(context.table.strings[row.model])
        key.add(time)
        for v in [delta.input, delta.cached, delta.output, delta.reasoning] { key.add(v) }
        (row.dedupHigh, row.dedupLow) = key.key
        context.append(row)
        return true
    }

    private func observeLimits(_ r: CapturedRecord, time: Int64, _ context: inout IngestContext) {
        let windows: [(LimitObservation.Window, Field, Field, Field, Field)] = [
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
            } else if let seconds = r.double(resetsIn), seconds > 0 {
                reset = time + Int64(seconds * 1000)
            }
            // Codex writes all-zero placeholders before the first real reading; they say nothing.
            if (usedPercent ?? 0) == 0 && (windowMinutes ?? 0) == 0 && reset == nil { continue }
            context.table.limits.append(
                LimitObservation(
                    time: time, format: LogFormat.codex.rawValue, window: window, usedPercent: usedPercent,
                    windowMinutes: windowMinutes, resetsAt: reset, session: session, file: context.fileIndex,
                    line: UInt32(truncatingIfNeeded: context.line)))
        }
    }
}
