extension UsageTable {
    /// Combines shards into one table with one dictionary, in canonical row order.
    ///
    /// Strings are merged as bytes, never as `String`s: two byte strings that are canonically equivalent
    /// Unicode (or both invalid UTF-8) stay distinct values. The merged dictionary is sorted by bytes, so codes do not depend on which worker saw a string first; rows are
    /// sorted by (time, file, line) with ties kept in shard order (rows of one line always share a shard).
    /// The result is the same for any split of the same rows into shards.
    /// - Complexity: O(n log n) for the row sort, O(distinct strings) for the dictionaries.
    public static func merge(_ shards: [UsageTable]) -> UsageTable {
        var names = Set<[UInt8]>()
        for shard in shards {
            for code in 1..<UInt32(shard.strings.count) { names.insert(shard.strings.bytes(of: code)) }
        }
        var merged = UsageTable()
        for name in names.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            _ = name.withUnsafeBytes { merged.strings.intern($0) }
        }
        let total = shards.reduce(0) { $0 + $1.count }

        var rows: [EventRow] = []
        rows.reserveCapacity(total)
        var limits: [LimitObservation] = []
        for shard in shards {
            let remap = (0..<UInt32(shard.strings.count)).map { merged.strings.code(of: shard.strings.bytes(of: $0))! }
            for i in 0..<shard.count {
                var row = shard.row(i)
                row.model = remap[Int(row.model)]
                row.provider = remap[Int(row.provider)]
                row.session = remap[Int(row.session)]
                row.project = remap[Int(row.project)]
                rows.append(row)
            }
            for var limit in shard.limits {
                limit.session = remap[Int(limit.session)]
                limits.append(limit)
            }
        }
        let order = rows.indices.sorted { a, b in
            let x = rows[a]
            let y = rows[b]
            if x.time != y.time { return x.time < y.time }
            if x.file != y.file { return x.file < y.file }
            if x.line != y.line { return x.line < y.line }
            return a < b
        }
        merged.reserve(total)
        for i in order { merged.append(rows[i]) }
        merged.limits = limits.sorted { a, b in
            (a.time, a.file, a.line, a.window.rawValue) < (b.time, b.file, b.line, b.window.rawValue)
        }
        return merged
    }
}
