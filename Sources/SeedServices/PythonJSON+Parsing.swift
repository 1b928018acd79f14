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
        var reader = Reader(bytes: Array(bytes))
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

extension PythonJSON {
    /// A recursive-descent reader with the grammar and number rules of CPython's `json.scanner`.
    fileprivate struct Reader {
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
}
