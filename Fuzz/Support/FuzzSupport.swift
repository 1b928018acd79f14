// Shared by every fuzz target (compiled into each one; see Fuzz/build.sh).
@testable import UsageLensCore

#if canImport(Glibc)
    import Glibc
#endif

/// Stops the fuzzer with a message: libFuzzer records the input as a crash.
func fuzzFail(_ message: @autoclosure () -> String, file: StaticString = #file, line: UInt = #line) -> Never {
    fputs("fuzz invariant failed: \(message())\n", stderr)
    abort()
}

func fuzzCheck(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String, file: StaticString = #file,
    line: UInt = #line
) {
    if !condition() { fuzzFail(message(), file: file, line: line) }
}

/// A scratch file per process for the readers that take a path (RAM-backed when /dev/shm exists).
let fuzzScratchPath: String = {
    let dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
    return "\(dir)/usagelens-fuzz-\(getpid())"
}()

/// Writes `bytes` to the scratch file (suffix keeps the name apart per use) and returns its path.
func writeScratch(_ bytes: UnsafeRawBufferPointer, suffix: String = ".jsonl") -> String {
    let path = fuzzScratchPath + suffix
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { fuzzFail("cannot write \(path)") }
    var done = 0
    while done < bytes.count {
        let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
        guard n > 0 else { fuzzFail("short write to \(path)") }
        done += n
    }
    close(fd)
    return path
}

/// The lines of `bytes` split at `\n` (the reader's view, without the newline).
func splitLines(_ bytes: UnsafeRawBufferPointer) -> [UnsafeRawBufferPointer] {
    var lines: [UnsafeRawBufferPointer] = []
    var start = 0
    for i in 0..<bytes.count where bytes[i] == 0x0A {
        lines.append(UnsafeRawBufferPointer(rebasing: bytes[start..<i]))
        start = i + 1
    }
    if start < bytes.count { lines.append(UnsafeRawBufferPointer(rebasing: bytes[start...])) }
    return lines
}

/// Every field of a captured record, as comparable text (kind and value).
func describe(_ record: CapturedRecord) -> [String] {
    (0..<record.slotCount).compactMap { slot in
        let field = FormatRegistry.slotNames[slot]
        let kind = record.kind(slot)
        switch kind {
        case .absent: return nil
        case .null, .object: return "\(field)=\(kind)"
        case .bool: return "\(field)=\(record.bool(slot))"
        case .integer: return "\(field)=i\(record.integer(slot)!)"
        case .double: return "\(field)=d\(record.double(slot)!.bitPattern)"
        case .string: return "\(field)=s\(Array(record.string(slot)!.utf8))"
        }
    }
}

/// What `describe` gives for one tree value at a field's path (nil where the fast path captures nothing).
func describe(_ field: String, _ value: JSONValue) -> String? {
    switch value {
    case .null: return "\(field)=null"
    case .object: return "\(field)=object"
    case .array: return nil  // arrays are walked, never captured
    case .bool(let b): return "\(field)=\(b)"
    case .int(let v): return "\(field)=i\(v)"
    case .double(let d): return "\(field)=d\(d.bitPattern)"
    case .string(let s): return "\(field)=s\(Array(s.utf8))"
    }
}

/// Whether any object in `value` has a key twice (the fast path keeps every member, a tree the last).
func hasDuplicateKeys(_ value: JSONValue) -> Bool {
    var stack = [value]
    while let v = stack.popLast() {
        switch v {
        case .object(let members):
            var seen = Set<String>()
            for (k, child) in members {
                if !seen.insert(k).inserted { return true }
                stack.append(child)
            }
        case .array(let items): stack.append(contentsOf: items)
        default: break
        }
    }
    return false
}

/// The value at a key path of a tree, as the fast path walks it (objects only).
func value(at path: [String], in root: JSONValue) -> JSONValue? {
    var current = root
    for key in path {
        guard case .object = current, let next = current[key] else { return nil }
        current = next
    }
    return current
}

/// The fields the tree holds at the format table's paths, as `describe(record)` would list them. Fields that
/// two paths fill are left out when both are present (the fast path keeps whichever came last in the text).
func expectedFields(_ root: JSONValue) -> (fields: [String], ambiguous: Set<String>) {
    var byField: [String: [String]] = [:]
    for (path, slot) in FormatRegistry.keyPaths {
        let field = FormatRegistry.slotNames[slot]
        guard let v = value(at: path, in: root), let d = describe(field, v) else { continue }
        byField[field, default: []].append(d)
    }
    var fields: [String] = []
    var ambiguous: Set<String> = []
    for field in FormatRegistry.slotNames {
        guard let ds = byField[field] else { continue }
        if ds.count > 1 { ambiguous.insert(field) } else { fields.append(ds[0]) }
    }
    return (fields, ambiguous)
}

/// Whether yajl accepts `bytes` only by dropping a torn token after a complete value (`{} "abc`, `{} tru`).
///
/// yajl 2.1 with `yajl_allow_multiple_values` ends a parse in the "complete" state as soon as one value is done,
/// and `yajl_complete_parse` then says OK even when the lexer still holds the start of another token; fed in
/// pieces, the same bytes may fail instead. Detected by a probe value after the bytes: it comes out as one more
/// value only when no token was open. Known and reported (see Fuzz/README.md); the targets do not compare
/// verdicts on such inputs.
func endsInsideATornToken(_ bytes: UnsafeRawBufferPointer) -> Bool {
    // Fresh parsers: a handle that accepted a torn token keeps it for the next parse.
    guard let values = JSONDocumentParser().parse(bytes) else { return false }
    var probed = Array(bytes)
    probed += Array(" 0 ".utf8)
    guard let more = probed.withUnsafeBytes({ JSONDocumentParser().parse($0) }) else { return true }
    return more.count != values.count + 1
}
