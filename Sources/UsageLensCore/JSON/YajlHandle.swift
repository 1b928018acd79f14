internal import CYajl

/// The one yajl handle wrapper: every parser over yajl (`JSONLineParser`, `JSONDocumentParser`,
/// `JSONDocumentSplitter`, `JSONMemberReader`) owns one, so allocation, options, feeding, completion, error
/// text and the replacement of a dead handle are written once.
///
/// The callbacks receive the owner's context pointer (set by `attach(_:)`, once the owner is initialised), not
/// this object. yajl 2.1 has no reset: after an error a handle stays failed, so `renew()` frees it and
/// allocates a fresh one with the same callbacks and options.
/// - Complexity: `parse` is one call into yajl; nothing is copied.
final class YajlHandle {
    private let callbacks: UnsafeMutablePointer<yajl_callbacks>
    private var handle: yajl_handle?
    private var context: UnsafeMutableRawPointer?
    private let allowsMultipleValues: Bool
    private let validatesStrings: Bool

    /// What a line or document that ends inside a token or a container is called.
    static let prematureEndOfLine = "truncated JSON (premature end of line)"

    /// - Parameters:
    ///   - allowsMultipleValues: values may follow each other in one stream (`yajl_allow_multiple_values`).
    ///   - validatesStrings: yajl checks that strings are UTF-8 (off where strings that nobody reads must not
    ///     cost time or turn a stray byte into a lost line).
    init(callbacks: yajl_callbacks, allowsMultipleValues: Bool, validatesStrings: Bool) {
        self.callbacks = .allocate(capacity: 1)
        self.callbacks.initialize(to: callbacks)
        self.allowsMultipleValues = allowsMultipleValues
        self.validatesStrings = validatesStrings
    }

    deinit {
        if let handle { yajl_free(handle) }
        callbacks.deallocate()
    }

    /// Allocates the handle, with `context` passed to every callback.
    func attach(_ context: UnsafeMutableRawPointer) {
        self.context = context
        renew()
    }

    /// Whether a handle could be allocated.
    var isAllocated: Bool { handle != nil }

    /// Frees the handle (a failed one is dead) and allocates a fresh one.
    func renew() {
        if let handle { yajl_free(handle) }
        let h = yajl_alloc(callbacks, nil, context)
        if allowsMultipleValues { _ = usagelens_yajl_allow_multiple_values(h, 1) }
        if !validatesStrings { _ = usagelens_yajl_dont_validate_strings(h, 1) }
        handle = h
    }

    /// Feeds bytes; false when yajl or a callback stopped. Empty input is accepted.
    @inline(__always)
    func parse(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let handle else { return false }
        guard let base = bytes.baseAddress, bytes.count > 0 else { return true }
        return yajl_parse(handle, base.assumingMemoryBound(to: UInt8.self), bytes.count) == yajl_status_ok
    }

    /// Feeds one newline: white space between values, and the end of a number or literal at a line's end.
    func parseNewline() -> Bool {
        guard let handle else { return false }
        var newline: UInt8 = 0x0A
        return yajl_parse(handle, &newline, 1) == yajl_status_ok
    }

    /// `yajl_complete_parse`: false when the input ended inside a value.
    func complete() -> Bool {
        guard let handle else { return false }
        return yajl_complete_parse(handle) == yajl_status_ok
    }

    /// yajl's message for the last failure, without its `parse error: ` / `lexical error: ` prefix;
    /// `premature EOF` is `prematureEndOfLine`.
    var message: String {
        guard let handle, let raw = yajl_get_error(handle, 0, nil, 0) else { return "invalid JSON" }
        defer { yajl_free_error(handle, raw) }
        var text = String(cString: raw)
        while let last = text.last, last == " " || last == "\n" { text.removeLast() }
        for prefix in ["parse error: ", "lexical error: "] where text.hasPrefix(prefix) {
            text.removeFirst(prefix.count)
        }
        if text == "premature EOF" { return Self.prematureEndOfLine }
        return text
    }
}
