import UsageLensCore

/// The response models (`RuntimeUsageResponse` and its parts) and their JSON as the endpoint sends it.
///
/// Field order is pydantic's: the schema file's fields in their order, then the fields the service passes beyond
/// the schema (window `source`/`confidence`, the typed limits, `output_tokens_per_minute`, `limit_kind`,
/// `source` of rows) in the order the service passes them. Float fields are floats even when whole (`0.0`).
extension PipelineRuntimeUsage {
    /// `RuntimeUsageWindow`.
    public struct Window: Equatable, Sendable {
        public var key: String
        public var startedAt: PythonDateTime
        public var resetsAt: PythonDateTime
        public var resetInMs: Int64
        /// `provider_native`, `provider_api_rate_limit` or `local_jsonl_estimate`.
        public var source: String
        /// `high`, `medium` or `low`.
        public var confidence: String
    }

    /// `RuntimeUsageCurrent`: totals over `per_model`, with the legacy and typed limits.
    public struct Current: Equatable, Sendable {
        public var totalCostUSD: Double
        public var totalTokens: Int64
        public var totalOutputTokens: Int64
        public var totalCalls: Int64
        public var tokenLimit: Int64?
        public var tokenPct: Int64?
        public var costLimitUSD: Double?
        public var costPct: Int64?
        public var tokenLimitSource: String?
        public var costLimitSource: String?
        public var outputTokenLimit: Int64?
        public var outputTokenLimitPct: Int64?
        public var outputTokenLimitSource: String?
        public var totalTokenLimit: Int64?
        public var totalTokenLimitPct: Int64?
        public var totalTokenLimitSource: String?
        public var messageLimit: Int64?
        public var messagePct: Int64?
        public var messageLimitSource: String?

        init(totalCostUSD: Double, totalTokens: Int64, totalOutputTokens: Int64, totalCalls: Int64) {
            self.totalCostUSD = totalCostUSD
            self.totalTokens = totalTokens
            self.totalOutputTokens = totalOutputTokens
            self.totalCalls = totalCalls
        }
    }

    /// `RuntimeUsageBurnRate`.
    public struct BurnRate: Equatable, Sendable {
        public var tokensPerMinute: Double
        public var outputTokensPerMinute: Double
        public var costUSDPerMinute: Double
    }

    /// `RuntimeUsagePredictions`.
    public struct Predictions: Equatable, Sendable {
        public var timeToLimitMs: Int64?
        public var safe: Bool
        /// `output_tokens`, `total_tokens` or `messages`.
        public var limitKind: String
    }

    /// `ModelUsageEntry`.
    public struct ModelEntry: Equatable, Sendable {
        public var provider: String
        public var accountKey: String
        public var model: String
        public var inputTokens: Int64
        public var outputTokens: Int64
        public var cacheReadTokens: Int64
        public var cacheWriteTokens: Int64
        public var costUSD: Double
        public var calls: Int64
        public var unpriced: Bool
        public var source = "local_jsonl_estimate"

        /// Input + output.
        public var totalTokens: Int64 { inputTokens.saturatingAdd(outputTokens) }
    }

    /// `TopSession`.
    public struct TopSession: Equatable, Sendable {
        public var sessionID: String
        public var label: String?
        public var model: String?
        public var costUSD: Double
        public var totalTokens: Int64
        public var updatedAt: String?
        public var source = "local_jsonl_estimate"
    }

    /// `RuntimeUsageResponse`.
    public struct Response: Sendable {
        public var generatedAt: PythonDateTime
        public var gatewayID: String
        public var window: Window
        public var current: Current
        public var burnRate: BurnRate
        public var predictions: Predictions
        /// Keyed by `provider/model`, in order of first appearance.
        public var perModel: [(key: String, entry: ModelEntry)]
        public var topSessions: [TopSession]
    }
}

// MARK: JSON

