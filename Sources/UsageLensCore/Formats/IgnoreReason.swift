/// Why a valid line gave no event (DESIGN 3, "Accounting"): every ignored line has exactly one reason.
///
/// Malformed is for text that is not valid JSON or is cut off; a well-formed line with nothing to count is
/// ignored with one of these, so `--strict` passes on well-formed files and `check` says where the lines went.
public enum IgnoreReason: Int, CaseIterable, Sendable, Comparable {
    /// The line holds no key any format reads; skipped unparsed by the prefilter.
    case noUsageFields
    /// Valid JSON of a known or unknown shape that carries no usage (a user turn, a `turn_context`, state).
    case notAnEvent
    /// Usage without a timestamp that can be read: it cannot be placed in time.
    case noTimestamp
    /// Usage whose every count is zero (and no cost).
    case zeroUsage
    /// A message the client wrote itself (model `<synthetic>`), never billed.
    case synthetic
    /// An API error message (it may still carry a limit-reset observation).
    case apiError
    /// Usage a tool logged again: a cumulative total written again unchanged, or the parent's history replayed
    /// at the start of a subagent or forked session.
    case replay

    /// The name `check` prints.
    public var name: String {
        switch self {
        case .noUsageFields: return "no usage fields"
        case .notAnEvent: return "not an event"
        case .noTimestamp: return "no timestamp"
        case .zeroUsage: return "zero usage"
        case .synthetic: return "synthetic"
        case .apiError: return "api error"
        case .replay: return "replay"
        }
    }

    public static func < (a: IgnoreReason, b: IgnoreReason) -> Bool { a.rawValue < b.rawValue }
}

/// Ignored lines per reason; the counts add up to `FileAccount.ignored`.
public struct IgnoreCounts: Equatable, Sendable {
    private var counts = [Int](repeating: 0, count: IgnoreReason.allCases.count)

    public init() {}

    public subscript(reason: IgnoreReason) -> Int {
        get { counts[reason.rawValue] }
        set { counts[reason.rawValue] = newValue }
    }

    /// The reasons with a count, in the order of `IgnoreReason`.
    public var nonZero: [(IgnoreReason, Int)] {
        IgnoreReason.allCases.compactMap { counts[$0.rawValue] > 0 ? ($0, counts[$0.rawValue]) : nil }
    }

    public var total: Int { counts.reduce(0, +) }

    /// Adds another file's (or range's) counts. The empty value is the identity.
    public mutating func merge(_ other: IgnoreCounts) {
        for i in counts.indices { counts[i] += other.counts[i] }
    }
}
