/// The result of a whole run, as a snapshot the cache keeps (DESIGN 9): the merged, deduplicated table in
/// canonical order and every input's account, for one list of inputs whose entries had given checksums.
///
/// A run whose inputs are all unchanged since their entries were kept gives exactly the result of the run
/// that wrote the entries (each input's part is its entry, and merge, dedup and sort depend on nothing else), so
/// the snapshot stands for the decoding of every entry, the merge, the dedup and the sort. Its key is the list
/// of inputs (as the cache keys them, in run order) with their entries' checksums: any input changed, added,
/// removed or moved in the order is another key. Prices, filters and zones still run after it.
struct IngestSnapshot: Sendable {
    /// Kept events in canonical order; `file` indexes the run's inputs.
    var table: UsageTable
    /// One per input, in run order (`path` is set by the run that uses it).
    var accounts: [FileAccount]
    var duplicateEvents: Int

    /// 3: the dedup keys apart from the table (rows added later are deduplicated against them); 4: each input
    /// keeps its ctime (the warm check by `stat`).
    static let layoutVersion: UInt64 = 4

    init(table: UsageTable, accounts: [FileAccount], duplicateEvents: Int) {
        self.table = table
        self.accounts = accounts
        self.duplicateEvents = duplicateEvents
    }

    /// The dedup keys of the table's rows, apart (`serialized()` leaves them out): only a run that extends the
    /// snapshot with rows added since needs them, so a warm run does not read them. Self-checked: a checksum of
    /// the columns first.
    func serializedKeys() -> [UInt8] {
        var columns = BinaryWriter(capacity: table.count * 16)
        table.dedupHigh.write(to: &columns)
        table.dedupLow.write(to: &columns)
        var w = BinaryWriter(capacity: columns.bytes.count + 8)
        w.fixed64(Checksum.blob(columns.bytes))
        w.raw(columns.bytes)
        return w.bytes
    }

    /// Puts back the keys `serializedKeys()` wrote.
    mutating func attachKeys(_ bytes: [UInt8]) throws {
        var r = BinaryReader(bytes)
        let checksum = try r.fixed64()
        guard bytes.withUnsafeBytes({ Checksum.blob(UnsafeRawBufferPointer(rebasing: $0[8...])) }) == checksum else { throw BinaryReader.Truncated() }
        let high = try PackedColumn<UInt64>(reading: &r, count: table.count)
        let low = try PackedColumn<UInt64>(reading: &r, count: table.count)
        guard r.isAtEnd else { throw BinaryReader.Truncated() }
        (table.dedupHigh, table.dedupLow) = (high, low)
    }

    /// The snapshot without its dedup keys (`serializedKeys()` has them).
    func serialized() -> [UInt8] {
        var table = self.table
        table.clearDedupKeys()
        var w = BinaryWriter(capacity: 64 + table.count * 16)
        w.varint(Self.layoutVersion)
        w.int(duplicateEvents)
        w.varint(UInt64(accounts.count))
        for a in accounts {
            CachedFile.write(a, to: &w)
            w.int(a.used)
            w.int(a.duplicate)
            w.int(a.events)
        }
        CachedFile.write(table, to: &w, withFiles: true)
        return w.bytes
    }

    /// Reads a snapshot of a run over `files` inputs.
    init(serialized bytes: [UInt8], files: Int) throws {
        var r = BinaryReader(bytes)
        guard try r.varint() == Self.layoutVersion else { throw BinaryReader.Truncated() }
        duplicateEvents = try r.int()
        guard try r.count() == files else { throw BinaryReader.Truncated() }
        accounts = []
        accounts.reserveCapacity(files)
        for _ in 0..<files {
            var a = try CachedFile.readAccount(&r)
            a.used = try r.int()
            a.duplicate = try r.int()
            a.events = try r.int()
            accounts.append(a)
        }
        table = try CachedFile.readTable(&r, withFiles: files)
        guard r.isAtEnd else { throw BinaryReader.Truncated() }
    }
}
