import ArgumentParser
import SeedServices
import UsageLensCore

struct Endpoint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "endpoint",
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

    @Argument(help: ArgumentHelp("The endpoint: \(SeedEndpoint.list).", valueName: "name"))
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
    var endpoint: SeedEndpoint {
        get throws {
            guard let endpoint = SeedEndpoint(rawValue: name) else {
                throw ValidationError("unknown endpoint '\(name)'; valid names: \(SeedEndpoint.list)")
            }
            return endpoint
        }
    }

    /// What was typed, for the library.
    var request: SeedEndpoint.Request {
        var request = SeedEndpoint.Request()
        request.paths = paths
        request.pricing = pricing
        request.now = now
        request.strict = strict
        request.cache = cache.location
        request.status = status
        request.accountKey = accountKey
        request.gatewayID = gatewayId
        dashboard.fill(&request)
        return request
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
        try Frontend.respond(try endpoint, to: request)
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
