/// Renders `Tabular` values as an aligned text table, CSV or Markdown.
///
/// Every text these write (titles, cells, notes) goes through `visible(_:)`: a control character from the logs
/// (a model name, a user, a path) is shown escaped, so that it can neither drive the terminal (an ESC sequence)
/// nor break a row (a newline). JSON output does not come through here and keeps such text exactly.
public enum TabularRenderer {
    /// `s` with each control character written as Swift's `String.debugDescription` writes it: `\0`, `\t`, `\n`,
    /// `\r`, and `\u{1B}` (uppercase hex) for the rest of C0, DEL (`\u{7F}`) and C1 (`\u{80}` to `\u{9F}`).
    /// Everything else, a backslash included, stays as it is: the text is for reading, not for parsing back.
    ///
    /// - Complexity: O(n) in the UTF-8 length; `s` itself when it holds no control character.
    public static func visible(_ s: String) -> String {
        // A control character is a byte below 0x20, 0x7F, or (C1) 0xC2 followed by 0x80-0x9F; 0xC2 also leads other
        // characters (U+00A0-U+00BF), which the scalar loop below keeps.
        guard s.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x00: out += "\\0"
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x00..<0x20, 0x7F...0x9F: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// An aligned table with a rule under the header and above the totals; `color` adds ANSI styles.
    public static func table(_ t: Tabular, color: Bool) -> String {
        let text = visible
        let titles = t.columns.map { text($0.title) }
        let rows = t.rows.map { $0.map { text($0.display) } }
        let totals = t.totals.map { $0.map { text($0.display) } }
        let all = [titles] + rows + (totals.map { [$0] } ?? [])
        var widths = [Int](repeating: 0, count: t.columns.count)
        for row in all { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, cell) in cells.enumerated() where i < widths.count {
                let padding = String(repeating: " ", count: widths[i] - cell.count)
                parts.append(t.columns[i].alignment == .left ? cell + padding : padding + cell)
            }
            var text = parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        func style(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        var out: [String] = []
        if let title = t.title { out.append(style(text(title), "1")) }
        out.append(style(line(titles), "1;36"))
        out.append(rule)
        for (i, row) in rows.enumerated() {
            let shown = line(row)
            out.append(t.detailRows.contains(i) ? style(shown, "2") : shown)
        }
        if let totals {
            out.append(rule)
            out.append(style(line(totals), "1;33"))
        }
        for note in t.notes { out.append(style(text(note), "33")) }
        return out.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 CSV of the raw cell values (control characters escaped): header and rows, no totals.
    public static func csv(_ t: Tabular) -> String {
        let field = csvField
        var out = t.columns.map { field($0.title) }.joined(separator: ",") + "\n"
        for row in t.rows { out += row.map { field($0.raw) }.joined(separator: ",") + "\n" }
        return out
    }

    /// One CSV field: control characters escaped (`visible(_:)`), then quoted when it must be (RFC 4180: a comma,
    /// a quote or a line break; quotes doubled).
    ///
    /// - Complexity: O(n) in the UTF-8 length.
    public static func csvField(_ s: String) -> String {
        let text = visible(s)
        // A switch, not a chain of `==`: with GRDB's operators in the module, the chain takes the type checker
        // too long.
        let mustQuote = text.utf8.contains { byte in
            switch byte {
            case UInt8(ascii: ","), UInt8(ascii: "\""), 0x0A, 0x0D: return true
            default: return false
            }
        }
        return mustQuote ? "\"" + text.replacing("\"", with: "\"\"") + "\"" : text
    }

    /// A GitHub-flavoured Markdown table with the totals row in bold.
    public static func markdown(_ t: Tabular) -> String {
        func escape(_ s: String) -> String { visible(s).replacing("|", with: "\\|") }
        var out = ""
        if let title = t.title { out += "## \(visible(title))\n\n" }
        out += "| " + t.columns.map { escape($0.title) }.joined(separator: " | ") + " |\n"
        out += "|" + t.columns.map { $0.alignment == .left ? " --- |" : " ---: |" }.joined() + "\n"
        for row in t.rows { out += "| " + row.map { escape($0.display) }.joined(separator: " | ") + " |\n" }
        if let totals = t.totals {
            out += "| " + totals.map { $0.display.isEmpty ? "" : "**\(escape($0.display))**" }.joined(separator: " | ") + " |\n"
        }
        if !t.notes.isEmpty { out += "\n" + t.notes.map { "> \(visible($0))" }.joined(separator: "\n") + "\n" }
        return out
    }
}

