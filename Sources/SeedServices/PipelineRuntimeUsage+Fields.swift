import UsageLensCore

/// How the seed reads loosely shaped gateway dictionaries: its `_get_float`, `_get_int`, `_get_str`,
/// `_get_explicit_cost`, `_parse_session_usage` and `_parse_sessions`, with Python's conversions.
extension PipelineRuntimeUsage {
    /// Token counts of one session, under the seed's key conventions.
    public struct TokenCounts: Equatable, Sendable {
        public var input: Int64
        public var output: Int64
        public var cacheRead: Int64
        public var cacheWrite: Int64
    }

    /// `float(value)` on a JSON value: bools are 1.0/0.0, strings go through Python's `float()`, lists and
    /// objects fail. nil where Python raises (including an integer too large for a float, an `OverflowError`
    /// the seed does not catch, reported in `notes`).
    static func pythonFloat(_ value: PythonJSON, notes: Notes) -> Double? {
        switch value {
        case .null, .array, .object: return nil
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return Double(i)
        case .float(let d): return d
        case .string(let s): return PythonFloat.parse(s)
        case .bigInt(let text):
            guard let d = Double(text), d.isFinite else {
                notes.add("an integer too large for a float (\(text.prefix(20))...) is ignored; the service would fail")
                return nil
            }
            return d
        }
    }

    /// `_get_float(d, *keys, default=...)`: the first key whose value converts, else the default.
    static func getFloat(_ d: PythonDict, _ keys: [String], default fallback: Double = 0, notes: Notes) -> Double {
        for key in keys {
            if let value = d[key], let f = pythonFloat(value, notes: notes) { return f }
        }
        return fallback
    }

    /// `_get_int`: `int(_get_float(...))`, truncated toward zero. A non-finite number makes Python's `int()`
    /// raise (the service would answer HTTP 500); here that key counts as unparseable and the next is tried.
    static func getInt(_ d: PythonDict, _ keys: [String], default fallback: Int64 = 0, notes: Notes) -> Int64 {
        for key in keys {
            guard let value = d[key], let f = pythonFloat(value, notes: notes) else { continue }
            guard f.isFinite else {
                notes.add("\"\(key)\" is \(f) where an integer is needed; skipped (the service would fail)")
                continue
            }
            return PythonFloat.truncatedInt(f)
        }
        return fallback
    }

    /// `_get_str`: the first value that is a string with something besides whitespace, stripped.
    static func getString(_ d: PythonDict, _ keys: [String]) -> String? {
        for key in keys {
            if case .string(let s)? = d[key] {
                let stripped = PythonText.strip(s)
                if !stripped.unicodeScalars.isEmpty { return stripped }
            }
        }
        return nil
    }

    /// `isinstance(value, (int, float)) and value > 0`, then `float(value)`.
    private static func positiveNumber(_ value: PythonJSON?, notes: Notes) -> Double? {
        switch value {
        case .bool(true)?: return 1
        case .int(let i)? where i > 0: return Double(i)
        case .float(let d)? where d > 0: return d
        case .bigInt(let text)? where !text.hasPrefix("-"): return pythonFloat(.bigInt(text), notes: notes)
        default: return nil
        }
    }

    /// `_get_explicit_cost`: `usage.cost.total` when a positive number, else `usage.cost` when a positive number,
    /// else the first of `cost`, `cost_usd`, `costUsd` that converts (any sign; numeric strings count), else 0.
    static func explicitCost(_ session: PythonDict, notes: Notes) -> Double {
        if case .object(let usage)? = session["usage"] {
            let block = usage["cost"]
            if case .object(let costBlock)? = block, let total = positiveNumber(costBlock["total"], notes: notes) {
                return total
            }
            if let flat = positiveNumber(block, notes: notes) { return flat }
        }
        return getFloat(session, ["cost", "cost_usd", "costUsd"], notes: notes)
    }

    /// `_parse_session_usage`: counts from the first truthy of `usage` and `tokens` (ignored unless an object),
    /// each falling back to the session's own snake/camel keys when it reads 0.
    static func tokenCounts(_ session: PythonDict, notes: Notes) -> TokenCounts {
        var usage = PythonDict()
        let block = [session["usage"], session["tokens"]].compactMap { $0 }.first { $0.isTruthy }
        if case .object(let object)? = block { usage = object }
        func count(_ usageKeys: [String], _ sessionKeys: [String]) -> Int64 {
            let fromUsage = getInt(usage, usageKeys, notes: notes)
            return fromUsage != 0 ? fromUsage : getInt(session, sessionKeys, notes: notes)
        }
        return TokenCounts(
            input: count(["input_tokens", "inputTokens", "input"], ["input_tokens", "inputTokens"]),
            output: count(["output_tokens", "outputTokens", "output"], ["output_tokens", "outputTokens"]),
            cacheRead: count(
                ["cache_read_input_tokens", "cacheReadTokens", "cache_read"], ["cache_read_tokens", "cacheReadTokens"]),
            cacheWrite: count(
                ["cache_creation_input_tokens", "cacheWriteTokens", "cache_write"],
                ["cache_write_tokens", "cacheWriteTokens"]))
    }

    /// The window keys `_parse_sessions` looks under, in its order.
    public static let costWindowKeys = ["5hour", "5h", "today", "week", "7day", "data"]

    /// `_parse_sessions` on one `usage.cost` reply: a top-level `sessions` list, else the first window key holding
    /// an object with a `sessions` list or holding a list itself (an empty list ends the search). Elements that are
    /// not objects are dropped.
    static func sessions(inCostReply reply: PythonDict) -> [PythonDict] {
        func objects(_ items: [PythonJSON]) -> [PythonDict] { items.compactMap(\.object) }
        if case .array(let flat)? = reply["sessions"] { return objects(flat) }
        for key in costWindowKeys {
            switch reply[key] {
            case .object(let bucket)?:
                if case .array(let nested)? = bucket["sessions"] { return objects(nested) }
            case .array(let list)?:
                return objects(list)
            default:
                continue
            }
        }
        return []
    }
}
