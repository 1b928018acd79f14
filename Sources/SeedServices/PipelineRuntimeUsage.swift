import UsageLensCore

/// `GET /gateways/{id}/runtime-usage` of the Pipeline service, reproduced field for field.
///
/// The service (`get_runtime_usage` in Pipeline's `app/services/openclaw/runtime_usage.py`) asks its gateway for
/// `usage.cost`, `usage.status` and `sessions.list`, and turns the replies into a window, totals with typed limits,
/// a burn rate, a prediction, per-model rows and the top sessions. This type does the same from saved replies,
/// with the service's Python semantics: its key conventions, its number and timestamp parsing
/// (`datetime.fromisoformat` of CPython 3.11), its rounding and its quirks. docs/endpoints.md lists each choice
/// where the service is ambiguous or would fail.
///
/// The computation is pure: replies, `now` and prices in, a `Response` and notes out.
public enum PipelineRuntimeUsage {
    /// The gateway's replies, as the service receives them.
    public struct Replies: Sendable {
        /// `usage.cost` (an empty dict when the gateway gave none).
        public var cost: PythonDict
        /// The sessions `_parse_sessions` takes from `usage.cost`, used only when `listedSessions` is empty.
        public var costSessions: [PythonDict]
        /// `sessions.list`'s `sessions`, every element (objects or not), in order.
        public var listedSessions: [PythonJSON]
        /// `usage.status` (an empty dict when the gateway gave none or not an object).
        public var status: PythonDict

        public init(
            cost: PythonDict = PythonDict(), costSessions: [PythonDict]? = nil, listedSessions: [PythonJSON] = [],
            status: PythonDict = PythonDict()
        ) {
            self.cost = cost
            self.costSessions = costSessions ?? PipelineRuntimeUsage.sessions(inCostReply: cost)
            self.listedSessions = listedSessions
            self.status = status
        }
    }

    /// What the service takes besides the replies.
    public struct Parameters: Sendable {
        /// `utcnow()`: naive UTC.
        public var now: PythonDateTime
        public var accountKey: String
        /// The gateway's id as it is echoed (a lowercase hyphenated UUID).
        public var gatewayID: String
        public var prices: Prices

        public init(
            now: PythonDateTime, accountKey: String = "default",
            gatewayID: String = "00000000-0000-0000-0000-000000000000", prices: Prices = .seedDefaults
        ) {
            self.now = now
            self.accountKey = accountKey
            self.gatewayID = gatewayID
            self.prices = prices
        }
    }

    /// The response, and what in the input the service would have failed on or that could not be reproduced.
    public struct Result: Sendable {
        public var response: Response
        public var notes: [String]
    }

    /// Collects notes once each, in the order they arise.
    final class Notes {
        private(set) var messages: [String] = []

        func add(_ message: String) {
            if !messages.contains(message) { messages.append(message) }
        }
    }

    /// The clock values the computation accepts: years 1000 through 8999, so that `now - 5h` and a reset up to
    /// 1e9 seconds later stay within Python's datetime range.
    public static let supportedNow =
        PythonDateTime(year: 1000, month: 1, day: 1)!...PythonDateTime(year: 9000, month: 1, day: 1)!

    /// A UUID as Python's `UUID(text)` reads it (hex digits with optional hyphens, braces, `urn:uuid:` prefix)
    /// and as pydantic writes it: lowercase, hyphenated. nil unless there are exactly 32 hex digits.
    public static func canonicalUUID(_ text: String) -> String? {
        var hex = PythonText.strip(text)
        for prefix in ["urn:", "uuid:"] where hex.hasPrefix(prefix) { hex.removeFirst(prefix.count) }
        hex = String(hex.unicodeScalars.filter { $0 != "{" && $0 != "}" && $0 != "-" }.map(Character.init))
        guard hex.unicodeScalars.count == 32, hex.unicodeScalars.allSatisfy({ $0.properties.isASCIIHexDigit }) else {
            return nil
        }
        let lower = Array(hex.lowercased())
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(lower[$0]) }.joined(separator: "-")
    }

    /// `get_runtime_usage`.
    ///
    /// Sessions are `sessions.list`'s objects when that list is not empty (even if none of its elements is an
    /// object), else the ones from `usage.cost`. Limits, window bounds and rate-limit resets are read from
    /// `{**cost, **status}`.
    /// - Complexity: O(s log s) in the number of sessions.
    public static func compute(_ replies: Replies, _ parameters: Parameters) -> Result {
        let notes = Notes()
        let sessions =
            replies.listedSessions.isEmpty ? replies.costSessions : replies.listedSessions.compactMap(\.object)
        var mergedStatus = replies.cost
        mergedStatus.update(with: replies.status)
        let now = parameters.now

        let oldest = oldestActiveTimestamp(sessions, now: now, notes: notes)
        let perModel = aggregatePerModel(sessions, accountKey: parameters.accountKey, prices: parameters.prices, notes: notes)
        let window = buildWindow(mergedStatus, now: now, oldestEventTimestamp: oldest, notes: notes)
        let current = buildCurrent(perModel.map(\.entry), status: mergedStatus, notes: notes)
        let burnRate = computeBurnRate(sessions, now: now, notes: notes)
        let predictions = buildPredictions(current, burnRate: burnRate, window: window)
        let top = topSessions(sessions, prices: parameters.prices, notes: notes)
        let response = Response(
            generatedAt: now, gatewayID: parameters.gatewayID, window: window, current: current, burnRate: burnRate,
            predictions: predictions, perModel: perModel, topSessions: top)
        for path in response.nonFiniteFloatPaths {
            notes.add("\(path) is not a finite number: written as null (the service would fail to serialise it)")
        }
        return Result(response: response, notes: notes.messages)
    }
}
