internal import CYajl

/// Reads a JSON document whose top-level value is an object and hands each member to a closure as soon as its
/// value is complete, so that a map of many entries (a price file, a status reply) is never held as one tree.
///
/// A member named in `unwrapping` whose value is an object (`rates_usd_per_million`) is not handed whole: its
/// own members are handed one by one with that name as `parent`, then the wrapper itself, emptied. Values are
/// built as `JSONDocumentParser` builds them (`JSONValue.yajlNumber`, `JSONValue.yajlString`: numbers as `.int`
/// or `.double`, strings cut at `LongString.maxLength` bytes); strings must be valid UTF-8, and nesting is
/// bounded (`maxDepth`). It lives in JSON/, not Parse/, because prices (Pricing/) and status files
/// (Aggregate/) read through it and neither may use the log parser.
/// - Complexity: O(n) in the document's bytes; memory is one read buffer and the member being built.
final class JSONMemberReader {
    /// A member of the top-level object, or of an unwrapped member (`parent`).
    struct Member {
        var parent: String?
        var key: String
        var value: JSONValue
    }

    /// Why a document could not be read (the closure's own errors pass through unchanged).
    enum Failure: Error, Equatable {
        /// Not JSON: yajl's message, or `empty` for a document with no value.
        case invalid(String)
        /// Valid JSON, but the top-level value is not an object (`an array`, `a string`, ...).
        case notAnObject(String)
        /// Containers nested deeper than `maxDepth`.
        case tooDeep
    }

    static let maxDepth = 64
    static let readSize = 1 << 16

    private let yajl: YajlHandle
    private let unwrapping: Set<String>
    private let body: (Member) throws -> Void
    /// Why the callbacks stopped yajl: a failure of the document or an error of `body`.
    private var stop: Error?

    /// Containers that are not built: 0 before the top-level object, 1 inside it, 2 inside an unwrapped member.
    private var level = 0
    private var sawValue = false
    private var memberKey = ""
    private var wrapper: String?
    private var wrappedKey = ""
    /// Containers being built, innermost last; a pending key per object.
    private enum Frame {
        case object([(String, JSONValue)], key: String)
        case array([JSONValue])
    }
    private var frames: [Frame] = []

    private init(unwrapping: Set<String>, body: @escaping (Member) throws -> Void) {
        self.unwrapping = unwrapping
        self.body = body
        // One document, one value; strings are read, so yajl checks their UTF-8.
        yajl = YajlHandle(callbacks: Self.makeCallbacks(), allowsMultipleValues: false, validatesStrings: true)
        yajl.attach(Unmanaged.passUnretained(self).toOpaque())
    }

    /// Reads the document to its end, calling `body` for every member in document order.
    ///
    /// - Parameter fill: reads at most `buffer.count` bytes into `buffer` and returns how many, 0 at the end (a
    ///   byte source's `read(into:)`: JSON/ knows no file or stream type).
    /// - Throws: `Failure`, an error of `fill`, or what `body` throws (reading stops there).
    static func read(
        _ fill: (UnsafeMutableRawBufferPointer) throws -> Int, unwrapping: Set<String> = [],
        _ body: (Member) throws -> Void
    ) throws {
        try withoutActuallyEscaping(body) { body in
            let reader = JSONMemberReader(unwrapping: unwrapping, body: body)
            try reader.run(fill)
        }
    }

    private func run(_ fill: (UnsafeMutableRawBufferPointer) throws -> Int) throws {
        guard yajl.isAllocated else { throw Failure.invalid("cannot allocate a JSON parser") }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.readSize, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let n = try fill(buffer)
            if n == 0 { break }
            if !yajl.parse(UnsafeRawBufferPointer(rebasing: buffer[0..<n])) {
                throw stop ?? Failure.invalid(yajl.message)
            }
        }
        if !yajl.complete() {
            // All that can be missing at the end is the rest of the document, or all of it.
            throw stop ?? Failure.invalid(sawValue ? "truncated JSON (premature end of document)" : "empty")
        }
    }

    // MARK: Building

    private func fail(_ error: Error) -> Int32 {
        stop = error
        return 0
    }

    /// A completed value: into the container being built, else handed out.
    private func complete(_ value: JSONValue) -> Int32 {
        if let top = frames.popLast() {
            switch top {
            case .object(var members, let key):
                members.append((key, value))
                frames.append(.object(members, key: ""))
            case .array(var items):
                items.append(value)
                frames.append(.array(items))
            }
            return 1
        }
        let member =
            level == 2
            ? Member(parent: wrapper, key: wrappedKey, value: value) : Member(parent: nil, key: memberKey, value: value)
        do {
            try body(member)
        } catch {
            return fail(error)
        }
        return 1
    }

    fileprivate func onStart(isObject: Bool) -> Int32 {
        if frames.isEmpty {
            if level == 0 {
                sawValue = true
                guard isObject else { return fail(Failure.notAnObject("an array")) }
                level = 1
                return 1
            }
            if level == 1, isObject, unwrapping.contains(memberKey) {
                wrapper = memberKey
                level = 2
                return 1
            }
        }
        guard level + frames.count < Self.maxDepth else { return fail(Failure.tooDeep) }
        frames.append(isObject ? .object([], key: "") : .array([]))
        return 1
    }

    fileprivate func onEnd() -> Int32 {
        if let top = frames.popLast() {
            switch top {
            case .object(let members, _): return complete(.object(members))
            case .array(let items): return complete(.array(items))
            }
        }
        if level == 2 {
            // The wrapper, emptied: `memberKey` is still its name.
            level = 1
            wrapper = nil
            return complete(.object([]))
        }
        level = 0
        return 1
    }

    fileprivate func onKey(_ key: String) -> Int32 {
        if case .object(let members, _)? = frames.last {
            frames[frames.count - 1] = .object(members, key: key)
        } else if level == 2 {
            wrappedKey = key
        } else {
            memberKey = key
        }
        return 1
    }

    fileprivate func onScalar(_ value: JSONValue) -> Int32 {
        if level == 0 {
            sawValue = true
            return fail(Failure.notAnObject(Self.kind(value)))
        }
        return complete(value)
    }

    /// How a value is named in a message: `an array`, `a string`, ...
    static func kind(_ value: JSONValue) -> String {
        switch value {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .int, .double: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        }
    }

    private static func makeCallbacks() -> yajl_callbacks {
        yajl_callbacks(
            yajl_null: { ctx in reader(ctx).onScalar(.null) },
            yajl_boolean: { ctx, value in reader(ctx).onScalar(.bool(value != 0)) },
            yajl_integer: nil,
            yajl_double: nil,
            yajl_number: { ctx, s, n in reader(ctx).onScalar(JSONValue.yajlNumber(s, n)) },
            yajl_string: { ctx, s, n in reader(ctx).onScalar(.string(JSONValue.yajlString(s, n))) },
            yajl_start_map: { ctx in reader(ctx).onStart(isObject: true) },
            yajl_map_key: { ctx, key, n in reader(ctx).onKey(JSONValue.yajlString(key, n)) },
            yajl_end_map: { ctx in reader(ctx).onEnd() },
            yajl_start_array: { ctx in reader(ctx).onStart(isObject: false) },
            yajl_end_array: { ctx in reader(ctx).onEnd() })
    }
}

@inline(__always)
private func reader(_ ctx: UnsafeMutableRawPointer?) -> JSONMemberReader {
    Unmanaged<JSONMemberReader>.fromOpaque(ctx!).takeUnretainedValue()
}
