internal import CYajl

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Parses JSON lines with yajl and captures the values at the key paths it is given into numbered slots
/// (`FormatRegistry.makeLineParser()` gives it every key-path format's).
///
/// One yajl handle is reused across lines (`yajl_allow_multiple_values`); every line is closed with
/// `yajl_complete_parse`, so a torn line is reported on its own line number and never spills into the next.
/// After an error the handle is dead (yajl 2.1 has no reset), so it is freed and a fresh one allocated.
/// At the end of each top-level object, `onRecord` is called with the captured fields.
/// - Complexity: O(n) in the line length; containers with no captured path below them cost only yajl's
///   tokenizer, because their callbacks return after one comparison.
public final class JSONLineParser {
    private let trie: KeyPathTrie
    private var elider: ValueElider
    /// Whether whole lines go through `ValueElider` first (off only to compare in tests and benchmarks).
    public var elidesUnreadValues = true
    /// Lines parsed with cuts, and lines whose cut form did not parse and were parsed again whole.
    public private(set) var elidedLines = 0
    public private(set) var elisionFallbacks = 0
    private var skeleton: [UInt8] = []
    private let fields: UnsafeMutablePointer<Int8>  // slot per trie node, -1 for none
    private let yajl: YajlHandle
    private var failed = false

    /// The captured fields of the current top-level value.
    public let record: CapturedRecord
    /// Called at the end of every top-level object.
    public var onRecord: (CapturedRecord) -> Void = { _ in }

    // Walk state
    private static let maxTrackedDepth = 256
    private let containerNodes: UnsafeMutablePointer<Int32>
    private var depth = 0
    private var keyNode: Int32 = -1

    /// Top-level values completed in the current line, and how many of them were objects.
    public private(set) var valuesInLine = 0
    public private(set) var objectsInLine = 0

    /// A parser that captures `paths` (key path, slot) into records of `slotCount` slots.
    public init(paths: [([String], Int)], slotCount: Int) {
        precondition(paths.allSatisfy { $0.1 >= 0 && $0.1 < slotCount }, "a key path names a slot beyond slotCount")
        record = CapturedRecord(slotCount: slotCount)
        trie = KeyPathTrie(paths: paths)
        elider = ValueElider(trie: trie)
        fields = .allocate(capacity: trie.fields.count)
        for (i, slot) in trie.fields.enumerated() { fields[i] = Int8(slot ?? -1) }
        containerNodes = .allocate(capacity: Self.maxTrackedDepth + 1)
        // Strings we do not capture are never looked at; validating their UTF-8 would only cost time and
        // turn a stray byte in some tool output into a lost line.
        yajl = YajlHandle(callbacks: Self.makeCallbacks(), allowsMultipleValues: true, validatesStrings: false)
        yajl.attach(Unmanaged.passUnretained(self).toOpaque())
    }

    deinit {
        containerNodes.deallocate()
        fields.deallocate()
    }

    private func resetState() {
        depth = 0
        keyNode = -1
        valuesInLine = 0
        objectsInLine = 0
        failed = false
    }

    // MARK: Lines

