import Foundation
import Testing

@testable import UsageLensCore

@Suite("HTMLRenderer")
struct HTMLRendererTests {
    @Test("axis ticks are round values from 0 past the maximum")
    func ticks() {
        #expect(ChartNumber.ticks(upTo: 7.85) == [0, 2, 4, 6, 8])
        #expect(ChartNumber.ticks(upTo: 11.53) == [0, 2.5, 5, 7.5, 10, 12.5])
        #expect(ChartNumber.ticks(upTo: 100) == [0, 20, 40, 60, 80, 100])
        #expect(ChartNumber.ticks(upTo: 0) == [0, 1])
        #expect(ChartNumber.ticks(upTo: 0.0031).last! >= 0.0031)
    }

    @Test("labels: tokens in three digits, dollars as an axis shows them, coordinates with one decimal")
    func labels() {
        #expect(ChartNumber.tokens(950) == "950")
        #expect(ChartNumber.tokens(1_036_070) == "1.04M")
        #expect(ChartNumber.tokens(10_502_426) == "10.5M")
        #expect(ChartNumber.tokens(157_444) == "157k")
        #expect(ChartNumber.tokens(999_999) == "1M")
        #expect(ChartNumber.tokens(2_000) == "2k")
        #expect(ChartNumber.dollars(0) == "$0")
        #expect(ChartNumber.dollars(2.5) == "$2.50")
        #expect(ChartNumber.dollars(12_000) == "$12,000")
        #expect(ChartNumber.dollars(0.004) == "$0.0040")
        #expect(ChartNumber.coordinate(12.04) == "12")
        #expect(ChartNumber.coordinate(-0.25) == "-0.3")
        #expect(ChartNumber.coordinate(3.15) == "3.2")
    }

    @Test("text is escaped in content and attributes")
    func escaping() {
        #expect(HTMLText.escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;")
        #expect(HTMLText.escape("plain") == "plain")
    }

    @Test("the heat map's ramp runs from light to dark; Okabe-Ito colours are handed out in order")
    func colours() {
        #expect(ChartPalette.heat(0) == "#EAF2FA")
        #expect(ChartPalette.heat(1) == "#08306B")
        #expect(ChartPalette.series.first == "#0072B2")
    }

    @Test("a bar chart has a group per category carrying its numbers, a segment per non-zero series value")
    func barChart() {
        let chart = BarChart(
            label: "spend", categories: ["d1", "d2"], axisLabels: ["1", "2"],
            series: [BarSeries(name: "a", color: "#111111", values: [1, 0]), BarSeries(name: "b", color: "#333333", values: [2, 3])],
            format: ChartNumber.dollars, line: ("total", [3, 6], ChartNumber.dollars), tooltip: { "day \($0)" },
            attributes: { " data-n=\"\($0)\"" })
        let svg = chart.svg()
        #expect(svg.components(separatedBy: "<g class=\"bar\"").count - 1 == 2)
        #expect(svg.contains("data-key=\"d2\" data-n=\"1\"><title>day 1</title>"))
        #expect(svg.components(separatedBy: "fill=\"#111111\"").count - 1 == 1)
        #expect(svg.components(separatedBy: "fill=\"#333333\"").count - 1 == 2)
        #expect(svg.contains("<polyline class=\"cumulative\""))
        #expect(svg.contains(">$6</text>"))
    }

    @Test("other reports render as a plain page with their table, escaped")
    func documents() {
        var tabular = Tabular(title: "Models <all>", columns: [.init("Model", .left), .init("Cost")])
        tabular.rows = [[.init("gpt-5"), .init("$1.00")]]
        struct Sample: RenderableReport {
            var tabular: Tabular
            func body(in context: RenderContext) -> ReportBody { .document(json: { .null }, tabular: { tabular }) }
        }
        var out = ""
        HTMLRenderer().render(Sample(tabular: tabular), in: ReportRendererTests.context, to: &out)
        #expect(out.hasPrefix("<!DOCTYPE html>"))
        #expect(out.contains("<caption>Models &lt;all&gt;</caption>"))
        #expect(out.contains("<td>gpt-5</td><td class=\"num\">$1.00</td>"))
        #expect(!out.contains("http://") && !out.contains("https://"))
    }
}

