/// Usage per local hour of the week: 7 weekdays (Monday first) by 24 hours, in one zone. The heat map of the
/// HTML report. The empty grid is the identity of `merge`.
public struct WeekHourGrid: Equatable, Sendable {
    /// `cells[weekday * 24 + hour]`, weekday 0 = Monday.
    public var cells: [UsageTotals]

    public init() {
        cells = [UsageTotals](repeating: UsageTotals(), count: 7 * 24)
    }

    /// The totals of `weekday` (0 = Monday) at `hour` (0-23).
    public subscript(weekday: Int, hour: Int) -> UsageTotals { cells[weekday * 24 + hour] }

    /// The weekday (0 = Monday) and hour of a local wall-clock instant (ms, as if UTC).
    static func cell(local ms: Int64) -> (weekday: Int, hour: Int) {
        let day = ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000
        let hour = Int((ms - day * 86_400_000) / 3_600_000)
        // 1970-01-01 was a Thursday (3 after Monday).
        let weekday = Int(((day + 3) % 7 + 7) % 7)
        return (weekday, hour)
    }

    /// Combines two grids cell by cell.
    public mutating func merge(_ other: WeekHourGrid) {
        for k in cells.indices { cells[k].merge(other.cells[k]) }
    }
}

extension Reports {
    /// Totals per local weekday and hour of `rows`, in `calendar`'s zone.
    /// - Complexity: O(rows); the zone's offset is cached per 15 minutes by `LocalCalendar`.
    public static func weekHours(_ events: PricedEvents, rows: [Int], calendar: LocalCalendar) -> WeekHourGrid {
        var grid = WeekHourGrid()
        for i in rows {
            let (weekday, hour) = WeekHourGrid.cell(local: calendar.local(events.table.time[i]))
            grid.cells[weekday * 24 + hour].add(events, row: i)
        }
        return grid
    }
}
