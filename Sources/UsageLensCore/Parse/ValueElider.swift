internal import CScan

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds the members of a line that no captured key path can reach, so that yajl never has to tokenize them.
///
/// Most bytes of a usage line are in members nobody reads (`message.content`: text, thinking, tool inputs; and
/// ids, paths and versions around them). A structural scan walks only the containers on the key-path trie,
/// jumping over strings with `memchr`, and lists each run of consecutive members whose keys are not on the
/// trie. The parser then feeds yajl the line with each run replaced by one member `"":0` (no key path has an
/// empty key). yajl still parses, checks and captures everything on the trie.
///
/// The scan vouches only for lines it fully understands: one top-level object, keys without escapes, and every
/// elided value valid JSON. It is a tokenizer, not a blind cut: strings are checked for raw control bytes and
/// bad escapes, literals must be numbers, `true`, `false` or `null`, containers must be well formed (colons,
/// commas, matching brackets). Anything else (a torn line, two values on a line, `NaN`, a raw NUL, nesting past
/// `maxDepth`) returns `false`, and the whole line is parsed as it is, so only yajl decides that a line is
/// malformed and no broken member is ever cut out of sight.
/// - Complexity: O(n); string bytes are scanned 16 at a time for a quote, a backslash or a control byte
///   (CScan), other bytes one at a time.
struct ValueElider {
    /// Runs shorter than this are left to yajl: cutting them saves less than it costs.
    static let minimumCut = 24
    /// Elided values nested deeper than this are left to yajl (the walk is recursive).
    static let maxDepth = 256

    private let trie: KeyPathTrie
    private var base: UnsafePointer<UInt8> = UnsafePointer(bitPattern: 1)!
    private var n = 0
    private var i = 0
    /// The ranges to replace, in order.
    private(set) var cuts: [Range<Int>] = []

    init(trie: KeyPathTrie) {
        self.trie = trie
        cuts.reserveCapacity(16)
    }

    /// Plans the cuts for `line`. Returns false when the line must be parsed whole.
    mutating func plan(_ line: UnsafeRawBufferPointer) -> Bool {
        cuts.removeAll(keepingCapacity: true)
        guard let start = line.baseAddress, line.count > 1 else { return false }
        base = start.assumingMemoryBound(to: UInt8.self)
        n = line.count
        i = 0
        skipSpace()
        guard i < n, base[i] == UInt8(ascii: "{"), object(node: 0) else { return false }
        skipSpace()
        return i == n
    }

    @inline(__always) private mutating func skipSpace() {
        while i < n {
            let c = base[i]
            guard c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D else { return }
            i += 1
        }
    }

    /// The first byte at or after `p` that is a quote, a backslash or a control byte (< 0x20), else nil
    /// (CScan: 16 bytes a step).
    @inline(__always) private func nextSpecial(_ p: Int) -> Int? {
        guard p < n else { return nil }
        let k = usagelens_next_string_special(base + p, n - p)
        return k < n - p ? p + k : nil
    }

    /// With `i` at an opening quote, moves `i` past the closing one; false unless the string is valid JSON (no
    /// raw control byte, every escape one of `\" \\ \/ \b \f \n \r \t \uXXXX`) and closed on the line.
    @inline(__always) private mutating func skipString() -> Bool {
        var p = i + 1
        while let q = nextSpecial(p) {
            switch base[q] {
            case 0x22:
                i = q + 1
                return true
            case 0x5C:
                guard q + 1 < n else { return false }
                switch base[q + 1] {
                case UInt8(ascii: "\""), 0x5C, UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
                    UInt8(ascii: "r"), UInt8(ascii: "t"):
                    p = q + 2
                case UInt8(ascii: "u"):
                    guard q + 5 < n, (q + 2...q + 5).allSatisfy({ Self.isHex(base[$0]) }) else { return false }
                    p = q + 6
                default:
                    return false
                }
            default:
                return false  // a raw control byte
            }
        }
        return false
    }

