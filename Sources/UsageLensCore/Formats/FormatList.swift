/// The ordered lists of formats `FormatRegistry` declares, as generic values.
///
/// A list is a chain of nodes, one per format, whose type names every format in order
/// (`KeyPathFormats<KeyPathFormats<NoKeyPathFormats, ClaudeCodeAdapter>, CodexAdapter>`); the result builders
/// below make it from a plain list of adapter types. Offering a record to the list is a call per node, each
/// direct and specialised for its format, so the hot path makes no existential call (an array of
/// `any KeyPathFormat` would cost a witness-table call per format per line, and box every per-file state).

/// Where a format of a list stands: its identity, needles and statefulness, for the registry's derived tables.
public struct FormatInfo: Sendable {
    public var format: LogFormat
    public var needles: [String]
    public var isStateful: Bool
}

/// The per-file states of a list's formats: those of the formats before the last, and the last one's.
struct ListStates<Prefix: AdapterState, Last: AdapterState>: AdapterState {
    var prefix = Prefix()
    var last = Last()
    init() {}
}

/// An ordered list of key-path formats (see `KeyPathFormatsBuilder`).
protocol KeyPathFormatList: Sendable {
    associatedtype States: AdapterState
    /// The formats, in order.
    var formats: [FormatInfo] { get }
    /// The key paths of each `CapturedRecord` slot the list's formats use, by slot index.
    var slotPaths: [[[String]]] { get }
    /// The name of each slot (the first format's case that declared it), by slot index.
    var slotNames: [String] { get }
    /// Every format's state for a new file.
    func startFile(path: String, _ context: inout IngestContext) -> States
    /// Offers a record to each format in order; the first that claims it answers. nil: none did.
    func read(
        _ record: CapturedRecord, line: UnsafeRawBufferPointer, states: inout States, _ context: inout IngestContext
    ) -> (LogFormat, RecordOutcome)?
}

extension KeyPathFormatList {
    /// Fresh states, before any file.
    var initialStates: States { States() }
}

/// The empty list.
struct NoKeyPathFormats: KeyPathFormatList {
    var formats: [FormatInfo] { [] }
    var slotPaths: [[[String]]] { [] }
    var slotNames: [String] { [] }
    func startFile(path: String, _ context: inout IngestContext) -> NoState { NoState() }
    @inline(__always)
    func read(
        _ record: CapturedRecord, line: UnsafeRawBufferPointer, states: inout NoState, _ context: inout IngestContext
    ) -> (LogFormat, RecordOutcome)? { nil }
}

/// A list of key-path formats and one more, offered a record after them.
///
/// Its format's slots get their `CapturedRecord` indices here, after the slots of the formats before it: a slot
/// whose key paths equal an earlier slot's shares its index; a key path that two different slots name, or more
/// slots than `CapturedRecord.maxSlots`, stop the program when the registry is built, with the reason.
struct KeyPathFormats<Prefix: KeyPathFormatList, Format: KeyPathFormat>: KeyPathFormatList, @unchecked Sendable {
    typealias States = ListStates<Prefix.States, Format.FileState>

    let prefix: Prefix
    /// Slot index of each of `Format.Slot`'s cases; made once, with the registry, and never freed.
    let indices: UnsafePointer<Int32>
    let slotPaths: [[[String]]]
    let slotNames: [String]

