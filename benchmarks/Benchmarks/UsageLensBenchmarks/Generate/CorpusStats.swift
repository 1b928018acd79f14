/// What a generated corpus holds, counted while it is written: the expected result of every benchmark over it.
struct CorpusStats: Sendable {
    /// Physical lines.
    var lines = 0
    /// Lines holding a prefilter needle: Claude Code assistant lines, Task tool results (their `toolUseResult`
    /// carries a `"usage"` key) and Codex `session_meta`, `turn_context` and `token_count` lines.
    var candidates = 0
    /// Records with a `message.usage` object (Claude Code assistant lines, repeats included).
    var usageRecords = 0
    /// Events after de-duplication.
    var events = 0
    /// Events dropped as duplicates (Claude Code streaming repeats).
    var duplicates = 0
    /// Codex token counts written again with an unchanged total: replays, ignored before dedup.
    var replays = 0

    static func + (a: CorpusStats, b: CorpusStats) -> CorpusStats {
        CorpusStats(
            lines: a.lines + b.lines, candidates: a.candidates + b.candidates,
            usageRecords: a.usageRecords + b.usageRecords, events: a.events + b.events,
            duplicates: a.duplicates + b.duplicates, replays: a.replays + b.replays)
    }
}
