import Foundation

/// The colours of the HTML report's charts: Okabe and Ito's palette, which stays distinguishable under the
/// common colour blindnesses (and in greyscale print, mostly), and a one-hue ramp for the heat map.
enum ChartPalette {
    /// Series colours in the order they are handed out (the palette's black is kept for lines and text).
    static let series = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442"]
    /// The colour of the "other" series that caps a chart's series.
    static let other = "#9A9A9A"
    /// Lines drawn over bars (the cumulative spend).
    static let line = "#222222"
    /// A limit drawn across a chart.
    static let limit = "#D55E00"

    /// A colour of the heat map's ramp (light to dark blue) for `fraction` of the largest cell, 0 ... 1.
    static func heat(_ fraction: Double) -> String {
        let f = min(max(fraction, 0), 1)
        // From #EAF2FA to #08306B, with a gamma so that small values still show.
        let g = pow(f, 0.6)
        let (r0, g0, b0) = (234.0, 242.0, 250.0)
        let (r1, g1, b1) = (8.0, 48.0, 107.0)
        func hex(_ a: Double, _ b: Double) -> String {
            let v = Int((a + (b - a) * g).rounded())
            let digits = Array("0123456789ABCDEF")
            return String([digits[v / 16], digits[v % 16]])
        }
        return "#" + hex(r0, r1) + hex(g0, g1) + hex(b0, b1)
    }
}

/// Numbers as the charts print them: coordinates with one decimal, axis ticks at round values, compact labels.
enum ChartNumber {
    /// A coordinate with at most one decimal (`12`, `12.5`), so that the page's bytes never depend on float noise.
    static func coordinate(_ v: Double) -> String {
        let t = Int64((v * 10).rounded())
        let a = t.magnitude
        let text = a % 10 == 0 ? String(a / 10) : String(a / 10) + "." + String(a % 10)
        return t < 0 ? "-" + text : text
    }

    /// Round tick values from 0 to at least `maximum`, about `count` of them (steps of 1, 2, 2.5 or 5 times a
    /// power of ten).
    static func ticks(upTo maximum: Double, count: Int = 5) -> [Double] {
        guard maximum > 0, maximum.isFinite else { return [0, 1] }
        let raw = maximum / Double(count)
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw * 0.999 } ?? 10 * magnitude
        let steps = Int((maximum / step - 1e-9).rounded(.up))
        return (0...max(steps, 1)).map { Double($0) * step }
    }

    /// `v` with one decimal unless whole (`1.5`, `2`).
    static func oneDecimal(_ v: Double) -> String {
        let t = Int64((v * 10).rounded())
        return t % 10 == 0 ? String(t / 10) : String(t / 10) + "." + String(t.magnitude % 10)
    }

    /// Dollars for an axis: `$0`, `$5`, `$2.50`, `$0.004`.
    static func dollars(_ v: Double) -> String {
        if v == 0 { return "$0" }
        if v >= 1, v == v.rounded() { return "$" + Formatting.grouped(Int64(v)) }
        if v >= 0.01 { return Formatting.dollars(v) }
        let thousandths = Int64((v * 10_000).rounded())
        return "$0.00" + (thousandths < 10 ? "0" : "") + String(thousandths)
    }

    /// Tokens in three significant digits: `950`, `12.5k`, `1.04M`, `2B` (trailing zeros dropped).
    static func tokens(_ v: Double) -> String {
        let (scaled, unit): (Double, String) =
            switch v {
            case 999_500_000...: (v / 1e9, "B")
            case 999_500...: (v / 1e6, "M")
            case 999.5...: (v / 1e3, "k")
            default: (v, "")
            }
        let decimals = unit.isEmpty || scaled >= 100 ? 0 : scaled >= 10 ? 1 : 2
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let t = Int64((scaled * scale).rounded())
        var text = String(t / Int64(scale))
        if decimals > 0 {
            var fraction = Timestamp.pad(Int(t % Int64(scale)), decimals)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            if !fraction.isEmpty { text += "." + fraction }
        }
        return text + unit
    }
}

/// One series of a bar chart: a value per category.
struct BarSeries {
    var name: String
    var color: String
    var values: [Double]
}