extension PipelineRuntimeUsage.Response {
    /// `model_dump(mode="json")`.
    public var json: PythonJSON {
        func text(_ s: String?) -> PythonJSON { s.map(PythonJSON.string) ?? .null }
        func int(_ i: Int64?) -> PythonJSON { i.map(PythonJSON.int) ?? .null }
        func float(_ d: Double?) -> PythonJSON { d.map(PythonJSON.float) ?? .null }
        let c = current
        return .object(
            PythonDict([
                ("generated_at", .string(generatedAt.isoFormat)),
                ("gateway_id", .string(gatewayID)),
                (
                    "window",
                    .object(
                        PythonDict([
                            ("key", .string(window.key)),
                            ("started_at", .string(window.startedAt.isoFormat)),
                            ("resets_at", .string(window.resetsAt.isoFormat)),
                            ("reset_in_ms", .int(window.resetInMs)),
                            ("source", .string(window.source)),
                            ("confidence", .string(window.confidence)),
                        ]))
                ),
                (
                    "current",
                    .object(
                        PythonDict([
                            ("total_cost_usd", .float(c.totalCostUSD)),
                            ("total_tokens", .int(c.totalTokens)),
                            ("total_calls", .int(c.totalCalls)),
                            ("token_limit", int(c.tokenLimit)),
                            ("token_pct", int(c.tokenPct)),
                            ("cost_limit_usd", float(c.costLimitUSD)),
                            ("cost_pct", int(c.costPct)),
                            ("total_output_tokens", .int(c.totalOutputTokens)),
                            ("token_limit_source", text(c.tokenLimitSource)),
                            ("cost_limit_source", text(c.costLimitSource)),
                            ("output_token_limit", int(c.outputTokenLimit)),
                            ("output_token_limit_pct", int(c.outputTokenLimitPct)),
                            ("output_token_limit_source", text(c.outputTokenLimitSource)),
                            ("total_token_limit", int(c.totalTokenLimit)),
                            ("total_token_limit_pct", int(c.totalTokenLimitPct)),
                            ("total_token_limit_source", text(c.totalTokenLimitSource)),
                            ("message_limit", int(c.messageLimit)),
                            ("message_pct", int(c.messagePct)),
                            ("message_limit_source", text(c.messageLimitSource)),
                        ]))
                ),
                (
                    "burn_rate",
                    .object(
                        PythonDict([
                            ("tokens_per_minute", .float(burnRate.tokensPerMinute)),
                            ("cost_usd_per_minute", .float(burnRate.costUSDPerMinute)),
                            ("output_tokens_per_minute", .float(burnRate.outputTokensPerMinute)),
                        ]))
                ),
                (
                    "predictions",
                    .object(
                        PythonDict([
                            ("time_to_limit_ms", int(predictions.timeToLimitMs)),
                            ("safe", .bool(predictions.safe)),
                            ("limit_kind", .string(predictions.limitKind)),
                        ]))
                ),
                ("per_model", .object(PythonDict(perModel.map { ($0.key, Self.json($0.entry)) }))),
                ("top_sessions", .array(topSessions.map(Self.json))),
            ]))
    }

    static func json(_ e: PipelineRuntimeUsage.ModelEntry) -> PythonJSON {
        .object(
            PythonDict([
                ("provider", .string(e.provider)),
                ("account_key", .string(e.accountKey)),
                ("model", .string(e.model)),
                ("input_tokens", .int(e.inputTokens)),
                ("output_tokens", .int(e.outputTokens)),
                ("cache_read_tokens", .int(e.cacheReadTokens)),
                ("cache_write_tokens", .int(e.cacheWriteTokens)),
                ("total_tokens", .int(e.totalTokens)),
                ("cost_usd", .float(e.costUSD)),
                ("calls", .int(e.calls)),
                ("unpriced", .bool(e.unpriced)),
                ("source", .string(e.source)),
            ]))
    }

    static func json(_ row: PipelineRuntimeUsage.TopSession) -> PythonJSON {
        .object(
            PythonDict([
                ("session_id", .string(row.sessionID)),
                ("label", row.label.map(PythonJSON.string) ?? .null),
                ("model", row.model.map(PythonJSON.string) ?? .null),
                ("cost_usd", .float(row.costUSD)),
                ("total_tokens", .int(row.totalTokens)),
                ("updated_at", row.updatedAt.map(PythonJSON.string) ?? .null),
                ("source", .string(row.source)),
            ]))
    }

    /// Where a float the endpoint would send is NaN or infinite (Starlette refuses those with HTTP 500).
    var nonFiniteFloatPaths: [String] {
        var paths: [(String, Double?)] = [
            ("current.total_cost_usd", current.totalCostUSD), ("current.cost_limit_usd", current.costLimitUSD),
            ("burn_rate.tokens_per_minute", burnRate.tokensPerMinute),
            ("burn_rate.cost_usd_per_minute", burnRate.costUSDPerMinute),
        ]
        paths += perModel.map { ("per_model[\"\($0.key)\"].cost_usd", $0.entry.costUSD) }
        paths += topSessions.enumerated().map { ("top_sessions[\($0.offset)].cost_usd", $0.element.costUSD) }
        return paths.compactMap { path, value in value.map { $0.isFinite } == false ? path : nil }
    }
}
