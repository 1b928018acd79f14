/// How the table renderer lays a table out: as it always has for a pipe, or for a terminal of a given width.
public enum TableLayout: Sendable, Equatable {
    /// Every column at full width, measured in characters: piped output, unchanged by the terminal work.
    case full
    /// For a terminal: measured in display columns (`DisplayWidth`), fitted into `width` columns (nil: no limit,
    /// `--wide`); `compact` leaves out the columns below `Tabular.Column.compact` whatever the width (`--compact`).
    case terminal(width: Int?, compact: Bool)
}

/// Which columns of a table a terminal shows, and how wide each is.
///
/// Fitting goes in steps, each taken only when the one before does not fit: full width; list cells one item a
/// line and long text shortened in the middle (down to each column's minimum), the room left given back to the
/// shortened columns first; then the lowest-priority column left out, and again from the start. When only
/// essential columns are left and they still do not fit, shortened columns give up their minimum (down to 4).
public struct TableFit: Sendable, Equatable {
    /// The columns shown, by index into the table's columns, in order.
    public var shown: [Int]
    /// The widest a cell of each shown column may be, in display columns.
    public var widths: [Int]
    /// The columns left out, by index, in the order they were dropped.
    public var dropped: [Int]

    /// The space between two columns.
    public static let gap = 2

    /// The fit of `columns` whose cells (the header, the rows and the totals: `cells[row][column]`, escaped as
    /// they are shown) take `width` columns at most (nil: no limit).
    public static func compute(columns: [Tabular.Column], cells: [[String]], width: Int?, compact: Bool) -> TableFit {
        var natural = [Int](repeating: 0, count: columns.count)
        var minimum = [Int](repeating: 0, count: columns.count)
        for row in cells {
            for (i, cell) in row.enumerated() where i < columns.count {
                natural[i] = max(natural[i], DisplayWidth.of(cell))
            }
        }
        for (i, column) in columns.enumerated() {
            let title = DisplayWidth.of(column.title)
            switch column.fit {
            case .fixed:
                minimum[i] = natural[i]
            case .list(let separator):
                var widest = title
                for row in cells.dropFirst() where i < row.count {
                    for item in row[i].split(separator: separator) { widest = max(widest, DisplayWidth.of(item)) }
                }
                minimum[i] = min(natural[i], widest)
            case .shorten(let least):
                minimum[i] = min(natural[i], max(title, least))
            }
        }
        var shown = Array(columns.indices)
        var dropped: [Int] = []
        if compact {
            dropped = shown.filter { columns[$0].priority < Tabular.Column.compact }
            shown.removeAll { columns[$0].priority < Tabular.Column.compact }
        }
        func total(_ widths: [Int]) -> Int { widths.reduce(0, +) + gap * max(0, widths.count - 1) }
        guard let width else { return TableFit(shown: shown, widths: shown.map { natural[$0] }, dropped: dropped) }
        while true {
            if total(shown.map { natural[$0] }) <= width {
                return TableFit(shown: shown, widths: shown.map { natural[$0] }, dropped: dropped)
            }
            var widths = shown.map { minimum[$0] }
            if total(widths) <= width {
                // The room left goes to shortened text first (ids and paths read better whole), the column that
                // needs least to be whole first, then to lists (fewer cells one item a line).
                var room = width - total(widths)
                for pass in 0..<2 {
                    let growing = shown.indices.filter { n in
                        switch columns[shown[n]].fit {
                        case .shorten: return pass == 0
                        case .list: return pass == 1
                        case .fixed: return false
                        }
                    }
                    let need = { (n: Int) in natural[shown[n]] - widths[n] }
                    for n in growing.sorted(by: { need($0) != need($1) ? need($0) < need($1) : $0 < $1 }) {
                        let grow = min(room, natural[shown[n]] - widths[n])
                        widths[n] += grow
                        room -= grow
                    }
                }
                return TableFit(shown: shown, widths: widths, dropped: dropped)
            }
            let droppable = shown.enumerated().filter { columns[$0.element].priority < Tabular.Column.essential }
            guard let drop = droppable.min(by: { a, b in
                let (pa, pb) = (columns[a.element].priority, columns[b.element].priority)
                return pa != pb ? pa < pb : a.offset > b.offset
            }) else {
                // Only essential columns are left: shortened ones share what the others leave, 4 columns each at least.
                let flexible = shown.indices.filter { if case .shorten = columns[shown[$0]].fit { return true } else { return false } }
                guard !flexible.isEmpty else { return TableFit(shown: shown, widths: widths, dropped: dropped) }
                let rigid = total(widths) - flexible.reduce(0) { $0 + widths[$1] }
                let share = max(4, (width - rigid) / flexible.count)
                for n in flexible { widths[n] = min(widths[n], share) }
                return TableFit(shown: shown, widths: widths, dropped: dropped)
            }
            dropped.append(drop.element)
            shown.remove(at: drop.offset)
        }
    }

    /// The lines of one cell of column `column` in `width` columns: itself when it fits; else a list one item a
    /// line, or text shortened in the middle (a list item too is shortened when it is wider than the column).
    public static func lines(of cell: String, fit: Tabular.Fit, width: Int) -> [String] {
        guard DisplayWidth.of(cell) > width else { return [cell] }
        switch fit {
        case .fixed: return [cell]
        case .shorten: return [DisplayWidth.middleEllipsis(cell, width: width)]
        case .list(let separator):
            return cell.split(separator: separator).map { DisplayWidth.middleEllipsis(String($0), width: width) }
        }
    }
}
