/// A value some adapter needs from a JSON record, captured by key path during parsing.
///
/// Each field is a slot in `CapturedRecord`; `FormatTable` says which key paths fill it. Several paths may fill
/// the same field (a Claude Code `progress` line carries the same message fields one level deeper).
public enum Field: Int, CaseIterable, Sendable {
    // Shared envelope
    case type, timestamp
    // Claude Code
    case sessionId, cwd, requestId, isSidechain, isApiErrorMessage, costUSD
    case messageId, messageModel, usage, topModel
    case usageInput, usageOutput, usageCacheRead, usageCacheCreation, usageCache5m, usageCache1h
    // Codex CLI
    case payloadType, payloadModel, payloadId, payloadCwd, info, infoModel
    case forkedFromId, spawnParentId, parentThreadId
    case lastUsage, lastInput, lastCached, lastOutput, lastReasoning
    case totalUsage, totalInput, totalCached, totalOutput, totalReasoning
    case primaryUsedPercent, primaryWindowMinutes, primaryResetsAt, primaryResetsInSeconds
    case secondaryUsedPercent, secondaryWindowMinutes, secondaryResetsAt, secondaryResetsInSeconds

    /// Bit of this field in `CapturedRecord.present`.
    @inline(__always) var bit: UInt64 { 1 << UInt64(rawValue) }
}
