extension TabularRenderer {
    /// An aligned table laid out as `layout` says: `.full` is `table(_:color:)` exactly; `.terminal` measures in
    /// display columns and fits the table into the terminal's width (`TableFit`), saying below it which columns
    /// it left out; titles and notes wrap at spaces.
    public static func table(_ t: Tabular, color: Bool, layout: TableLayout) -> String {
        guard case .terminal(let width, let compact) = layout else { return table(t, color: color) }
        let text = visible
        let titles = t.columns.map { text($0.title) }
        let rows = t.rows.map { $0.map { text($0.display) } }
        var totals = t.totals.map { $0.map { text($0.display) } }
        let fit = TableFit.compute(
            columns: t.columns, cells: [titles] + rows + (totals.map { [$0] } ?? []), width: width, compact: compact)
        // The totals' label ("Total") stays when its column is left out: in the first column shown, if empty there.
        if let first = fit.shown.first, first > 0, let row = totals, first < row.count, row[first].isEmpty {
            totals?[first] = row[0]
        }

        // Each row as lines of cells, one entry per shown column.
        func split(_ cells: [String]) -> [[String]] {
            var columns: [[String]] = []
            for (n, i) in fit.shown.enumerated() {
                let cell = i < cells.count ? cells[i] : ""
                columns.append(TableFit.lines(of: cell, fit: t.columns[i].fit, width: fit.widths[n]))
            }
            let height = columns.map(\.count).max() ?? 1
            return (0..<height).map { line in columns.map { line < $0.count ? $0[line] : "" } }
        }
        let header = split(titles)
        let body = rows.map(split)
        let footer = totals.map(split)
        // A column is as wide as what it shows (a wrapped list may show less than its share).
        var widths = [Int](repeating: 0, count: fit.shown.count)
        for lines in [header] + body + (footer.map { [$0] } ?? []) {
            for line in lines { for (n, cell) in line.enumerated() { widths[n] = max(widths[n], DisplayWidth.of(cell)) } }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (n, cell) in cells.enumerated() {
                let padding = String(repeating: " ", count: max(0, widths[n] - DisplayWidth.of(cell)))
                parts.append(t.columns[fit.shown[n]].alignment == .left ? cell + padding : padding + cell)
            }
            var text = parts.joined(separator: String(repeating: " ", count: TableFit.gap))
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        func style(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        let lineWidth = width ?? Int.max
        func wrapped(_ s: String) -> [String] { width == nil ? [s] : DisplayWidth.wrap(s, width: lineWidth) }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: String(repeating: " ", count: TableFit.gap))
        var out: [String] = []
        if let title = t.title { out += wrapped(text(title)).map { style($0, "1") } }
        out += header.map { style(line($0), "1;36") }
        out.append(rule)
        for (i, lines) in body.enumerated() {
            for cells in lines {
                let shown = line(cells)
                out.append(t.detailRows.contains(i) ? style(shown, "2") : shown)
            }
        }
        if let footer {
            out.append(rule)
            out += footer.map { style(line($0), "1;33") }
        }
        if !fit.dropped.isEmpty {
            let names = fit.dropped.sorted().map { titles[$0] }.joined(separator: ", ")
            let why = compact ? "Left out by --compact" : "Left out to fit \(lineWidth) columns"
            out += wrapped("\(why): \(names) (--wide shows them).").map { style($0, "2") }
        }
        for note in t.notes { out += wrapped(text(note)).map { style($0, "33") } }
        return out.joined(separator: "\n") + "\n"
    }
}
