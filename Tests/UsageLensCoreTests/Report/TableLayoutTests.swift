import Testing

@testable import UsageLensCore

@Suite("TableLayout")
struct TableLayoutTests {
    /// A daily-like table: a key, a model list, two detail columns, a total and the cost.
    static func daily() -> Tabular {
        var t = Tabular(columns: [
            .init("Date", .left, priority: Tabular.Column.essential), .init("Models", .left, fit: .models, priority: 70),
            .init("Input", priority: 56), .init("Cache Create", priority: 20), .init("Cache Read", priority: 22),
            .init("Total", priority: 40), .init("Cost (USD)", priority: Tabular.Column.essential),
        ])
        t.rows = [
            [.init("2025-10-14"), .init("claude-sonnet-4-5, gpt-4o, gemini-2.5-flash"), .init("257,737"), .init("57,352"),
             .init("566,687"), .init("294,699"), .init("$1.41")],
            [.init("2025-10-15"), .init("gpt-4.1"), .init("153,067"), .init("114,694"), .init("1,964,704"),
             .init("214,874"), .init("$2.25")],
        ]
        t.totals = [.init("Total"), .init(""), .init("410,804"), .init("172,046"), .init("2,531,391"), .init("509,573"), .init("$3.66")]
        return t
    }

    static func render(_ t: Tabular, _ width: Int?, compact: Bool = false) -> [String] {
        TabularRenderer.table(t, color: false, layout: .terminal(width: width, compact: compact))
            .split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    @Test("the full layout is the piped table, byte for byte")
    func fullIsLegacy() {
        let t = Self.daily()
        #expect(TabularRenderer.table(t, color: false, layout: .full) == TabularRenderer.table(t, color: false))
        #expect(TabularRenderer.table(t, color: true, layout: .full) == TabularRenderer.table(t, color: true))
    }

    @Test("a table that fits is the full table; no limit is the full table too")
    func fits() {
        let t = Self.daily()
        let full = TabularRenderer.table(t, color: false)
        #expect(TabularRenderer.table(t, color: false, layout: .terminal(width: 200, compact: false)) == full)
        #expect(TabularRenderer.table(t, color: false, layout: .terminal(width: nil, compact: false)) == full)
    }

    @Test("a model list too wide for its share shows one model a line; the other cells stay on the first")
    func listWraps() {
        let lines = Self.render(Self.daily(), 100)
        #expect(lines[2] == "2025-10-14  claude-sonnet-4-5  257,737        57,352     566,687  294,699       $1.41")
        #expect(lines[3] == "            gpt-4o")
        #expect(lines[4] == "            gemini-2.5-flash")
        #expect(lines[5].hasPrefix("2025-10-15  gpt-4.1 "))
        for line in lines { #expect(DisplayWidth.of(line) <= 100) }
    }

    @Test("still too narrow: the lowest-priority column goes first, and the table says so below")
    func dropsLeastImportant() {
        // 10 + 17 + 7 + 12 + 10 + 7 + 10 + 12 (gaps) = 85 without a drop; Cache Create (20) goes first.
        let lines = Self.render(Self.daily(), 80)
        #expect(lines[0] == "Date        Models               Input  Cache Read    Total  Cost (USD)")
        #expect(lines.last == "Left out to fit 80 columns: Cache Create (--wide shows them).")
        // 10 + 17 + 7 + 7 + 10 + 8 (gaps) = 59: both cache columns go, the total stays.
        let narrower = Self.render(Self.daily(), 60)
        #expect(narrower[0] == "Date        Models               Input    Total  Cost (USD)")
        #expect(narrower.suffix(2) == ["Left out to fit 60 columns: Cache Create, Cache Read (--wide", "  shows them)."])
        for line in narrower { #expect(DisplayWidth.of(line) <= 60, "\(line)") }
    }

    @Test("essential columns stay however narrow the terminal; shortened text gives up its minimum")
    func essentialStay() {
        var t = Tabular(columns: [
            .init("File", .left, fit: .shorten(minimum: 24), priority: Tabular.Column.essential),
            .init("Lines", priority: 50), .init("Events", priority: Tabular.Column.essential),
        ])
        t.rows = [[.init("samples/claude/projects/-home-dev-webapp/77408572.jsonl"), .init("31"), .init("12")]]
        // Lines goes; File's minimum of 24 still does not fit, so it takes what Events leaves: 20 - 6 - 2.
        let lines = Self.render(t, 20)
        #expect(lines[0] == "File          Events")
        #expect(lines[2] == "sampl….jsonl      12")
        #expect(lines[3...].joined(separator: " ") == "Left out to fit 20   columns: Lines   (--wide shows   them).")
        let fit = TableFit.compute(columns: t.columns, cells: [["File", "Lines", "Events"], ["x", "31", "12"]], width: 5, compact: false)
        #expect(fit.shown == [0, 2])
    }

    @Test("ties in priority leave out the rightmost first")
    func tiesRightmost() {
        let columns: [Tabular.Column] = [.init("Key", priority: 100), .init("A", priority: 30), .init("B", priority: 30)]
        let cells = [["Key", "A", "B"], ["k", "aaaaaaaaaa", "bbbbbbbbbb"]]
        let fit = TableFit.compute(columns: columns, cells: cells, width: 16, compact: false)
        #expect(fit.shown == [0, 1])
        #expect(fit.dropped == [2])
    }

    @Test("--compact leaves out the columns below the compact priority at any width, and says so")
    func compact() {
        let lines = Self.render(Self.daily(), 200, compact: true)
        #expect(lines[0] == "Date        Models" + String(repeating: " ", count: 43 - 6) + "    Input  Cost (USD)", "Input is as wide as its numbers")
        #expect(lines.last == "Left out by --compact: Cache Create, Cache Read, Total (--wide shows them).")
    }

    @Test("room left after the minimums goes to the shortened column that needs least to be whole")
    func roomToShortened() {
        let columns: [Tabular.Column] = [
            .init("Session", .left, fit: .shorten(minimum: 8), priority: 100),
            .init("Project", .left, fit: .shorten(minimum: 8), priority: 100), .init("Cost", priority: 100),
        ]
        let cells = [["Session", "Project", "Cost"], ["91647863-8381-45a5-91d7-9f1f2fea3f31", "billing-api", "$2.83"]]
        let fit = TableFit.compute(columns: columns, cells: cells, width: 40, compact: false)
        // 40 - 4 (gaps) - 5 (cost) = 31: Project whole (11), Session the rest (20).
        #expect(fit.widths == [20, 11, 5])
    }

    @Test("wide characters are measured in columns, so a CJK project stays aligned with the rest")
    func wideCharacters() {
        var t = Tabular(columns: [
            .init("Project", .left, fit: .shorten(minimum: 8), priority: 100), .init("Cost", priority: 100),
        ])
        t.rows = [[.init("ウェブアプリ"), .init("$1.00")], [.init("webapp"), .init("$22.00")]]
        let lines = Self.render(t, 40)
        #expect(lines[2] == "ウェブアプリ   $1.00")
        #expect(lines[3] == "webapp        $22.00")
        #expect(DisplayWidth.of(lines[2]) == DisplayWidth.of(lines[3]))
        let narrow = Self.render(t, 15)
        #expect(narrow[2] == "ウ…プリ   $1.00", "shortened in the middle, by columns")
        for line in narrow { #expect(DisplayWidth.of(line) <= 15, "\(line)") }
    }

    @Test("at every width from 30 to 200: no line is wider, and every number shown is whole")
    func everyWidth() {
        let t = Self.daily()
        for width in 30...200 {
            let fit = TableFit.compute(
                columns: t.columns, cells: [t.columns.map(\.title)] + t.rows.map { $0.map(\.display) }, width: width,
                compact: false)
            let text = Self.render(t, width)
            for line in text { #expect(DisplayWidth.of(line) <= width, "\(width): \(line)") }
            let body = text.joined(separator: "\n")
            for row in t.rows + [t.totals!] {
                for i in fit.shown where t.columns[i].fit == .fixed { #expect(body.contains(row[i].display), "\(width)") }
            }
            #expect(fit.shown.contains(0) && fit.shown.contains(6), "the key and the cost always show")
        }
    }

    @Test("colour styles every line of a wrapped row, and the layout note is dimmed")
    func colorWrapped() {
        var t = Self.daily()
        t.detailRows = [0]
        let text = TabularRenderer.table(t, color: true, layout: .terminal(width: 80, compact: false))
        #expect(text.contains("\u{1B}[2m            gpt-4o\u{1B}[0m"))
        #expect(text.contains("\u{1B}[2mLeft out to fit 80 columns"))
    }

    @Test("titles and notes wrap at the width")
    func notesWrap() {
        var t = Self.daily()
        t.title = "Prices in USD per million tokens (litellm 1.109.1)"
        t.notes = ["* No price for: acme/rocket (1,000 tokens), acme/plane (2 tokens); their cost is not included."]
        let lines = Self.render(t, 40)
        for line in lines { #expect(DisplayWidth.of(line) <= 40, "\(line)") }
        #expect(lines[0] == "Prices in USD per million tokens")
        #expect(lines[1] == "  (litellm 1.109.1)")
    }
}
