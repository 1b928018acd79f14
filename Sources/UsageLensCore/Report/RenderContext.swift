/// What a renderer knows besides the report: the zone, the filters, the clock, the unpriced models, and whether
/// the sink is a colour terminal and how wide it is. Built once per run from the `ReportPlan`.
public struct RenderContext {
    /// The zone dates and times are shown in.
    public var calendar: LocalCalendar
    /// The filters the report was computed under, echoed in JSON; nil for reports that take none.
    public var filter: EventFilter?
    /// The instant the report is as of, in ms.
    public var now: Int64
    /// Models of the report's rows without a price (filled for the reports that show them: blocks, check).
    public var unpriced: [ModelRow]
    /// Whether the table renderer may add ANSI styles.
    public var color: Bool
    /// How the table renderer lays tables out (`.full` for a pipe).
    public var layout: TableLayout

    public init(
        calendar: LocalCalendar, filter: EventFilter? = nil, now: Int64, unpriced: [ModelRow] = [], color: Bool = false,
        layout: TableLayout = .full
    ) {
        self.calendar = calendar
        self.filter = filter
        self.now = now
        self.unpriced = unpriced
        self.color = color
        self.layout = layout
    }

    /// The zone's offset from UTC in seconds at an instant.
    public func offset(_ ms: Int64) -> Int { calendar.offsetSeconds(at: ms) }

    /// The `filters` member of a JSON report, or nil when the report takes no filters.
    public var filtersJSON: JSONValue? { filter.map { ReportViews.filters($0, offset: calendar.offsetSeconds(at:)) } }
}
