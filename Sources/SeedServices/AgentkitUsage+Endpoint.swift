import UsageLensCore

extension AgentkitUsage {
    /// What agentkit endpoint `endpoint` returns for `events`, as its HTTP body (no trailing newline).
    static func respond(_ endpoint: SeedEndpoint, to request: SeedEndpoint.Request, events: PricedEvents) -> String {
        let query = Query(
            start: request.start.flatMap(IsoDateTime.init), end: request.end.flatMap(IsoDateTime.init),
            userID: request.userID, departmentID: request.departmentID)
        let records = select(records(events, rows: Array(0..<events.table.count)), query)
        switch endpoint {
        case .agentkitSummary: return summary(records).renderedAsPython()
        case .agentkitTimeseries: return timeseries(records, hourly: request.interval == "hour").renderedAsPython()
        case .agentkitByModel: return byModel(records).renderedAsPython()
        case .agentkitTopUsers: return top(records, departments: false, limit: request.limit).renderedAsPython()
        case .agentkitTopDepartments: return top(records, departments: true, limit: request.limit).renderedAsPython()
        default: return request.exportFormat == "json" ? exportJSON(records) : exportCSV(records)
        }
    }
}
