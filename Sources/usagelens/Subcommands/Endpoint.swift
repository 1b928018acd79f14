import ArgumentParser
import Foundation
import SeedServices
import UsageLensCore

/// The dashboard endpoints `endpoint` reproduces. A new one is a case here and a branch in `Endpoint.run()`.
enum EndpointName: String, CaseIterable {
    case pipelineRuntimeUsage = "pipeline.runtime-usage"
    case agentkitSummary = "agentkit.summary"
    case agentkitTimeseries = "agentkit.timeseries"
    case agentkitByModel = "agentkit.by-model"
    case agentkitTopUsers = "agentkit.top-users"
    case agentkitTopDepartments = "agentkit.top-departments"
    case agentkitExport = "agentkit.export"
    case distriUsageStats = "distri.usage-stats"

    static var list: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

struct Endpoint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The exact response of a dashboard endpoint, computed from saved inputs.",
        discussion: """
            pipeline.runtime-usage: what the Pipeline service's GET /gateways/{id}/runtime-usage returns for saved \
            gateway replies. PATH... hold sessions.list replies, sessions (one per line) or usage.cost replies, as \
            JSON or JSON Lines, plain or zstd; --status is the usage.status reply; --pricing overrides the \
            service's own default prices. See docs/endpoints.md.

            agentkit.summary, agentkit.timeseries, agentkit.by-model, agentkit.top-users, agentkit.top-departments, \
            agentkit.export: what agentkit's usage dashboard service returns; distri.usage-stats: distri's \
            GET /v1/usage/stats. Both read usage logs of any format from PATH... (agentkit usage records exactly as \
            its store keeps them) and take the services' own query parameters below.
            """)

    @Argument(help: ArgumentHelp("The endpoint: \(EndpointName.list).", valueName: "name"))
    var name: String

    @Argument(
        help: ArgumentHelp(
            "Saved gateway replies (JSON or JSON Lines, plain or zstd); '-' reads standard input.", valueName: "path"))
    var paths: [String] = []

    @Option(help: ArgumentHelp("The usage.status reply (JSON).", valueName: "file"))
    var status: String?

    @OptionGroup var prices: PricingOption<ServicePrices>

    @OptionGroup var clock: ClockOption<ServiceClock>

    @Option(help: ArgumentHelp("The account key echoed in per-model rows.", valueName: "key"))
    var accountKey = "default"

    @Option(help: ArgumentHelp("The gateway id echoed in the response.", valueName: "uuid"))
    var gatewayId = "00000000-0000-0000-0000-000000000000"

    @Flag(help: "Exit with status 1 when an input line is not JSON or is not a reply the endpoint reads.")
    var strict = false

    @OptionGroup(title: "agentkit and distri options") var dashboard: DashboardEndpointOptions

    @OptionGroup var cache: CacheOptions

    var pricing: String? { prices.pricing }
    var now: String? { clock.now }

    /// The endpoint named.
    var endpoint: EndpointName {
        get throws {
            guard let endpoint = EndpointName(rawValue: name) else {
                throw ValidationError("unknown endpoint '\(name)'; valid names: \(EndpointName.list)")
            }
            return endpoint
        }
    }

    func validate() throws {
        _ = try endpoint
        if let now {
            guard let instant = PythonDateTime.rfc3339(now) else {
                throw ValidationError("--now must be an RFC 3339 instant such as 2026-11-20T10:00:00Z (got '\(now)')")
            }
            guard PipelineRuntimeUsage.supportedNow.contains(instant) else {
                throw ValidationError("--now must lie between the years 1000 and 9000 (got '\(now)')")
            }
        }
        guard PipelineRuntimeUsage.canonicalUUID(gatewayId) != nil else {
            throw ValidationError("--gateway-id must be a UUID such as 00000000-0000-0000-0000-000000000000 (got '\(gatewayId)')")
        }
    }

    func run() throws {
        try Output.run {
            switch try endpoint {
            case .pipelineRuntimeUsage: try runPipelineRuntimeUsage()
            case .distriUsageStats, .agentkitSummary, .agentkitTimeseries, .agentkitByModel, .agentkitTopUsers,
                .agentkitTopDepartments, .agentkitExport:
                try runDashboard()
            }
        }
    }

    /// agentkit and distri: computed from usagelens events (any log format) read from PATH... and priced with
    /// usagelens's prices (--pricing in any accepted shape).
    private func runDashboard() throws {
        let analysis = try dashboard.analysis(paths: paths, pricing: pricing, cache: cache.location)
        Frontend.reportCache(analysis)
        if name == EndpointName.distriUsageStats.rawValue {
            let clock = now.flatMap(Timestamp.parse) ?? Int64(Date().timeIntervalSince1970 * 1000)
            Frontend.respond(dashboard.distri(analysis.events, now: clock) + "\n")
        } else {
            let body = dashboard.agentkit(name, analysis.events)
            // The export's text is the response body exactly; JSON bodies end with a newline here for the terminal.
            Frontend.respond(name == EndpointName.agentkitExport.rawValue ? body : body + "\n")
        }
        try Frontend.reportProblems(analysis, strict: strict)
    }

    /// Resolves the options (clock, prices, status, inputs), computes, prints, then reports what was skipped.
    private func runPipelineRuntimeUsage() throws {
        let label = EndpointName.pipelineRuntimeUsage.rawValue
        var parameters = PipelineRuntimeUsage.Parameters(
            now: now.flatMap(PythonDateTime.rfc3339) ?? PythonDateTime(unixMicroseconds: Int64(Date().timeIntervalSince1970 * 1e6)),
            accountKey: accountKey, gatewayID: PipelineRuntimeUsage.canonicalUUID(gatewayId)!)
        var warnings: [String] = []
        if let pricing {
            switch try PipelineRuntimeUsage.readDocument(path: pricing) {
            case .success(let document):
                warnings += parameters.prices.merge(overrides: document).map { "\(pricing): \($0)" }
            case .failure(let error):
                warnings.append("\(error); the service's default prices apply")
            }
        }
        var statusReply: PythonJSON?
        if let status {
            switch try PipelineRuntimeUsage.readDocument(path: status) {
            case .success(let document): statusReply = document
            case .failure(let error): warnings.append("\(error); the status reply reads as {}")
            }
        }
        var values: [PipelineRuntimeUsage.InputValue] = []
        var inputErrors: [UsageLensError] = []
        for path in paths {
            let (read, errors) = try PipelineRuntimeUsage.readInput(path: path)
            values += read
            inputErrors += errors
        }
        let (replies, problems) = PipelineRuntimeUsage.replies(from: values, status: statusReply)
        inputErrors += problems
        let result = PipelineRuntimeUsage.compute(replies, parameters)
        Frontend.respond(result.response.json.dumps() + "\n")

        let shown = 20
        for error in inputErrors.prefix(shown) { Output.warn(error.description) }
        if inputErrors.count > shown { Output.warn("\(inputErrors.count - shown) more input problems not shown") }
        for warning in warnings { Output.warn(warning) }
        for note in result.notes { Output.warn("\(label): \(note)") }
        if strict && !inputErrors.isEmpty { throw ExitCode(1) }
    }
}

/// The Pipeline service's prices, overridden in its own shapes.
enum ServicePrices: OptionWording {
    static var help: ArgumentHelp {
        ArgumentHelp(
            "Price overrides in the service's shape: {\"provider/model\": {...}} or {\"rates_usd_per_million\": {...}}.",
            valueName: "file")
    }
}

/// The services' clock.
enum ServiceClock: OptionWording {
    static var help: ArgumentHelp {
        ArgumentHelp("The service's clock (RFC 3339); default: the wall clock.", valueName: "instant")
    }
}
