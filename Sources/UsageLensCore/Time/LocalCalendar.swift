import Foundation

/// Local calendar arithmetic in one time zone, fast enough to run per event.
///
/// A zone's UTC offset changes only at transitions, which fall on quarter hours; offsets are cached per
/// 15-minute slot, so Foundation is asked once per slot that holds events, not once per event.
/// Not thread-safe: it caches offsets; give each thread its own.
public final class LocalCalendar {
    public let zone: TimeZone
    /// The zone's name as the user gave it (Foundation on Linux reports `UTC` as `GMT`).
    public let identifier: String
    private var offsets: [Int64: Int32] = [:]
    /// The last slot asked for, as the instants it covers (`lastStart ..< lastEnd`, empty at first), and its
    /// offset: events come in time order, many to a slot, and two comparisons find them there.
    private var lastStart: Int64 = 1
    private var lastEnd: Int64 = 0
    private var lastOffset = 0

    public init(zone: TimeZone, identifier: String? = nil) {
        self.zone = zone
        self.identifier = identifier ?? zone.identifier
    }

    /// Loads an IANA zone.
    /// - Throws: `UsageLensError` (`.usage`) for an unknown name.
    public convenience init(identifier: String) throws {
        guard let zone = TimeZone(identifier: identifier) else {
            throw UsageLensError(
                .usage, "unknown time zone '\(identifier)' (use an IANA name such as UTC, Europe/Berlin, Asia/Kolkata)")
        }
        self.init(zone: zone, identifier: identifier)
    }

    /// The zone's offset from UTC in seconds at an instant.
    public func offsetSeconds(at ms: Int64) -> Int {
        if ms >= lastStart && ms < lastEnd { return lastOffset }
        let slot = ms >= 0 ? ms / 900_000 : (ms - 899_999) / 900_000
        let offset: Int
        if let cached = offsets[slot] {
            offset = Int(cached)
        } else {
            offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(slot * 900)))
            offsets[slot] = Int32(offset)
        }
        (lastStart, lastEnd, lastOffset) = (slot &* 900_000, slot &* 900_000 &+ 900_000, offset)
        return offset
    }

    /// Milliseconds since 1970 in local wall-clock time (as if the local time were UTC).
    @inline(__always) public func local(_ ms: Int64) -> Int64 {
        ms + Int64(offsetSeconds(at: ms)) * 1000
    }

    /// The local day number (days since 1970-01-01 in local time).
    @inline(__always) public func localDay(_ ms: Int64) -> Int {
        let l = local(ms)
        return Int(l >= 0 ? l / 86_400_000 : (l - 86_399_999) / 86_400_000)
    }

    /// The UTC instant of a local wall-clock time (ms, as if UTC). A time that occurs twice (fall back) gives
    /// the first occurrence; a time skipped by a gap (spring forward) is read with the offset before the gap,
    /// which lands as far after the gap's start as the time is (a midnight skipped by DST gives the day's first
    /// instant).
    public func instant(ofLocal localMs: Int64) -> Int64 {
        let before = Int64(offsetSeconds(at: localMs - 86_400_000)) * 1000
        let after = Int64(offsetSeconds(at: localMs + 86_400_000)) * 1000
        let candidates = [localMs - before, localMs - after].filter { local($0) == localMs }
        return candidates.min() ?? localMs - before
    }
}
