/// A JSON value as Python's `json` module holds it, for reproducing Python services field for field.
///
/// The differences from a plain JSON tree are the ones Python code can observe: integers and floats are
/// different types (`1` vs `1.0`), objects keep their keys in first-insertion order with the last duplicate's
/// value (`dict(pairs)`), keys compare by code points rather than by canonical equivalence, and `NaN`,
/// `Infinity` and `-Infinity` are accepted as numbers. Integer literals beyond 64 bits keep their text.
public indirect enum PythonJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    /// An integer literal outside the 64-bit range, as written (sign included).
    case bigInt(String)
    case float(Double)
    case string(String)
    case array([PythonJSON])
    case object(PythonDict)

    /// Python truthiness: `None`, `False`, `0`, `0.0`, `""`, `[]` and `{}` are false (NaN is true).
    public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .bigInt: return true
        case .float(let d): return d != 0
        case .string(let s): return !s.unicodeScalars.isEmpty
        case .array(let a): return !a.isEmpty
        case .object(let o): return o.count > 0
        }
    }

    /// The dictionary, when this is an object.
    public var object: PythonDict? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// The string, when this is a string.
    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// Exact equality, floats compared bitwise-equal as Python's `==` would (NaN is unequal to itself).
    public static func == (a: PythonJSON, b: PythonJSON) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.bigInt(let x), .bigInt(let y)): return x == y
        case (.float(let x), .float(let y)): return x == y
        case (.string(let x), .string(let y)): return PythonText.equal(x, y)
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)): return x == y
        default: return false
        }
    }
}

/// A string compared and hashed by its Unicode code points, as Python compares `str` (Swift's `String`
/// compares by canonical equivalence: `"\u{212A}" == "K"` there, not in Python).
struct CodePointKey: Hashable, Sendable {
    let text: String

    static func == (a: CodePointKey, b: CodePointKey) -> Bool { PythonText.equal(a.text, b.text) }

    func hash(into hasher: inout Hasher) {
        for scalar in text.unicodeScalars { hasher.combine(scalar.value) }
    }
}

/// A Python `dict` with string keys: insertion-ordered, keys compared by code points.
public struct PythonDict: Sendable, Equatable, Sequence {
    public private(set) var keys: [String] = []
    public private(set) var values: [PythonJSON] = []
    private var positions: [CodePointKey: Int] = [:]

    public init() {}

    /// Builds a dictionary as `dict(pairs)` does: a repeated key keeps its first position and its last value.
    public init(_ pairs: [(String, PythonJSON)]) {
        for (key, value) in pairs { self[key] = value }
    }

    public var count: Int { keys.count }

