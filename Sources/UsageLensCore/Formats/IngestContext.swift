/// What an adapter writes to while one file is read: the shard, the file's identity and the current line.
///
/// Adapters append events and limit observations here and answer the ingestor with a `RecordOutcome`; what a
/// line came to is never recorded on the context.
public struct IngestContext {
    /// The worker's table; adapters append events and intern strings here.
    public var table: UsageTable
    /// Index of the current file in the run's sorted file list.
    public var fileIndex: UInt32 = 0
    /// The current file's path.
    public var path: String = ""
    /// The physical line being handled.
    public var line: Int = 0

    /// The current file's modification time once read (see `fileModificationTime`).
    var modificationTime: Int64??

    /// Forgets what belonged to the file before.
    mutating func startFile(index: UInt32, path: String) {
        fileIndex = index
        self.path = path
        modificationTime = nil
    }

    public init(table: UsageTable = UsageTable()) {
        self.table = table
    }

    /// Appends an event for the current line, unless a count is beyond what any log holds: the line is then
    /// malformed, with the count (DESIGN 7: a number that overflows is a bug).
    /// - Returns: `.events(1)`, or `.malformed` with the reason.
    @inline(__always) mutating func append(_ row: EventRow) -> RecordOutcome {
        if let bad = TokenCount.outOfRange(row) { return .malformed(TokenCount.message(bad)) }
        var row = row
        row.file = fileIndex
        row.line = UInt32(truncatingIfNeeded: line)
        table.append(row)
        return .events(1)
    }

    /// The event time of a record from a captured slot: RFC 3339 text or an epoch number.
    @inline(__always) func time<Slot>(_ record: Captures<Slot>, _ slot: Slot) -> Int64? {
        switch record.kind(slot) {
        case .string: return record.withBytes(slot) { Timestamp.parse($0) }
        case .integer, .double: return record.double(slot).flatMap(Timestamp.fromEpoch)
        default: return nil
        }
    }

    @inline(__always) mutating func intern<Slot>(_ record: Captures<Slot>, _ slot: Slot) -> UInt32 {
        record.withBytes(slot) { table.strings.intern($0) }
    }
}
