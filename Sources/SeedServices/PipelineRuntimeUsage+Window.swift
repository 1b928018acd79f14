import UsageLensCore

/// The seed's window, limits, burn rate and prediction: `_oldest_active_ts`, `_extract_rate_limit_reset_at`,
/// `_build_window`, `_build_current`, `_compute_burn_rate` and `_build_predictions`.
extension PipelineRuntimeUsage {
    static let windowHours: Int64 = 5
    static let hourMicroseconds: Int64 = 3_600_000_000

    /// A timestamp read with `_parse_datetime`; an instant Python cannot hold after conversion to UTC is noted.
    static func parseTimestamp(_ value: PythonJSON?, notes: Notes) -> PythonDateTime? {
        guard case .string(let text)? = value else { return nil }
        switch PythonDateTime.seedParse(text) {
        case .value(let instant): return instant
        case .invalid: return nil
        case .outOfRange:
            notes.add("timestamp \"\(text)\" is outside Python's datetime range in UTC; ignored (the service would fail)")
            return nil
        }
    }

    /// `_oldest_active_ts`: the earliest session timestamp not older than five hours before `now` (later ones
    /// count too). Each session's timestamp is its first non-blank `updated_at`, `updatedAt`, `lastActivity`,
    /// `last_activity`, `created_at`, `createdAt` string; when that one does not parse, the session has none.
    static func oldestActiveTimestamp(_ sessions: [PythonDict], now: PythonDateTime, notes: Notes) -> PythonDateTime? {
        let cutoff = PythonDateTime(microseconds: now.microseconds - windowHours * hourMicroseconds)
        var oldest: PythonDateTime?
        for session in sessions {
            let text = getString(
                session, ["updated_at", "updatedAt", "lastActivity", "last_activity", "created_at", "createdAt"])
            guard let ts = parseTimestamp(text.map(PythonJSON.string), notes: notes), ts >= cutoff else { continue }
            if oldest == nil || ts < oldest! { oldest = ts }
        }
        return oldest
    }

    /// The seed's explicit reset keys, in the order it tries them.
    public static let rateLimitResetKeys = [
        "x_ratelimit_reset", "x_ratelimit_reset_tokens", "x_ratelimit_reset_requests", "ratelimit_reset",
        "anthropic_ratelimit_reset", "anthropic_ratelimit_tokens_reset", "anthropic_ratelimit_requests_reset",
        "anthropic_ratelimit_input_tokens_reset",
    ]

    /// `_extract_rate_limit_reset_at`: the first value that parses among the explicit keys in their fixed
    /// order, then among all keys in dictionary order whose name, lowercased with `-` read as `_`, contains
    /// `ratelimit` and `reset`. Not the earliest reset: the first parseable one.
    static func rateLimitReset(_ status: PythonDict, now: PythonDateTime, notes: Notes) -> PythonDateTime? {
        for key in rateLimitResetKeys where status.contains(key) {
            if let reset = resetValue(status[key]!, now: now, notes: notes) { return reset }
        }
        for (key, value) in status {
            let normalized = PythonText.replace(PythonText.lower(key), "-", with: "_")
            guard PythonText.contains(normalized, "ratelimit"), PythonText.contains(normalized, "reset") else { continue }
            if let reset = resetValue(value, now: now, notes: notes) { return reset }
        }
        return nil
    }

