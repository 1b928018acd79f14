#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension LogFormat {
    /// `codex exec --json` event streams.
    public static let codexExec = LogFormat(code: 10, name: "codex-exec", impliedProvider: "openai")
}

/// The event stream of `codex exec --json`, as CI jobs and pipeline steps save it:
/// `{"type":"thread.started","thread_id":...}`, `{"type":"turn.started"}`, `item.*` lines, and per turn
/// `{"type":"turn.completed","usage":{"input_tokens","cached_input_tokens","output_tokens"[,
/// "reasoning_output_tokens"]}}` (codex-rs/exec/src/exec_events.rs).
///
/// One event per `turn.completed`, with that turn's usage (`input_tokens` includes the cached part, as in
/// every OpenAI usage; we store it apart). The stream names no model, so the event has Codex's default model,
/// flagged as assumed. It has no times either, except `thread.started.timestamp` in some versions: the
/// turns of a stream are placed at that instant when written, else at the file's modification time (the moment
/// the step finished writing it). Standard input has neither and its turns are ignored as `no timestamp`.
/// The thread is the session; the dedup key is (thread, turn number in the stream, counts), so a saved copy
/// of the same output counts once.
enum CodexExecAdapter: DocumentFormat {
    static let format = LogFormat.codexExec
    /// The thread's id comes on a line of its own, before any usage (anchored on `_`, like the Codex needles,
    /// so it adds no pass over the line).
    static let needles = ["\"thread_id\""]
    static let isStateful = true

    /// The stream's thread, its time if it says, and the turns read so far.
    struct FileState: AdapterState {
        var thread: UInt32 = 0
        var threadTime: Int64?
        var turns: Int64 = 0
    }

    static func recognises(_ v: JSONValue) -> Bool {
        switch v["type"]?.stringValue {
        case "thread.started"?: return v["thread_id"] != nil
        case "turn.completed"?: return v["usage"]?.isObject ?? false
        default: return false
        }
    }

    static func read(_ v: JSONValue, state: inout FileState, _ context: inout IngestContext) -> RecordOutcome {
        guard recognises(v) else { return .notMine }
        if v["type"]?.stringValue == "thread.started" {
            state = FileState()
            state.thread = context.intern(v["thread_id"])
            state.threadTime = v["timestamp"].flatMap(IngestContext.time)
            return .ignored(.notAnEvent)
        }
        let u = v["usage"] ?? .null
        let input = u["input_tokens"]?.countValue ?? 0
        let cached = min(input, u["cached_input_tokens"]?.countValue ?? 0)
        state.turns += 1
        let turn = state.turns
        guard let time = state.threadTime ?? context.fileModificationTime() else {
            return .ignored(.noTimestamp)
        }
        var row = EventRow(
            time: time, format: format.rawValue, flags: .assumedModel,
            model: context.table.strings.intern(CodexAdapter.defaultModel))
        row.session = state.thread
        row.inputTokens = input - cached
        row.cacheReadTokens = cached
        row.outputTokens = u["output_tokens"]?.countValue ?? 0
        row.reasoningTokens = u["reasoning_output_tokens"]?.countValue ?? 0
        var key = DedupKeyBuilder(namespace: format.rawValue)
        key.add(context.table.strings[row.session])
        key.add(turn)
        for count in [row.inputTokens, row.cacheReadTokens, row.outputTokens, row.reasoningTokens] { key.add(count) }
        (row.dedupHigh, row.dedupLow) = key.key
        return context.appendIfUsage(row)
    }
}

extension IngestContext {
    /// The current file's modification time (ms), read once per file; nil for standard input.
    mutating func fileModificationTime() -> Int64? {
        if let known = modificationTime { return known }
        var info = stat()
        var time: Int64?
        if path != "-", stat(path, &info) == 0 {
            time = Int64(info.st_mtim.tv_sec) * 1000 + Int64(info.st_mtim.tv_nsec) / 1_000_000
        }
        modificationTime = .some(time)
        return time
    }
}