    /// Parses one whole line. Returns nil when it held only complete JSON values, else yajl's message.
    ///
    /// Values no key path reaches are cut out first (see `ValueElider`). If the line with the cuts does not
    /// parse, it is parsed again whole, so that only yajl ever decides a line is malformed. No record can have
    /// been reported by the failed attempt: a planned line holds one object, reported at its very end.
    public func parseLine(_ bytes: UnsafeRawBufferPointer) -> String? {
        // yajl takes \v and \f for white space between tokens; JSON does not (inside a string yajl refuses them).
        if let base = bytes.baseAddress, memchr(base, 0x0B, bytes.count) != nil || memchr(base, 0x0C, bytes.count) != nil {
            return Self.verticalSpace
        }
        if elidesUnreadValues && elider.plan(bytes) && !elider.cuts.isEmpty {
            // The kept bytes and placeholders go to yajl in one call: its per-call cost is not small.
            skeleton.removeAll(keepingCapacity: true)
            var from = 0
            for cut in elider.cuts {
                skeleton.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[from..<cut.lowerBound]))
                skeleton.append(contentsOf: Self.placeholder)
                from = cut.upperBound
            }
            skeleton.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[from...]))
            beginLine()
            skeleton.withUnsafeBytes { feed($0) }
            elidedLines += 1
            if endLine() == nil { return nil }
            elisionFallbacks += 1
        }
        beginLine()
        feed(bytes)
        return endLine()
    }

    /// What replaces a cut run of members: one member with an empty key, which no key path names.
    private static let placeholder: [UInt8] = Array(#""":0"#.utf8)

    /// Starts a line that arrives in pieces (see `feed` and `endLine`).
    public func beginLine() {
        resetState()
    }

    /// Feeds the next piece of the current line.
    public func feed(_ bytes: UnsafeRawBufferPointer) {
        guard !failed, bytes.count > 0 else { return }
        if !yajl.parse(bytes) { failed = true }
    }

    /// Ends the current line. Returns nil when it held exactly one complete JSON value, else a message.
    ///
    /// Every line is judged alone, though the handle carries over from the line before: after a complete value
    /// yajl's state says "complete" until the next value is whole, so an unfinished token at the end of a line
    /// (`{...}"abc`, or a line that is only `"abc`) would pass `yajl_complete_parse` and stay in the lexer for
    /// the next line. The line's newline is fed first, so such a token fails here (a raw newline inside a
    /// string, a cut literal) or ends (a number: a second value). A line with no value or with more than one
    /// (two records run together) is malformed too, and after any failure the handle is replaced.
    public func endLine() -> String? {
        guard yajl.isAllocated else { return "cannot allocate a JSON parser" }
        if !failed {
            guard yajl.parseNewline() else {
                // The line was fine up to its end and its last token is unfinished: it was cut off.
                yajl.renew()
                return Self.truncated
            }
            if yajl.complete() {
                if valuesInLine == 1 { return nil }
                yajl.renew()
                return valuesInLine == 0 ? Self.noValue : "\(valuesInLine) JSON values on one line"
            }
            if valuesInLine == 0 && depth == 0 {
                // A fresh handle says "premature EOF" where a used one says nothing: the same line, one verdict.
                yajl.renew()
                return Self.noValue
            }
        }
        let message = yajl.message
        yajl.renew()
        return message
    }

    static let noValue = "no JSON value on the line"
    static let truncated = YajlHandle.prematureEndOfLine
    static let verticalSpace = "a vertical tab or form feed, which JSON does not allow"

    // MARK: Callbacks

    @inline(__always) private func valueNode() -> Int32 {
        let node = keyNode
        keyNode = -1
        return node
    }

    @inline(__always) private func field(of node: Int32) -> Int? {
        guard node >= 0 else { return nil }
        let slot = fields[Int(node)]
        return slot < 0 ? nil : Int(slot)
    }

    @inline(__always) private func topLevelScalar() {
        if depth == 0 { valuesInLine += 1 }
    }

    fileprivate func onScalar(_ capture: (Int) -> Void) {
        let node = valueNode()
        if let field = field(of: node) { capture(field) }
        topLevelScalar()
    }

    fileprivate func onString(_ s: UnsafePointer<UInt8>?, _ n: Int) {
        let node = valueNode()
        if let field = field(of: node) {
            record.captureString(field, s ?? UnsafePointer(bitPattern: 1)!, s == nil ? 0 : n)
        }
        topLevelScalar()
    }

    fileprivate func onNumber(_ s: UnsafePointer<CChar>?, _ n: Int) {
        let node = valueNode()
        if let field = field(of: node), let s {
            s.withMemoryRebound(to: UInt8.self, capacity: n) { record.captureNumber(field, $0, n) }
        }
        topLevelScalar()
    }

    fileprivate func onStartMap() {
        let node: Int32
        if depth == 0 {
            record.reset()
            node = 0
        } else {
            node = valueNode()
            if let field = field(of: node) { record.captureObject(field) }
        }
        depth += 1
        if depth <= Self.maxTrackedDepth { containerNodes[depth] = node }
        keyNode = -1
    }

    fileprivate func onMapKey(_ key: UnsafePointer<UInt8>?, _ n: Int) {
        guard depth <= Self.maxTrackedDepth else { return }
        let container = containerNodes[depth]
        keyNode = container < 0 || key == nil ? -1 : trie.lookup(container, key!, n)
    }

    fileprivate func onEndMap() {
        depth -= 1
        keyNode = -1
        if depth == 0 {
            valuesInLine += 1
            objectsInLine += 1
            onRecord(record)
        }
    }

    fileprivate func onStartArray() {
        if depth == 0 { record.reset() }
        keyNode = -1
        depth += 1
        if depth <= Self.maxTrackedDepth { containerNodes[depth] = -1 }
    }

    fileprivate func onEndArray() {
        depth -= 1
        keyNode = -1
        if depth == 0 { valuesInLine += 1 }
    }

    private static func makeCallbacks() -> yajl_callbacks {
        yajl_callbacks(
            yajl_null: { ctx in
                withParser(ctx) { p in p.onScalar { p.record.captureNull($0) } }
                return 1
            },
            yajl_boolean: { ctx, value in
                withParser(ctx) { p in p.onScalar { p.record.captureBool($0, value != 0) } }
                return 1
            },
            yajl_integer: nil,
            yajl_double: nil,
            yajl_number: { ctx, s, n in
                withParser(ctx) { $0.onNumber(s, n) }
                return 1
            },
            yajl_string: { ctx, s, n in
                withParser(ctx) { $0.onString(s, n) }
                return 1
            },
            yajl_start_map: { ctx in
                withParser(ctx) { $0.onStartMap() }
                return 1
            },
            yajl_map_key: { ctx, key, n in
                withParser(ctx) { $0.onMapKey(key, n) }
                return 1
            },
            yajl_end_map: { ctx in
                withParser(ctx) { $0.onEndMap() }
                return 1
            },
            yajl_start_array: { ctx in
                withParser(ctx) { $0.onStartArray() }
                return 1
            },
            yajl_end_array: { ctx in
                withParser(ctx) { $0.onEndArray() }
                return 1
            })
    }
}

/// Calls `body` with the parser behind a callback context, without retaining it (the parser outlives the handle).
@inline(__always)
private func withParser(_ ctx: UnsafeMutableRawPointer?, _ body: (JSONLineParser) -> Void) {
    Unmanaged<JSONLineParser>.fromOpaque(ctx!)._withUnsafeGuaranteedRef(body)
}
