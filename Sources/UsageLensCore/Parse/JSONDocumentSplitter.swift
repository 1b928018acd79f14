internal import CYajl

/// Turns a file that is one JSON document spread over many lines (an older Gemini CLI `session-*.json`, a
/// pretty-printed response, `jq .` output, a JSON array of records) into compact one-line units, each read like
/// a line of a JSONL file.
///
/// The units are the values a reader of such a file treats as records:
/// - each element of a top-level array;
/// - each container element of an array that is a member of a top-level object, wrapped in that object's
///   members read so far: `{"sessionId":"s","messages":[...]}` gives `{"sessionId":"s","messages":[m]}` per
///   message, so an adapter sees the element with its context;
/// - the top-level object itself, without the elements given out before (its remaining members);
/// - any other top-level value as it is.
///
/// Memory is the unit being written and the top-level object's other members, never the document: a session
/// of any length holds one message at a time. Numbers keep their text; strings are re-escaped, and a long one
/// is kept as every captured string is (`LongString`). Nesting is bounded (`maxDepth`).
/// - Complexity: O(n) in the document's bytes.
final class JSONDocumentSplitter {
    /// A completed unit: compact JSON text and the physical line on which its value started.
    struct Unit {
        var text: [UInt8]
        var line: Int
    }

    static let maxDepth = 512

    /// The physical line of the bytes passed to the next `feed` (set by the caller).
    var line = 0
    /// Units completed since the caller last took them.
    var units: [Unit] = []

    private let yajl: YajlHandle
    private var failure: String?

    /// Open containers, outermost first; `true` once a value or key was written in it.
    private var written: [Bool] = []
    private var afterKey = false
    private var rootIsObject = false
    /// The text being written: the top-level object (without its streamed elements), or the current unit.
    private var out: [UInt8] = []
    /// While a streamed element is written: the top-level object's text, up to and including the `[` of the
    /// array the element belongs to at `arrayOpen`.
    private var root: [UInt8] = []
    private var arrayOpen = 0
    private var inStreamedArray = false
    private var inElement = false
    private var unitLine = 0
    private var rootLine = 0

    init() {
        yajl = YajlHandle(callbacks: Self.makeCallbacks(), allowsMultipleValues: true, validatesStrings: false)
        yajl.attach(Unmanaged.passUnretained(self).toOpaque())
    }

    /// Starts a new document.
    func begin() {
        // A fresh handle for every document: nothing of the one before carries over.
        yajl.renew()
        failure = nil
        written.removeAll(keepingCapacity: true)
        afterKey = false
        inStreamedArray = false
        inElement = false
        out.removeAll(keepingCapacity: true)
        root.removeAll(keepingCapacity: true)
        units.removeAll(keepingCapacity: true)
    }

    /// Feeds the next bytes of the document: a line without its newline, or a piece of a long line
    /// (`endsLine` false until its last piece). Returns nil, or the error that ended the document.
    func feed(_ bytes: UnsafeRawBufferPointer, endsLine: Bool) -> String? {
        guard failure == nil else { return failure }
        guard yajl.isAllocated else { return "cannot allocate a JSON parser" }
        if !yajl.parse(bytes) {
            failure = failure ?? yajl.message
            return failure
        }
        // The newline the reader took away: whitespace, but it ends a number at the end of a line.
        if endsLine && !yajl.parseNewline() {
            failure = failure ?? yajl.message
        }
        return failure
    }

    /// Ends the document; nil when it was complete, else the error (a torn document is `premature end`).
    func end() -> String? {
        guard failure == nil else { return failure }
        guard yajl.isAllocated else { return "cannot allocate a JSON parser" }
        if !yajl.complete() {
            failure = yajl.message
            return failure
        }
        if !written.isEmpty { failure = "truncated JSON (premature end of document)" }
        return failure
    }

    /// Whether the first non-blank line of a file opens a document rather than holding a JSONL record: a
    /// lone `{` or `[` (how every pretty-printer starts), or `[` opening a list of records that goes on.
    static func opensDocument(_ line: UnsafeRawBufferPointer) -> Bool {
        var first = 0
        var last = line.count - 1
        while first <= last, isSpace(line[first]) { first += 1 }
        while last >= first, isSpace(line[last]) { last -= 1 }
        guard first <= last else { return false }
        let open = line[first]
        if first == last { return open == UInt8(ascii: "{") || open == UInt8(ascii: "[") }
        let close = line[last]
        return open == UInt8(ascii: "[")
            && (close == UInt8(ascii: ",") || close == UInt8(ascii: "[") || close == UInt8(ascii: "{"))
    }

