import ArgumentParser
import UsageLensCore

/// The formats a command's `--format` offers, and how its help words them.
protocol FormatMenu {
    static var formats: [OutputFormat] { get }
    static var standard: OutputFormat { get }
    static var help: ArgumentHelp { get }
}

extension FormatMenu {
    /// `listed` in the order the help has always shown them, then every other format but `without`: a format
    /// added to `OutputFormat` joins every menu.
    static func menu(listed: [OutputFormat], without: [OutputFormat]) -> [OutputFormat] {
        listed + OutputFormat.allCases.filter { !listed.contains($0) && !without.contains($0) }
    }
}

/// A format of `Menu`, as typed after `--format`.
struct FormatChoice<Menu: FormatMenu>: ExpressibleByArgument {
    var format: OutputFormat

    init(_ format: OutputFormat) {
        self.format = format
    }

    init?(argument: String) {
        guard let format = OutputFormat(rawValue: argument), Menu.formats.contains(format) else { return nil }
        self.format = format
    }

    var defaultValueDescription: String { format.rawValue }
    static var allValueStrings: [String] { Menu.formats.map(\.rawValue) }
    static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}

/// How to print: `--format` from `Menu`, or `--json`; and, for a table, `--wide` or `--compact`.
struct OutputOptions<Menu: FormatMenu>: ParsableArguments {
    @Option(help: Menu.help)
    var format = FormatChoice<Menu>(Menu.standard)

    @Flag(help: "Short for --format json.")
    var json = false

    @Flag(help: tableHelp("On a terminal, every column at full width (as when piped), however wide the table."))
    var wide = false

    @Flag(help: tableHelp("Leave out the detail columns (cache tokens, events) and fit the terminal, even when piped (COLUMNS, else 80)."))
    var compact = false

    /// Help for a table-only flag: shown by the commands that offer a table.
    private static func tableHelp(_ text: String) -> ArgumentHelp {
        ArgumentHelp(text, visibility: Menu.formats.contains(.table) ? .default : .private)
    }

    func validate() throws {
        if wide && compact { throw ValidationError("--wide and --compact exclude each other: give one of them") }
    }

    var effectiveFormat: OutputFormat { json ? .json : format.format }

    /// How tables are laid out: full width on a pipe and with `--wide`, fitted to the terminal otherwise.
    var layout: TableLayout { Output.tableLayout(wide: wide, compact: compact) }
}

/// The reports' formats: every format but NDJSON, which stays `export`'s (their help has always listed four),
/// and HTML, which is `report`'s page.
enum ReportFormats: FormatMenu {
    static var formats: [OutputFormat] { menu(listed: [.table, .json, .csv, .markdown], without: [.ndjson, .html]) }
    static var standard: OutputFormat { .table }
    static var help: ArgumentHelp { "Output format: table, json, csv or markdown." }
}

/// `export`'s formats: every format but the two that lay out a whole table (an export of millions of events is
/// written a record at a time).
enum ExportFormats: FormatMenu {
    static var formats: [OutputFormat] { menu(listed: [.csv, .json, .ndjson], without: [.table, .markdown, .html]) }
    static var standard: OutputFormat { .csv }
    static var help: ArgumentHelp { "csv, json (one array) or ndjson (one object per line)." }
}
