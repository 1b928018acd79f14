extension UsageTable {
    /// Combines shards into one table with one dictionary, in canonical row order.
    ///
    /// Strings are merged as bytes, never as `String`s: two byte strings that are canonically equivalent
    /// Unicode (or both invalid UTF-8) stay distinct values. The merged dictionary is sorted by bytes, so codes
    /// do not depend on which worker saw a string first; rows are
    /// sorted by (time, file, line) with ties kept in shard order (rows of one line always share a shard).
    /// The result is the same for any split of the same rows into shards.
    /// - Complexity: O(n log n) for the row sort, O(distinct strings) for the dictionaries.
    public static func merge(_ input: consuming [UsageTable]) -> UsageTable {
        var shards = input
        if shards.count == 1 {
            // One shard: recode it in place instead of copying it into a new table.
            var only = shards.removeLast()
            return only.canonicalised()
        }
        var names = Set<[UInt8]>()
        for shard in shards {
            for code in 1..<UInt32(shard.strings.count) { names.insert(shard.strings.bytes(of: code)) }
        }
        var merged = UsageTable()
        merged.strings = StringDictionary.sorted(names)
        let total = shards.reduce(0) { $0 + $1.count }
        merged.reserve(total)
        var limits: [LimitObservation] = []
        // Each shard is released once appended: the peak is the merged table plus one shard, not all of them.
        // The order of appending does not matter: the canonical sort below decides the row order.
        while let shard = shards.popLast() {
            let remap = (0..<UInt32(shard.strings.count)).map { merged.strings.code(of: shard.strings.bytes(of: $0))! }
            merged.append(contentsOf: shard, remap: remap)
            for var limit in shard.limits {
                limit.session = remap[Int(limit.session)]
                limit.provider = remap[Int(limit.provider)]
                limits.append(limit)
            }
        }
        merged.limits = limits
        merged.sortCanonically()
        return merged
    }

    /// This table with a sorted dictionary and rows in canonical order, recoded column by column.
    mutating func canonicalised() -> UsageTable {
        let sorted = StringDictionary.sorted((1..<UInt32(max(1, strings.count))).map { strings.bytes(of: $0) })
        let remap = (0..<UInt32(strings.count)).map { sorted.code(of: strings.bytes(of: $0))! }
        var t = self
        self = UsageTable()
        t.strings = sorted
        t.model = t.model.map { remap[Int($0)] }
        t.provider = t.provider.map { remap[Int($0)] }
        t.session = t.session.map { remap[Int($0)] }
        t.project = t.project.map { remap[Int($0)] }
        t.extras = t.extras.map { $0.remapped(remap) }
        t.limits = t.limits.map {
            var l = $0
            l.session = remap[Int(l.session)]
            l.provider = remap[Int(l.provider)]
            return l
        }
        t.sortCanonically()
        return t
    }

    /// Sorts rows by (time, file, line), ties kept in their current order; limits by (time, file, line, window).
    mutating func sortCanonically() {
        let (time, file, line) = (self.time, self.file, self.line)
        let order = (0..<count).sorted { a, b in
            if time[a] != time[b] { return time[a] < time[b] }
            if file[a] != file[b] { return file[a] < file[b] }
            if line[a] != line[b] { return line[a] < line[b] }
            return a < b
        }
        if order != Array(0..<count) { gather(order) }
        limits.sort { a, b in (a.time, a.file, a.line, a.window.rawValue) < (b.time, b.file, b.line, b.window.rawValue) }
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
