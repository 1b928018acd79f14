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
