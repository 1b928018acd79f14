/// Rate-limit reset values, as providers send them in headers and the Pipeline gateway in `usage.status`,
/// resolved to milliseconds since 1970 UTC.
///
/// The rules follow the Pipeline runtime usage service (`_parse_rate_limit_reset_value`,
/// `_extract_rate_limit_reset_at`) and, for Go durations, which that service does not read, DESIGN 6 and Go's
/// `time.ParseDuration`. No Foundation date formatter is involved.
public enum ResetTime {
    /// A reset value as found in a header or status field, relative to `now` (ms since the epoch) where it is a delta.
    /// Surrounding whitespace is ignored. Tried in this order, as in the Pipeline seed:
    /// 1. RFC 3339 text (`Timestamp.parse`: `Z`, an offset, a fraction, or none, which is UTC).
    /// 2. A decimal number (sign, fraction and exponent allowed; not hex, `inf`, `nan` or `1_000`), classified
    ///    by `parse(number:now:)`.
    /// 3. A Go duration (`1m30s`, `6ms`, `1.5s`, `1h2m3.5s`, `500us`, `100ns`; see `goDuration(_:)`) added to `now`.
    ///    A negative duration is nil, like a negative number; the instant is rounded down to whole ms.
    ///
    /// HTTP-date text (`Wed, 21 Oct 2015 07:28:00 GMT`, allowed in `retry-after`) is not read: nil, as in the seed.
    /// - Returns: ms since the epoch, nil when unparseable.
    public static func parse(_ text: String, now: Int64) -> Int64? {
        var t = Substring(text)
        while let c = t.first, c.isWhitespace { t = t.dropFirst() }
        while let c = t.last, c.isWhitespace { t = t.dropLast() }
        guard !t.isEmpty else { return nil }
        let s = String(t)
        if let instant = Timestamp.parse(s) { return instant }
        if let number = decimal(s) { return parse(number: number, now: now) }
        if let ns = goDurationNanoseconds(Array(s.utf8)), ns >= 0 { return add(now, ns / 1_000_000) }
        return nil
    }

    /// A numeric reset value, classified by magnitude exactly as the Pipeline seed does
    /// (`_parse_rate_limit_reset_value`):
    /// - `>= 1e12`: epoch milliseconds;
    /// - `>= 1e9` (2001-09-09 in seconds): epoch seconds;
    /// - `>= 0`: delta seconds after `now` (so a delta can reach ~31.7 years before it reads as an epoch);
    /// - negative, NaN or infinite: nil.
    ///
    /// Epochs go through `Timestamp.fromEpoch` (rounded down to ms; nil at or above 1e16). A delta is resolved to
    /// the microsecond like Python's `timedelta`, then rounded down to ms (`1.005` is 1005 ms, not 1004).
    public static func parse(number: Double, now: Int64) -> Int64? {
        guard number.isFinite, number >= 0 else { return nil }
        if number >= 1e9 { return Timestamp.fromEpoch(number) }
        let micros = Int64((number * 1_000_000).rounded(.toNearestOrEven))
        return add(now, micros / 1000)
    }

    /// A Go duration (`time.ParseDuration`) in milliseconds, fractional ms kept exactly as Go keeps nanoseconds
    /// (`500us` is 0.5, `100ns` is 0.0001); nil if `text` is not a Go duration.
    ///
    /// The grammar is Go's: an optional sign, then one or more `number unit` pairs, where a number is decimal with
    /// an optional fraction (`1.5`, `.5`, `1.`) and a unit is `ns`, `us`, `µs` (U+00B5), `μs` (U+03BC), `ms`, `s`,
    /// `m` or `h`; units may repeat and come in any order (`1s1h`). `0` alone is valid; any other number needs a
    /// unit (`30` is nil here; `parse` reads it as delta seconds). Digits beyond nanoseconds are truncated, totals
    /// beyond Go's range (about 292 years) are nil, and whitespace is not trimmed. A negative duration (`-5s`) is
    /// a valid duration here (-5000); only `parse` rejects it.
    ///
    /// The Pipeline provider seed reads only `h`, `m`, `s` (with integer hours and minutes); this is a superset.
    public static func goDuration(_ text: String) -> Double? {
        goDurationNanoseconds(Array(text.utf8)).map { Double($0) / 1_000_000 }
    }

