import UsageLensCore

/// The seed's `aggregate_per_model` and `_top_sessions`.
extension PipelineRuntimeUsage {
    /// `aggregate_per_model`: every session given (not only those in the window), keyed by normalised
    /// `provider/model` in order of first appearance. A session's cost is its explicit cost (see
    /// `explicitCost`), or the price-table estimate when that is 0; `calls` defaults to 1.
    static func aggregatePerModel(
        _ sessions: [PythonDict], accountKey: String, prices: Prices, notes: Notes
    ) -> [(key: String, entry: ModelEntry)] {
        var order: [String] = []
        var entries: [CodePointKey: ModelEntry] = [:]
        for session in sessions {
            let provider = normalizeProvider(getString(session, ["provider"]) ?? "anthropic")
            let model = normalizeModel(getString(session, ["model", "modelName"]) ?? "unknown")
            let key = provider + "/" + model
            let tokens = tokenCounts(session, notes: notes)
            var cost = explicitCost(session, notes: notes)
            let calls = getInt(session, ["calls", "messageCount", "messages"], default: 1, notes: notes)
            if cost == 0 {
                cost = prices.estimate(
                    provider: provider, model: model, input: tokens.input, output: tokens.output,
                    cacheRead: tokens.cacheRead, cacheWrite: tokens.cacheWrite
                ).cost
            }
            let unpriced = prices.estimate(
                provider: provider, model: model, input: 0, output: 0, cacheRead: 0, cacheWrite: 0
            ).unpriced
            let id = CodePointKey(text: key)
            var entry =
                entries[id]
                ?? ModelEntry(
                    provider: provider, accountKey: accountKey, model: model, inputTokens: 0, outputTokens: 0,
                    cacheReadTokens: 0, cacheWriteTokens: 0, costUSD: 0, calls: 0, unpriced: unpriced)
            if entries[id] == nil { order.append(key) }
            entry.inputTokens = entry.inputTokens.saturatingAdd(tokens.input)
            entry.outputTokens = entry.outputTokens.saturatingAdd(tokens.output)
            entry.cacheReadTokens = entry.cacheReadTokens.saturatingAdd(tokens.cacheRead)
            entry.cacheWriteTokens = entry.cacheWriteTokens.saturatingAdd(tokens.cacheWrite)
            entry.costUSD += cost
            entry.calls = entry.calls.saturatingAdd(calls)
            entries[id] = entry
        }
        return order.map { ($0, entries[CodePointKey(text: $0)]!) }
    }

    /// `_top_sessions`: one row per session, the ten most expensive, ties in input order.
    ///
    /// The model is `provider/model` only when the session names a model. The estimate, used when the explicit
    /// cost is 0, looks up the row's `provider/model` split at its first `/` (so a provider containing `/` prices
    /// differently from `per_model`, as in the seed). `updated_at` is the raw text, not parsed.
    static func topSessions(_ sessions: [PythonDict], prices: Prices, notes: Notes, limit: Int = 10) -> [TopSession] {
        var rows: [TopSession] = []
        for session in sessions {
            var model = getString(session, ["model", "modelName"])
            if let name = model {
                model = normalizeProvider(getString(session, ["provider"]) ?? "anthropic") + "/" + normalizeModel(name)
            }
            let tokens = tokenCounts(session, notes: notes)
            var cost = explicitCost(session, notes: notes)
            if cost == 0, let model, let (provider, name) = PythonText.splitOnce(model, "/") {
                cost = prices.estimate(
                    provider: provider, model: name, input: tokens.input, output: tokens.output,
                    cacheRead: tokens.cacheRead, cacheWrite: tokens.cacheWrite
                ).cost
            }
            rows.append(
                TopSession(
                    sessionID: getString(session, ["sessionId", "id", "session_id"]) ?? "",
                    label: getString(session, ["label", "name", "title"]), model: model,
                    costUSD: PythonFloat.round(cost, 8), totalTokens: tokens.input.saturatingAdd(tokens.output),
                    updatedAt: getString(session, ["updated_at", "updatedAt", "lastActivity", "last_activity"])))
        }
        return Array(sortedByCostDescending(rows).prefix(limit))
    }

    /// `rows.sort(key=cost_usd, reverse=True)`: a stable sort, so equal costs keep their input order.
    ///
    /// With NaN costs CPython's result depends on its merge-sort internals; NaN rows go last here (in input order).
    static func sortedByCostDescending(_ rows: [TopSession]) -> [TopSession] {
        rows.enumerated().sorted { a, b in
            let (x, y) = (a.element.costUSD, b.element.costUSD)
            if x.isNaN || y.isNaN {
                return x.isNaN == y.isNaN ? a.offset < b.offset : y.isNaN
            }
            return x != y ? x > y : a.offset < b.offset
        }.map(\.element)
    }
}
