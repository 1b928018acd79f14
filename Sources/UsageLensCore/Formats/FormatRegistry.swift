/// The one ordered list of the formats usagelens reads. Everything else about formats is derived from it: the
/// prefilter's needles, the key paths the line parser captures, which files may be split across workers, the
/// names of the format codes, and which format a record belongs to when shapes overlap.
///
/// To add a format: write its adapter (one file, or a folder, in `Formats/`: its `LogFormat`, needles, slots or
/// tree reading, per-file state, dedup key) and add one line below, where its precedence puts it.
///
/// **Why this order.** A record goes to the first format that claims it (`RecordOutcome.notMine` passes it on).
/// - Key-path formats come first and are read on the fast path: a line one of them claims (even as `.passed`,
///   an envelope line with nothing to count) is never parsed as a tree. Claude Code and Codex do not overlap:
///   Claude Code claims `type` user/assistant/system/progress lines (and any non-user line with a
///   `message.usage` object), Codex `event_msg`/`turn_context`/`session_meta` lines and lines with a
///   `payload.type`, and the `type`s are disjoint, so their order between them does not matter.
/// - Document formats, where shapes overlap:
///   - `codex exec --json` events are known by their `type` (`thread.started`, `turn.completed`) alone, before
///     anything looks at their `usage`.
///   - A `sessions.list` result is one object holding a list; its elements are read as gateway sessions.
///   - A LiteLLM spend log also has `prompt_tokens` (a usage record's mark): before usage records.
///   - A Gemini CLI record has `tokens` and an `id` (a gateway session's marks): before gateway sessions.
///   - A distri row has `input_tokens` (an API response's mark) and a `thread_id`: before API responses.
///   - A usage record has `prompt_tokens` + `completion_tokens` at the top level and no `usage`.
///   - A gateway session that names itself (`sessionId`/`session_id`, no `object`, not an Anthropic message)
///     goes before API responses, which it resembles (an `id` and a `usage` with `input_tokens`).
///   - Anthropic before OpenAI: both are an API response (`APIResponse`); a `type: "message"` body with
///     `input_tokens` is Anthropic's.
///   - Last, any other object with a session id and token counts is a gateway session.
/// - Rate-limit headers are read on every document line after its format (`readDocument`); a line of headers
///   alone counts as an OpenAI API line.
public enum FormatRegistry {
    @KeyPathFormatsBuilder static var keyPathFormatList: some KeyPathFormatList {
        ClaudeCodeAdapter.self
        CodexAdapter.self
    }

    @DocumentFormatsBuilder static var documentFormatList: some DocumentFormatList {
        CodexExecAdapter.self
        GatewaySessionListAdapter.self
        LiteLLMAdapter.self
        GeminiAdapter.self
        DistriAdapter.self
        UsageRecordAdapter.self
        NamedGatewaySessionAdapter.self
        AnthropicAdapter.self
        OpenAIAdapter.self
        GatewaySessionAdapter.self
    }

    /// The key-path formats, built once (their slot indices are assigned here).
    static let keyPathFormats: some KeyPathFormatList = keyPathFormatList
    /// The document formats, built once.
    static let documentFormats: some DocumentFormatList = documentFormatList

    /// Every format once, in registry order (a format with several entries, such as gateway sessions, at its
    /// first).
    public static let formats: [FormatInfo] = {
        var seen: [UInt8: LogFormat] = [:]
        var list: [FormatInfo] = []
        for info in keyPathFormats.formats + documentFormats.formats {
            if let known = seen[info.format.rawValue] {
                precondition(
                    known.name == info.format.name,
                    "formats \(known.name) and \(info.format.name) share the code \(info.format.rawValue)")
                continue
            }
            seen[info.format.rawValue] = info.format
            list.append(info)
        }
        return list
    }()

    private static let byCode: [LogFormat?] = {
        var table = [LogFormat?](repeating: nil, count: 256)
        for info in formats { table[Int(info.format.rawValue)] = info.format }
        return table
    }()

    /// The registered format with this code.
    static func format(code: UInt8) -> LogFormat? { byCode[Int(code)] }

    /// Every needle of every format once, in registry order: a line holding none is read by no format.
    public static let needles: [String] = {
        var seen: Set<String> = []
        return (keyPathFormats.formats + documentFormats.formats).flatMap(\.needles).filter { seen.insert($0).inserted }
    }()

    /// The needles of the stateful formats: a file holding one of them is read by one worker, in order.
    public static var statefulNeedles: [String] {
        var seen: Set<String> = []
        return formats.filter(\.isStateful).flatMap(\.needles).filter { seen.insert($0).inserted }
    }

    /// The stateful formats.
    public static var statefulFormats: Set<LogFormat> { Set(formats.filter(\.isStateful).map(\.format)) }

    /// The key paths the line parser captures, each with its `CapturedRecord` slot.
    public static let keyPaths: [([String], Int)] = keyPathFormats.slotPaths.enumerated().flatMap { slot, paths in
        paths.map { ($0, slot) }
    }

    /// The capture slot a key path fills, if any key-path format reads it.
    public static func slot(keyPath: [String]) -> Int? { keyPaths.first { $0.0 == keyPath }?.1 }

    /// The name of each capture slot (for tests and diagnostics).
    public static var slotNames: [String] { keyPathFormats.slotNames }

    /// A line parser that captures the key paths of every key-path format.
    public static func makeLineParser() -> JSONLineParser {
        JSONLineParser(paths: keyPaths, slotCount: keyPathFormats.slotPaths.count)
    }

    /// A prefilter with every format's needles.
    public static func makePrefilter() -> Prefilter { Prefilter(needles: needles) }

    /// The byte strings every document format whose token keys end in `tokens"` or `Tokens"` (`prompt_tokens`,
    /// `inputTokens`, `"tokens"`, ...) shares as its needle. Every needle is one more scan of every line that has
    /// none (+18% instructions for three more), so these formats share one. A needle ending in a quote must be
    /// followed by a colon (`Prefilter`), so the word at the end of a string value (`"pattern":"input_tokens"`)
    /// or inside one (escaped, `\"`) is not a candidate.
    static let tokenKeyNeedle = "kens\""

    /// Reads one value of a line no key-path format claimed: the first document format that claims it, then the
    /// rate-limit headers logged with it (any format's).
    /// - Returns: the format the value was recognised as (nil: none), and what it gave (nil: nothing claimed it).
    static func readDocument<List: DocumentFormatList>(
        _ value: JSONValue, _ list: List, states: inout List.States, _ context: inout IngestContext
    ) -> (LogFormat?, RecordOutcome?) {
        let answer = list.read(value, states: &states, &context)
        var format = answer?.0
        if RateLimitHeaders.observe(value, format: format, &context) { format = format ?? .openAI }
        return (format, answer?.1)
    }
}
