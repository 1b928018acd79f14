/// Rate-limit headers logged with a response (`headers`, `response_headers` or `responseHeaders`, on the line
/// or its wrapped response), as limit observations (DESIGN 6).
///
/// - `anthropic-ratelimit-unified-5h-*` / `-7d-*` (`utilization` 0-1, `reset`): the subscription's 5-hour and
///   weekly windows, as provider-native readings.
/// - `anthropic-ratelimit-{tokens,input-tokens,output-tokens,requests}-{limit,remaining,reset}` and
///   `x-ratelimit-{limit,remaining,reset}-{tokens,requests}`: API rate limits. The most used of them gives the
///   reading: its used percent and its reset (`provider_api_rate_limit` provenance).
/// Header names are matched case-insensitively with `_` read as `-`; LiteLLM's `llm_provider-` prefix is dropped.
/// Reset values take every form `ResetTime.parse` reads (RFC 3339, epoch s or ms, delta seconds, Go durations),
/// relative to the line's time.
enum RateLimitHeaders {
    static let containerKeys = ["headers", "response_headers", "responseHeaders"]

    /// Adds the observations of a line's headers; returns whether there were any.
    static func observe(_ v: JSONValue, format: LogFormat?, _ context: inout IngestContext) -> Bool {
        var headers: [String: String] = [:]
        for holder in [v, v["response"] ?? .null, v["hidden_params"] ?? .null] {
            for key in containerKeys {
                guard case .object(let members)? = holder[key] else { continue }
                for (name, value) in members {
                    var n = name.lowercased().replacingOccurrences(of: "_", with: "-")
                    if n.hasPrefix("llm-provider-") { n.removeFirst("llm-provider-".count) }
                    guard n.contains("ratelimit") else { continue }
                    switch value {
                    case .string(let s): headers[n] = s
                    case .int(let i): headers[n] = String(i)
                    case .double(let d): headers[n] = "\(d)"
                    case .array(let items): if case .string(let s)? = items.first { headers[n] = s }
                    default: break
                    }
                }
            }
        }
        guard !headers.isEmpty else { return false }
        guard let time = context.time(v) ?? APIResponse(v)?.time(context) else { return false }
        let anthropic = headers.keys.contains { $0.hasPrefix("anthropic-") }
        let provider = context.table.strings.intern(
            anthropic ? "anthropic" : (v["provider"]?.stringValue).map(ModelNormalizer.provider) ?? "openai")
        var observed = false
        func add(_ window: LimitObservation.Window, _ used: Double?, _ minutes: Int64?, _ reset: Int64?) {
            guard used != nil || reset != nil else { return }
            context.table.limits.append(
                LimitObservation(
                    time: time, format: (format ?? .openAI).rawValue, window: window, usedPercent: used,
                    windowMinutes: minutes, resetsAt: reset, session: 0, file: context.fileIndex,
                    line: UInt32(truncatingIfNeeded: context.line), provider: provider))
            observed = true
        }
        func reset(_ name: String) -> Int64? { headers[name].flatMap { ResetTime.parse($0, now: time) } }
        func number(_ name: String) -> Double? { headers[name].flatMap { Double($0.trimmingSpaces()) } }

        for (window, tag, minutes) in [(LimitObservation.Window.primary, "5h", Int64(300)), (.secondary, "7d", 10_080)] {
            let prefix = "anthropic-ratelimit-unified-\(tag)-"
            add(window, number(prefix + "utilization").map { $0 * 100 }, minutes, reset(prefix + "reset"))
        }
        // API limits: the most used kind decides.
        var best: (used: Double?, reset: Int64?)?
        let kinds: [(limit: String, remaining: String, reset: String)] =
            ["tokens", "input-tokens", "output-tokens", "requests"].map {
                ("anthropic-ratelimit-\($0)-limit", "anthropic-ratelimit-\($0)-remaining", "anthropic-ratelimit-\($0)-reset")
            } + ["tokens", "requests"].map { ("x-ratelimit-limit-\($0)", "x-ratelimit-remaining-\($0)", "x-ratelimit-reset-\($0)") }
        for kind in kinds {
            let resetAt = reset(kind.reset)
            var used: Double?
            if let limit = number(kind.limit), let remaining = number(kind.remaining), limit > 0 {
                used = max(0, min(100, (limit - remaining) / limit * 100))
            }
            guard used != nil || resetAt != nil else { continue }
            if best == nil || (used ?? -1) > (best!.used ?? -1) { best = (used, resetAt) }
        }
        if let best { add(.header, best.used, nil, best.reset) }
        return observed
    }
}
