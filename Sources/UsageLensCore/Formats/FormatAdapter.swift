/// The seam between the ingestor and the log formats: what a format declares, how it is offered a record, and
/// what it answers.
///
/// There are two kinds of format. A key-path format (`KeyPathFormat`: Claude Code, Codex) is read on the fast
/// path: it declares the key paths it needs, `JSONLineParser` captures exactly those while yajl walks the line,
/// and the adapter reads the captures. A document format (`DocumentFormat`: API responses, usage records,
/// sessions, ...) is read from the `JSONValue` tree of a line no key-path format claimed. Both are listed, in the
/// order they are offered a record, in `FormatRegistry`; the lists are generic values (`KeyPathFormatList`,
/// `DocumentFormatList`), so offering a record to every format is a chain of direct, specialised calls with no
/// existential in it.
///
/// An adapter answers with a `RecordOutcome` (as ripgrep's `Sink` callbacks return their verdict): it never sets
/// flags on shared state. What it may touch is the `IngestContext` (the shard it appends to and the current
/// file and line) and its own per-file state, a value the ingestor keeps for it.

/// What a format made of one record (one top-level value of a line, or one unit of a document).
public enum RecordOutcome: Equatable, Sendable {
    /// Not a record of this format: the next format in the registry is offered it.
    case notMine
    /// A line of this format's envelope that no format reads (a Claude Code user turn, a Codex `response_item`):
    /// no other format is offered it, and the file is not noted as holding this format.
    case passed
    /// A record of this format that gave this many events (at least one).
    case events(Int)
    /// A valid record of this format with nothing to count, for this reason.
    case ignored(IgnoreReason)
    /// A record of this format whose content cannot be valid (a count beyond any log): the line is malformed.
    case malformed(String)

    /// Whether the record was this format's (anything but `.notMine`).
    @inline(__always) public var isClaimed: Bool {
        if case .notMine = self { return false }
        return true
    }

    /// The outcome of two records of one line, `self` first (a `sessions.list` element after another, the
    /// messages of one session object): the last malformed message wins, then events add up, then the first
    /// reason a record was ignored for stands.
    public func then(_ next: RecordOutcome) -> RecordOutcome {
        switch (self, next) {
        case (_, .malformed): return next
        case (.malformed, _): return self
        case (.events(let a), .events(let b)): return .events(a + b)
        case (.events, _): return self
        case (_, .events): return next
        case (.ignored, _): return self
        case (_, .ignored): return next
        case (.passed, _), (_, .passed): return .passed
        default: return .notMine
        }
    }
}

/// The per-file state of an adapter: what it carries from one line of a file to the next (Codex: the model of
/// the last `turn_context` and the previous cumulative totals).
///
/// A value, kept by the ingestor and handed to the adapter with each record: the ingestor snapshots it before a
/// line (a malformed line changes no state) and a persistent cache can save it after a file's last complete line
/// and resume from it (`Codable`; DESIGN 9). String codes in a state are codes of the shard's dictionary that
/// read the file, so a saved state must be saved with that dictionary's strings.
public protocol AdapterState: Sendable, Codable, Equatable {
    init()
}

/// The state of a format that carries nothing from line to line.
public struct NoState: AdapterState {
    public init() {}
}

/// The capture slots of one key-path format: a `CaseIterable` enum whose cases name the values the format reads
/// and whose `keyPaths` say where each one is (top-level key first; several paths may fill one slot, as a Claude
/// Code `progress` line carries the message fields one level deeper).
///
/// `FormatRegistry` gives every slot of every key-path format an index in `CapturedRecord`; slots of two formats
/// with the same key paths (`type`, `timestamp`) share one index.
public protocol CaptureSlots: RawRepresentable, CaseIterable, Sendable where RawValue == Int {
    /// The key paths that fill this slot.
    var keyPaths: [[String]] { get }
}

/// A captured record seen through one format's slots.
///
/// - Complexity: every accessor is one table load plus the `CapturedRecord` accessor.
public struct Captures<Slot: CaptureSlots> {
    public let record: CapturedRecord
    /// Index in `record` of each slot, by the slot's raw value.
    let indices: UnsafePointer<Int32>

    @inline(__always) func index(_ slot: Slot) -> Int { Int(indices[slot.rawValue]) }

    @inline(__always) public func has(_ slot: Slot) -> Bool { record.has(index(slot)) }
    @inline(__always) public func kind(_ slot: Slot) -> CapturedKind { record.kind(index(slot)) }
    @inline(__always) public func integer(_ slot: Slot) -> Int64? { record.integer(index(slot)) }
    @inline(__always) public func count(_ slot: Slot) -> Int64 { record.count(index(slot)) }
    @inline(__always) public func double(_ slot: Slot) -> Double? { record.double(index(slot)) }
    @inline(__always) public func bool(_ slot: Slot) -> Bool { record.bool(index(slot)) }
    @inline(__always) public func string(_ slot: Slot) -> String? { record.string(index(slot)) }
    @inline(__always) public func string(_ slot: Slot, equals literal: StaticString) -> Bool {
        record.string(index(slot), equals: literal)
    }
    @inline(__always)
    public func withBytes<R>(_ slot: Slot, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try record.withBytes(index(slot), body)
    }
}

/// A format read on the fast path from the values `JSONLineParser` captures by key path.
protocol KeyPathFormat {
    associatedtype Slot: CaptureSlots
    associatedtype FileState: AdapterState

    /// The format's identity; `FormatRegistry` lists it.
    static var format: LogFormat { get }
    /// A line that holds none of these byte strings carries nothing for this format (see `Prefilter`). Needles
    /// must hold for pretty-printed JSON as well, so they never include the `:` after a key.
    static var needles: [String] { get }
    /// Whether a line's meaning depends on the lines before it in the same file: files holding such a format
    /// are never split across workers.
    static var isStateful: Bool { get }

    /// The state for a new file, from what its path says.
    static func startFile(path: String, _ context: inout IngestContext) -> FileState

    /// Reads one captured record. `line` holds the record's whole text when it was read in one piece (empty
    /// for a line longer than the reader's buffer, which is parsed as it streams by), for what is never
    /// captured (Claude Code's limit message lives in elided content).
    static func read(
        _ record: Captures<Slot>, line: UnsafeRawBufferPointer, state: inout FileState, _ context: inout IngestContext
    ) -> RecordOutcome
}

/// A format read from the tree of a line (or of a document's unit) that no key-path format claimed.
protocol DocumentFormat {
    associatedtype FileState: AdapterState = NoState

    /// The format's identity; `FormatRegistry` lists it.
    static var format: LogFormat { get }
    /// As `KeyPathFormat.needles`.
    static var needles: [String] { get }
    /// As `KeyPathFormat.isStateful`.
    static var isStateful: Bool { get }

    /// Reads one value; `.notMine` hands it to the next format.
    static func read(_ value: JSONValue, state: inout FileState, _ context: inout IngestContext) -> RecordOutcome
}

extension DocumentFormat {
    static var isStateful: Bool { false }
}
