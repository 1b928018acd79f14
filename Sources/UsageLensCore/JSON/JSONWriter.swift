/// The one JSON writer: containers, keys, strings and raw number text into UTF-8 bytes, with one escaper.
///
/// Every JSON text usagelens writes goes through here: report JSON (`JSONValue.rendered`), the seed replicas'
/// Python and Rust flavours (SeedServices), the units of `JSONDocumentSplitter`, quoted names in messages. The
/// layout is the one `json.dumps` and `JSONValue` have always written: with `indent` > 0 every member and item
/// on its own line, closing brackets on the parent's indentation, `{}` and `[]` for empty containers; with
/// `indent` 0 nothing between tokens but `,` and the key separator. Numbers are written as the caller formats
/// them (`raw(_:)`), since each flavour has its own float text.
/// - Complexity: O(n) in the bytes written.
public struct JSONWriter {
    /// How strings are escaped. The flavours differ only in which C0 controls get a short escape.
    public enum Escaping: Sendable {
        /// `\"`, `\\`, `\n`, `\r`, `\t`; every other control as `\u00xx` (usagelens's own JSON).
        case json
        /// As `json`, plus `\b` and `\f` (Python's `json.encoder` without `ensure_ascii`, and serde_json).
        case python
        /// `\"` and `\\`; every control as `\u00xx` (the compact units of `JSONDocumentSplitter`).
        case controlsAsUnicode
    }

    /// Spaces per nesting level; 0 writes compact JSON.
    public var indent: Int
    /// What follows a key: `:` or `: `.
    public var keySeparator: String
    public var escaping: Escaping
    /// The bytes written so far.
    public var bytes: [UInt8] = []

    /// Per open container, outermost first: whether it has a member or item yet.
    private var open: [Bool] = []
    /// Set by `key(_:)`: the next value is that member's, not a new element of its container.
    private var pendingValue = false

    /// A writer; `keySeparator` defaults to `: ` when indented and `:` when compact.
    public init(indent: Int = 0, keySeparator: String? = nil, escaping: Escaping = .json) {
        self.indent = indent
        self.keySeparator = keySeparator ?? (indent > 0 ? ": " : ":")
        self.escaping = escaping
    }

    /// The text written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    // MARK: Containers

    public mutating func beginObject() { begin(UInt8(ascii: "{")) }
    public mutating func endObject() { end(UInt8(ascii: "}")) }
    public mutating func beginArray() { begin(UInt8(ascii: "[")) }
    public mutating func endArray() { end(UInt8(ascii: "]")) }

    /// Starts a member of the innermost object: its key and the separator; the value is written next.
    public mutating func key(_ name: String) {
        element()
        writeQuoted(name)
        bytes.append(contentsOf: keySeparator.utf8)
        pendingValue = true
    }

    // MARK: Scalars

    /// A string value, quoted and escaped.
    public mutating func string(_ s: String) {
        element()
        writeQuoted(s)
    }

    /// A value written as given: a number's text, `true`, `false`, `null`.
    public mutating func raw(_ text: String) {
        element()
        bytes.append(contentsOf: text.utf8)
    }

    private mutating func begin(_ bracket: UInt8) {
        element()
        bytes.append(bracket)
        open.append(false)
    }

    private mutating func end(_ bracket: UInt8) {
        let hadElements = open.removeLast()
        if hadElements { newline(level: open.count) }
        bytes.append(bracket)
    }

    /// Before a value or key: the comma and line break that separate it from the one before in its container.
    private mutating func element() {
        if pendingValue {
            pendingValue = false
            return
        }
        guard let last = open.indices.last else { return }
        if open[last] { bytes.append(UInt8(ascii: ",")) }
        open[last] = true
        newline(level: open.count)
    }

    private mutating func newline(level: Int) {
        guard indent > 0 else { return }
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(0x20, count: indent * level))
    }

    private mutating func writeQuoted(_ s: String) {
        var s = s
        s.withUTF8 { Self.appendQuoted(UnsafeRawBufferPointer($0), escaping: escaping, to: &bytes) }
    }

    // MARK: The escaper

    private static let hex = Array("0123456789abcdef".utf8)

    /// Appends `utf8` as a JSON string, quotes included. Bytes from 0x80 up pass as they are: a multi-byte
    /// UTF-8 sequence holds no byte below 0x80, so escaping bytes is escaping Unicode scalars.
    static func appendQuoted(_ utf8: UnsafeRawBufferPointer, escaping: Escaping, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        appendEscaped(utf8, escaping: escaping, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// Appends the escaped form of `utf8`, without quotes.
    static func appendEscaped(_ utf8: UnsafeRawBufferPointer, escaping: Escaping, to out: inout [UInt8]) {
        var start = 0
        for (i, b) in utf8.enumerated() where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: utf8[start..<i]))
            start = i + 1
            out.append(UInt8(ascii: "\\"))
            switch (b, escaping) {
            case (UInt8(ascii: "\""), _), (UInt8(ascii: "\\"), _): out.append(b)
            case (0x0A, .json), (0x0A, .python): out.append(UInt8(ascii: "n"))
            case (0x0D, .json), (0x0D, .python): out.append(UInt8(ascii: "r"))
            case (0x09, .json), (0x09, .python): out.append(UInt8(ascii: "t"))
            case (0x08, .python): out.append(UInt8(ascii: "b"))
            case (0x0C, .python): out.append(UInt8(ascii: "f"))
            default:
                out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 15)])
            }
        }
        out.append(contentsOf: UnsafeRawBufferPointer(rebasing: utf8[start...]))
    }

    /// `s` as a quoted JSON string (usagelens's escaping), for messages that name a key or a value.
    public static func quoted(_ s: String, escaping: Escaping = .json) -> String {
        var out: [UInt8] = []
        var s = s
        s.withUTF8 { appendQuoted(UnsafeRawBufferPointer($0), escaping: escaping, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }
}
