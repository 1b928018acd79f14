/// What one input file gave, as the cache keeps it (DESIGN 9): its rows before dedup and pricing with their
/// strings and limit observations, its account with reasons, and where and how to continue reading it.
///
/// The table holds this file's rows alone, in its own dictionary, whose codes are the ones the adapter states
/// were saved with: a resumed read appends to this very table, so the states' string codes stay valid. The
/// `file` column and the limits' `file` are the run's index of the file, set when an entry is used.
///
/// Merge law: an entry is one file's part of an ingest; `UsageTable.merge` of the entries of a partition of
/// the inputs, deduplicated, equals the ingest of all of them (`Ingestor.finish`).
struct CachedFile: Sendable {
    /// The file's rows, strings and limits, up to `keptOffset` (or the whole file when not `resumable`).
    var table: UsageTable
    /// The file's account before dedup (`used`, `duplicate`, `events` are set by each run).
    var account: FileAccount
    /// The adapters' states after the last line before `keptOffset` (`FileIngestor.savedStates`); empty when
    /// the entry is not resumable.
    var states: [UInt8]
    /// The offset after the last complete line read (the file size for a compressed or non-resumable file).
    var keptOffset: Int64
    /// The physical lines before `keptOffset`: where the line numbers of a resumed read start.
    var physicalLines: Int
    /// Whether the file may be read on from `keptOffset` when it grows: a plain file, not read as one JSON
    /// document, whose events did not take the file's modification time.
    var resumable: Bool

    /// This entry for the input at `index` of a run whose file is shown as `path`.
    func placed(at index: UInt32, path: String) -> CachedFile {
        var entry = self
        entry.table.file = PackedColumn(repeating: index, count: table.count)
        for i in entry.table.limits.indices { entry.table.limits[i].file = index }
        entry.account.path = path
        return entry
    }
}

extension CachedFile {
    /// The serialisation's own version: bump it when the layout below changes.
    static let layoutVersion: UInt64 = 2

    /// The entry as bytes: a blob of columns (varints, zigzag-coded integers, raw doubles), not a row per event.
    func serialized() -> [UInt8] {
        var w = BinaryWriter(capacity: 64 + table.count * 24)
        w.varint(Self.layoutVersion)
        w.bool(resumable)
        w.signed(keptOffset)
        w.int(physicalLines)
        w.data(states)
        Self.write(account, to: &w)
        Self.write(table, to: &w)
        return w.bytes
    }

    init(serialized bytes: [UInt8]) throws {
        var r = BinaryReader(bytes)
        guard try r.varint() == Self.layoutVersion else { throw BinaryReader.Truncated() }
        resumable = try r.bool()
        keptOffset = try r.signed()
        physicalLines = try r.int()
        states = try r.data()
        account = try Self.readAccount(&r)
        table = try Self.readTable(&r)
        guard r.isAtEnd else { throw BinaryReader.Truncated() }
    }

    // MARK: the account

    static func write(_ a: FileAccount, to w: inout BinaryWriter) {
        w.bool(a.compression == .zstd)
        w.varint(UInt64(a.formats.count))
        for f in a.formats { w.varint(UInt64(f.rawValue)) }
        w.signed(a.bytes)
        w.int(a.lines)
        w.varint(UInt64(IgnoreReason.allCases.count))
        for reason in IgnoreReason.allCases { w.int(a.ignoredReasons[reason]) }
        w.int(a.malformed)
        w.int(a.linesWithEvents)
        w.varint(UInt64(a.errors.count))
        for e in a.errors {
            w.int(e.line)
            w.string(e.message)
        }
        w.varint(UInt64(a.fileErrors.count))
        for e in a.fileErrors { w.string(e) }
    }

