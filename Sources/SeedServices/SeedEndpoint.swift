import UsageLensCore

/// The seed dashboards' endpoints `usagelens endpoint` reproduces. A new one is a case here and a branch in
/// `respond(to:)`.
public enum SeedEndpoint: String, CaseIterable, Sendable {
    case pipelineRuntimeUsage = "pipeline.runtime-usage"
    case agentkitSummary = "agentkit.summary"
    case agentkitTimeseries = "agentkit.timeseries"
    case agentkitByModel = "agentkit.by-model"
    case agentkitTopUsers = "agentkit.top-users"
    case agentkitTopDepartments = "agentkit.top-departments"
    case agentkitExport = "agentkit.export"
    case distriUsageStats = "distri.usage-stats"

    /// The names, comma-separated, for help and errors.
    public static var list: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// Everything the endpoint was given, as typed; the command line has validated it (instants parse, the
    /// gateway id is a UUID, the choices are among the allowed ones).
    public struct Request: Sendable {
        /// Saved gateway replies (Pipeline) or usage logs of any format (agentkit, distri); `-` is standard input.
        public var paths: [String] = []
        /// Price overrides: in the Pipeline service's shapes, or any shape usagelens reads (agentkit, distri).
        public var pricing: String?
        /// The service's clock (RFC 3339); nil: the wall clock.
        public var now: String?
        /// Whether an input problem fails the run.
        public var strict = false
        /// Where the per-file cache lives (agentkit, distri); nil: no cache.
        public var cache: CacheLocation?
        /// Pipeline: the usage.status reply.
        public var status: String?
        /// Pipeline: the account key echoed in per-model rows.
        public var accountKey = "default"
        /// Pipeline: the gateway id echoed in the response (any spelling `UUID(text)` reads).
        public var gatewayID = "00000000-0000-0000-0000-000000000000"
        /// agentkit: `start_time`, `end_time` (ISO 8601, inclusive), `user_id`, `department_id`.
        public var start: String?
        public var end: String?
        public var userID: String?
        public var departmentID: String?
        /// agentkit.timeseries: `hour` or `day`.
        public var interval = "day"
        /// agentkit.top-users / top-departments: rows to return.
        public var limit = 10
        /// agentkit.export: `csv` or `json`.
        public var exportFormat = "csv"
        /// distri: `thread_id`, `agent_id`, `since` (inclusive), `until` (exclusive), `bucket`.
        public var threadID: String?
        public var agentID: String?
        public var since: String?
        public var until: String?
        public var bucket: DistriUsageStats.Bucket = .day
        /// agentkit and distri: worker threads for reading logs (nil: one per core).
        public var threads: Int?

        public init() {}
    }

    /// What an endpoint answered.
    public struct Response: Sendable {
        /// The body as written to standard output (JSON bodies end with a newline for the terminal; the
        /// export's text is the service's body exactly).
        public var body: String
        /// What was skipped or could not be reproduced, in the order shown (without the `usagelens: ` prefix).
        public var warnings: [String]
        /// Whether the run fails (exit status 1), after the body and the warnings are written.
        public var failed: Bool
    }

    /// Reads the inputs, computes the response and collects what went wrong.
    /// - Throws: `UsageLensError` when an input, a price file or a status file cannot be used at all.
    public func respond(to request: Request) throws -> Response {
        switch self {
        case .pipelineRuntimeUsage:
            return try PipelineRuntimeUsage.respond(to: request)
        case .distriUsageStats:
            let analysis = try Self.analysis(request)
            let now = ReportPlan.now(request.now)
            let body = DistriUsageStats.respond(to: request, events: analysis.events, now: now)
            return Response(body: body + "\n", warnings: (analysis.ingest.cache?.warnings ?? []) + analysis.problems, failed: analysis.failed(strict: request.strict))
        case .agentkitSummary, .agentkitTimeseries, .agentkitByModel, .agentkitTopUsers, .agentkitTopDepartments,
            .agentkitExport:
            let analysis = try Self.analysis(request)
            let body = AgentkitUsage.respond(self, to: request, events: analysis.events)
            return Response(
                body: self == .agentkitExport ? body : body + "\n", warnings: (analysis.ingest.cache?.warnings ?? []) + analysis.problems,
                failed: analysis.failed(strict: request.strict))
        }
    }

    /// agentkit and distri: the logs at `paths` read, de-duplicated and priced with usagelens's prices (the
    /// built-in table with the `pricing` overrides in any accepted shape).
    static func analysis(_ request: Request) throws -> Analysis {
        var ingest = IngestOptions()
        if let threads = request.threads { ingest.threads = threads }
        // Inputs before prices: a missing input is the error shown when both are wrong.
        let plan = RunPlan(
            files: try InputDiscovery.discover(request.paths), ingest: ingest,
            prices: try ReportPlan.prices(file: request.pricing), costMode: .auto, cache: request.cache)
        return Analysis.run(plan)
    }
}
