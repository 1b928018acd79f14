/// Parses `--since` / `--until` values into instants.
public enum TimeRange {
    /// A date (`2025-10-14` or `20251014`) is a whole local day: `since` starts at its local midnight and
    /// `until` includes it (ends at the next local midnight). An RFC 3339 instant is used as is: `since`
    /// inclusive, `until` exclusive.
    /// - Throws: `UsageLensError` (`.usage`) naming the option and the accepted forms.
    public static func resolve(since: String?, until: String?, calendar: LocalCalendar) throws -> (Int64?, Int64?) {
        func parse(_ text: String, option: String, isUntil: Bool) throws -> Int64 {
            var date = text
            if date.count == 8, date.allSatisfy(\.isNumber) {
                let c = Array(date)
                date = String(c[0..<4]) + "-" + String(c[4..<6]) + "-" + String(c[6..<8])
            }
            if date.count == 10, let midnight = Timestamp.parse(date) {
                let day = midnight / 86_400_000 + (isUntil ? 1 : 0)
                return calendar.instant(ofLocal: day * 86_400_000)
            }
            if text.count > 10, let instant = Timestamp.parse(text) {
                let hasOffset = text.hasSuffix("Z") || text.hasSuffix("z") || text.dropFirst(11).contains("+")
                    || text.dropFirst(11).contains("-")
                // A wall-clock time without an offset is read in the report's zone.
                return hasOffset ? instant : calendar.instant(ofLocal: instant)
            }
            throw UsageLensError(
                .usage,
                "\(option) '\(text)': expected a date (2025-10-14 or 20251014) or an RFC 3339 instant (2025-10-14T09:00:00Z)"
            )
        }
        let start = try since.map { try parse($0, option: "--since", isUntil: false) }
        let end = try until.map { try parse($0, option: "--until", isUntil: true) }
        if let start, let end, end <= start {
            throw UsageLensError(.usage, "--until must be after --since")
        }
        return (start, end)
    }
}
