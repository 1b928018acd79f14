internal import CYajl

/// Parses a JSON line into a `JSONValue` tree, for the formats read by key lookups rather than key paths.
///
/// Claude Code and Codex lines, the bulk of every archive, never come here: `JSONLineParser` captures their
/// fields without building anything. The other formats (API responses, usage records, gateway sessions,
/// LiteLLM, Gemini CLI, distri) have many key conventions and nested lists, and are read as trees.
/// Strings longer than `LongString.maxLength` are cut there, with a fingerprint of the whole: no identifier,
/// name or timestamp is that long, and a pasted completion must not cost its size again. Like `JSONLineParser`, it takes a line in pieces.
public final class JSONDocumentParser {
    private let callbacks: UnsafeMutablePointer<yajl_callbacks>
    private var handle: yajl_handle?
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
        callbacks = .allocate(capacity: 1)
        callbacks.initialize(to: Self.makeCallbacks())
        handle = makeHandle()
    }

    deinit {
        if let handle { yajl_free(handle) }
        callbacks.deallocate()
    }

    private func makeHandle() -> yajl_handle? {
        let h = yajl_alloc(callbacks, nil, Unmanaged.passUnretained(self).toOpaque())
        _ = usagelens_yajl_allow_multiple_values(h, 1)
        _ = usagelens_yajl_dont_validate_strings(h, 1)
        return h
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
        guard !failed, bytes.count > 0, let handle else { return }
        if yajl_parse(handle, bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), bytes.count) != yajl_status_ok {
            failed = true
            error = error ?? JSONLineParser.message(from: handle)
        }
    }

    /// Ends the line: its values, or nil with `error` set.
    public func end() -> [JSONValue]? {
        guard let handle else {
            error = "cannot allocate a JSON parser"
            return nil
        }
        if !failed {
            // The line's newline first: an unfinished token fails instead of staying in the lexer for the next
            // line (see `JSONLineParser.endLine`); a line of anything but one value gets a fresh handle after it.
            var newline: UInt8 = 0x0A
            if yajl_parse(handle, &newline, 1) == yajl_status_ok && yajl_complete_parse(handle) == yajl_status_ok {
                if values.count == 1 { return values }
                yajl_free(handle)
                self.handle = makeHandle()
                return values
            }
            error = JSONLineParser.message(from: handle)
        }
        yajl_free(handle)
        self.handle = makeHandle()
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

    static func string(_ s: UnsafePointer<UInt8>?, _ n: Int) -> String {
        guard let s else { return "" }
        return LongString.string(s, n)
    }

    static func number(_ s: UnsafePointer<CChar>?, _ n: Int) -> JSONValue {
        guard let s else { return .null }
        let parsed = s.withMemoryRebound(to: UInt8.self, capacity: n) {
            NumberParser.parse(UnsafeRawBufferPointer(start: $0, count: n))
        }
        return parsed.isInteger ? .int(parsed.integer) : .double(parsed.double)
    }

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
                document(ctx).onScalar(JSONDocumentParser.number(s, n))
                return 1
            },
            yajl_string: { ctx, s, n in
                document(ctx).onScalar(.string(JSONDocumentParser.string(s, n)))
                return 1
            },
            yajl_start_map: { ctx in document(ctx).onStart(object: true) },
            yajl_map_key: { ctx, key, n in
                document(ctx).onKey(JSONDocumentParser.string(key, n))
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

// MARK: Reading

extension JSONValue {
    /// The member `key` of an object (the last one, as JSON parsers that keep one copy do), else nil.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.0 == key }?.1
    }

    /// The first of `keys` whose value is not null.
    public func first(_ keys: String...) -> JSONValue? {
        for key in keys {
            guard let v = self[key] else { continue }
            if case .null = v { continue }
            return v
        }
        return nil
    }

    public var isObject: Bool {
        if case .object = self { return true }
        return false
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// A non-empty string (trimmed), else nil.
    public var stringValue: String? {
        guard case .string(let s) = self else { return nil }
        let t = s.trimmingSpaces()
        return t.isEmpty ? nil : t
    }

    /// A number, or a string holding one.
    public var doubleValue: Double? {
        switch self {
        case .int(let v): return Double(v)
        case .double(let d): return d.isFinite ? d : nil
        case .string(let s):
            var copy = s.trimmingSpaces()
            return copy.withUTF8 { NumberParser.parse(UnsafeRawBufferPointer($0)).validDouble }
        default: return nil
        }
    }

    /// A token count: a non-negative whole number (decimals truncated; negative reads as 0), else nil. A
    /// number too large for 64 bits reads as `Int64.max`, which no event may hold (`TokenCount.limit`).
    public var countValue: Int64? {
        switch self {
        case .int(let v): return max(0, v)
        case .double(let d) where d.isInfinite: return d > 0 ? .max : 0
        default:
            guard let d = doubleValue else { return nil }
            return d <= 0 ? 0 : d < 9.2e18 ? Int64(d) : .max
        }
    }
}
