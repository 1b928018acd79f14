/// Text in HTML and SVG: the one escaper of the HTML renderer.
enum HTMLText {
    /// `text` with `& < > " '` escaped, safe in element content and in double- or single-quoted attributes.
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// A table of `tabular`: its title as a caption, right-aligned numbers, the totals row in a footer.
    static func table(_ tabular: Tabular, class className: String = "data") -> String {
        var s = "<table class=\"\(className)\">"
        if let title = tabular.title { s += "<caption>\(escape(title))</caption>" }
        s += "<thead><tr>"
        for column in tabular.columns {
            s += "<th\(column.alignment == .right ? " class=\"num\"" : "")>\(escape(column.title))</th>"
        }
        s += "</tr></thead><tbody>"
        func row(_ cells: [Tabular.Cell], header: Bool = false) -> String {
            var r = "<tr>"
            for (k, cell) in cells.enumerated() {
                let right = k < tabular.columns.count && tabular.columns[k].alignment == .right
                let tag = header && k == 0 ? "th" : "td"
                r += "<\(tag)\(right ? " class=\"num\"" : "")>\(escape(cell.display))</\(tag)>"
            }
            return r + "</tr>"
        }
        for cells in tabular.rows { s += row(cells) }
        s += "</tbody>"
        if let totals = tabular.totals { s += "<tfoot>" + row(totals, header: true) + "</tfoot>" }
        s += "</table>"
        for note in tabular.notes { s += "<p class=\"note\">\(escape(note))</p>" }
        return s
    }
}