    /// `_parse_rate_limit_reset_value`: a timestamp string (`_parse_datetime`), else `float(str(value))` read as
    /// epoch milliseconds from 1e12, epoch seconds from 1e9, delta seconds after `now` from 0; negative, NaN and
    /// non-numbers are nil. No Go durations (`1m30s`): the seed does not read them.
    static func resetValue(_ value: PythonJSON, now: PythonDateTime, notes: Notes) -> PythonDateTime? {
        if let instant = parseTimestamp(value, notes: notes) { return instant }
        let number: Double?
        switch value {
        case .null, .bool, .array, .object: number = nil  // str() gives None, True, [...], {...}: not floats
        case .int(let i): number = Double(i)
        case .bigInt(let text): number = Double(text)  // float(str(n)) overflows to inf instead of raising
        case .float(let d): number = d  // float(repr(d)) == d
        case .string(let s): number = PythonFloat.parse(s)
        }
        guard let numeric = number else { return nil }
        let outcome: PythonDateTime.Outcome
        if numeric >= 1_000_000_000_000 {
            outcome = PythonDateTime.fromTimestamp(numeric / 1000)
        } else if numeric >= 1_000_000_000 {
            outcome = PythonDateTime.fromTimestamp(numeric)
        } else if numeric >= 0 {
            let delta = PythonDateTime.timedeltaMicroseconds(seconds: numeric)
            outcome = now.adding(microseconds: delta).map(PythonDateTime.Outcome.value) ?? .outOfRange
        } else {
            return nil
        }
        switch outcome {
        case .value(let instant): return instant
        case .invalid: return nil
        case .outOfRange:
            notes.add("rate-limit reset \(PythonFloat.repr(numeric)) is outside Python's datetime range; skipped (the service would fail)")
            return nil
        }
    }

    /// `_build_window`. The start is `windowStart`/`window_start`/`period_start`/`started_at` (the first truthy one,
    /// parsed or not), else the oldest active session, else `now - 5h`. The reset is
    /// `windowEnd`/`window_end`/`period_end`/`resets_at` (`provider_native`, high), else a rate-limit reset
    /// (`provider_api_rate_limit`, medium), else start + 5h (`local_jsonl_estimate`, low).
    static func buildWindow(
        _ status: PythonDict, now: PythonDateTime, oldestEventTimestamp: PythonDateTime?, notes: Notes
    ) -> Window {
        func firstTruthy(_ keys: [String]) -> PythonJSON? {
            keys.lazy.compactMap { status[$0] }.first { $0.isTruthy }
        }
        let explicitStart = parseTimestamp(
            firstTruthy(["windowStart", "window_start", "period_start", "started_at"]), notes: notes)
        let explicitReset = parseTimestamp(
            firstTruthy(["windowEnd", "window_end", "period_end", "resets_at"]), notes: notes)
        let headerReset = rateLimitReset(status, now: now, notes: notes)
        let startedAt =
            explicitStart ?? oldestEventTimestamp
            ?? PythonDateTime(microseconds: now.microseconds - windowHours * hourMicroseconds)
        var resetsAt = explicitReset ?? headerReset
        if resetsAt == nil {
            resetsAt = startedAt.adding(microseconds: windowHours * hourMicroseconds)
            if resetsAt == nil {
                notes.add("the window start plus 5 hours is past year 9999; the reset is held at datetime.max (the service would fail)")
                resetsAt = PythonDateTime(microseconds: PythonDateTime.maxMicroseconds)
            }
        }
        let (source, confidence) =
            explicitReset != nil
            ? ("provider_native", "high")
            : headerReset != nil ? ("provider_api_rate_limit", "medium") : ("local_jsonl_estimate", "low")
        let seconds = PythonDateTime.totalSeconds(microseconds: resetsAt!.microseconds - now.microseconds)
        return Window(
            key: "\(windowHours)h", startedAt: startedAt, resetsAt: resetsAt!,
            resetInMs: max(0, PythonFloat.truncatedInt(seconds * 1000)), source: source, confidence: confidence)
    }

    /// `_limit_source`: `provider_api_rate_limit` when any of the four rate-limit header fields is truthy.
    static func limitSource(_ status: PythonDict) -> String {
        let headers = ["x_ratelimit_remaining", "x_ratelimit_limit", "anthropic_ratelimit_remaining", "anthropic_ratelimit_limit"]
        return headers.contains { status[$0]?.isTruthy ?? false } ? "provider_api_rate_limit" : "configured_limit"
    }

    /// `_pct` for integers: `int(min(100, numerator * 100 // denominator))`, nil for a zero denominator.
    /// Floor division, so a negative limit gives a negative percentage as in Python.
    static func percentage(_ numerator: Int64, _ denominator: Int64) -> Int64? {
        guard denominator != 0 else { return nil }
        let product = Int128(numerator) * 100
        var quotient = product / Int128(denominator)
        if (product % Int128(denominator) != 0) && ((product < 0) != (denominator < 0)) { quotient -= 1 }
        return Int64(saturating: min(100, quotient))
    }

