import UsageLensCore

/// agentkit's usage dashboard endpoints (`UsageService` in the agentkit seed), computed from usagelens events.
///
/// agentkit aggregates its usage store's records: one per request, in storage order, never de-duplicated.
/// Usage-record events (the `usage-record` format) are those records exactly: their timestamp text, model
/// name, logged cost and latency as written. Events of other formats become records too: the time in UTC
/// (`isoformat`), the normalised model, prompt = uncached input, completion = output, the cost under the
/// run's cost mode. Records keep file and line order, as a store file would; every sum runs in that order,
/// so float totals match the service's to the last bit. Choices the seed leaves to its store are in
/// docs/endpoints.md.
public enum AgentkitUsage {
    /// The service's query parameters.
    public struct Query: Sendable {
        public var start: IsoDateTime?
        public var end: IsoDateTime?
        public var userID: String?
        public var departmentID: String?
        public init(start: IsoDateTime? = nil, end: IsoDateTime? = nil, userID: String? = nil, departmentID: String? = nil) {
            self.start = start
            self.end = end
            self.userID = userID
            self.departmentID = departmentID
        }
    }

    /// One usage record as the store holds it.
    public struct Record: Sendable {
        public var timestamp: String
        public var time: IsoDateTime?
        public var agentName: String
        public var model: String
        public var promptTokens: Int64
        public var completionTokens: Int64
        public var cost: Double
        public var costIsInteger: Bool
        public var latencyMs: Double
        public var latencyIsInteger: Bool
        public var userID: String?
        public var departmentID: String?
        var totalTokens: Int64 { promptTokens + completionTokens }
    }

    /// The records of `rows`, in file and line order.
    public static func records(_ events: PricedEvents, rows: [Int]) -> [Record] {
        let t = events.table
        let ordered = rows.sorted { (t.file[$0], t.line[$0], $0) < (t.file[$1], t.line[$1], $1) }
        return ordered.map { i in
            let e = t.extras(i)
            let native = t.format[i] == LogFormat.usageRecord.rawValue
            let text: String
            if e.rawTime != 0 {
                text = t.strings[e.rawTime]
            } else {
                text = IsoDateTime(micros: t.time[i] * 1000, offsetSeconds: 0).isoformat
            }
            func optional(_ code: UInt32) -> String? { code == 0 ? nil : t.strings[code] }
            let logged = t.loggedCostUSD[i]
            return Record(
                timestamp: text, time: IsoDateTime(text), agentName: t.strings[e.agent],
                model: native ? t.strings[t.model[i]] : events.models[Int(events.modelIndex[i])].model,
                promptTokens: t.inputTokens[i], completionTokens: t.outputTokens[i],
                cost: native ? (logged.isNaN ? 0 : logged) : events.cost[i],
                costIsInteger: native && e.written.contains(.costAsInteger),
                latencyMs: e.latencyMs.isNaN ? 0 : e.latencyMs,
                latencyIsInteger: e.written.contains(.latencyAsInteger), userID: optional(e.user),
                departmentID: optional(e.department))
        }
    }

    /// The store's `get_usage`: user and department must match when given; time bounds are inclusive instants.
    public static func select(_ records: [Record], _ q: Query) -> [Record] {
        records.filter { r in
            if let user = q.userID, !user.isEmpty, r.userID != user { return false }
            if let department = q.departmentID, !department.isEmpty, r.departmentID != department { return false }
            if q.start != nil || q.end != nil {
                guard let time = r.time else { return false }
                if let start = q.start, time.micros < start.micros { return false }
                if let end = q.end, time.micros > end.micros { return false }
            }
            return true
        }
    }

    // MARK: Endpoints

    /// Totals per key in first-seen order: `{total_tokens, total_cost, count}`.
    struct Group {
        var keys: [String] = []
        var sums: [String: (tokens: Int64, cost: Double, count: Int64)] = [:]
        mutating func add(_ key: String, _ r: Record) {
            if sums[key] == nil {
                keys.append(key)
                sums[key] = (0, 0, 0)
            }
            sums[key]!.tokens +| r.totalTokens
            sums[key]!.cost += r.cost
            sums[key]!.count += 1
        }
    }

    static func groups(_ records: [Record]) -> (total: (Int64, Double), model: Group, user: Group, department: Group) {
        var (model, user, department) = (Group(), Group(), Group())
        var tokens: Int64 = 0
        var cost = 0.0
        for r in records {
            tokens +| r.totalTokens
            cost += r.cost
            model.add(r.model, r)
            if let id = r.userID, !id.isEmpty { user.add(id, r) }
            if let id = r.departmentID, !id.isEmpty { department.add(id, r) }
        }
        return ((tokens, cost), model, user, department)
    }