/// A bar chart drawn as inline SVG: bars stacked by series per category, value axis on the left, an optional
/// line on its own axis on the right (cumulative spend) and an optional dashed limit. Every category is a `<g>`
/// whose `<title>` is its tooltip (shown by the browser with scripts off) and whose `data-` attributes carry
/// its numbers for tests and tools.
struct BarChart {
    /// What the chart shows, for screen readers.
    var label: String
    /// A category's name in its tooltip and `data-key`.
    var categories: [String]
    /// A category's label on the axis (only some are shown when there are many).
    var axisLabels: [String]
    var series: [BarSeries]
    /// How values read on the axis and in tooltips.
    var format: (Double) -> String
    /// A line on the right axis: its name, a value per category and how its values read.
    var line: (name: String, values: [Double], format: (Double) -> String)?
    /// A dashed line across the chart at a value, with its label.
    var limit: (label: String, value: Double)?
    /// Categories drawn in `highlightColor` with an outline (the current window).
    var highlighted: Set<Int> = []
    var highlightColor = ChartPalette.series[1]
    /// The tooltip of a category.
    var tooltip: (Int) -> String
    /// Extra attributes of a category's group (` data-cost="1.5"`).
    var attributes: (Int) -> String = { _ in "" }
    var width = 960.0
    var height = 300.0
    var maxAxisLabels = 12

    func svg() -> String {
        let n = categories.count
        let (left, right, top, bottom) = (64.0, line == nil ? 16.0 : 64.0, 14.0, 34.0)
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let stacks = (0..<n).map { k in series.reduce(0) { $0 + $1.values[k] } }
        let ticks = ChartNumber.ticks(upTo: max(stacks.max() ?? 0, limit?.value ?? 0))
        let top_ = ticks.last ?? 1
        func y(_ v: Double) -> Double { top + plotHeight - v / top_ * plotHeight }
        let band = plotWidth / Double(max(n, 1))
        let barWidth = max(band * (n > 60 ? 0.9 : 0.72), 0.8)
        let c = ChartNumber.coordinate

        var s = "<svg class=\"chart\" viewBox=\"0 0 \(c(width)) \(c(height))\" role=\"img\" aria-label=\"\(HTMLText.escape(label))\" preserveAspectRatio=\"xMidYMid meet\">"
        // Grid and left axis.
        s += "<g class=\"axis y\">"
        for t in ticks {
            s += "<line x1=\"\(c(left))\" x2=\"\(c(left + plotWidth))\" y1=\"\(c(y(t)))\" y2=\"\(c(y(t)))\"/>"
            s += "<text x=\"\(c(left - 6))\" y=\"\(c(y(t) + 4))\" text-anchor=\"end\">\(HTMLText.escape(format(t)))</text>"
        }
        s += "</g>"
        // Bars: one group per category.
        s += "<g class=\"bars\">"
        for k in 0..<n {
            let x = left + band * Double(k) + (band - barWidth) / 2
            s += "<g class=\"bar\" data-key=\"\(HTMLText.escape(categories[k]))\"\(attributes(k))><title>\(HTMLText.escape(tooltip(k)))</title>"
            var base = 0.0
            for series in series where series.values[k] > 0 {
                let v = series.values[k]
                let (y0, y1) = (y(base), y(base + v))
                s += "<rect x=\"\(c(x))\" y=\"\(c(y1))\" width=\"\(c(barWidth))\" height=\"\(c(max(y0 - y1, 0.5)))\" fill=\"\(highlighted.contains(k) ? highlightColor : series.color)\"/>"
                base += v
            }
            // A transparent rect the height of the plot, so that a day's tooltip shows over its whole column.
            s += "<rect class=\"hit\" x=\"\(c(left + band * Double(k)))\" y=\"\(c(top))\" width=\"\(c(band))\" height=\"\(c(plotHeight))\"/>"
            if highlighted.contains(k) {
                s += "<rect class=\"highlight\" x=\"\(c(x - 1.5))\" y=\"\(c(y(base) - 1.5))\" width=\"\(c(barWidth + 3))\" height=\"\(c(y(0) - y(base) + 1.5))\"/>"
            }
            s += "</g>"
        }
        s += "</g>"
        // Category axis.
        s += "<g class=\"axis x\"><line x1=\"\(c(left))\" x2=\"\(c(left + plotWidth))\" y1=\"\(c(y(0)))\" y2=\"\(c(y(0)))\"/>"
        let every = max(1, Int((Double(n) / Double(maxAxisLabels)).rounded(.up)))
        for k in stride(from: 0, to: n, by: every) {
            let x = left + band * (Double(k) + 0.5)
            s += "<line x1=\"\(c(x))\" x2=\"\(c(x))\" y1=\"\(c(y(0)))\" y2=\"\(c(y(0) + 4))\"/>"
            s += "<text x=\"\(c(x))\" y=\"\(c(y(0) + 17))\" text-anchor=\"middle\">\(HTMLText.escape(axisLabels[k]))</text>"
        }
        s += "</g>"
        if let limit {
            let ly = y(limit.value)
            s += "<g class=\"limit\"><title>\(HTMLText.escape(limit.label))</title>"
            s += "<line x1=\"\(c(left))\" x2=\"\(c(left + plotWidth))\" y1=\"\(c(ly))\" y2=\"\(c(ly))\" stroke=\"\(ChartPalette.limit)\"/>"
            s += "<text x=\"\(c(left + plotWidth - 4))\" y=\"\(c(ly - 5))\" text-anchor=\"end\" fill=\"\(ChartPalette.limit)\">\(HTMLText.escape(limit.label))</text></g>"
        }
        if let line, n > 0 {
            let lineTicks = ChartNumber.ticks(upTo: line.values.max() ?? 0)
            let lineTop = lineTicks.last ?? 1
            func ly(_ v: Double) -> Double { top + plotHeight - v / lineTop * plotHeight }
            s += "<g class=\"axis y2\">"
            for t in lineTicks {
                s += "<text x=\"\(c(left + plotWidth + 6))\" y=\"\(c(ly(t) + 4))\">\(HTMLText.escape(line.format(t)))</text>"
            }
            s += "</g>"
            let points = (0..<n).map { k in c(left + band * (Double(k) + 0.5)) + "," + c(ly(line.values[k])) }
            s += "<polyline class=\"cumulative\" fill=\"none\" stroke=\"\(ChartPalette.line)\" points=\"\(points.joined(separator: " "))\"/>"
            if n <= 62 {
                for k in 0..<n {
                    s += "<circle cx=\"\(c(left + band * (Double(k) + 0.5)))\" cy=\"\(c(ly(line.values[k])))\" r=\"2.5\" fill=\"\(ChartPalette.line)\"/>"
                }
            }
        }
        return s + "</svg>"
    }
}

