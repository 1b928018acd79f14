/// What an adapter writes to while one file is read: the shard, the file's identity and its account.
public struct IngestContext {
    /// The worker's table; adapters append events and intern strings here.
    public var table: UsageTable
    /// Index of the current file in the run's sorted file list.
    public var fileIndex: UInt32 = 0
    /// The current file's path.
    public var path: String = ""
    /// The physical line being handled.
    public var line: Int = 0
    /// Formats seen in the current file.
    public var formatsSeen: Set<LogFormat> = []
    /// Set by an adapter when a record is recognised but its content cannot be valid (the line is malformed).
    public var recordError: String?
    /// Why the current line gave no event, set by the first adapter that declined a record of its format.
    public var ignoreReason: IgnoreReason?
    /// Set by an adapter when the current line is an API error message that may carry a limit reset.
    public var limitMessageTime: Int64?

    /// Per-file state of `codex exec --json` streams.
    var codexExec = CodexExecState()
    /// The current file's modification time once read (see `fileModificationTime`).
    var modificationTime: Int64??

    /// Forgets what belonged to the file before.
    mutating func startFile(index: UInt32, path: String) {
        fileIndex = index
        self.path = path
        formatsSeen = []
        codexExec = CodexExecState()
        modificationTime = nil
    }

    public init(table: UsageTable = UsageTable()) {
        self.table = table
    }

    /// Appends an event for the current line, unless a count is beyond what any log holds: the line is then
    /// malformed, with the count (DESIGN 7: a number that overflows is a bug).
    /// - Returns: whether the row was appended.
    @discardableResult @inline(__always) mutating func append(_ row: EventRow) -> Bool {
        if let bad = TokenCount.outOfRange(row) {
            recordError = TokenCount.message(bad)
            return false
        }
        var row = row
        row.file = fileIndex
        row.line = UInt32(truncatingIfNeeded: line)
        table.append(row)
        return true
    }

    /// Notes why a record of the current line gives no event (the first reason of a line wins); returns false,
    /// so an adapter can `return context.ignore(.zeroUsage)`.
    @discardableResult mutating func ignore(_ reason: IgnoreReason) -> Bool {
        if ignoreReason == nil { ignoreReason = reason }
        return false
    }

    /// The event time of a record from the `timestamp` field: RFC 3339 text or an epoch number.
    func time(_ record: CapturedRecord, _ field: Field = .timestamp) -> Int64? {
        switch record.kind(field) {
        case .string: return record.withBytes(field) { Timestamp.parse($0) }
        case .integer, .double: return record.double(field).flatMap(Timestamp.fromEpoch)
        default: return nil
        }
    }

    mutating func intern(_ record: CapturedRecord, _ field: Field) -> UInt32 {
        record.withBytes(field) { table.strings.intern($0) }
    }
}
