/// The log formats usagelens understands, and what each needs from a line.
///
/// This table is the single source of truth for parsing: the key-path trie the parser walks and the prefilter's
/// needles are both derived from it, so a format added here is parsed and never prefiltered away.
public enum LogFormat: UInt8, CaseIterable, Sendable, Comparable {
    case claudeCode = 1
    case codex = 2
    case openAI = 3
    case anthropic = 4
    case usageRecord = 5
    case gatewaySession = 6
    case liteLLM = 7
    case gemini = 8
    case distri = 9
    case codexExec = 10

    /// The name shown in `check` and in JSON.
    public var name: String {
        switch self {
        case .claudeCode: return "claude-code"
        case .codex: return "codex"
        case .openAI: return "openai-api"
        case .anthropic: return "anthropic-api"
        case .usageRecord: return "usage-record"
        case .gatewaySession: return "gateway-session"
        case .liteLLM: return "litellm"
        case .gemini: return "gemini-cli"
        case .distri: return "distri"
        case .codexExec: return "codex-exec"
        }
    }

    /// The provider a format implies when a line names none: the formats of a provider's own client or API.
    /// nil: it follows from the model (an OpenAI-shaped response may come from any OpenAI-compatible server).
    public var impliedProvider: String? {
        switch self {
        case .claudeCode, .anthropic: return "anthropic"
        case .codex, .codexExec: return "openai"
        case .gemini: return "google"
        default: return nil
        }
    }

    public static func < (a: LogFormat, b: LogFormat) -> Bool { a.rawValue < b.rawValue }
}

/// What one format needs: the byte strings that mark its candidate lines and the key paths it reads.
public struct FormatSpec: Sendable {
    public var format: LogFormat
    /// A line that holds none of these byte strings carries nothing for this format. Needles must hold for
    /// pretty-printed JSON as well, so they never include the `:` after a key.
    public var needles: [String]
    /// Key paths (top-level key first) and the field each fills.
    public var paths: [([String], Field)]
    /// Whether a line's meaning depends on the lines before it in the same file (Codex: the model of the last
    /// `turn_context`, totals to difference). Files of such a format are never split across workers.
    public var isStateful = false
}

public enum FormatTable {
    static let claudeMessage: [([String], Field)] = [
        (["id"], .messageId), (["model"], .messageModel), (["usage"], .usage),
        (["usage", "input_tokens"], .usageInput), (["usage", "output_tokens"], .usageOutput),
        (["usage", "cache_read_input_tokens"], .usageCacheRead),
        (["usage", "cache_creation_input_tokens"], .usageCacheCreation),
        (["usage", "cache_creation", "ephemeral_5m_input_tokens"], .usageCache5m),
        (["usage", "cache_creation", "ephemeral_1h_input_tokens"], .usageCache1h),
    ]

    static func rateLimit(_ window: String, _ fields: [Field]) -> [([String], Field)] {
        let keys = ["used_percent", "window_minutes", "resets_at", "resets_in_seconds"]
        return zip(keys, fields).map { (["payload", "rate_limits", window, $0], $1) }
    }

    static func tokenUsage(_ name: String, _ fields: [Field]) -> [([String], Field)] {
        let keys = ["", "input_tokens", "cached_input_tokens", "output_tokens", "reasoning_output_tokens"]
        return zip(keys, fields).map { key, field in
            (key.isEmpty ? ["payload", "info", name] : ["payload", "info", name, key], field)
        }
    }

    /// Every supported format.
    public static let specs: [FormatSpec] = [
        FormatSpec(
            format: .claudeCode, needles: ["\"usage\""],
            paths: [
                (["type"], .type), (["timestamp"], .timestamp), (["sessionId"], .sessionId), (["cwd"], .cwd),
                (["requestId"], .requestId), (["isSidechain"], .isSidechain),
                (["isApiErrorMessage"], .isApiErrorMessage), (["costUSD"], .costUSD), (["model"], .topModel),
                (["data", "message", "requestId"], .requestId),
            ] + claudeMessage.map { (["message"] + $0.0, $0.1) }
                + claudeMessage.map { (["data", "message", "message"] + $0.0, $0.1) }),
        FormatSpec(
            format: .codex, needles: ["token_count", "turn_context", "session_meta"],
            paths: [
                (["type"], .type), (["timestamp"], .timestamp), (["payload", "type"], .payloadType),
                (["payload", "model"], .payloadModel), (["payload", "id"], .payloadId),
                (["payload", "cwd"], .payloadCwd), (["payload", "info"], .info),
                (["payload", "info", "model"], .infoModel),
                (["payload", "forked_from_id"], .forkedFromId), (["payload", "parent_thread_id"], .parentThreadId),
                (["payload", "source", "subagent", "thread_spawn", "parent_thread_id"], .spawnParentId),
            ]
                + tokenUsage("last_token_usage", [.lastUsage, .lastInput, .lastCached, .lastOutput, .lastReasoning])
                + tokenUsage(
                    "total_token_usage", [.totalUsage, .totalInput, .totalCached, .totalOutput, .totalReasoning])
                + rateLimit(
                    "primary",
                    [.primaryUsedPercent, .primaryWindowMinutes, .primaryResetsAt, .primaryResetsInSeconds])
                + rateLimit(
                    "secondary",
                    [.secondaryUsedPercent, .secondaryWindowMinutes, .secondaryResetsAt, .secondaryResetsInSeconds]),
            isStateful: true),
        // Formats read as trees (see `DocumentAdapters`). Every needle is one more scan of every line that has
        // none (+18% instructions for three more), so they share one: each of their token keys ends in `tokens"`
        // or `Tokens"` (`prompt_tokens`, `inputTokens`, `"tokens"`, ...), and a gateway's short form sits under
        // `"usage"`, Claude Code's needle. A needle ending in a quote must be followed by a colon (`Prefilter`), so
        // the word at the end of a string value (`"pattern":"input_tokens"`) or inside one (escaped, `\"`) is not
        // a candidate. Rate-limit headers are read on these lines; a line of headers alone is not a candidate.
        FormatSpec(format: .openAI, needles: ["kens\""], paths: []),
        // `codex exec --json`: the thread's id comes on a line of its own, before any usage (anchored on `_`,
        // like the Codex needles, so it adds no pass over the line).
        FormatSpec(format: .codexExec, needles: ["\"thread_id\""], paths: [], isStateful: true),
    ]

    /// The union of every format's needles, without repeats.
    public static var needles: [String] {
        var seen: Set<String> = []
        return specs.flatMap(\.needles).filter { seen.insert($0).inserted }
    }

    /// The needles of the stateful formats: a file holding one of them is read by one worker, in order.
    public static var statefulNeedles: [String] { specs.filter(\.isStateful).flatMap(\.needles) }

    /// The union of every format's key paths.
    public static var paths: [([String], Field)] { specs.flatMap(\.paths) }
}