@Suite("UsagePage")
struct UsagePageTests {
    /// The page of `ReportsTests.sample()` (an unpriced model among them) in UTC, as of the last event.
    static func page() throws -> (UsagePage, RenderContext) {
        let e = ReportsTests.sample()
        let rows = Array(0..<e.table.count)
        let calendar = try LocalCalendar(identifier: "UTC")
        let now = TableBuilder.ms("2025-10-15T11:30:00Z")
        let models = Reports.models(e, rows: rows)
        let page = UsagePage(
            days: Reports.buckets(e, rows: rows, bucketer: TimeBucketer(kind: .day, calendar: calendar)), models: models,
            projects: Reports.top(e, rows: rows, dimension: .project, by: .cost, limit: nil),
            sessions: Reports.sessions(e, rows: rows), weekHours: Reports.weekHours(e, rows: rows, calendar: calendar),
            blocks: BlockReport.build(e, rows: rows, query: BlockQuery(now: now)), windowHours: 5,
            provenance: .init(
                inputs: ["logs/"], accounts: [], duplicateEvents: 0, priceSource: "test prices", pricingFile: nil,
                costMode: "calculate", version: "0.0.0"))
        return (page, RenderContext(calendar: calendar, now: now, unpriced: models.unpriced))
    }

    @Test("in the text and JSON formats a page is its model report")
    func otherFormats() throws {
        let (page, context) = try Self.page()
        for format in OutputFormat.allCases where format != .html {
            var asPage = ""
            var asModels = ""
            format.renderer.render(page, in: context, to: &asPage)
            format.renderer.render(page.models, in: context, to: &asModels)
            #expect(asPage == asModels, "\(format)")
        }
    }

    @Test("the charts' days run from the first day with usage to the last, a day without usage empty")
    func days() throws {
        let e = ReportsTests.sample()
        let rows = (0..<e.table.count).filter { !Timestamp.format(e.table.time[$0]).hasPrefix("2025-10-14") }
        let calendar = try LocalCalendar(identifier: "UTC")
        let days = PageDays(Reports.buckets(e, rows: rows, bucketer: TimeBucketer(kind: .day, calendar: calendar)), calendar: calendar)
        #expect(days.keys == ["2025-10-13", "2025-10-14", "2025-10-15"])
        #expect(days.buckets.map { $0 == nil } == [false, true, false])
        #expect(days.shortLabels == ["Oct 13", "Oct 14", "Oct 15"])
        #expect(days.longDate(1) == "Tue 14 Oct 2025")
    }

    @Test("the page: every section, days without usage filled, the unpriced model flagged, no address outside")
    func sections() throws {
        let (page, context) = try Self.page()
        var html = ""
        HTMLRenderer().render(page, in: context, to: &html)
        for id in ["figures", "spend", "tokens-per-day", "heat-map", "models", "projects", "sessions", "windows", "provenance"] {
            #expect(html.contains("id=\"\(id)\""), "\(id)")
        }
        // Events on 2025-10-13, -14 and -15: each day once in the spend chart and in each of the 4 token panels.
        for day in ["2025-10-13", "2025-10-14", "2025-10-15"] {
            #expect(html.components(separatedBy: "data-key=\"\(day)\"").count - 1 == 5)
        }
        #expect(html.contains("<div class=\"figure warn\" id=\"unpriced\">"))
        #expect(html.contains("claude-mystery"))
        #expect(html.contains("<dd>test prices; cost mode calculate</dd>"))
        #expect(!html.contains("http"))
        // Deterministic: the same page twice is the same bytes.
        var again = ""
        HTMLRenderer().render(page, in: context, to: &again)
        #expect(again == html)
    }
}