    static func readAccount(_ r: inout BinaryReader) throws -> FileAccount {
        var a = FileAccount(path: "")
        a.compression = try r.bool() ? .zstd : .none
        for _ in 0..<(try r.count()) {
            guard let format = LogFormat(rawValue: UInt8(truncatingIfNeeded: try r.varint())) else {
                throw BinaryReader.Truncated()
            }
            a.formats.append(format)
        }
        a.bytes = try r.signed()
        a.lines = try r.int()
        guard try r.count() == IgnoreReason.allCases.count else { throw BinaryReader.Truncated() }
        for reason in IgnoreReason.allCases { a.ignoredReasons[reason] = try r.int() }
        a.malformed = try r.int()
        a.linesWithEvents = try r.int()
        for _ in 0..<(try r.count(minimumSize: 2)) {
            let line = try r.int()
            a.errors.append(FileAccount.LineError(line: line, message: try r.string()))
        }
        for _ in 0..<(try r.count()) { a.fileErrors.append(try r.string()) }
        return a
    }

    // MARK: the table

    /// The table: its strings, then each column as its packed blocks (`PackedColumn.write(to:)`), its extras
    /// and its limit observations. `withFiles` keeps the `file` column and the limits' files (a merged table of a
    /// whole run); a file's entry leaves them out (they are the run's index of the file, set when it is used).
    static func write(_ t: UsageTable, to w: inout BinaryWriter, withFiles: Bool = false) {
        w.varint(UInt64(t.strings.count))
        for code in 1..<UInt32(max(1, t.strings.count)) { w.data(t.strings.bytes(of: code)) }
        w.varint(UInt64(t.count))
        t.time.write(to: &w)
        t.format.write(to: &w)
        t.flags.write(to: &w)
        t.model.write(to: &w)
        t.provider.write(to: &w)
        t.session.write(to: &w)
        t.project.write(to: &w)
        if withFiles { t.file.write(to: &w) }
        t.line.write(to: &w)
        for column in [t.inputTokens, t.outputTokens, t.reasoningTokens, t.cacheReadTokens, t.cacheWrite5mTokens,
                       t.cacheWrite1hTokens] { column.write(to: &w) }
        t.calls.write(to: &w)
        t.loggedCostUSD.write(to: &w)
        t.dedupHigh.write(to: &w)
        t.dedupLow.write(to: &w)
        w.varint(UInt64(t.extras.count - 1))
        t.extra.write(to: &w)
        for e in t.extras.dropFirst() {
            for code in [e.user, e.department, e.agent, e.thread, e.account, e.rawTime] { w.varint(UInt64(code)) }
            w.double(e.latencyMs)
            w.varint(UInt64(e.written.rawValue))
        }
        w.varint(UInt64(t.limits.count))
        for l in t.limits {
            w.signed(l.time)
            w.varint(UInt64(l.format))
            w.varint(UInt64(l.window.rawValue))
            w.optionalDouble(l.usedPercent)
            w.optionalSigned(l.windowMinutes)
            w.optionalSigned(l.resetsAt)
            w.varint(UInt64(l.session))
            if withFiles { w.varint(UInt64(l.file)) }
            w.varint(UInt64(l.line))
            w.varint(UInt64(l.provider))
        }
    }

