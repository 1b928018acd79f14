/// The current window of one provider account, as the Pipeline runtime-usage service describes it, computed
/// natively from logs (DESIGN 6): window with provenance, current totals with typed limits, burn rate,
/// predictions over the tightest limit, per-model totals, top sessions, and weekly windows when observed.
///
/// Unlike the Pipeline service (whose per-model totals take every session it is given), everything here
/// counts only events inside the window.
public struct RuntimeStatus: Sendable {
    public struct Window: Sendable {
        public var startedAt: Int64
        public var resetsAt: Int64
        public var resetInMs: Int64
        /// `provider_native` (a reset observed in the logs), or `local_jsonl_estimate`.
        public var source: String
        /// `high` or `low`.
        public var confidence: String
        public var lengthMinutes: Int64
        /// The provider's own reading of the window, when observed.
        public var usedPercent: Double?
        /// The nominal window, as the Pipeline service names it (`5h`), whatever its actual bounds.
        public var key = "5h"
    }

    public struct Current: Sendable {
        public var totals: UsageTotals
        public var totalTokenLimit: Int64?
        public var outputTokenLimit: Int64?
        public var messageLimit: Int64?
        public var costLimitUSD: Double?
        /// A legacy `tokenLimit` given as such (a status file's); nil when only typed limits are known.
        public var explicitLegacyTokenLimit: Int64? = nil
        /// `configured_limit`, or `provider_api_rate_limit` when the limits came with rate-limit headers.
        public var limitSource = "configured_limit"
        /// The Pipeline service's legacy `token_limit`: given, else backfilled as it does (the output-token
        /// limit, else the total-token limit).
        public var legacyTokenLimit: Int64? { explicitLegacyTokenLimit ?? outputTokenLimit ?? totalTokenLimit }
    }

    public struct Prediction: Sendable {
        public var timeToLimitMs: Int64?
        public var safe: Bool
        /// `output_tokens`, `total_tokens` or `messages`.
        public var limitKind: String
    }

    public struct TopSession: Sendable {
        public var sessionID: String
        public var label: String?
        public var model: String?
        public var costUSD: Double
        public var totalTokens: Int64
        public var updatedAt: Int64
    }

    /// A weekly (secondary) window a provider reported.
    public struct WeeklyWindow: Sendable {
        public var usedPercent: Double?
        public var windowMinutes: Int64?
        public var resetsAt: Int64?
        public var observedAt: Int64
    }

    public var provider: String
    public var now: Int64
    public var window: Window
    public var current: Current
    public var burnRate: BurnRate
    public var prediction: Prediction
    public var perModel: [ModelRow]
    public var topSessions: [TopSession]
    public var weekly: [WeeklyWindow]

    /// The providers with events or observations at or before `now`, most recently active first.
    public static func providers(_ events: PricedEvents, rows: [Int], now: Int64) -> [String] {
        var last: [String: Int64] = [:]
        for i in rows where events.table.time[i] <= now {
            let p = events.models[Int(events.modelIndex[i])].provider
            last[p] = max(last[p] ?? .min, events.table.time[i])
        }
        return last.keys.sorted { (last[$0]!, $1) > (last[$1]!, $0) }
    }

