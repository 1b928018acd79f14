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
/// The scan vouches only for lines it fully understands: one top-level object, keys without escapes, balanced
/// containers. Anything else (a torn line, two values on a line) returns `false`, and the whole line is
/// parsed as it is. What an elided value is checked for is structure (closed strings, balanced brackets),
/// not every literal inside it.
/// - Complexity: O(n); bytes inside strings are passed over by `memchr`, others one at a time.
struct ValueElider {
    /// Runs shorter than this are left to yajl: cutting them saves less than it costs.
    static let minimumCut = 24

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

    /// With `i` at an opening quote, moves `i` past the closing one.
    @inline(__always) private mutating func skipString() -> Bool {
        var p = i + 1
        while p < n {
            guard let hit = memchr(base + p, 0x22, n - p) else { return false }
            let q = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
            var k = q - 1
            while k > i && base[k] == 0x5C { k -= 1 }
            if (q - 1 - k) % 2 == 0 {
                i = q + 1
                return true
            }
            p = q + 1
        }
        return false
    }

    /// With `i` at the first byte of a value, moves `i` past it.
    private mutating func skipValue() -> Bool {
        guard i < n else { return false }
        switch base[i] {
        case 0x22:
            return skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while i < n {
                switch base[i] {
                case 0x22:
                    guard skipString() else { return false }
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 {
                        i += 1
                        return true
                    }
                default:
                    break
                }
                i += 1
            }
            return false
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
            return i > start
        }
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