    /// `_pct` for floats (the cost limit): float floor division; `min(100, nan)` is 100 as in Python.
    static func percentage(_ numerator: Double, _ denominator: Double) -> Int64? {
        guard denominator != 0 else { return nil }
        let quotient = PythonFloat.floorDivide(numerator * 100, denominator)
        return quotient < 100 ? PythonFloat.truncatedInt(quotient) : 100
    }

    /// `_build_current`: totals over `per_model`, the typed limits, the legacy `token_limit` (backfilled from the
    /// output-token limit, else the total-token limit) and the cost limit, each 0 meaning none.
    static func buildCurrent(_ perModel: [ModelEntry], status: PythonDict, notes: Notes) -> Current {
        // sum() of floats: left to right from 0 (Python 3.11; 3.12 compensates rounding errors).
        let totalCost = PythonFloat.round(perModel.reduce(0.0) { $0 + $1.costUSD }, 8)
        let totalTokens = perModel.reduce(Int64(0)) { $0.saturatingAdd($1.totalTokens) }
        let totalOutput = perModel.reduce(Int64(0)) { $0.saturatingAdd($1.outputTokens) }
        let totalCalls = perModel.reduce(Int64(0)) { $0.saturatingAdd($1.calls) }
        let source = limitSource(status)
        func limit(_ keys: [String]) -> (limit: Int64?, source: String?) {
            let raw = getInt(status, keys, notes: notes)
            return raw != 0 ? (raw, source) : (nil, nil)
        }
        let output = limit(["outputTokenLimit", "output_token_limit"])
        let total = limit(["totalTokenLimit", "total_token_limit"])
        let message = limit(["messageLimit", "message_limit", "requestLimit", "request_limit"])
        let legacy = limit(["tokenLimit", "token_limit"])
        var current = Current(
            totalCostUSD: totalCost, totalTokens: totalTokens, totalOutputTokens: totalOutput, totalCalls: totalCalls)
        current.outputTokenLimit = output.limit
        current.outputTokenLimitPct = output.limit.flatMap { percentage(totalOutput, $0) }
        current.outputTokenLimitSource = output.source
        current.totalTokenLimit = total.limit
        current.totalTokenLimitPct = total.limit.flatMap { percentage(totalTokens, $0) }
        current.totalTokenLimitSource = total.source
        current.messageLimit = message.limit
        current.messagePct = message.limit.flatMap { percentage(totalCalls, $0) }
        current.messageLimitSource = message.source
        if let legacyLimit = legacy.limit {
            current.tokenLimit = legacyLimit
            current.tokenPct = percentage(totalTokens, legacyLimit)
            current.tokenLimitSource = legacy.source
        } else if output.limit != nil {
            (current.tokenLimit, current.tokenPct, current.tokenLimitSource) =
                (output.limit, current.outputTokenLimitPct, output.source)
        } else if total.limit != nil {
            (current.tokenLimit, current.tokenPct, current.tokenLimitSource) =
                (total.limit, current.totalTokenLimitPct, total.source)
        }
        let costLimit = getFloat(status, ["costLimit", "cost_limit", "costLimitUsd"], notes: notes)
        if costLimit != 0 {  // `raw or None`: NaN is truthy and stays
            current.costLimitUSD = costLimit
            current.costPct = percentage(totalCost, costLimit)
            current.costLimitSource = source
        }
        return current
    }