    /// The earliest reset among the rate-limit reset fields of a header or status dictionary, relative to `now`.
    ///
    /// Keys compare case-insensitively with `-` and `_` equivalent. A key counts when, so normalised, it contains
    /// both `ratelimit` and `reset` — the rule of the seed's fallback in `_extract_rate_limit_reset_at`, which covers
    /// its explicit keys (`x_ratelimit_reset`, `x_ratelimit_reset_tokens`, `x_ratelimit_reset_requests`,
    /// `ratelimit_reset`, `anthropic_ratelimit_reset`, `anthropic_ratelimit_{tokens,requests,input_tokens}_reset`)
    /// and the provider headers `anthropic-ratelimit-*-reset` and `x-ratelimit-reset-*` — or when it is
    /// `retry-after` (which the seed does not read; DESIGN 6 lists it with the logged headers). `x-rate-limit-reset`
    /// (a dash inside "ratelimit") does not count, as in the seed. Each value is read by `parse(_:now:)`;
    /// unparseable values are skipped, and resets already in the past are kept, as in the seed.
    ///
    /// Where several parse, the earliest instant wins. This differs from the seed, which returns the first
    /// parseable value in the explicit key order above and then in dictionary order; `[String: String]` has no
    /// order, and the earliest reset is the conservative end for a window.
    /// - Returns: ms since the epoch, nil when no field parses.
    public static func earliestReset(in fields: [String: String], now: Int64) -> Int64? {
        var earliest: Int64?
        for (key, value) in fields where isResetKey(key) {
            if let at = parse(value, now: now), at < (earliest ?? .max) { earliest = at }
        }
        return earliest
    }

    /// Whether a header or status key names a reset value (see `earliestReset(in:now:)`).
    static func isResetKey(_ key: String) -> Bool {
        let k = String(key.lowercased().map { $0 == "-" ? "_" : $0 })
        return k == "retry_after" || (k.contains("ratelimit") && k.contains("reset"))
    }

    static func add(_ now: Int64, _ delta: Int64) -> Int64? {
        let (sum, overflow) = now.addingReportingOverflow(delta)
        return overflow ? nil : sum
    }

    /// Python-`float()`-like decimal text: `[+-]?(d+(.d*)?|.d+)([eE][+-]?d+)?`.
    static func decimal(_ s: String) -> Double? {
        let b = Array(s.utf8)
        var i = 0
        func digits() -> Int {
            let start = i
            while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
            return i - start
        }
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
        var mantissa = digits()
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            mantissa += digits()
        }
        guard mantissa > 0 else { return nil }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return nil }
        }
        guard i == b.count else { return nil }
        return Double(s)
    }

    /// Go's `time.ParseDuration` over UTF-8 bytes, in nanoseconds.
    static func goDurationNanoseconds(_ b: [UInt8]) -> Int64? {
        var i = 0
        var negative = false
        if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") {
            negative = b[i] == UInt8(ascii: "-")
            i += 1
        }
        if b.count - i == 1, b[i] == UInt8(ascii: "0") { return 0 }
        guard i < b.count else { return nil }
        let limit: UInt64 = 1 << 63
        var total: UInt64 = 0
        @inline(__always) func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        while i < b.count {
            guard b[i] == UInt8(ascii: ".") || isDigit(b[i]) else { return nil }
            // Integer part; overflow is an error, as in Go's leadingInt.
            var whole: UInt64 = 0
            let wholeStart = i
            while i < b.count, isDigit(b[i]) {
                guard whole <= (limit - 1) / 10 else { return nil }
                whole = whole * 10 + UInt64(b[i] - 48)
                guard whole <= limit else { return nil }
                i += 1
            }
            let hasWhole = i > wholeStart
            // Fraction; digits past what fits are dropped, as in Go's leadingFraction.
            var fraction: UInt64 = 0
            var scale = 1.0
            var hasFraction = false
            if i < b.count, b[i] == UInt8(ascii: ".") {
                i += 1
                let fractionStart = i
                var overflowed = false
                while i < b.count, isDigit(b[i]) {
                    if !overflowed {
                        if fraction > (limit - 1) / 10 {
                            overflowed = true
                        } else {
                            let next = fraction * 10 + UInt64(b[i] - 48)
                            if next > limit {
                                overflowed = true
                            } else {
                                fraction = next
                                scale *= 10
                            }
                        }
                    }
                    i += 1
                }
                hasFraction = i > fractionStart
            }
            guard hasWhole || hasFraction else { return nil }
            // Unit: everything up to the next digit or dot.
            let unitStart = i
            while i < b.count, b[i] != UInt8(ascii: "."), !isDigit(b[i]) { i += 1 }
            guard let unit = unitNanoseconds(b[unitStart..<i]) else { return nil }
            guard whole <= limit / unit else { return nil }
            var value = whole * unit
            if fraction > 0 {
                value += UInt64(Double(fraction) * (Double(unit) / scale))
                guard value <= limit else { return nil }
            }
            let (sum, overflow) = total.addingReportingOverflow(value)
            guard !overflow, sum <= limit else { return nil }
            total = sum
        }
        if negative { return total == limit ? Int64.min : -Int64(total) }
        guard total < limit else { return nil }
        return Int64(total)
    }

    static func unitNanoseconds(_ u: ArraySlice<UInt8>) -> UInt64? {
        switch Array(u) {
        case [0x6E, 0x73]: return 1  // ns
        case [0x75, 0x73], [0xC2, 0xB5, 0x73], [0xCE, 0xBC, 0x73]: return 1_000  // us, µs (U+00B5), μs (U+03BC)
        case [0x6D, 0x73]: return 1_000_000  // ms
        case [0x73]: return 1_000_000_000  // s
        case [0x6D]: return 60_000_000_000  // m
        case [0x68]: return 3_600_000_000_000  // h
        default: return nil
        }
    }
}
