/// A report as rows and columns, for the table, CSV and Markdown renderers.
public struct Tabular: Sendable {
    public enum Alignment: Sendable { case left, right }

    /// How a column's cells may narrow when a terminal is too narrow for the table (`TableLayout.terminal`).
    public enum Fit: Sendable, Equatable {
        /// Always at full width (numbers, dates).
        case fixed
        /// A list whose items `separator` joins (model names): a cell too wide shows one item a line.
        case list(separator: String)
        /// Text shortened in the middle (`samples/cla…c0bc8.jsonl`), down to `minimum` columns.
        case shorten(minimum: Int)

        /// Model names joined by ", ".
        public static let models = Fit.list(separator: ", ")
        /// Paths and ids, down to 16 columns.
        public static let path = Fit.shorten(minimum: 16)
    }

    public struct Column: Sendable {
        public var title: String
        public var alignment: Alignment
        /// How its cells narrow on a narrow terminal.
        public var fit: Fit
        /// Which columns a narrow terminal leaves out first: the lowest priority (the rightmost of equals); a
        /// column of `essential` priority never. `--compact` leaves out every column below `compact`.
        public var priority: Int

        /// The priority of the columns a table is read by (its key, the cost): never left out.
        public static let essential = 100
        /// The lowest priority `--compact` keeps.
        public static let compact = 50
        /// The priority of a column that says nothing else.
        public static let main = 60

        public init(_ title: String, _ alignment: Alignment = .right, fit: Fit = .fixed, priority: Int = main) {
            self.title = title
            self.alignment = alignment
            self.fit = fit
            self.priority = priority
        }
    }

    /// A cell: the text shown in a table and the raw text written to CSV.
    public struct Cell: Sendable {
        public var display: String
        public var raw: String
        public init(_ display: String, raw: String? = nil) {
            self.display = display
            self.raw = raw ?? display
        }
    }

    public var title: String?
    public var columns: [Column]
    public var rows: [[Cell]] = []
    /// Rows that belong under the row before them (per-model breakdown lines), dimmed in a table.
    public var detailRows: Set<Int> = []
    /// The totals row, set apart in a table, left out of CSV.
    public var totals: [Cell]?
    /// Lines printed after the table (warnings such as unpriced models).
    public var notes: [String] = []

    public init(title: String? = nil, columns: [Column]) {
        self.title = title
        self.columns = columns
    }
}

/// Number formatting for tables.
public enum Formatting {
    /// `1234567` -> `1,234,567`.
    public static func grouped(_ v: Int64) -> String {
        let digits = String(v.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return v < 0 ? "-" + out : out
    }

    /// `1234.5` -> `$1,234.50`.
    public static func dollars(_ v: Double) -> String {
        guard v.isFinite, abs(v) < 9e15 else { return "$?" }
        let cents = Int64((abs(v) * 100).rounded())
        let text = "$" + grouped(cents / 100) + "." + Timestamp.pad(Int(cents % 100), 2)
        return v < 0 && cents > 0 ? "-" + text : text
    }
}

extension Tabular {
    /// Records as rows and columns, for the formats that lay out a whole table (table, Markdown): `null` is
    /// empty, numbers and booleans as in JSON, nested values as compact JSON.
    public init(columns: [String], count: Int, record: (Int) -> [JSONValue]) {
        self.init(columns: columns.map { Column($0, .left) })
        rows = (0..<count).map { n in
            record(n).map { value in
                switch value {
                case .null: Cell("")
                case .string(let s): Cell(s)
                case .int(let v): Cell(String(v))
                case .double(let d): Cell(JSONValue.number(d))
                case .bool(let b): Cell(b ? "true" : "false")
                case .object, .array: Cell(value.rendered(indent: 0))
                }
            }
        }
    }
}