    /// `_compute_burn_rate`: sessions whose `updated_at`/`updatedAt`/`lastActivity`/`last_activity` is at most 60
    /// minutes before `now` (or later), per minute. The cost is only the flat `cost`/`cost_usd`/`costUsd` field:
    /// neither `usage.cost` nor a price estimate counts, as in the seed.
    static func computeBurnRate(_ sessions: [PythonDict], now: PythonDateTime, notes: Notes) -> BurnRate {
        let cutoff = PythonDateTime(microseconds: now.microseconds - hourMicroseconds)
        var tokens: Int64 = 0
        var outputTokens: Int64 = 0
        var cost = 0.0
        for session in sessions {
            let text = getString(session, ["updated_at", "updatedAt", "lastActivity", "last_activity"])
            guard let ts = parseTimestamp(text.map(PythonJSON.string), notes: notes), ts >= cutoff else { continue }
            let counts = tokenCounts(session, notes: notes)
            tokens = tokens.saturatingAdd(counts.input.saturatingAdd(counts.output))
            outputTokens = outputTokens.saturatingAdd(counts.output)
            cost += getFloat(session, ["cost", "cost_usd", "costUsd"], notes: notes)
        }
        return BurnRate(
            tokensPerMinute: PythonFloat.round(PythonFloat.trueDivide(Int128(tokens), 60), 4),
            outputTokensPerMinute: PythonFloat.round(PythonFloat.trueDivide(Int128(outputTokens), 60), 4),
            costUSDPerMinute: PythonFloat.round(cost / 60, 8))
    }

    /// `_build_predictions`: time to each limit at the current rate, the smallest wins (the first on ties);
    /// `safe` when the window resets first. In order: output tokens, total tokens, the legacy limit (only when
    /// neither typed token limit gave a candidate; its kind reads `total_tokens`), messages at the window's
    /// average call rate so far. An exhausted limit ends the search with 0 and `safe: false`.
    static func buildPredictions(_ current: Current, burnRate: BurnRate, window: Window) -> Predictions {
        var candidates: [(ms: Int64, kind: String)] = []
        func timeTo(_ remaining: Int64, perMinute rate: Double) -> Int64 {
            PythonFloat.truncatedInt(Double(remaining) / rate * 60_000)
        }
        if let limit = current.outputTokenLimit, burnRate.outputTokensPerMinute > 0 {
            let remaining = limit.saturatingSubtract(current.totalOutputTokens)
            if remaining <= 0 { return Predictions(timeToLimitMs: 0, safe: false, limitKind: "output_tokens") }
            candidates.append((timeTo(remaining, perMinute: burnRate.outputTokensPerMinute), "output_tokens"))
        }
        if let limit = current.totalTokenLimit, burnRate.tokensPerMinute > 0 {
            let remaining = limit.saturatingSubtract(current.totalTokens)
            if remaining <= 0 { return Predictions(timeToLimitMs: 0, safe: false, limitKind: "total_tokens") }
            candidates.append((timeTo(remaining, perMinute: burnRate.tokensPerMinute), "total_tokens"))
        }
        if candidates.isEmpty, let limit = current.tokenLimit, burnRate.tokensPerMinute > 0 {
            let remaining = limit.saturatingSubtract(current.totalTokens)
            if remaining <= 0 { return Predictions(timeToLimitMs: 0, safe: false, limitKind: "total_tokens") }
            candidates.append((timeTo(remaining, perMinute: burnRate.tokensPerMinute), "total_tokens"))
        }
        if let limit = current.messageLimit, limit > 0 {
            let windowSeconds = PythonDateTime.totalSeconds(
                microseconds: window.resetsAt.microseconds - window.startedAt.microseconds)
            let totalWindowMs = max(1, PythonFloat.truncatedInt(windowSeconds * 1000))
            let elapsedMs = max(1, totalWindowMs.saturatingSubtract(window.resetInMs))
            let elapsedMinutes = PythonFloat.trueDivide(Int128(elapsedMs), 60_000)
            let callsPerMinute = elapsedMinutes > 0 ? Double(current.totalCalls) / elapsedMinutes : 0
            if callsPerMinute > 0 {
                let remaining = limit.saturatingSubtract(current.totalCalls)
                if remaining <= 0 { return Predictions(timeToLimitMs: 0, safe: false, limitKind: "messages") }
                candidates.append((timeTo(remaining, perMinute: callsPerMinute), "messages"))
            }
        }
        guard let tightest = candidates.min(by: { $0.ms < $1.ms }) else {
            return Predictions(timeToLimitMs: nil, safe: true, limitKind: "total_tokens")
        }
        return Predictions(timeToLimitMs: tightest.ms, safe: tightest.ms > window.resetInMs, limitKind: tightest.kind)
    }
}
