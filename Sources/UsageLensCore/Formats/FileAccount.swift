/// How the lines of one input were used: the accounting `check` prints.
///
/// Every non-blank line ends in exactly one of `used`, `duplicate`, `ignored` or `malformed`, so their sum is
/// always `lines`.
public struct FileAccount: Equatable, Sendable {
    /// A line that could not be used, with the reason.
    public struct LineError: Equatable, Sendable {
        public var line: Int
        public var message: String
    }

    /// How many line errors are kept per file (all are counted).
    public static let keptErrors = 20

    public var path: String
    public var compression: Compression = .none
    public var formats: [LogFormat] = []
    /// Bytes read (after decompression): every byte of the stream, line ends and a byte order mark included.
    public var bytes: Int64 = 0
    /// Non-blank lines.
    public var lines = 0
    public var used = 0
    public var duplicate = 0
    /// Valid lines that gave no event; the sum of `ignoredReasons`.
    public var ignored: Int { ignoredReasons.total }
    /// Why the ignored lines gave nothing.
    public var ignoredReasons = IgnoreCounts()
    public var malformed = 0
    /// Events kept after de-duplication.
    public var events = 0
    /// The first `keptErrors` line errors.
    public var errors: [LineError] = []
    /// Problems with the file as a whole (unreadable, truncated stream).
    public var fileErrors: [String] = []
    /// Lines that gave at least one event before de-duplication (split into used and duplicate later).
    var linesWithEvents = 0

    public init(path: String) {
        self.path = path
    }

    /// Adds the account of the next range of the same file, whose line numbers start after `lineOffset` lines.
    mutating func absorb(_ next: FileAccount, lineOffset: Int) {
        bytes += next.bytes
        lines += next.lines
        ignoredReasons.merge(next.ignoredReasons)
        malformed += next.malformed
        linesWithEvents += next.linesWithEvents
        for e in next.errors where errors.count < Self.keptErrors {
            errors.append(LineError(line: e.line + lineOffset, message: e.message))
        }
        fileErrors += next.fileErrors
        formats = Array(Set(formats).union(next.formats)).sorted()
    }

    mutating func ignore(_ reason: IgnoreReason) {
        ignoredReasons[reason] += 1
    }

    mutating func recordError(line: Int, _ message: String) {
        malformed += 1
        if errors.count < Self.keptErrors { errors.append(LineError(line: line, message: message)) }
    }
}