/// The hour-by-weekday heat map: 7 rows (Monday first) by 24 hours, each cell shaded by its share of the
/// largest cell and titled with its numbers.
struct HeatMapChart {
    var label: String
    /// `values[weekday][hour]`.
    var values: [[Double]]
    var tooltip: (_ weekday: Int, _ hour: Int) -> String
    var format: (Double) -> String

    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    func svg() -> String {
        let c = ChartNumber.coordinate
        let (left, top, cell, gap) = (44.0, 22.0, 36.0, 3.0)
        let width = left + 24 * cell + 12
        let height = top + 7 * cell + 44
        let maximum = values.flatMap { $0 }.max() ?? 0
        var s = "<svg class=\"chart heat\" viewBox=\"0 0 \(c(width)) \(c(height))\" role=\"img\" aria-label=\"\(HTMLText.escape(label))\">"
        s += "<g class=\"axis\">"
        for hour in stride(from: 0, to: 24, by: 3) {
            s += "<text x=\"\(c(left + cell * (Double(hour) + 0.5)))\" y=\"\(c(top - 8))\" text-anchor=\"middle\">\(Timestamp.pad(hour, 2)):00</text>"
        }
        for (w, name) in Self.weekdays.enumerated() {
            s += "<text x=\"\(c(left - 8))\" y=\"\(c(top + cell * (Double(w) + 0.5) + 4))\" text-anchor=\"end\">\(name)</text>"
        }
        s += "</g><g class=\"cells\">"
        for w in 0..<7 {
            for h in 0..<24 {
                let v = values[w][h]
                let fill = v > 0 && maximum > 0 ? ChartPalette.heat(v / maximum) : "#F4F4F4"
                s += "<rect x=\"\(c(left + cell * Double(h) + gap / 2))\" y=\"\(c(top + cell * Double(w) + gap / 2))\" width=\"\(c(cell - gap))\" height=\"\(c(cell - gap))\" rx=\"3\" fill=\"\(fill)\" data-weekday=\"\(w)\" data-hour=\"\(h)\" data-value=\"\(JSONValue.number(v))\"><title>\(HTMLText.escape(tooltip(w, h)))</title></rect>"
            }
        }
        s += "</g>"
        // The ramp's legend: a gradient from nothing to the largest cell.
        let legendY = top + 7 * cell + 16
        s += "<defs><linearGradient id=\"heat-ramp\">"
        for stop in 0...4 {
            let f = Double(stop) / 4
            s += "<stop offset=\"\(Int(f * 100))%\" stop-color=\"\(ChartPalette.heat(f))\"/>"
        }
        s += "</linearGradient></defs>"
        s += "<g class=\"axis\"><text x=\"\(c(left))\" y=\"\(c(legendY + 11))\">\(HTMLText.escape(format(0)))</text>"
        s += "<rect x=\"\(c(left + 40))\" y=\"\(c(legendY))\" width=\"200\" height=\"14\" rx=\"2\" fill=\"url(#heat-ramp)\"/>"
        s += "<text x=\"\(c(left + 246))\" y=\"\(c(legendY + 11))\">\(HTMLText.escape(format(maximum))) (busiest hour)</text></g>"
        return s + "</svg>"
    }
}
