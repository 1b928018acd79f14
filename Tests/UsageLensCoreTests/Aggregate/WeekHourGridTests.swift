import Testing

@testable import UsageLensCore

@Suite("WeekHourGrid")
struct WeekHourGridTests {
    @Test("events land on their local weekday and hour: the same instant is Tuesday 09 in UTC, Tuesday 14 in Kolkata")
    func cells() throws {
        let e = ReportsTests.sample()
        let rows = Array(0..<e.table.count)
        let utc = Reports.weekHours(e, rows: rows, calendar: try LocalCalendar(identifier: "UTC"))
        // 2025-10-14 was a Tuesday (weekday 1); 2025-10-13 a Monday.
        #expect(utc[1, 9].events == 1)
        #expect(utc[1, 10].events == 1)
        #expect(utc[2, 9].events == 1)
        #expect(utc[2, 11].events == 1)
        #expect(utc[0, 23].events == 1)
        let kolkata = Reports.weekHours(e, rows: rows, calendar: try LocalCalendar(identifier: "Asia/Kolkata"))
        #expect(kolkata[1, 14].events == 1)
        // 2025-10-13T23:30Z is 05:00 on Tuesday in Kolkata.
        #expect(kolkata[1, 5].events == 1)
        #expect(kolkata[0, 23].events == 0)
        var total = UsageTotals()
        for cell in kolkata.cells { total.merge(cell) }
        #expect(ReportsTests.sameCounts(total, Reports.models(e, rows: rows).totals))
    }

    @Test("the weekday of a local instant, before 1970 too")
    func weekdays() {
        #expect(WeekHourGrid.cell(local: 0) == (3, 0))  // Thursday 1970-01-01 00:00
        #expect(WeekHourGrid.cell(local: -1) == (2, 23))  // Wednesday 23:59:59.999
        #expect(WeekHourGrid.cell(local: TableBuilder.ms("2025-10-19T12:30:00Z")) == (6, 12))  // a Sunday
    }

    @Test("split and merge equal one pass; the empty grid is merge's identity")
    func merge() throws {
        let e = ReportsTests.sample()
        let calendar = try LocalCalendar(identifier: "Europe/Berlin")
        let whole = Reports.weekHours(e, rows: Array(0..<e.table.count), calendar: calendar)
        var parts = Reports.weekHours(e, rows: [0, 2], calendar: calendar)
        parts.merge(Reports.weekHours(e, rows: [1, 3, 4], calendar: calendar))
        parts.merge(WeekHourGrid())
        #expect(zip(parts.cells, whole.cells).allSatisfy { ReportsTests.sameCounts($0, $1) })
    }
}