    /// `d.get(key)`; assigning keeps an existing key's position (`d[key] = value`).
    public subscript(key: String) -> PythonJSON? {
        get { positions[CodePointKey(text: key)].map { values[$0] } }
        set {
            let k = CodePointKey(text: key)
            if let i = positions[k] {
                if let newValue {
                    values[i] = newValue
                } else {
                    keys.remove(at: i)
                    values.remove(at: i)
                    positions = [:]
                    for (j, key) in keys.enumerated() { positions[CodePointKey(text: key)] = j }
                }
            } else if let newValue {
                positions[k] = keys.count
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    /// `key in d`.
    public func contains(_ key: String) -> Bool { positions[CodePointKey(text: key)] != nil }

    /// `d.update(other)`, which is also what `{**d, **other}` builds.
    public mutating func update(with other: PythonDict) {
        for (key, value) in other { self[key] = value }
    }

    public func makeIterator() -> Zip2Sequence<[String], [PythonJSON]>.Iterator {
        zip(keys, values).makeIterator()
    }

    /// Same keys in the same order with equal values.
    public static func == (a: PythonDict, b: PythonDict) -> Bool {
        a.keys.count == b.keys.count && zip(a.keys, b.keys).allSatisfy { PythonText.equal($0, $1) }
            && a.values == b.values
    }
}

// MARK: Parsing

extension PythonJSON {
    /// Why a text is not JSON, with the byte offset where reading stopped.
    public struct SyntaxError: Error, Equatable, Sendable {
        public var message: String
        public var offset: Int
    }

    /// Python's `json.loads` on UTF-8 bytes: one value, surrounded by optional whitespace (space, tab, CR, LF).
    ///
    /// Strings must be valid UTF-8 without raw control characters (Python's strict mode); escapes are Python's.
    /// A lone surrogate escape (`"\ud800"`), which Python keeps in its `str`, becomes U+FFFD here, since a Swift
    /// `String` cannot hold one. Nesting deeper than 1,000 levels is an error, where Python would stop with a
    /// `RecursionError`.
    /// - Complexity: O(n) in the length of `bytes`.
    public static func parse<Bytes: Collection>(_ bytes: Bytes) throws(SyntaxError) -> PythonJSON
    where Bytes.Element == UInt8 {
        var reader = JSONReader(bytes: Array(bytes))
        reader.skipWhitespace()
        let value = try reader.value(depth: 0)
        reader.skipWhitespace()
        guard reader.position == reader.bytes.count else { throw reader.error("extra data after the JSON value") }
        return value
    }

    /// `json.loads` on a string.
    public static func parse(_ text: String) throws(SyntaxError) -> PythonJSON {
        try parse(Array(text.utf8))
    }
}

/// A recursive-descent reader with the grammar and number rules of CPython's `json.scanner`.
private struct JSONReader {
    let bytes: [UInt8]
    var position = 0
    static let maxDepth = 1000

    init(bytes: [UInt8]) { self.bytes = bytes }

    func error(_ message: String) -> PythonJSON.SyntaxError {
        PythonJSON.SyntaxError(message: message, offset: position)
    }

    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func skipWhitespace() {
        while let c = current, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { position += 1 }
    }

    mutating func consume(_ literal: String) -> Bool {
        let utf8 = Array(literal.utf8)
        guard bytes.count - position >= utf8.count, Array(bytes[position..<position + utf8.count]) == utf8 else {
            return false
        }
        position += utf8.count
        return true
    }

    mutating func value(depth: Int) throws(PythonJSON.SyntaxError) -> PythonJSON {
        guard depth < Self.maxDepth else { throw error("nested too deeply") }
        guard let c = current else { throw error("expecting a value") }
        switch c {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "n") where consume("null"): return .null
        case UInt8(ascii: "t") where consume("true"): return .bool(true)
        case UInt8(ascii: "f") where consume("false"): return .bool(false)
        case UInt8(ascii: "N") where consume("NaN"): return .float(.nan)
        case UInt8(ascii: "I") where consume("Infinity"): return .float(.infinity)
        case UInt8(ascii: "-") where consume("-Infinity"): return .float(-.infinity)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw error("expecting a value")
        }
    }

    mutating func object(depth: Int) throws(PythonJSON.SyntaxError) -> PythonJSON {
        position += 1
        var dict = PythonDict()
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            position += 1
            return .object(dict)
        }
        while true {
            guard current == UInt8(ascii: "\"") else { throw error("expecting a property name in double quotes") }
            let key = try string()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error("expecting ':' after a key") }
            position += 1
            skipWhitespace()
            dict[key] = try value(depth: depth + 1)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                position += 1
                skipWhitespace()
            case UInt8(ascii: "}"):
                position += 1
                return .object(dict)
            default: throw error("expecting ',' or '}' in an object")
            }
        }
    }

    mutating func array(depth: Int) throws(PythonJSON.SyntaxError) -> PythonJSON {
        position += 1
        var items: [PythonJSON] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            position += 1
            return .array(items)
        }
        while true {
            items.append(try value(depth: depth + 1))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                position += 1
                skipWhitespace()
            case UInt8(ascii: "]"):
                position += 1
                return .array(items)
            default: throw error("expecting ',' or ']' in an array")
            }
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`: an int without fraction or exponent, else a float.
    mutating func number() throws(PythonJSON.SyntaxError) -> PythonJSON {
        let start = position
        func isDigit(_ c: UInt8?) -> Bool { c.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
        if current == UInt8(ascii: "-") { position += 1 }
        guard isDigit(current) else { throw error("expecting a value") }
        if current == UInt8(ascii: "0") {
            position += 1
        } else {
            while isDigit(current) { position += 1 }
        }
        var isFloat = false
        if current == UInt8(ascii: "."), position + 1 < bytes.count, isDigit(bytes[position + 1]) {
            isFloat = true
            position += 1
            while isDigit(current) { position += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            var probe = position + 1
            if probe < bytes.count, bytes[probe] == UInt8(ascii: "+") || bytes[probe] == UInt8(ascii: "-") { probe += 1 }
            if probe < bytes.count, isDigit(bytes[probe]) {
                isFloat = true
                position = probe
                while isDigit(current) { position += 1 }
            }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if isFloat { return .float(Double(text) ?? .nan) }
        if let i = Int64(text) { return .int(i) }
        return .bigInt(text)
    }

    mutating func string() throws(PythonJSON.SyntaxError) -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        var chunkStart = position
        func flush(_ end: Int) throws(PythonJSON.SyntaxError) {
            guard chunkStart < end else { return }
            guard let text = String(validating: bytes[chunkStart..<end], as: UTF8.self) else {
                throw PythonJSON.SyntaxError(message: "invalid UTF-8 in a string", offset: chunkStart)
            }
            scalars.append(contentsOf: text.unicodeScalars)
        }
        while let c = current {
            switch c {
            case UInt8(ascii: "\""):
                try flush(position)
                position += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                try flush(position)
                position += 1
                scalars.append(try escape())
                chunkStart = position
            case 0x00..<0x20:
                throw error("invalid control character in a string")
            default:
                position += 1
            }
        }
        throw error("unterminated string")
    }

    mutating func escape() throws(PythonJSON.SyntaxError) -> Unicode.Scalar {
        guard let c = current else { throw error("unterminated string") }
        position += 1
        switch c {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try hex4()
            if (0xD800..<0xDC00).contains(high), bytes.count - position >= 6,
                bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
            {
                let save = position
                position += 2
                let low = try hex4()
                if (0xDC00..<0xE000).contains(low) {
                    return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
                }
                position = save
            }
            return Unicode.Scalar(high) ?? "\u{FFFD}"
        default:
            position -= 1
            throw error("invalid escape")
        }
    }

    mutating func hex4() throws(PythonJSON.SyntaxError) -> UInt32 {
        guard bytes.count - position >= 4 else { throw error("invalid \\uXXXX escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[position]
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - 48
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - 87
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - 55
            default: throw error("invalid \\uXXXX escape")
            }
            v = v * 16 + UInt32(digit)
            position += 1
        }
        return v
    }
}

// MARK: Rendering

extension PythonJSON {
    /// `json.dumps(value, indent=2, ensure_ascii=False)`: floats as Python's `repr`, strings with Python's
    /// escapes. A non-finite float, which Starlette's `allow_nan=False` refuses, is written `null`.
    public func dumps(indent: Int = 2) -> String {
        var out = ""
        write(to: &out, indent: indent, level: 0)
        return out
    }

    private func write(to out: inout String, indent: Int, level: Int) {
        let newline = indent > 0 ? "\n" : ""
        let pad = String(repeating: " ", count: indent * (level + 1))
        let closePad = String(repeating: " ", count: indent * level)
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .bigInt(let text): out += text
        case .float(let d): out += d.isFinite ? PythonFloat.repr(d) : "null"
        case .string(let s): Self.writeString(s, to: &out)
        case .array(let items):
            guard !items.isEmpty else {
                out += "[]"
                return
            }
            out += "[" + newline
            for (i, item) in items.enumerated() {
                out += pad
                item.write(to: &out, indent: indent, level: level + 1)
                out += (i + 1 < items.count ? "," : "") + newline
            }
            out += closePad + "]"
        case .object(let dict):
            guard dict.count > 0 else {
                out += "{}"
                return
            }
            out += "{" + newline
            for (i, (key, value)) in dict.enumerated() {
                out += pad
                Self.writeString(key, to: &out)
                out += ": "
                value.write(to: &out, indent: indent, level: level + 1)
                out += (i + 1 < dict.count ? "," : "") + newline
            }
            out += closePad + "}"
        }
    }

    /// `json.encoder`'s escapes without `ensure_ascii`: `"`, `\`, `\b \f \n \r \t`, other C0 controls as `\u00XX`.
    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