    @inline(__always) private static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A
    }

    // MARK: Writing

    /// Before a value or key inside the current container: the comma, unless a key was just written.
    private func separate() {
        if afterKey {
            afterKey = false
            return
        }
        guard let i = written.indices.last else { return }
        if written[i] { out.append(UInt8(ascii: ",")) }
        written[i] = true
    }

    /// Whether a container starting now is a unit of its own (an element of a top-level array, or of an
    /// array member of the top-level object).
    private var startsElement: Bool {
        guard !inElement else { return false }
        return (written.count == 1 && !rootIsObject) || (written.count == 2 && inStreamedArray)
    }

    private func open(_ byte: UInt8) {
        if written.isEmpty {
            rootIsObject = byte == UInt8(ascii: "{")
            out.removeAll(keepingCapacity: true)
            rootLine = line
        } else if startsElement {
            inElement = true
            if written.count == 2 {
                // The element goes out wrapped in the object read so far, and is not kept in the object.
                root = out
                out = Array(root[0..<arrayOpen])
            } else {
                out.removeAll(keepingCapacity: true)
            }
            unitLine = line
        } else {
            separate()
        }
        out.append(byte)
        written.append(false)
    }

    private func close(_ byte: UInt8) -> Int32 {
        guard !written.isEmpty else { return 0 }
        out.append(byte)
        written.removeLast()
        if written.isEmpty {
            // A top-level array gave out its elements; a top-level object is a unit with what is left of it.
            if rootIsObject { units.append(Unit(text: out, line: rootLine)) }
            inElement = false
            inStreamedArray = false
            rootIsObject = false
            out.removeAll(keepingCapacity: true)
        } else if inElement && ((written.count == 1 && !rootIsObject) || (written.count == 2 && inStreamedArray)) {
            inElement = false
            if written.count == 2 {
                out.append(UInt8(ascii: "]"))
                out.append(UInt8(ascii: "}"))
                emit(out)
                out = root
                root.removeAll(keepingCapacity: true)
            } else {
                emit(out)
                out.removeAll(keepingCapacity: true)
            }
        } else if inStreamedArray && written.count == 1 {
            inStreamedArray = false
        }
        return 1
    }

    private func emit(_ text: [UInt8]) {
        units.append(Unit(text: text, line: unitLine))
    }

    /// A scalar: written where the current container is, or a unit of its own at the top level.
    private func scalar(_ write: (inout [UInt8]) -> Void) {
        if written.isEmpty {
            var text: [UInt8] = []
            write(&text)
            units.append(Unit(text: text, line: line))
            return
        }
        if written.count == 1 && !rootIsObject && !inElement {
            // An element of a top-level array that is no container: a unit by itself.
            var text: [UInt8] = []
            write(&text)
            units.append(Unit(text: text, line: line))
            return
        }
        separate()
        write(&out)
    }

    fileprivate func onKey(_ s: UnsafePointer<UInt8>?, _ n: Int) -> Int32 {
        separate()
        Self.writeString(s, n, to: &out)
        out.append(UInt8(ascii: ":"))
        afterKey = true
        return 1
    }

    fileprivate func onStartMap() -> Int32 {
        guard written.count < Self.maxDepth else { return tooDeep() }
        open(UInt8(ascii: "{"))
        return 1
    }

    fileprivate func onStartArray() -> Int32 {
        guard written.count < Self.maxDepth else { return tooDeep() }
        let member = rootIsObject && written.count == 1 && !inElement
        open(UInt8(ascii: "["))
        if member {
            inStreamedArray = true
            arrayOpen = out.count
        }
        return 1
    }

    fileprivate func onEndMap() -> Int32 { close(UInt8(ascii: "}")) }
    fileprivate func onEndArray() -> Int32 { close(UInt8(ascii: "]")) }

    fileprivate func onScalar(_ text: StaticString) -> Int32 {
        scalar { $0.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)) }
        return 1
    }

    fileprivate func onNumber(_ s: UnsafePointer<CChar>?, _ n: Int) -> Int32 {
        scalar { out in
            guard let s else { return }
            s.withMemoryRebound(to: UInt8.self, capacity: n) { out.append(contentsOf: UnsafeBufferPointer(start: $0, count: n)) }
        }
        return 1
    }

    fileprivate func onString(_ s: UnsafePointer<UInt8>?, _ n: Int) -> Int32 {
        scalar { Self.writeString(s, n, to: &$0) }
        return 1
    }

    private func tooDeep() -> Int32 {
        failure = "JSON nested deeper than \(Self.maxDepth) levels"
        return 0
    }

    /// Writes decoded string bytes as a JSON string; a long one in its kept form (`LongString`).
    static func writeString(_ s: UnsafePointer<UInt8>?, _ n: Int, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        if let s {
            if LongString.fits(n) {
                escape(UnsafeRawBufferPointer(start: s, count: n), to: &out)
            } else {
                LongString.writeCut(s, n) { escape($0, to: &out) }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// The splitter's escapes (`JSONWriter.Escaping.controlsAsUnicode`): its units are read again, never shown.
    private static func escape(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        JSONWriter.appendEscaped(bytes, escaping: .controlsAsUnicode, to: &out)
    }

    private static func makeCallbacks() -> yajl_callbacks {
        yajl_callbacks(
            yajl_null: { ctx in splitter(ctx).onScalar("null") },
            yajl_boolean: { ctx, value in splitter(ctx).onScalar(value != 0 ? "true" : "false") },
            yajl_integer: nil,
            yajl_double: nil,
            yajl_number: { ctx, s, n in splitter(ctx).onNumber(s, n) },
            yajl_string: { ctx, s, n in splitter(ctx).onString(s, n) },
            yajl_start_map: { ctx in splitter(ctx).onStartMap() },
            yajl_map_key: { ctx, key, n in splitter(ctx).onKey(key, n) },
            yajl_end_map: { ctx in splitter(ctx).onEndMap() },
            yajl_start_array: { ctx in splitter(ctx).onStartArray() },
            yajl_end_array: { ctx in splitter(ctx).onEndArray() })
    }
}

@inline(__always)
private func splitter(_ ctx: UnsafeMutableRawPointer?) -> JSONDocumentSplitter {
    Unmanaged<JSONDocumentSplitter>.fromOpaque(ctx!).takeUnretainedValue()
}
