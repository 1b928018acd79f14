internal import CYajl

/// Parses a JSON line into a `JSONValue` tree, for the formats read by key lookups rather than key paths.
///
/// Claude Code and Codex lines, the bulk of every archive, never come here: `JSONLineParser` captures their
/// fields without building anything. The other formats (API responses, usage records, gateway sessions,
/// LiteLLM, Gemini CLI, distri) have many key conventions and nested lists, and are read as trees.
/// Strings longer than `LongString.maxLength` are cut there, with a fingerprint of the whole: no identifier,
/// name or timestamp is that long, and a pasted completion must not cost its size again. Like `JSONLineParser`, it takes a line in pieces.
public final class JSONDocumentParser {
    private let yajl: YajlHandle
    private var failed = false

    /// Nesting deeper than this is no log line: the line is malformed with a message.
    static let maxDepth = 512

    // Containers being built, innermost last. Members and items are appended in place (`stack[last]`), so
    // adding one is O(1); a copy of a container still on the stack would make a line of N elements O(N^2).
    private struct Frame {
        var isObject: Bool
        var members: [(String, JSONValue)] = []
        var items: [JSONValue] = []
        var key: String?
    }
    private var stack: [Frame] = []
    /// Top-level values completed in the current line.
    public private(set) var values: [JSONValue] = []
    /// Why the last line did not parse (nil when it did).
    public private(set) var error: String?

    public init() {
        yajl = YajlHandle(callbacks: Self.makeCallbacks(), allowsMultipleValues: true, validatesStrings: false)
        yajl.attach(Unmanaged.passUnretained(self).toOpaque())
    }

    /// Parses one whole line; nil when it is not valid JSON, with `error` set (`JSONLineParser` sees every line
    /// first, but it does not read the members it elides: this parse may be the first to find them broken).
    public func parse(_ bytes: UnsafeRawBufferPointer) -> [JSONValue]? {
        begin()
        feed(bytes)
        return end()
    }

    public func begin() {
        stack.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        failed = false
        error = nil
    }

    public func feed(_ bytes: UnsafeRawBufferPointer) {
        guard !failed, bytes.count > 0, yajl.isAllocated else { return }
        if !yajl.parse(bytes) {
            failed = true
            error = error ?? yajl.message
        }
    }

    /// Ends the line: its values, or nil with `error` set.
    public func end() -> [JSONValue]? {
        guard yajl.isAllocated else {
            error = "cannot allocate a JSON parser"
            return nil
        }
        if !failed {
            // The line's newline first: an unfinished token fails instead of staying in the lexer for the next
            // line (see `JSONLineParser.endLine`); a line of anything but one value gets a fresh handle after it.
            if yajl.parseNewline() && yajl.complete() {
                if values.count == 1 { return values }
                yajl.renew()
                return values
            }
            error = yajl.message
        }
        yajl.renew()
        // Freed one container at a time, innermost first: never a deep recursive release.
        while stack.popLast() != nil {}
        values.removeAll()
        return nil
    }

    // MARK: Building

    private func add(_ value: JSONValue) {
        guard !stack.isEmpty else {
            values.append(value)
            return
        }
        let top = stack.count - 1
        if stack[top].isObject {
            stack[top].members.append((stack[top].key ?? "", value))
            stack[top].key = nil
        } else {
            stack[top].items.append(value)
        }
    }

    fileprivate func onKey(_ key: String) {
        guard let top = stack.indices.last, stack[top].isObject else { return }
        stack[top].key = key
    }

    fileprivate func onStart(object: Bool) -> Int32 {
        guard stack.count < Self.maxDepth else {
            error = "JSON nested deeper than \(Self.maxDepth) levels"
            return 0
        }
        stack.append(Frame(isObject: object))
        return 1
    }

    fileprivate func onEnd() {
        guard let frame = stack.popLast() else { return }
        add(frame.isObject ? .object(frame.members) : .array(frame.items))
    }

    fileprivate func onScalar(_ value: JSONValue) { add(value) }

    private static func makeCallbacks() -> yajl_callbacks {
        yajl_callbacks(
            yajl_null: { ctx in
                document(ctx).onScalar(.null)
                return 1
            },
            yajl_boolean: { ctx, value in
                document(ctx).onScalar(.bool(value != 0))
                return 1
            },
            yajl_integer: nil,
            yajl_double: nil,
            yajl_number: { ctx, s, n in
                document(ctx).onScalar(JSONValue.yajlNumber(s, n))
                return 1
            },
            yajl_string: { ctx, s, n in
                document(ctx).onScalar(.string(JSONValue.yajlString(s, n)))
                return 1
            },
            yajl_start_map: { ctx in document(ctx).onStart(object: true) },
            yajl_map_key: { ctx, key, n in
                document(ctx).onKey(JSONValue.yajlString(key, n))
                return 1
            },
            yajl_end_map: { ctx in
                document(ctx).onEnd()
                return 1
            },
            yajl_start_array: { ctx in document(ctx).onStart(object: false) },
            yajl_end_array: { ctx in
                document(ctx).onEnd()
                return 1
            })
    }
}

@inline(__always)
private func document(_ ctx: UnsafeMutableRawPointer?) -> JSONDocumentParser {
    Unmanaged<JSONDocumentParser>.fromOpaque(ctx!).takeUnretainedValue()
}
