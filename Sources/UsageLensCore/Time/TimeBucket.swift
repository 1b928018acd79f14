/// Calendar buckets of a report: hour, day, week or month, in the report's zone.
public enum BucketKind: String, CaseIterable, Sendable {
    case hour, day, week, month
}

/// The first day of a week.
public enum WeekStart: String, CaseIterable, Sendable {
    case monday, sunday
}

/// Maps instants to bucket keys (`2026-09-01`, `2026-09-01T13`, `2026-09`) and bucket starts.
public struct TimeBucketer {
    public let kind: BucketKind
    public let calendar: LocalCalendar
    public let weekStart: WeekStart

    public init(kind: BucketKind, calendar: LocalCalendar, weekStart: WeekStart = .monday) {
        self.kind = kind
        self.calendar = calendar
        self.weekStart = weekStart
    }

    /// A sortable integer identifying the bucket of an instant.
    @inline(__always) public func bucket(_ ms: Int64) -> Int64 {
        let local = calendar.local(ms)
        switch kind {
        case .hour:
            return local >= 0 ? local / 3_600_000 : (local - 3_599_999) / 3_600_000
        case .day:
            return Int64(calendar.localDay(ms))
        case .week:
            let day = calendar.localDay(ms)
            // 1970-01-01 was a Thursday: weekday index with Monday = 0 is (day + 3) mod 7.
            let mondayBased = ((day + 3) % 7 + 7) % 7
            let offset = weekStart == .monday ? mondayBased : (mondayBased + 1) % 7
            return Int64(day - offset)
        case .month:
            let (y, m, _) = Timestamp.civilFromDays(calendar.localDay(ms))
            return Int64(y * 12 + (m - 1))
        }
    }

    /// The key shown for a bucket.
    public func key(_ bucket: Int64) -> String {
        switch kind {
        case .hour:
            let day = Int(bucket >= 0 ? bucket / 24 : (bucket - 23) / 24)
            let (y, m, d) = Timestamp.civilFromDays(day)
            let hour = Int(bucket - Int64(day) * 24)
            return "\(Timestamp.pad(y, 4))-\(Timestamp.pad(m, 2))-\(Timestamp.pad(d, 2))T\(Timestamp.pad(hour, 2))"
        case .day, .week:
            let (y, m, d) = Timestamp.civilFromDays(Int(bucket))
            return "\(Timestamp.pad(y, 4))-\(Timestamp.pad(m, 2))-\(Timestamp.pad(d, 2))"
        case .month:
            let y = Int(bucket >= 0 ? bucket / 12 : (bucket - 11) / 12)
            return "\(Timestamp.pad(y, 4))-\(Timestamp.pad(Int(bucket) - y * 12 + 1, 2))"
        }
    }

    /// The instant a bucket starts (local midnight, hour or first of month, as UTC ms).
    public func start(_ bucket: Int64) -> Int64 {
        let localStart: Int64
        switch kind {
        case .hour: localStart = bucket * 3_600_000
        case .day, .week: localStart = bucket * 86_400_000
        case .month:
            let y = Int(bucket >= 0 ? bucket / 12 : (bucket - 11) / 12)
            let m = Int(bucket) - y * 12 + 1
            localStart = Int64(Timestamp.daysFromCivil(year: y, month: m, day: 1)) * 86_400_000
        }
        return calendar.instant(ofLocal: localStart)
    }
}
