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
        merged.reserve(total)
        var limits: [LimitObservation] = []
        for shard in shards {
            let remap = (0..<UInt32(shard.strings.count)).map { merged.strings.code(of: shard.strings.bytes(of: $0))! }
            merged.append(contentsOf: shard, remap: remap)
            for var limit in shard.limits {
                limit.session = remap[Int(limit.session)]
                limits.append(limit)
            }
        }
        let (time, file, line) = (merged.time, merged.file, merged.line)
        let order = (0..<total).sorted { a, b in
            if time[a] != time[b] { return time[a] < time[b] }
            if file[a] != file[b] { return file[a] < file[b] }
            if line[a] != line[b] { return line[a] < line[b] }
            return a < b
        }
        if order != Array(0..<total) { merged.gather(order) }
        merged.limits = limits.sorted { a, b in
            (a.time, a.file, a.line, a.window.rawValue) < (b.time, b.file, b.line, b.window.rawValue)
        }
        return merged
    }
}