    /// Reads what `write(_:to:withFiles:)` wrote. `files` is the number of files a table `withFiles` may name.
    static func readTable(_ r: inout BinaryReader, withFiles files: Int? = nil) throws -> UsageTable {
        var t = UsageTable()
        let stringCount = try r.count()
        guard stringCount >= 1 else { throw BinaryReader.Truncated() }
        for expected in 1..<UInt32(stringCount) {
            let bytes = try r.data()
            // Codes are kept as they were: the saved adapter states refer to them.
            guard bytes.withUnsafeBytes({ t.strings.intern($0) }) == expected else { throw BinaryReader.Truncated() }
        }
        // Every block of every column takes at least 9 bytes (its base and width), so a count that needs more
        // blocks than the bytes left could hold is damage (and is refused before anything is allocated for it).
        let n = Int(clamping: try r.varint())
        guard n <= Int(UInt32.max), (n + 1023) / 1024 * 9 <= r.remaining else { throw BinaryReader.Truncated() }
        let codes = 0...UInt64(stringCount - 1)
        /// Token counts within what the adapters accept (`TokenCount.limit`), so that a damaged entry cannot bring
        /// a negative or overflowing count into the sums (found by the CacheEntry fuzzer).
        let tokens = Int64(0).packedBits...TokenCount.limit.packedBits
        t.time = try PackedColumn(reading: &r, count: n)
        t.format = try PackedColumn(reading: &r, count: n, allowed: 0...UInt64(UInt8.max))
        t.flags = try PackedColumn(reading: &r, count: n, allowed: 0...UInt64(UInt8.max))
        t.model = try PackedColumn(reading: &r, count: n, allowed: codes)
        t.provider = try PackedColumn(reading: &r, count: n, allowed: codes)
        t.session = try PackedColumn(reading: &r, count: n, allowed: codes)
        t.project = try PackedColumn(reading: &r, count: n, allowed: codes)
        if let files {
            t.file = try PackedColumn(reading: &r, count: n, allowed: 0...UInt64(max(0, files - 1)))
            guard files > 0 || n == 0 else { throw BinaryReader.Truncated() }
        } else {
            t.file = PackedColumn(repeating: 0, count: n)
        }
        t.line = try PackedColumn(reading: &r, count: n, allowed: 0...UInt64(UInt32.max))
        t.inputTokens = try PackedColumn(reading: &r, count: n, allowed: tokens)
        t.outputTokens = try PackedColumn(reading: &r, count: n, allowed: tokens)
        t.reasoningTokens = try PackedColumn(reading: &r, count: n, allowed: tokens)
        t.cacheReadTokens = try PackedColumn(reading: &r, count: n, allowed: tokens)
        t.cacheWrite5mTokens = try PackedColumn(reading: &r, count: n, allowed: tokens)
        t.cacheWrite1hTokens = try PackedColumn(reading: &r, count: n, allowed: tokens)
        t.calls = try PackedColumn(reading: &r, count: n, allowed: 0...UInt64(UInt32.max))
        t.loggedCostUSD = try PackedColumn(reading: &r, count: n)
        t.dedupHigh = try PackedColumn(reading: &r, count: n)
        t.dedupLow = try PackedColumn(reading: &r, count: n)
        let extrasCount = try r.count(minimumSize: 15)
        t.extra = try PackedColumn(reading: &r, count: n, allowed: 0...UInt64(extrasCount))
        t.extras.reserveCapacity(extrasCount + 1)
        for _ in 0..<extrasCount {
            var e = EventExtras()
            var codes: [UInt32] = []
            for _ in 0..<6 {
                let v = try r.varint()
                guard v < UInt64(stringCount) else { throw BinaryReader.Truncated() }
                codes.append(UInt32(v))
            }
            (e.user, e.department, e.agent, e.thread, e.account, e.rawTime) =
                (codes[0], codes[1], codes[2], codes[3], codes[4], codes[5])
            e.latencyMs = try r.double()
            e.written = EventExtras.Written(rawValue: UInt8(truncatingIfNeeded: try r.varint()))
            t.extras.append(e)
        }
        for _ in 0..<(try r.count(minimumSize: 9)) {
            let time = try r.signed()
            let format = UInt8(truncatingIfNeeded: try r.varint())
            guard let window = LimitObservation.Window(rawValue: UInt8(truncatingIfNeeded: try r.varint())) else {
                throw BinaryReader.Truncated()
            }
            let used = try r.optionalDouble()
            let minutes = try r.optionalSigned()
            let resets = try r.optionalSigned()
            let session = try r.varint()
            let file = files == nil ? 0 : try r.varint()
            let line = try r.varint()
            let provider = try r.varint()
            guard session < UInt64(stringCount), provider < UInt64(stringCount), file < UInt64(max(1, files ?? 1))
            else { throw BinaryReader.Truncated() }
            t.limits.append(
                LimitObservation(
                    time: time, format: format, window: window, usedPercent: used, windowMinutes: minutes,
                    resetsAt: resets, session: UInt32(session), file: UInt32(file),
                    line: UInt32(truncatingIfNeeded: line), provider: UInt32(provider)))
        }
        return t
    }
}