    /// `GET .../summary`.
    public static func summary(_ records: [Record]) -> JSONValue {
        let g = groups(records)
        func object(_ group: Group) -> JSONValue {
            .object(group.keys.map { key in
                let s = group.sums[key]!
                return (key, .object([("total_tokens", .int(s.tokens)), ("total_cost", .double(s.cost)), ("count", .int(s.count))]))
            })
        }
        return .object([
            ("total_tokens", .int(g.total.0)), ("total_cost", .double(g.total.1)), ("total_requests", .int(Int64(records.count))),
            ("by_model", object(g.model)), ("by_user", object(g.user)), ("by_department", object(g.department)),
        ])
    }

    /// `GET .../timeseries`: buckets of an hour or a day in each record's own offset, by instant; the first
    /// record of a bucket names it. Buckets without records are omitted.
    public static func timeseries(_ records: [Record], hourly: Bool) -> JSONValue {
        var order: [Int64] = []
        var buckets: [Int64: (name: IsoDateTime, tokens: Int64, cost: Double, requests: Int64)] = [:]
        for r in records {
            guard let time = r.time else { continue }
            let start = time.truncated(toDay: !hourly)
            if buckets[start.micros] == nil {
                order.append(start.micros)
                buckets[start.micros] = (start, 0, 0, 0)
            }
            buckets[start.micros]!.tokens +| r.totalTokens
            buckets[start.micros]!.cost += r.cost
            buckets[start.micros]!.requests += 1
        }
        return .array(order.sorted().map { key in
            let b = buckets[key]!
            return .object([
                ("timestamp", .string(b.name.isoformat)), ("tokens", .int(b.tokens)), ("cost", .double(b.cost)),
                ("requests", .int(b.requests)),
            ])
        })
    }

    /// `GET .../by-model`, sorted by model name.
    public static func byModel(_ records: [Record]) -> JSONValue {
        let g = groups(records).model
        return .array(g.keys.sorted { Array($0.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.unicodeScalars.map(\.value)) }.map { key in
            let s = g.sums[key]!
            return .object([("model", .string(key)), ("tokens", .int(s.tokens)), ("cost", .double(s.cost)), ("requests", .int(s.count))])
        })
    }

    /// `GET .../top-users` and `.../top-departments`: by tokens descending, ties in first-seen order.
    public static func top(_ records: [Record], departments: Bool, limit: Int) -> JSONValue {
        let all = groups(records)
        let g = departments ? all.department : all.user
        let idKey = departments ? "department_id" : "user_id"
        let rows = g.keys.enumerated().sorted { a, b in
            let (x, y) = (g.sums[a.element]!.tokens, g.sums[b.element]!.tokens)
            return x != y ? x > y : a.offset < b.offset
        }.map(\.element)
        // Python's rows[:limit], negative limits included.
        let n = limit >= 0 ? min(limit, rows.count) : max(0, rows.count + limit)
        return .array(rows.prefix(n).map { key in
            let s = g.sums[key]!
            return .object([(idKey, .string(key)), ("tokens", .int(s.tokens)), ("cost", .double(s.cost)), ("requests", .int(s.count))])
        })
    }

    static let exportColumns = [
        "timestamp", "agent_name", "model", "prompt_tokens", "completion_tokens", "total_tokens", "cost", "latency_ms",
        "user_id", "department_id",
    ]

    static func exportValues(_ r: Record) -> [JSONValue] {
        [
            .string(r.timestamp), .string(r.agentName), .string(r.model), .int(r.promptTokens), .int(r.completionTokens),
            .int(r.totalTokens), r.costIsInteger ? .int(Int64(r.cost)) : .double(r.cost),
            r.latencyIsInteger ? .int(Int64(r.latencyMs)) : .double(r.latencyMs), .string(r.userID ?? ""),
            .string(r.departmentID ?? ""),
        ]
    }

    /// `GET .../export?format=json`: the text of `json.dumps(records, ensure_ascii=False, indent=2)`.
    public static func exportJSON(_ records: [Record]) -> String {
        JSONValue.array(records.map { .object(Array(zip(exportColumns, exportValues($0)))) }).renderedAsPython(indent: 2)
    }

    /// `GET .../export?format=csv`: Python's `csv.DictWriter` text (`\r\n` line ends, minimal quoting).
    public static func exportCSV(_ records: [Record]) -> String {
        func field(_ v: JSONValue) -> String {
            switch v {
            case .string(let s):
                let special = s.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
                return special ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
            case .int(let i): return String(i)
            case .double(let d): return PythonFloat.repr(d)
            default: return ""
            }
        }
        var out = exportColumns.joined(separator: ",") + "\r\n"
        for r in records { out += exportValues(r).map(field).joined(separator: ",") + "\r\n" }
        return out
    }
}
