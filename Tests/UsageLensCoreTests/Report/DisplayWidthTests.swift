import Testing

@testable import UsageLensCore

@Suite("DisplayWidth")
struct DisplayWidthTests {
    @Test(
        "columns a text takes: wide characters two, combining and format characters none",
        arguments: [
            ("claude-sonnet-4-5", 17), ("", 0), ("─┼│└", 4), ("café", 4), ("e\u{301}", 1), ("日本語", 6), ("한국어", 6),
            ("ｆｕｌｌ", 8), ("プロジェクト-x", 14), ("🚀", 2), ("❤️", 2), ("a\u{200B}b", 2), ("\u{1100}\u{1161}\u{11A8}", 2),
            ("👩‍💻", 2), ("Ω≈ç", 3), ("\u{3000}", 2), ("〿", 1),
        ])
    func width(text: String, expected: Int) {
        #expect(DisplayWidth.of(text) == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test("middle ellipsis keeps the start and the longer end, in exactly the width asked")
    func middleEllipsis() {
        let path = "samples/claude/projects/-home-dev-webapp/77408572-146a-4b20-b32d-75673620da45.jsonl"
        let short = DisplayWidth.middleEllipsis(path, width: 24)
        #expect(short == "samples/cla…20da45.jsonl")
        for width in 1...path.count {
            let shown = DisplayWidth.middleEllipsis(path, width: width)
            #expect(DisplayWidth.of(shown) == min(width, path.count), "\(width): \(shown)")
            if width < path.count { #expect(shown.contains("…")) }
        }
        #expect(DisplayWidth.middleEllipsis("abc", width: 3) == "abc")
        #expect(DisplayWidth.middleEllipsis("abcdefghij", width: 5) == "ab…ij")
        #expect(DisplayWidth.middleEllipsis("abc", width: 1) == "…")
        #expect(DisplayWidth.middleEllipsis("abc", width: 0) == "")
    }

    @Test("middle ellipsis on wide characters never passes the width, and leaves at most one column unused")
    func middleEllipsisWide() {
        let name = "日本語のプロジェクト名"
        #expect(DisplayWidth.middleEllipsis(name, width: 9) == "日本…ト名")
        #expect(DisplayWidth.middleEllipsis(name, width: 7) == "日…ト名", "the end takes the column the start left")
        for width in 1..<DisplayWidth.of(name) {
            let shown = DisplayWidth.middleEllipsis(name, width: width)
            #expect(DisplayWidth.of(shown) <= width && DisplayWidth.of(shown) >= width - 1, "\(width): \(shown)")
        }
    }

    @Test("wrapping breaks at spaces, indents what follows, and cuts a word longer than a line")
    func wrap() {
        #expect(DisplayWidth.wrap("short", width: 10) == ["short"])
        #expect(DisplayWidth.wrap("one two three four", width: 9) == ["one two", "  three", "  four"])
        #expect(DisplayWidth.wrap("  burn rate: 12 tokens/min", width: 16) == ["  burn rate: 12", "    tokens/min"])
        let cut = DisplayWidth.wrap("samples/a/very/long/path.jsonl:25: bad", width: 12)
        #expect(cut == ["samples/a/ve", "  ry/long/pa", "  th.jsonl:2", "  5: bad"])
        for width in 1...40 {
            let text = "Ignored: 158 no usage fields, 76 not an event, 日本語のプロジェクト 1 synthetic"
            for line in DisplayWidth.wrap(text, width: width) { #expect(DisplayWidth.of(line) <= max(width, 2), "\(width): \(line)") }
        }
    }
}