    @inline(__always) private static func isHex(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)
    }

    /// With `i` at the first byte of a value, moves `i` past it; false unless it is valid JSON.
    private mutating func skipValue(depth: Int = 0) -> Bool {
        guard i < n else { return false }
        switch base[i] {
        case 0x22:
            return skipString()
        case UInt8(ascii: "{"):
            guard depth < Self.maxDepth else { return false }
            i += 1
            skipSpace()
            guard i < n else { return false }
            if base[i] == UInt8(ascii: "}") {
                i += 1
                return true
            }
            while true {
                guard i < n, base[i] == 0x22, skipString() else { return false }
                skipSpace()
                guard i < n, base[i] == UInt8(ascii: ":") else { return false }
                i += 1
                skipSpace()
                guard skipValue(depth: depth + 1) else { return false }
                skipSpace()
                guard i < n else { return false }
                if base[i] == UInt8(ascii: ",") {
                    i += 1
                    skipSpace()
                    continue
                }
                guard base[i] == UInt8(ascii: "}") else { return false }
                i += 1
                return true
            }
        case UInt8(ascii: "["):
            guard depth < Self.maxDepth else { return false }
            i += 1
            skipSpace()
            guard i < n else { return false }
            if base[i] == UInt8(ascii: "]") {
                i += 1
                return true
            }
            while true {
                guard skipValue(depth: depth + 1) else { return false }
                skipSpace()
                guard i < n else { return false }
                if base[i] == UInt8(ascii: ",") {
                    i += 1
                    skipSpace()
                    continue
                }
                guard base[i] == UInt8(ascii: "]") else { return false }
                i += 1
                return true
            }
        default:
            let start = i
            while i < n {
                let c = base[i]
                if c == UInt8(ascii: ",") || c == UInt8(ascii: "}") || c == UInt8(ascii: "]") || c == 0x20 || c == 0x09
                    || c == 0x0A || c == 0x0D
                {
                    break
                }
                i += 1
            }
            return Self.isLiteral(base + start, i - start)
        }
    }

    /// Whether `count` bytes at `p` are a JSON number, `true`, `false` or `null`.
    private static func isLiteral(_ p: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        guard count > 0 else { return false }
        switch p[0] {
        case UInt8(ascii: "t"): return count == 4 && memcmp(p, "true", 4) == 0
        case UInt8(ascii: "f"): return count == 5 && memcmp(p, "false", 5) == 0
        case UInt8(ascii: "n"): return count == 4 && memcmp(p, "null", 4) == 0
        default: break
        }
        // -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
        var k = 0
        func digits() -> Int {
            let from = k
            while k < count, p[k] >= 48, p[k] <= 57 { k += 1 }
            return k - from
        }
        if p[k] == UInt8(ascii: "-") { k += 1 }
        guard k < count else { return false }
        if p[k] == UInt8(ascii: "0") {
            k += 1
        } else {
            guard digits() > 0 else { return false }
        }
        if k < count, p[k] == UInt8(ascii: ".") {
            k += 1
            guard digits() > 0 else { return false }
        }
        if k < count, p[k] == UInt8(ascii: "e") || p[k] == UInt8(ascii: "E") {
            k += 1
            if k < count, p[k] == UInt8(ascii: "+") || p[k] == UInt8(ascii: "-") { k += 1 }
            guard digits() > 0 else { return false }
        }
        return k == count
    }

    /// With `i` at `{` of a container on the trie, walks its members.
    private mutating func object(node: Int32) -> Bool {
        i += 1
        skipSpace()
        guard i < n else { return false }
        if base[i] == UInt8(ascii: "}") {
            i += 1
            return true
        }
        var runStart = -1  // first byte of the current run of unread members
        var runEnd = -1
        while true {
            guard i < n, base[i] == 0x22 else { return false }
            let memberStart = i
            let keyStart = i + 1
            guard skipString() else { return false }
            let keyLength = i - 1 - keyStart
            // An escaped key could spell a trie key differently; only yajl may decide what it says.
            if keyLength > 0 && memchr(base + keyStart, 0x5C, keyLength) != nil { return false }
            let child = trie.lookup(node, base + keyStart, keyLength)
            skipSpace()
            guard i < n, base[i] == UInt8(ascii: ":") else { return false }
            i += 1
            skipSpace()
            guard i < n else { return false }
            if child >= 0 {
                closeRun(runStart, runEnd)
                runStart = -1
                if base[i] == UInt8(ascii: "{") && trie.hasChildren(child) {
                    guard object(node: child) else { return false }
                } else {
                    guard skipValue() else { return false }
                }
            } else {
                guard skipValue() else { return false }
                if runStart < 0 { runStart = memberStart }
                runEnd = i
            }
            skipSpace()
            guard i < n else { return false }
            if base[i] == UInt8(ascii: ",") {
                i += 1
                skipSpace()
                continue
            }
            if base[i] == UInt8(ascii: "}") {
                closeRun(runStart, runEnd)
                i += 1
                return true
            }
            return false
        }
    }

    @inline(__always) private mutating func closeRun(_ start: Int, _ end: Int) {
        if start >= 0 && end - start >= Self.minimumCut { cuts.append(start..<end) }
    }
}
