/// Which events a report covers: a time range and exact matches on dimensions, applied before aggregation.
public struct EventFilter: Sendable {
    /// Inclusive start (ms since 1970 UTC).
    public var since: Int64?
    /// Exclusive end (ms since 1970 UTC).
    public var until: Int64?
    /// Normalised model slugs (`claude-sonnet-4-5`); a logged name is normalised before comparing.
    public var models: Set<String> = []
    public var providers: Set<String> = []
    public var projects: Set<String> = []
    public var sessions: Set<String> = []
    /// Exact values of the dimensions few formats carry (user, department, agent, thread, account).
    public var extras: [Dimension: Set<String>] = [:]

    public init(since: Int64? = nil, until: Int64? = nil) {
        self.since = since
        self.until = until
    }

    /// The rows of `events` that pass, in order.
    public func rows(_ events: PricedEvents) -> [Int] {
        let t = events.table
        if isEmpty { return Array(0..<t.count) }
        let modelOK = events.models.map { models.isEmpty || models.contains($0.model) }
        let providerOK = events.models.map { providers.isEmpty || providers.contains($0.provider) }
        // In a fixed order: the first failing dimension ends the test, and which one that is changes nothing.
        let extras = self.extras.filter { !$0.value.isEmpty }.sorted { $0.key.rawValue < $1.key.rawValue }
        var rows: [Int] = []
        rows.reserveCapacity(t.count)
        for i in 0..<t.count {
            if let since, t.time[i] < since { continue }
            if let until, t.time[i] >= until { continue }
            let m = Int(events.modelIndex[i])
            guard modelOK[m], providerOK[m] else { continue }
            if !projects.isEmpty && !projectOK(t.project[i], t.strings) { continue }
            if !sessions.isEmpty && !sessions.contains(t.strings[t.session[i]]) { continue }
            if !extras.isEmpty && !Self.extrasOK(extras, t, i) { continue }
            rows.append(i)
        }
        return rows
    }

    private static func extrasOK(_ extras: [(key: Dimension, value: Set<String>)], _ t: UsageTable, _ i: Int) -> Bool {
        for (dimension, values) in extras {
            if !values.contains(t.strings[dimension.code(t, i)]) { return false }
        }
        return true
    }

    /// A project matches by its full value (the cwd) or the value's last path component.
    private func projectOK(_ code: UInt32, _ strings: StringDictionary) -> Bool {
        let value = strings[code]
        if projects.contains(value) { return true }
        guard let last = value.split(separator: "/").last else { return false }
        return projects.contains(String(last))
    }

    /// Whether any filter narrows the events.
    public var isEmpty: Bool {
        since == nil && until == nil && models.isEmpty && providers.isEmpty && projects.isEmpty && sessions.isEmpty
            && extras.values.allSatisfy(\.isEmpty)
    }

    /// Normalises model filter values the way logged names are normalised.
    public static func normalisedModels(_ names: [String]) -> Set<String> {
        Set(names.map { ModelNormalizer.split($0).model })
    }
}
