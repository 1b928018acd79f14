import ArgumentParser
import Foundation
import SeedServices
import UsageLensCore

extension DistriUsageStats.Bucket: ExpressibleByArgument {}

/// The parameters of the agentkit and distri endpoints, named after the services' own query parameters.
struct DashboardEndpointOptions: ParsableArguments {
    @Option(help: ArgumentHelp("agentkit start_time (ISO 8601, inclusive).", valueName: "instant"))
    var start: String?

    @Option(help: ArgumentHelp("agentkit end_time (ISO 8601, inclusive).", valueName: "instant"))
    var end: String?

    @Option(help: ArgumentHelp("agentkit user_id filter.", valueName: "id"))
    var userId: String?

    @Option(help: ArgumentHelp("agentkit department_id filter.", valueName: "id"))
    var departmentId: String?

    @Option(help: ArgumentHelp("agentkit.timeseries interval: hour or day.", valueName: "interval"))
    var interval = "day"

    @Option(help: ArgumentHelp("agentkit.top-users / top-departments: rows to return.", valueName: "n"))
    var limit = 10

    @Option(help: ArgumentHelp("agentkit.export format: csv or json.", valueName: "format"))
    var format = "csv"

    @Option(help: ArgumentHelp("distri thread_id filter.", valueName: "id"))
    var threadId: String?

    @Option(help: ArgumentHelp("distri agent_id filter.", valueName: "id"))
    var agentId: String?

    @Option(help: ArgumentHelp("distri since (RFC 3339, inclusive; default: 30 days before until).", valueName: "instant"))
    var since: String?

    @Option(help: ArgumentHelp("distri until (RFC 3339, exclusive; default: --now).", valueName: "instant"))
    var until: String?

    @Option(help: ArgumentHelp("distri bucket: day, week, month or none.", valueName: "bucket"))
    var bucket: DistriUsageStats.Bucket = .day

    @OptionGroup var workers: ThreadsOption<EndpointThreads>

    var threads: Int? { workers.threads }

    func validate() throws {
        for (flag, value) in [("--start", start), ("--end", end)] {
            if let value, IsoDateTime(value) == nil {
                throw ValidationError("\(flag) must be an ISO 8601 time such as 2025-10-14T13:00:00+00:00 (got '\(value)')")
            }
        }
        for (flag, value) in [("--since", since), ("--until", until)] {
            if let value, Timestamp.parse(value) == nil {
                throw ValidationError("\(flag) must be an RFC 3339 instant such as 2025-10-14T00:00:00Z (got '\(value)')")
            }
        }
        guard ["hour", "day"].contains(interval) else { throw ValidationError("--interval must be hour or day") }
        guard ["csv", "json"].contains(format) else { throw ValidationError("--format must be csv or json") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    /// Reads, de-duplicates and prices the logs at `paths` (usagelens's own prices, with `pricing` overrides).
    func analysis(paths: [String], pricing: String?, cache: CacheLocation?) throws -> Analysis {
        var ingest = IngestOptions()
        if let threads { ingest.threads = threads }
        let plan = RunPlan(
            files: try InputDiscovery.discover(paths), ingest: ingest, prices: try ReportPlan.prices(file: pricing),
            costMode: .auto, cache: cache)
        return Analysis.run(plan)
    }

    /// What an agentkit endpoint returns, as its HTTP body.
    func agentkit(_ endpoint: String, _ events: PricedEvents) -> String {
        let query = AgentkitUsage.Query(
            start: start.flatMap(IsoDateTime.init), end: end.flatMap(IsoDateTime.init), userID: userId,
            departmentID: departmentId)
        let records = AgentkitUsage.select(AgentkitUsage.records(events, rows: Array(0..<events.table.count)), query)
        switch endpoint {
        case "agentkit.summary": return AgentkitUsage.summary(records).renderedAsPython()
        case "agentkit.timeseries": return AgentkitUsage.timeseries(records, hourly: interval == "hour").renderedAsPython()
        case "agentkit.by-model": return AgentkitUsage.byModel(records).renderedAsPython()
        case "agentkit.top-users": return AgentkitUsage.top(records, departments: false, limit: limit).renderedAsPython()
        case "agentkit.top-departments": return AgentkitUsage.top(records, departments: true, limit: limit).renderedAsPython()
        default: return format == "json" ? AgentkitUsage.exportJSON(records) : AgentkitUsage.exportCSV(records)
        }
    }

    /// What distri's usage-stats endpoint returns.
    func distri(_ events: PricedEvents, now: Int64) -> String {
        let (from, to, b) = DistriUsageStats.Query.defaults(
            now: now, since: since.flatMap(Timestamp.parse), until: until.flatMap(Timestamp.parse), bucket: bucket)
        let query = DistriUsageStats.Query(threadID: threadId, agentID: agentId, since: from, until: to, bucket: b)
        return DistriUsageStats.response(events, rows: Array(0..<events.table.count), query: query).renderedAsSerdeJSON()
    }
}

/// The endpoints' `--threads`: a number, as the parser reads one.
enum EndpointThreads: ThreadsWording {
    typealias Value = Int
    static var parsing: SingleValueParsingStrategy { .next }
    static var help: ArgumentHelp { "Worker threads for reading logs (agentkit and distri endpoints)." }
}
