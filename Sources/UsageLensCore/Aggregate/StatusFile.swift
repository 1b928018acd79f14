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

    /// Reads the file; a reset given as a delta or Go duration is taken relative to `now`.
    /// - Throws: `UsageLensError` (`.usage`) naming the file when it cannot be read or is not a JSON object.
    public static func load(path: String, now: Int64) throws -> StatusFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UsageLensError(.usage, "cannot read the status file", file: path)
        }
        guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw UsageLensError(.usage, "the status file must hold a JSON object (a usage.status reply)", file: path)
        }
        return parse(root, now: now)
    }

    /// Reads an already decoded `usage.status` object.
    public static func parse(_ raw: [String: Any], now: Int64) -> StatusFile {
        // The Pipeline service reads numbers and numeric strings alike; 0 means "no limit".
        func number(_ keys: String...) -> Double? {
            for key in keys {
                if let n = raw[key] as? NSNumber { return n.doubleValue }
                if let s = raw[key] as? String, let d = Double(s.trimmingCharacters(in: .whitespaces)) { return d }
            }
            return nil
        }
        func limit(_ keys: String...) -> Int64? {
            for key in keys {
                if let d = number(key), d.isFinite, abs(d) < 9.2e18 { return Int64(d) == 0 ? nil : Int64(d) }
            }
            return nil
        }
        func instant(_ keys: String...) -> Int64? {
            for key in keys {
                if let s = raw[key] as? String, !s.trimmingCharacters(in: .whitespaces).isEmpty {
                    return Timestamp.parse(s.trimmingCharacters(in: .whitespaces))
                }
            }
            return nil
        }
        var headers: [String: String] = [:]
        for (key, value) in raw {
            if let s = value as? String { headers[key] = s } else if let n = value as? NSNumber { headers[key] = n.stringValue }
        }
        let hasHeaders = ["x_ratelimit_remaining", "x_ratelimit_limit", "anthropic_ratelimit_remaining", "anthropic_ratelimit_limit"]
            .contains { key in raw[key].map { !isFalsy($0) } ?? false }
        let cost = number("costLimit", "cost_limit", "costLimitUsd")
        return StatusFile(
            totalTokenLimit: limit("totalTokenLimit", "total_token_limit"),
            outputTokenLimit: limit("outputTokenLimit", "output_token_limit"),
            messageLimit: limit("messageLimit", "message_limit", "requestLimit", "request_limit"),
            costLimitUSD: cost.flatMap { $0 == 0 ? nil : $0 },
            legacyTokenLimit: limit("tokenLimit", "token_limit"),
            windowStart: instant("windowStart", "window_start", "period_start", "started_at"),
            windowEnd: instant("windowEnd", "window_end", "period_end", "resets_at"),
            headerReset: ResetTime.earliestReset(in: headers, now: now),
            limitSource: hasHeaders ? "provider_api_rate_limit" : "configured_limit")
    }

    private static func isFalsy(_ value: Any) -> Bool {
        if let s = value as? String { return s.isEmpty }
        if let n = value as? NSNumber { return n.doubleValue == 0 }
        return value is NSNull
    }
}