    /// Computes the status of `provider` at `now` over `rows`, with limits from the user (which win) and an
    /// optional Pipeline `usage.status` file (limits, window bounds, rate-limit resets).
    public static func compute(
        _ events: PricedEvents, rows: [Int], provider: String, now: Int64, limits: WindowLimits, lengthHours: Double = 5,
        statusFile: StatusFile? = nil
    ) -> RuntimeStatus {
        let t = events.table
        let length = Int64(lengthHours * 3_600_000)
        let mine = rows.filter { events.models[Int(events.modelIndex[$0])].provider == provider && t.time[$0] <= now }
        // Readings of this provider: those a line names it in (rate-limit headers), else those of its own client's
        // logs (Codex for OpenAI, Claude Code for Anthropic).
        func isOwn(_ l: LimitObservation) -> Bool {
            l.time <= now
                && (l.provider != 0 ? t.strings[l.provider] : LogFormat(rawValue: l.format)?.impliedProvider) == provider
        }

        // Window: explicit bounds of a status file, then a rate-limit reset from it, then a reset observed in
        // the logs; else the oldest event of the last window length (Pipeline provenance).
        var window: Window
        let primary = t.limits.last { $0.window == .primary && isOwn($0) }
        let header = t.limits.last { $0.window == .header && isOwn($0) }
        let oldestInWindow = mine.first { t.time[$0] >= now - length }.map { t.time[$0] }
        if let file = statusFile, let end = file.windowEnd ?? file.headerReset {
            let start = file.windowStart ?? oldestInWindow ?? now - length
            let explicit = file.windowEnd != nil
            window = Window(
                startedAt: start, resetsAt: end, resetInMs: max(0, end - now),
                source: explicit ? "provider_native" : "provider_api_rate_limit", confidence: explicit ? "high" : "medium",
                lengthMinutes: max(1, (end - start) / 60_000), usedPercent: nil)
        } else if let primary, let reset = primary.resetsAt, reset > now {
            let minutes = primary.windowMinutes ?? Int64(lengthHours * 60)
            window = Window(
                startedAt: reset - minutes * 60_000, resetsAt: reset, resetInMs: reset - now, source: "provider_native",
                confidence: "high", lengthMinutes: minutes, usedPercent: primary.usedPercent)
        } else if let header, let reset = header.resetsAt, reset > now {
            // A reset read from logged rate-limit headers (Pipeline: provider_api_rate_limit, medium).
            let start = statusFile?.windowStart ?? oldestInWindow ?? now - length
            window = Window(
                startedAt: start, resetsAt: reset, resetInMs: reset - now, source: "provider_api_rate_limit",
                confidence: "medium", lengthMinutes: max(1, (reset - start) / 60_000), usedPercent: header.usedPercent)
        } else {
            let start = statusFile?.windowStart ?? oldestInWindow ?? now - length
            window = Window(
                startedAt: start, resetsAt: start + length, resetInMs: max(0, start + length - now),
                source: "local_jsonl_estimate", confidence: "low", lengthMinutes: length / 60_000, usedPercent: nil)
        }
        window.key = lengthHours == lengthHours.rounded() ? "\(Int(lengthHours))h" : "\(Int(lengthHours * 60))m"
        let inWindow = mine.filter { t.time[$0] >= window.startedAt }
        let report = Reports.models(events, rows: inWindow)
        let current = Current(
            totals: report.totals, totalTokenLimit: limits.tokens ?? statusFile?.totalTokenLimit,
            outputTokenLimit: limits.outputTokens ?? statusFile?.outputTokenLimit,
            messageLimit: limits.messages ?? statusFile?.messageLimit, costLimitUSD: limits.costUSD ?? statusFile?.costLimitUSD,
            explicitLegacyTokenLimit: statusFile?.legacyTokenLimit, limitSource: statusFile?.limitSource ?? "configured_limit")
        let rate = BlockBuilder(lengthHours: lengthHours, now: now).burnRate(events, rows: mine)
        let prediction = predict(current, rate, window)

        // Top sessions by cost in the window.
        var sessions: [UInt32: (UsageTotals, Int64, [Int32: Double])] = [:]
        for i in inWindow {
            var entry = sessions[t.session[i]] ?? (UsageTotals(), .min, [:])
            entry.0.add(events, row: i)
            entry.1 = max(entry.1, t.time[i])
            entry.2[events.modelIndex[i], default: 0] += events.cost[i]
            sessions[t.session[i]] = entry
        }
        let top = sessions.map { code, entry -> TopSession in
            let model = entry.2.max { ($0.value, $1.key) < ($1.value, $0.key) }.map { events.models[Int($0.key)] }
            let label = t.strings[t.project[inWindow.first { t.session[$0] == code }!]]
            return TopSession(
                sessionID: t.strings[code], label: label.isEmpty ? nil : label,
                model: model.map { "\($0.provider)/\($0.model)" }, costUSD: entry.0.costUSD,
                totalTokens: entry.0.totalTokens, updatedAt: entry.1)
        }.sorted { ($0.costUSD, $1.sessionID) > ($1.costUSD, $0.sessionID) }.prefix(10)

        let weekly = t.limits.last { $0.window == .secondary && isOwn($0) }.map {
            [WeeklyWindow(usedPercent: $0.usedPercent, windowMinutes: $0.windowMinutes, resetsAt: $0.resetsAt, observedAt: $0.time)]
        } ?? []
        return RuntimeStatus(
            provider: provider, now: now, window: window, current: current, burnRate: rate, prediction: prediction,
            perModel: report.models, topSessions: Array(top), weekly: weekly)
    }

    /// Time to the tightest limit at the current burn rate, as the Pipeline service predicts it.
    static func predict(_ c: Current, _ rate: BurnRate, _ w: Window) -> Prediction {
        var candidates: [(Int64, String)] = []
        if let limit = c.outputTokenLimit, rate.outputTokensPerMinute > 0 {
            let remaining = Double(limit - c.totals.outputTokens)
            if remaining <= 0 { return Prediction(timeToLimitMs: 0, safe: false, limitKind: "output_tokens") }
            candidates.append((Int64(remaining / rate.outputTokensPerMinute * 60_000), "output_tokens"))
        }
        if let limit = c.totalTokenLimit, rate.tokensPerMinute > 0 {
            let remaining = Double(limit - c.totals.totalTokens)
            if remaining <= 0 { return Prediction(timeToLimitMs: 0, safe: false, limitKind: "total_tokens") }
            candidates.append((Int64(remaining / rate.tokensPerMinute * 60_000), "total_tokens"))
        }
        // The legacy limit counts only when no typed token limit gave a candidate (Pipeline order).
        if candidates.isEmpty, let limit = c.explicitLegacyTokenLimit, rate.tokensPerMinute > 0 {
            let remaining = Double(limit - c.totals.totalTokens)
            if remaining <= 0 { return Prediction(timeToLimitMs: 0, safe: false, limitKind: "total_tokens") }
            candidates.append((Int64(remaining / rate.tokensPerMinute * 60_000), "total_tokens"))
        }
        if let limit = c.messageLimit, limit > 0 {
            let total = max(1, w.resetsAt - w.startedAt)
            let elapsedMinutes = Double(max(1, total - w.resetInMs)) / 60_000
            let perMinute = Double(c.totals.calls) / elapsedMinutes
            if perMinute > 0 {
                let remaining = Double(limit - c.totals.calls)
                if remaining <= 0 { return Prediction(timeToLimitMs: 0, safe: false, limitKind: "messages") }
                candidates.append((Int64(remaining / perMinute * 60_000), "messages"))
            }
        }
        guard let tightest = candidates.min(by: { $0.0 < $1.0 }) else {
            return Prediction(timeToLimitMs: nil, safe: true, limitKind: "total_tokens")
        }
        return Prediction(timeToLimitMs: tightest.0, safe: tightest.0 > w.resetInMs, limitKind: tightest.1)
    }
}
