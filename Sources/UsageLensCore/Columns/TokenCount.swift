/// The bounds of token counts, and arithmetic on them that never wraps.
///
/// No single request, session or log line holds more than `limit` tokens (the largest context windows are
/// millions; a gateway session's lifetime total, billions): a count beyond it is damage, and its line is
/// malformed. With every stored count at most `limit`, a sum over rows could still pass `Int64.max` only after
/// about 9 million such rows; sums saturate there instead of wrapping (the core is built `-Ounchecked`, where
/// `+` wraps silently).
public enum TokenCount {
    /// The largest count one event may hold: 10^12 tokens.
    public static let limit: Int64 = 1_000_000_000_000

    /// The first count of `row` outside `0...limit`, if any.
    @inline(__always)
    static func outOfRange(_ row: EventRow) -> Int64? {
        for count in [
            row.inputTokens, row.outputTokens, row.reasoningTokens, row.cacheReadTokens, row.cacheWrite5mTokens,
            row.cacheWrite1hTokens,
        ] where count < 0 || count > limit {
            return count
        }
        return nil
    }

    static func message(_ count: Int64) -> String {
        let shown = count == .max || count < 0 ? "a token count too large for 64 bits" : "token count \(count)"
        return "\(shown) is beyond what any log holds (the limit is 10^12)"
    }
}

extension Int64 {
    /// `self + other`, or `Int64.max` (`Int64.min`) where that would overflow.
    @inline(__always)
    public func addingSaturating(_ other: Int64) -> Int64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? (other > 0 ? .max : .min) : sum
    }

    /// Adds `other`, saturating at the bounds of `Int64`.
    @inline(__always)
    public static func +| (a: inout Int64, other: Int64) {
        a = a.addingSaturating(other)
    }
}

infix operator +|: AssignmentPrecedence
