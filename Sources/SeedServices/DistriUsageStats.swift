import UsageLensCore

/// distri's `GET /v1/usage/stats` (`UsageStatsResponse` in the distri seed), computed from usagelens events.
///
/// The seed holds the wire types only; the server's query is not in it. What we chose where the types leave
/// it open (each also in docs/endpoints.md):
/// - bounds: `since` inclusive, `until` exclusive; the defaults are `until` = `--now` and `since` = 30 days
///   before `until`, echoed in `filters_applied` as the effective bounds;
/// - buckets start at UTC midnight (day), Monday (week, as PostgreSQL's `date_trunc`) or the 1st (month), in
///   ascending order; buckets without messages are omitted; `none` gives one row with `ts: null`, also when
///   nothing matched (an aggregate without GROUP BY returns one row);
/// - `messages` counts events; `cached_tokens` are cache reads; `total_tokens` is input + output;
/// - `user_id`, `bot_id`, `channel_id` are cloud-only and always null here, as in distri-server.
public enum DistriUsageStats {
    public enum Bucket: String, CaseIterable, Sendable {
        case day, week, month, none
    }

    public struct Query: Sendable {
        public var threadID: String?
        public var agentID: String?
        public var since: Int64
        public var until: Int64
        public var bucket: Bucket
        public init(threadID: String? = nil, agentID: String? = nil, since: Int64, until: Int64, bucket: Bucket = .day) {
            self.threadID = threadID
            self.agentID = agentID
            self.since = since
            self.until = until
            self.bucket = bucket
        }

        /// The defaults a server fills in: until = now, since = 30 days before until.
        public static func defaults(now: Int64, since: Int64?, until: Int64?, bucket: Bucket?) -> (Int64, Int64, Bucket) {
            let end = until ?? now
            return (since ?? end - 30 * 86_400_000, end, bucket ?? .day)
        }
    }

    struct Sums {
        var messages: Int64 = 0
        var input: Int64 = 0
        var output: Int64 = 0
        var cached: Int64 = 0
        var cost = 0.0

        mutating func add(_ e: PricedEvents, _ i: Int) {
            messages += 1
            input +| e.table.inputTokens[i]
            output +| e.table.outputTokens[i]
            cached +| e.table.cacheReadTokens[i]
            cost += e.cost[i]
        }

        var fields: [(String, JSONValue)] {
            [
                ("messages", .int(messages)), ("input_tokens", .int(input)), ("output_tokens", .int(output)),
                ("cached_tokens", .int(cached)), ("total_tokens", .int(input + output)), ("cost_usd", .double(cost)),
            ]
        }
    }

    /// The start (ms) of the bucket holding `ms`.
    static func bucketStart(_ ms: Int64, _ bucket: Bucket) -> Int64 {
        let day = ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000
        switch bucket {
        case .day: return day * 86_400_000
        case .week:
            // 1970-01-01 was a Thursday: Monday-based weeks start 3 days earlier.
            let monday = day - ((day + 3) % 7 + 7) % 7
            return monday * 86_400_000
        case .month:
            let (y, m, _) = Timestamp.civilFromDays(Int(day))
            return Int64(Timestamp.daysFromCivil(year: y, month: m, day: 1)) * 86_400_000
        case .none: return 0
        }
    }

    /// chrono's `to_rfc3339` of a UTC instant: `+00:00`, fraction digits only when non-zero.
    static func rfc3339(_ ms: Int64) -> String {
        let text = Timestamp.format(ms, offsetSeconds: 0)
        return text.hasSuffix("Z") ? String(text.dropLast()) + "+00:00" : text
    }

    public static func response(_ events: PricedEvents, rows: [Int], query q: Query) -> JSONValue {
        let t = events.table
        var totals = Sums()
        var buckets: [Int64: Sums] = [:]
        for i in rows {
            guard t.time[i] >= q.since, t.time[i] < q.until else { continue }
            let e = t.extras(i)
            if let thread = q.threadID, t.strings[e.thread] != thread { continue }
            if let agent = q.agentID, t.strings[e.agent] != agent { continue }
            totals.add(events, i)
            buckets[bucketStart(t.time[i], q.bucket), default: Sums()].add(events, i)
        }
        let rows: [JSONValue]
        if q.bucket == .none {
            rows = [.object([("ts", .null)] + totals.fields)]
        } else {
            rows = buckets.keys.sorted().map { .object([("ts", .string(rfc3339($0)))] + buckets[$0]!.fields) }
        }
        return .object([
            ("totals", .object(totals.fields)), ("buckets", .array(rows)),
            ("filters_applied", .object([
                ("user_id", .null), ("bot_id", .null), ("channel_id", .null),
                ("thread_id", q.threadID.map { .string($0) } ?? .null), ("agent_id", q.agentID.map { .string($0) } ?? .null),
                ("since", .string(rfc3339(q.since))), ("until", .string(rfc3339(q.until))), ("bucket", .string(q.bucket.rawValue)),
            ])),
        ])
    }
}
