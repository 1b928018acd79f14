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

    /// 2: the table keeps its dedup keys (rows added later are deduplicated against them).
    static let layoutVersion: UInt64 = 2

    init(table: UsageTable, accounts: [FileAccount], duplicateEvents: Int) {
        self.table = table
        self.accounts = accounts
        self.duplicateEvents = duplicateEvents
    }

    func serialized() -> [UInt8] {
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
