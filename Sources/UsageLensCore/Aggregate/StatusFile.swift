import Foundation

/// A Pipeline gateway `usage.status` reply given with `--status FILE`: typed limits, explicit window bounds
/// and rate-limit reset fields, read with the Pipeline service's key names.
public struct StatusFile: Sendable {
    public var totalTokenLimit: Int64?
    public var outputTokenLimit: Int64?
    public var messageLimit: Int64?
    public var costLimitUSD: Double?
    /// The ambiguous legacy `tokenLimit`, kept apart from the typed limits as the Pipeline service does.
    public var legacyTokenLimit: Int64?
    public var windowStart: Int64?
    public var windowEnd: Int64?
    /// The earliest reset among rate-limit fields (`anthropic_ratelimit_*_reset`, `x-ratelimit-reset-*`, ...).
    public var headerReset: Int64?
    /// `provider_api_rate_limit` when the file carries rate-limit headers, else `configured_limit`.
    public var limitSource: String

    /// The highest token or message limit a status file may give.
    public static let maxCountLimit: Double = 1e15
    /// The highest cost limit a status file may give, in USD.
    public static let maxCostLimitUSD: Double = 1e12

    /// Reads the file; a reset given as a delta or Go duration is taken relative to `now`.
    /// - Throws: `UsageLensError` (`.usage`) naming the file when it cannot be read, is not a JSON object, or
    ///   gives a limit that is not a number in range (see `parse(_:now:file:)`).
    public static func load(path: String, now: Int64) throws -> StatusFile {
        var members: [(String, JSONValue)] = []
        do {
            let source = try FileDescriptorSource(path: path)
            try JSONMemberReader.read(source.read(into:)) { members.append(($0.key, $0.value)) }
        } catch let failure as JSONMemberReader.Failure {
            let reply = "the status file must hold a JSON object (a usage.status reply)"
            switch failure {
            case .invalid(let why): throw UsageLensError(.usage, "\(reply); it is not valid JSON (\(why))", file: path)
            case .notAnObject(let kind): throw UsageLensError(.usage, "\(reply), not \(kind)", file: path)
            case .tooDeep:
                throw UsageLensError(
                    .usage, "the status file nests deeper than \(JSONMemberReader.maxDepth) levels", file: path)
            }
        } catch let error as UsageLensError where error.kind == .io {
            throw UsageLensError(.usage, "cannot read the status file (\(error.message))", file: path)
        }
        return try parse(.object(members), now: now, file: path)
    }

    /// Reads an already decoded `usage.status` object.
    ///
    /// Limits are read as the Pipeline service reads them: a number or a numeric string, 0 meaning no limit,
    /// fractions cut; null or a blank string is no value, and the next spelling of the field is tried.
    /// - Throws: `UsageLensError` (`.usage`, `file`) naming the field when a limit is anything else: negative,
    ///   not finite, above `maxCountLimit` (tokens, messages) or `maxCostLimitUSD`, a boolean, a container, or a
    ///   string that is no number.
    public static func parse(_ raw: JSONValue, now: Int64, file: String? = nil) throws -> StatusFile {
        func number(_ keys: [String], bound: Double, range: String) throws -> Double? {
            for key in keys {
                guard let value = raw[key] else { continue }
                let number: Double?
                switch value {
                case .null: continue
                case .int(let v): number = Double(v)
                case .double(let d): number = d
                case .string(let s):
                    let text = s.trimmingCharacters(in: .whitespaces)
                    if text.isEmpty { continue }
                    number = Double(text)
                default: number = nil
                }
                if let number, number >= 0, number <= bound { return number }
                throw UsageLensError(
                    .usage,
                    "\(key): limit must be a number \(range), got \(PriceTable.describe(value))",
                    file: file)
            }
            return nil
        }
        func limit(_ keys: String..., unit: String) throws -> Int64? {
            try number(keys, bound: maxCountLimit, range: "from 0 to 1e15 \(unit)").flatMap {
                Int64($0) == 0 ? nil : Int64($0)
            }
        }
        func instant(_ keys: String...) -> Int64? {
            for key in keys {
                if case .string(let s)? = raw[key], !s.trimmingCharacters(in: .whitespaces).isEmpty {
                    return Timestamp.parse(s.trimmingCharacters(in: .whitespaces))
                }
            }
            return nil
        }
        var headers: [String: String] = [:]
        if case .object(let members) = raw {
            for (key, value) in members {
                switch value {
                case .string(let s): headers[key] = s
                case .int(let v): headers[key] = String(v)
                case .double(let d): headers[key] = "\(d)"
                default: break
                }
            }
        }
        let hasHeaders = ["x_ratelimit_remaining", "x_ratelimit_limit", "anthropic_ratelimit_remaining", "anthropic_ratelimit_limit"]
            .contains { key in raw[key].map { !isFalsy($0) } ?? false }
        let cost = try number(
            ["costLimit", "cost_limit", "costLimitUsd"], bound: maxCostLimitUSD, range: "from 0 to 1e12 USD")
        return StatusFile(
            totalTokenLimit: try limit("totalTokenLimit", "total_token_limit", unit: "tokens"),
            outputTokenLimit: try limit("outputTokenLimit", "output_token_limit", unit: "tokens"),
            messageLimit: try limit("messageLimit", "message_limit", "requestLimit", "request_limit", unit: "messages"),
            costLimitUSD: cost.flatMap { $0 == 0 ? nil : $0 },
            legacyTokenLimit: try limit("tokenLimit", "token_limit", unit: "tokens"),
            windowStart: instant("windowStart", "window_start", "period_start", "started_at"),
            windowEnd: instant("windowEnd", "window_end", "period_end", "resets_at"),
            headerReset: ResetTime.earliestReset(in: headers, now: now),
            limitSource: hasHeaders ? "provider_api_rate_limit" : "configured_limit")
    }

    private static func isFalsy(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let s): return s.isEmpty
        case .int(let v): return v == 0
        case .double(let d): return d == 0
        case .bool(let b): return !b
        case .null: return true
        case .object, .array: return false  // a container present is a value, as before
        }
    }
}
