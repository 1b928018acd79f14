extension UsageTable {
    /// Combines shards into one table with one dictionary, in canonical row order.
    ///
    /// Strings are merged as bytes, never as `String`s: two byte strings that are canonically equivalent
    /// Unicode (or both invalid UTF-8) stay distinct values. The merged dictionary is sorted by bytes, so codes
    /// do not depend on which worker saw a string first; rows are
    /// sorted by (time, file, line) with ties kept in shard order (rows of one line always share a shard).
    /// The result is the same for any split of the same rows into shards.
    /// With `sorted: false` the rows stay in shard order (the ingest dedups first, then sorts a smaller table).
    /// - Complexity: O(n log n) for the row sort, O(distinct strings) for the dictionaries.
    public static func merge(_ input: consuming [UsageTable], sorted: Bool = true) -> UsageTable {
        var shards = input
        if shards.count == 1 {
            // One shard: recode it in place instead of copying it into a new table.
            var only = shards.removeLast()
            var t = only.recoded()
            if sorted { t.sortCanonically() }
            return t
        }
        var names = Set<[UInt8]>()
        for shard in shards {
            for code in 1..<UInt32(shard.strings.count) { names.insert(shard.strings.bytes(of: code)) }
        }
        var merged = UsageTable()
        merged.strings = StringDictionary.sorted(names)
        let remaps = shards.map { shard in
            (0..<UInt32(shard.strings.count)).map { merged.strings.code(of: shard.strings.bytes(of: $0))! }
        }
        // Rows in segments: every shard's sealed blocks, then every shard's open rows. Columns whose values do
        // not change take the sealed blocks by reference (they are immutable), so the merge copies at most an
        // open block per shard of them; string codes and extras are remapped in the same row order. Rows of one
        // line stay together and in order (one shard, consecutive); the canonical sort decides the rest.
        let sealed = shards.map { $0.time.sealedCount }
        let segments = shards.indices.map { ($0, 0..<sealed[$0]) } + shards.indices.map { ($0, sealed[$0]..<shards[$0].count) }
        func move<T>(_ column: WritableKeyPath<UsageTable, PackedColumn<T>>) {
            for s in shards.indices { merged[keyPath: column].appendSealedBlocks(of: shards[s][keyPath: column]) }
            for (s, rows) in segments where rows.lowerBound == sealed[s] {
                let values = shards[s][keyPath: column]
                merged[keyPath: column].append(count: rows.count) { values[rows.lowerBound + $0] }
            }
            for s in shards.indices { shards[s][keyPath: column] = [] }
        }
        // A shard whose codes stay what they were (its strings are the first of the merged dictionary: the
        // snapshot a grown file is merged into, when the file added no new string) keeps its sealed blocks of
        // codes by reference too, while the merged column is still at a block boundary.
        let unchanged = remaps.map { remap in remap.indices.allSatisfy { remap[$0] == UInt32($0) } }
        func moveCodes(_ column: WritableKeyPath<UsageTable, PackedColumn<UInt32>>, _ code: (Int, UInt32) -> UInt32) {
            for (s, rows) in segments {
                let values = shards[s][keyPath: column]
                if unchanged[s] && rows == 0..<sealed[s] && merged[keyPath: column].count % PackedColumn<UInt32>.blockSize == 0 {
                    merged[keyPath: column].appendSealedBlocks(of: values)
                    continue
                }
                merged[keyPath: column].append(count: rows.count) { code(s, values[rows.lowerBound + $0]) }
            }
            for s in shards.indices { shards[s][keyPath: column] = [] }
        }
        let remap = { (s: Int, c: UInt32) in remaps[s][Int(c)] }
        move(\.time)
        move(\.format)
        move(\.flags)
        moveCodes(\.model, remap)
        moveCodes(\.provider, remap)
        moveCodes(\.session, remap)
        moveCodes(\.project, remap)
        move(\.file)
        move(\.line)
        move(\.inputTokens)
        move(\.outputTokens)
        move(\.reasoningTokens)
        move(\.cacheReadTokens)
        move(\.cacheWrite5mTokens)
        move(\.cacheWrite1hTokens)
        move(\.calls)
        move(\.loggedCostUSD)
        move(\.dedupHigh)
        move(\.dedupLow)
        var extrasOffset: [UInt32] = []
        for s in shards.indices {
            extrasOffset.append(UInt32(merged.extras.count - 1))
            merged.extras += shards[s].extras.dropFirst().map { $0.remapped(remaps[s]) }
            for var limit in shards[s].limits {
                limit.session = remaps[s][Int(limit.session)]
                limit.provider = remaps[s][Int(limit.provider)]
                merged.limits.append(limit)
            }
        }
        moveCodes(\.extra) { s, e in e == 0 ? 0 : e + extrasOffset[s] }
        shards = []
        if sorted { merged.sortCanonically() }
        return merged
    }

    /// This table with a sorted dictionary, recoded column by column.
    mutating func recoded() -> UsageTable {
        let sorted = StringDictionary.sorted((1..<UInt32(max(1, strings.count))).map { strings.bytes(of: $0) })
        let remap = (0..<UInt32(strings.count)).map { sorted.code(of: strings.bytes(of: $0))! }
        var t = self
        self = UsageTable()
        t.strings = sorted
        func recode(_ column: inout PackedColumn<UInt32>) {
            let old = column
            column = PackedColumn(count: old.count) { remap[Int(old[$0])] }
        }
        recode(&t.model)
        recode(&t.provider)
        recode(&t.session)
        recode(&t.project)
        t.extras = t.extras.map { $0.remapped(remap) }
        t.limits = t.limits.map {
            var l = $0
            l.session = remap[Int(l.session)]
            l.provider = remap[Int(l.provider)]
            return l
        }
        return t
    }

    /// Sorts rows by (time, file, line), ties kept in their current order; limits by (time, file, line, window).
    public mutating func sortCanonically() {
        // Rows come in runs already in order (one file's lines, in time order): only check, then sort 4-byte
        // indices if needed.
        let before = CanonicalOrder(self)
        if count > 1, (1..<count).contains(where: { !before($0 - 1, $0) }) {
            var order = Array(0..<Int32(count))
            order.sort { before(Int($0), Int($1)) }
            gather(order)
        }
        limits.sort { a, b in (a.time, a.file, a.line, a.window.rawValue) < (b.time, b.file, b.line, b.window.rawValue) }
    }
}

/// Canonical row order: (time, file, line), then row index (rows of one line keep their order).
struct CanonicalOrder {
    let time: PackedColumn<Int64>
    let file: PackedColumn<UInt32>
    let line: PackedColumn<UInt32>

    init(_ table: borrowing UsageTable) {
        (time, file, line) = (table.time, table.file, table.line)
    }

    @inline(__always) func callAsFunction(_ a: Int, _ b: Int) -> Bool {
        if time[a] != time[b] { return time[a] < time[b] }
        if file[a] != file[b] { return file[a] < file[b] }
        if line[a] != line[b] { return line[a] < line[b] }
        return a < b
    }
}

extension StringDictionary {
    /// A dictionary of `names` with codes in byte order (code 0 stays the empty string): the canonical
    /// dictionary of a merged table, whatever order the workers saw the strings in.
    static func sorted<S: Sequence>(_ names: S) -> StringDictionary where S.Element == [UInt8] {
        var dictionary = StringDictionary()
        for name in names.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            _ = name.withUnsafeBytes { dictionary.intern($0) }
        }
        return dictionary
    }
}
