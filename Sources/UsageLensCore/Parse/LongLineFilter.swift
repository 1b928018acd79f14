/// Keeps a line longer than the read buffer cheap to parse: what it hands on to yajl holds no string longer than
/// `keptStringBytes` and no nesting deeper than `maxDepth`.
///
/// yajl buffers a token that spans two `yajl_parse` calls and lexes it again from its start on every call, so
/// a string of n bytes fed in pieces of k costs O(n²/k): a 64 MB string took 10 s, 200 MB never finished, and a
/// zstd bomb of one 4 GiB string never ends. No key path reads a long string (captured strings are cut at 4 KiB
/// anyway, `LongString`), so the bytes of a string past `keptStringBytes` are passed over here. They are
/// still checked, as yajl would check them: no raw control byte, only valid escapes. Deep nesting is refused
/// before yajl's stack grows with it (4 GiB of `[` asked for 6.5 GB).
///
/// The filter hands on slices of the bytes it is given (nothing is copied) and keeps its state across pieces.
/// A long string's fingerprint (`LongString`) covers its first `keptStringBytes` bytes as written.
/// - Complexity: O(n), one pass over the line.
struct LongLineFilter {
    /// String bytes (as written, escapes included) handed on before the rest of a string is passed over.
    static let keptStringBytes = 64 << 10
    static let maxDepth = 512

    /// Set when the line cannot be valid JSON (or is nested too deep); nothing more is handed on.
    private(set) var error: String?
    private var inString = false
    /// Inside a string past its kept bytes: nothing is handed on until the closing quote.
    private var skipping = false
    /// Inside a string: bytes seen, whether the last was a backslash, and hex digits still due after `\u`.
    private var stringBytes = 0
    private var escaped = false
    private var hexDue = 0
    private var depth = 0

    /// Starts a new line.
    mutating func reset() {
        self = LongLineFilter()
    }

    /// Hands on the parts of `bytes` yajl should see, in order.
    mutating func filter(_ bytes: UnsafeRawBufferPointer, _ emit: (UnsafeRawBufferPointer) -> Void) {
        guard error == nil, let base = bytes.baseAddress else { return }
        let n = bytes.count
        var from = 0  // start of the slice being kept (unused while skipping)
        for i in 0..<n {
            let b = base.load(fromByteOffset: i, as: UInt8.self)
            guard inString else {
                switch b {
                case UInt8(ascii: "\""):
                    inString = true
                    stringBytes = 0
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                    if depth > Self.maxDepth {
                        error = "JSON nested deeper than \(Self.maxDepth) levels"
                        return
                    }
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                case 0x0B, 0x0C:
                    // yajl would take them for white space; JSON does not.
                    return fail(JSONLineParser.verticalSpace)
                default: break
                }
                continue
            }
            if hexDue > 0 {
                guard isHex(b) else { return fail("invalid escape in a string") }
                hexDue -= 1
            } else if escaped {
                escaped = false
                switch b {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    break
                case UInt8(ascii: "u"): hexDue = 4
                default: return fail("invalid escape in a string")
                }
            } else if b == UInt8(ascii: "\\") {
                escaped = true
            } else if b == UInt8(ascii: "\"") {
                inString = false
                if skipping {
                    // The passed-over part ends here; the closing quote is handed on.
                    skipping = false
                    from = i
                }
                continue
            } else if b < 0x20 {
                return fail("invalid character inside string")
            }
            stringBytes += 1
            if !skipping && stringBytes >= Self.keptStringBytes && !escaped && hexDue == 0 {
                // Hand on what was kept, never half an escape; pass over the rest of the string.
                emit(UnsafeRawBufferPointer(start: base + from, count: i + 1 - from))
                skipping = true
            }
        }
        if !skipping && from < n { emit(UnsafeRawBufferPointer(start: base + from, count: n - from)) }
    }

    private mutating func fail(_ message: String) {
        error = message
    }

    @inline(__always) private func isHex(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 65 && b <= 70) || (b >= 97 && b <= 102)
    }
}