    init(_ prefix: Prefix) {
        self.prefix = prefix
        var paths = prefix.slotPaths
        var names = prefix.slotNames
        let slots = Format.Slot.allCases
        let indices = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, slots.count))
        for (position, slot) in slots.enumerated() {
            precondition(
                slot.rawValue == position, "\(Format.self).Slot: raw values must be 0, 1, 2, ... in case order")
            let own = slot.keyPaths
            if let shared = paths.firstIndex(of: own) {
                indices[position] = Int32(shared)
                continue
            }
            for path in own {
                if let other = paths.firstIndex(where: { $0.contains(path) }) {
                    preconditionFailure(
                        "key path \(path) fills both \(Format.self).Slot.\(slot) and slot \(names[other]) with other "
                            + "paths beside it; a key path can fill one slot: give both slots the same paths")
                }
            }
            paths.append(own)
            names.append("\(slot)")
            indices[position] = Int32(paths.count - 1)
        }
        precondition(
            paths.count <= CapturedRecord.maxSlots,
            "the key-path formats need \(paths.count) capture slots; CapturedRecord holds \(CapturedRecord.maxSlots) "
                + "(one bit each in a UInt64): share slots or widen CapturedRecord.present")
        self.indices = UnsafePointer(indices)
        self.slotPaths = paths
        self.slotNames = names
    }

    var formats: [FormatInfo] {
        prefix.formats + [FormatInfo(format: Format.format, needles: Format.needles, isStateful: Format.isStateful)]
    }

    func startFile(path: String, _ context: inout IngestContext) -> States {
        var states = States()
        states.prefix = prefix.startFile(path: path, &context)
        states.last = Format.startFile(path: path, &context)
        return states
    }

    @inline(__always)
    func read(
        _ record: CapturedRecord, line: UnsafeRawBufferPointer, states: inout States, _ context: inout IngestContext
    ) -> (LogFormat, RecordOutcome)? {
        if let answer = prefix.read(record, line: line, states: &states.prefix, &context) { return answer }
        let outcome = Format.read(
            Captures(record: record, indices: indices), line: line, state: &states.last, &context)
        return outcome.isClaimed ? (Format.format, outcome) : nil
    }
}

/// Makes a `KeyPathFormatList` from adapter types, one a line, in the order they are offered a record.
@resultBuilder
enum KeyPathFormatsBuilder {
    static func buildPartialBlock<F: KeyPathFormat>(first: F.Type) -> KeyPathFormats<NoKeyPathFormats, F> {
        KeyPathFormats(NoKeyPathFormats())
    }

    static func buildPartialBlock<P: KeyPathFormatList, F: KeyPathFormat>(accumulated: P, next: F.Type)
        -> KeyPathFormats<P, F>
    {
        KeyPathFormats(accumulated)
    }
}

/// An ordered list of document formats (see `DocumentFormatsBuilder`).
protocol DocumentFormatList: Sendable {
    associatedtype States: AdapterState
    var formats: [FormatInfo] { get }
    /// Offers a value to each format in order; the first that claims it answers. nil: none did.
    func read(_ value: JSONValue, states: inout States, _ context: inout IngestContext) -> (LogFormat, RecordOutcome)?
}

extension DocumentFormatList {
    var initialStates: States { States() }
}

struct NoDocumentFormats: DocumentFormatList {
    var formats: [FormatInfo] { [] }
    func read(_ value: JSONValue, states: inout NoState, _ context: inout IngestContext) -> (LogFormat, RecordOutcome)? {
        nil
    }
}

/// A list of document formats and one more, offered a value after them.
struct DocumentFormats<Prefix: DocumentFormatList, Format: DocumentFormat>: DocumentFormatList {
    typealias States = ListStates<Prefix.States, Format.FileState>

    let prefix: Prefix

    var formats: [FormatInfo] {
        prefix.formats + [FormatInfo(format: Format.format, needles: Format.needles, isStateful: Format.isStateful)]
    }

    func read(_ value: JSONValue, states: inout States, _ context: inout IngestContext) -> (LogFormat, RecordOutcome)? {
        if let answer = prefix.read(value, states: &states.prefix, &context) { return answer }
        let outcome = Format.read(value, state: &states.last, &context)
        return outcome.isClaimed ? (Format.format, outcome) : nil
    }
}

/// Makes a `DocumentFormatList` from adapter types, one a line, in the order they are offered a value.
@resultBuilder
enum DocumentFormatsBuilder {
    static func buildPartialBlock<F: DocumentFormat>(first: F.Type) -> DocumentFormats<NoDocumentFormats, F> {
        DocumentFormats(prefix: NoDocumentFormats())
    }

    static func buildPartialBlock<P: DocumentFormatList, F: DocumentFormat>(accumulated: P, next: F.Type)
        -> DocumentFormats<P, F>
    {
        DocumentFormats(prefix: accumulated)
    }
}
