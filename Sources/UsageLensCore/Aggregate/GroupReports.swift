/// One session's totals.
public struct SessionRow: Sendable {
    /// The session id; nil for the events no session names.
    public var sessionID: String?
    public var project: String?
    public var firstSeen: Int64
    public var lastSeen: Int64
    /// `provider/model` of every model used, by cost descending.
    public var models: [String]
    public var totals: UsageTotals
}

public struct SessionReport: Sendable {
    public var sessions: [SessionRow]
    public var totals: UsageTotals
}

/// What `top` ranks by.
public enum RankMeasure: String, CaseIterable, Sendable {
    case cost, tokens, calls
}

/// One value of a dimension and its totals.
public struct GroupRow: Sendable {
    /// The value (`provider/model` for models); nil for events that do not carry the dimension.
    public var key: String?
    public var totals: UsageTotals
}

public struct TopReport: Sendable {
    public var dimension: Dimension
    public var measure: RankMeasure
    public var rows: [GroupRow]
    /// Totals over every event considered, not only the rows shown.
    public var totals: UsageTotals
}

extension Reports {
    /// Totals per value of `dimension` over `rows`, ranked by `measure` (ties: by key, absent last), the first
    /// `limit` kept.
    /// - Complexity: O(rows) plus a sort of the distinct values.
    public static func top(
        _ events: PricedEvents, rows: [Int], dimension: Dimension, by measure: RankMeasure, limit: Int?
    ) -> TopReport {
        var groups = groupTotals(events, rows: rows, dimension: dimension)
        groups.sort { a, b in
            let (x, y) = (a.totals, b.totals)
            switch measure {
            case .cost: if x.costUSD != y.costUSD { return x.costUSD > y.costUSD }
            case .tokens: if x.totalTokens != y.totalTokens { return x.totalTokens > y.totalTokens }
            case .calls: if x.calls != y.calls { return x.calls > y.calls }
            }
            if x.totalTokens != y.totalTokens { return x.totalTokens > y.totalTokens }
            switch (a.key, b.key) {
            case let (p?, q?): return p < q
            case (_?, nil): return true
            default: return false
            }
        }
        var totals = UsageTotals()
        for g in groups { totals.merge(g.totals) }
        if let limit, limit >= 0 { groups = Array(groups.prefix(limit)) }
        return TopReport(dimension: dimension, measure: measure, rows: groups, totals: totals)
    }

    static func groupTotals(_ events: PricedEvents, rows: [Int], dimension: Dimension) -> [GroupRow] {
        let t = events.table
        var byCode: [UInt32: UsageTotals] = [:]
        for i in rows {
            let code = dimension == .model ? UInt32(events.modelIndex[i]) : dimension.code(t, i)
            byCode[code, default: UsageTotals()].add(events, row: i)
        }
        return byCode.map { code, totals in
            if dimension == .model {
                let m = events.models[Int(code)]
                return GroupRow(key: "\(m.provider)/\(m.model)", totals: totals)
            }
            return GroupRow(key: code == 0 ? nil : t.strings[code], totals: totals)
        }
    }

    /// One row per session over `rows`, most expensive first (ties: by session id).
    public static func sessions(_ events: PricedEvents, rows: [Int]) -> SessionReport {
        let t = events.table
        struct Acc {
            var totals = UsageTotals()
            var first = Int64.max
            var last = Int64.min
            var project: UInt32 = 0
            var modelCost: [Int32: Double] = [:]
        }
        var bySession: [UInt32: Acc] = [:]
        var totals = UsageTotals()
        for i in rows {
            var acc = bySession[t.session[i]] ?? Acc()
            acc.totals.add(events, row: i)
            acc.first = min(acc.first, t.time[i])
            acc.last = max(acc.last, t.time[i])
            if acc.project == 0 { acc.project = t.project[i] }
            acc.modelCost[events.modelIndex[i], default: 0] += events.cost[i]
            bySession[t.session[i]] = acc
            totals.add(events, row: i)
        }
        let sessions = bySession.map { code, acc -> SessionRow in
            let models = acc.modelCost.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map {
                let m = events.models[Int($0.key)]
                return "\(m.provider)/\(m.model)"
            }
            return SessionRow(
                sessionID: code == 0 ? nil : t.strings[code], project: acc.project == 0 ? nil : t.strings[acc.project],
                firstSeen: acc.first, lastSeen: acc.last, models: models, totals: acc.totals)
        }.sorted { a, b in
            if a.totals.costUSD != b.totals.costUSD { return a.totals.costUSD > b.totals.costUSD }
            switch (a.sessionID, b.sessionID) {
            case let (p?, q?): return p < q
            case (_?, nil): return true
            default: return false
            }
        }
        return SessionReport(sessions: sessions, totals: totals)
    }
}
