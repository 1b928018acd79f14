import Testing

@testable import UsageLensCore

@Suite("TabularRenderer")
struct RenderersTests {
    static func sample() -> Tabular {
        var t = Tabular(columns: [.init("Model", .left), .init("Tokens"), .init("Cost (USD)")])
        t.rows = [
            [.init("claude-sonnet-4-5"), .init("1,234", raw: "1234"), .init("$0.50", raw: "0.5")],
            [.init("gpt-5"), .init("12", raw: "12"), .init("$10.25", raw: "10.25")],
        ]
        t.totals = [.init("Total"), .init("1,246"), .init("$10.75")]
        return t
    }

    @Test("output formats parse from their option names")
    func outputFormats() {
        #expect(OutputFormat.allCases.map(\.rawValue) == ["table", "json", "csv", "markdown"])
    }

    @Test("a table aligns columns, rules off the header and the totals, and ends with a newline")
    func tableLayout() {
        let out = TabularRenderer.table(Self.sample(), color: false)
        let expected = """
            Model              Tokens  Cost (USD)
            ─────────────────  ──────  ──────────
            claude-sonnet-4-5   1,234       $0.50
            gpt-5                  12      $10.25
            ─────────────────  ──────  ──────────
            Total               1,246      $10.75

            """
        #expect(out == expected)
    }

    @Test("no ANSI escape codes without color; styles with it")
    func color() {
        let plain = TabularRenderer.table(Self.sample(), color: false)
        #expect(!plain.contains("\u{1B}"))
        let colored = TabularRenderer.table(Self.sample(), color: true)
        #expect(colored.contains("\u{1B}[1;36m"))
        #expect(colored.contains("\u{1B}[1;33m"))
        #expect(colored.contains("\u{1B}[0m"))
        // Stripping the styles gives the plain table back.
        var stripped = colored
        for code in ["\u{1B}[1;36m", "\u{1B}[1;33m", "\u{1B}[0m", "\u{1B}[1m", "\u{1B}[2m", "\u{1B}[33m"] {
            stripped = stripped.replacing(code, with: "")
        }
        #expect(stripped == plain)
    }

    @Test("lines carry no trailing spaces, even with an empty left cell at the end")
    func noTrailingSpaces() {
        var t = Tabular(columns: [.init("A"), .init("Name", .left)])
        t.rows = [[.init("1"), .init("")], [.init("22"), .init("long name")]]
        let out = TabularRenderer.table(t, color: false)
        for line in out.split(separator: "\n") { #expect(!line.hasSuffix(" "), "\(line)") }
        #expect(out.contains("\n 1\n"))
    }

    @Test("title, dimmed detail rows and notes")
    func titleDetailNotes() {
        var t = Self.sample()
        t.title = "Usage"
        t.detailRows = [1]
        t.notes = ["* No price for: acme/rocket"]
        let plain = TabularRenderer.table(t, color: false)
        #expect(plain.hasPrefix("Usage\nModel"))
        #expect(plain.hasSuffix("$10.75\n* No price for: acme/rocket\n"))
        let colored = TabularRenderer.table(t, color: true)
        #expect(colored.contains("\u{1B}[2mgpt-5"))
        #expect(!colored.contains("\u{1B}[2mclaude"))
        #expect(colored.contains("\u{1B}[33m* No price for: acme/rocket\u{1B}[0m"))
    }

    @Test("a table without totals has one rule")
    func noTotals() {
        var t = Self.sample()
        t.totals = nil
        let out = TabularRenderer.table(t, color: false)
        #expect(out.split(separator: "\n").filter { $0.hasPrefix("─") }.count == 1)
        #expect(TabularRenderer.table(Self.sample(), color: false).split(separator: "\n").filter { $0.hasPrefix("─") }.count == 2)
        #expect(!out.contains("Total"))
    }

    @Test("width counts characters, so non-ASCII cells stay aligned")
    func unicodeWidth() {
        var t = Tabular(columns: [.init("P", .left), .init("N")])
        t.rows = [[.init("café"), .init("1")], [.init("abcd"), .init("2")]]
        let lines = TabularRenderer.table(t, color: false).split(separator: "\n").map(String.init)
        #expect(lines[2].count == lines[3].count)
    }

    @Test("CSV writes the raw values, a header and no totals row")
    func csv() {
        let out = TabularRenderer.csv(Self.sample())
        #expect(out == "Model,Tokens,Cost (USD)\nclaude-sonnet-4-5,1234,0.5\ngpt-5,12,10.25\n")
        #expect(!out.contains("Total"))
    }

    @Test(
        "CSV quotes fields holding commas, quotes or line breaks",
        arguments: [
            ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
            ("cr\rhere", "\"cr\rhere\""), ("", ""), (" spaced ", " spaced "),
        ])
    func csvQuoting(value: String, expected: String) {
        var t = Tabular(columns: [.init("v")])
        t.rows = [[.init("shown", raw: value)]]
        #expect(TabularRenderer.csv(t) == "v\n" + expected + "\n")
    }

    @Test("CSV quotes header titles too")
    func csvHeaderQuoting() {
        let t = Tabular(columns: [.init("Cost, USD"), .init("x")])
        #expect(TabularRenderer.csv(t) == "\"Cost, USD\",x\n")
    }

    @Test("Markdown: header, alignment row, bold totals, escaped pipes")
    func markdown() {
        var t = Self.sample()
        t.rows.append([.init("a|b"), .init("1"), .init("$0.00")])
        let out = TabularRenderer.markdown(t)
        let expected = """
            | Model | Tokens | Cost (USD) |
            | --- | ---: | ---: |
            | claude-sonnet-4-5 | 1,234 | $0.50 |
            | gpt-5 | 12 | $10.25 |
            | a\\|b | 1 | $0.00 |
            | **Total** | **1,246** | **$10.75** |

            """
        #expect(out == expected)
    }

    @Test("Markdown: title, empty totals cells stay empty, notes as quotes, titles escaped")
    func markdownExtras() {
        var t = Tabular(title: "Daily", columns: [.init("A|B", .left), .init("N")])
        t.rows = [[.init("x"), .init("1")]]
        t.totals = [.init("Total"), .init("")]
        t.notes = ["note one", "note two"]
        let out = TabularRenderer.markdown(t)
        #expect(out.hasPrefix("## Daily\n\n| A\\|B | N |\n| --- | ---: |\n"))
        #expect(out.contains("| **Total** |  |\n"))
        #expect(out.hasSuffix("\n> note one\n> note two\n"))
        #expect(!out.contains("\u{1B}"))
    }
}
