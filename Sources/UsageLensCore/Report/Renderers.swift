/// Output formats of every report.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, json, csv, markdown
}

/// Renders `Tabular` values as an aligned text table, CSV or Markdown.
public enum TabularRenderer {
    /// An aligned table with a rule under the header and above the totals; `color` adds ANSI styles.
    public static func table(_ t: Tabular, color: Bool) -> String {
        let all = [t.columns.map(\.title)] + t.rows.map { $0.map(\.display) } + (t.totals.map { [$0.map(\.display)] } ?? [])
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
        if let title = t.title { out.append(style(title, "1")) }
        out.append(style(line(t.columns.map(\.title)), "1;36"))
        out.append(rule)
        for (i, row) in t.rows.enumerated() {
            let text = line(row.map(\.display))
            out.append(t.detailRows.contains(i) ? style(text, "2") : text)
        }
        if let totals = t.totals {
            out.append(rule)
            out.append(style(line(totals.map(\.display)), "1;33"))
        }
        for note in t.notes { out.append(style(note, "33")) }
        return out.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 CSV of the raw cell values: header and rows, no totals.
    public static func csv(_ t: Tabular) -> String {
        let field = csvField
        var out = t.columns.map { field($0.title) }.joined(separator: ",") + "\n"
        for row in t.rows { out += row.map { field($0.raw) }.joined(separator: ",") + "\n" }
        return out
    }

    /// One CSV field, quoted only when it must be.
    public static func csvField(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + s.replacing("\"", with: "\"\"") + "\"" : s
    }

    /// A GitHub-flavoured Markdown table with the totals row in bold.
    public static func markdown(_ t: Tabular) -> String {
        func escape(_ s: String) -> String { s.replacing("|", with: "\\|") }
        var out = ""
        if let title = t.title { out += "## \(title)\n\n" }
        out += "| " + t.columns.map { escape($0.title) }.joined(separator: " | ") + " |\n"
        out += "|" + t.columns.map { $0.alignment == .left ? " --- |" : " ---: |" }.joined() + "\n"
        for row in t.rows { out += "| " + row.map { escape($0.display) }.joined(separator: " | ") + " |\n" }
        if let totals = t.totals {
            out += "| " + totals.map { $0.display.isEmpty ? "" : "**\(escape($0.display))**" }.joined(separator: " | ") + " |\n"
        }
        if !t.notes.isEmpty { out += "\n" + t.notes.map { "> \($0)" }.joined(separator: "\n") + "\n" }
        return out
    }
}

