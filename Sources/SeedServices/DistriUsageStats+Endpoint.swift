import UsageLensCore

extension DistriUsageStats {
    /// What distri's usage-stats endpoint returns for `events` at `now` (ms), as its HTTP body.
    static func respond(to request: SeedEndpoint.Request, events: PricedEvents, now: Int64) -> String {
        let (from, to, bucket) = Query.defaults(
            now: now, since: request.since.flatMap(Timestamp.parse), until: request.until.flatMap(Timestamp.parse),
            bucket: request.bucket)
        let query = Query(threadID: request.threadID, agentID: request.agentID, since: from, until: to, bucket: bucket)
        return response(events, rows: Array(0..<events.table.count), query: query).renderedAsSerdeJSON()
    }
}
