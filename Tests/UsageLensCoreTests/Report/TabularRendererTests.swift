import Testing

@testable import UsageLensCore

@Suite("TabularRenderer")
struct TabularRendererTests {
    static func sample() -> Tabular {
        var t = Tabular(columns: [.init("Model", .left), .init("Tokens"), .init("Cost (USD)")])
        t.rows = [
            [.init("claude-sonnet-4-5"), .init("1,234", raw: "1234"), .init("$0.50", raw: "0.5")],
            [.init("gpt-5"), .init("12", raw: "12"), .init("$10.25", raw: "10.25")],
        ]
        t.totals = [.init("Total"), .init("1,246"), .init("$10.75")]
        return t
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
        "CSV quotes fields holding commas or quotes; line breaks are escaped, so a row stays one line",
        arguments: [
            ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "two\\nlines"),
            ("cr\rhere", "cr\\rhere"), ("", ""), (" spaced ", " spaced "), ("a,\n\"b\"", "\"a,\\n\"\"b\"\"\""),
            ("\u{1B}[31m,x", "\"\\u{1B}[31m,x\""),
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

    @Test(
        "visible escapes C0, DEL and C1 as String.debugDescription does, and keeps everything else",
        arguments: [
            ("plain", "plain"), ("gpt-4o\n\u{1B}[31mred", "gpt-4o\\n\\u{1B}[31mred"), ("a\tb", "a\\tb"), ("\r\n", "\\r\\n"),
            ("\0", "\\0"), ("\u{7}", "\\u{7}"), ("\u{1F}", "\\u{1F}"), ("\u{7F}", "\\u{7F}"), ("\u{80}", "\\u{80}"),
            ("\u{9B}31m", "\\u{9B}31m"), ("\u{9F}", "\\u{9F}"), ("\u{A0}¿é", "\u{A0}¿é"), ("café ünï 日本", "café ünï 日本"),
            ("back\\slash", "back\\slash"), ("e\u{1B}\u{301}", "e\\u{1B}\u{301}"), ("", ""),
        ])
    func visible(value: String, expected: String) {
        #expect(TabularRenderer.visible(value) == expected)
    }

    /// A table whose every text holds control characters, as logs can put in model names, users and paths.
    static func hostile() -> Tabular {
        var t = Tabular(title: "T\u{1B}]0;owned\u{7}", columns: [.init("Model\n", .left), .init("Tokens")])
        t.rows = [
            [.init("gpt-4o\n\u{1B}[31mred"), .init("1", raw: "1")],
            [.init("a\tb\u{9B}2J\u{7F}", raw: "a\tb\u{9B}2J\u{7F}"), .init("2", raw: "2")],
        ]
        t.totals = [.init("Total\r"), .init("3")]
        t.notes = ["* No price for: gpt-4o\n\u{1B}[31mred"]
        return t
    }

    /// C0 controls but the line feeds that end lines, DEL, and C1 controls.
    static func controls(_ text: String) -> [UInt32] {
        text.unicodeScalars.map(\.value).filter { ($0 < 0x20 && $0 != 0x0A) || (0x7F...0x9F).contains($0) }
    }

    @Test("tables, Markdown and CSV print no control character from the data, and one line per row")
    func controlCharactersEscaped() {
        let table = TabularRenderer.table(Self.hostile(), color: false)
        #expect(Self.controls(table).isEmpty)
        #expect(table.split(separator: "\n").count == 8)
        #expect(table.contains("gpt-4o\\n\\u{1B}[31mred"))
        #expect(table.hasPrefix("T\\u{1B}]0;owned\\u{7}\nModel\\n"))
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines[3].count == lines[4].count, "escaped cells are measured as shown")

        let colored = TabularRenderer.table(Self.hostile(), color: true)
        #expect(!colored.contains("\u{1B}[31m"), "only the renderer's own styles are raw ESC sequences")

        let markdown = TabularRenderer.markdown(Self.hostile())
        #expect(Self.controls(markdown).isEmpty)
        #expect(markdown.split(separator: "\n").count == 7)
        #expect(markdown.contains("| a\\tb\\u{9B}2J\\u{7F} | 2 |"))

        let csv = TabularRenderer.csv(Self.hostile())
        #expect(Self.controls(csv).isEmpty)
        #expect(csv == "Model\\n,Tokens\ngpt-4o\\n\\u{1B}[31mred,1\na\\tb\\u{9B}2J\\u{7F},2\n")
    }
}
