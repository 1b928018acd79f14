/// Keeps one copy of every event that was logged more than once (DESIGN 3, "Dedup").
///
/// Among rows with the same key the kept one is a main-chain copy over a sidechain one (a Claude Code `/btw`
/// side question replays a parent message on a sidechain, with more cache reads than the parent paid for),
/// then the one with the most tokens (streaming writes repeat a response with a growing output), then the
/// first in canonical order; rows flagged
/// `keepLast` (Gemini CLI) keep the last copy instead. Dedup is global: copies in different files are found too.
public enum Deduplicator {
    public struct Result: Sendable {
        public var table: UsageTable
        public var droppedEvents: Int
        /// Per file index: lines whose every event was dropped as a duplicate.
        public var duplicateLinesPerFile: [UInt32: Int]
    }

    /// The returned table's dedup keys are cleared to (0, 0): no two of its rows are copies of one event.
    ///
    /// The table need not be in canonical order yet (ties are broken by canonical position, not by row).
    ///
    /// Rows with a key are sorted by (key, canonical position) as 8-byte integers and each run of equal keys keeps
    /// its best row: a fraction of the memory of a hash map from key to row, and the same choice (ties go to the
    /// earlier one in canonical order).
    /// - Complexity: O(n log n) in the keyed rows.
    /// With `keepingKeys`, the keys stay (a snapshot of the run keeps them, to deduplicate rows added later).
    public static func deduplicate(_ table: consuming UsageTable, keepingKeys: Bool = false) -> Result {
        let keep = survivors(table)
        struct LineRef: Hashable {
            var file: UInt32
            var line: UInt32
        }
        var keptLines = Set<LineRef>()
        var droppedLines = Set<LineRef>()
        var keptCount = 0
        for i in 0..<table.count {
            if keep[i] {
                keptCount += 1
            } else {
                droppedLines.insert(LineRef(file: table.file[i], line: table.line[i]))
            }
        }
        if !droppedLines.isEmpty {
            for i in 0..<table.count where keep[i] {
                let ref = LineRef(file: table.file[i], line: table.line[i])
                if droppedLines.contains(ref) { keptLines.insert(ref) }
            }
        }
        var perFile: [UInt32: Int] = [:]
        for ref in droppedLines where !keptLines.contains(ref) { perFile[ref.file, default: 0] += 1 }
        let dropped = table.count - keptCount
        // Every row left is unique, so the keys are spent: cleared, they pack to nothing (16 bytes a row less
        // for everything that follows).
        if !keepingKeys { table.clearDedupKeys() }
        // Compacted in place by the mask (no index array): each column is replaced in turn, so the peak is one
        // column over the table.
        if dropped > 0 { table.filter(keep, count: keptCount) }
        return Result(table: table, droppedEvents: dropped, duplicateLinesPerFile: perFile)
    }

    /// Per row: whether it survives (the best of its key's copies, or keyless).
    private static func survivors(_ table: borrowing UsageTable) -> [Bool] {
        var keep = [Bool](repeating: true, count: table.count)
        let (high, low) = (table.dedupHigh, table.dedupLow)
        // Sorted as plain integers, (top 32 bits of the key, row): no random reads of the key columns while
        // sorting. Rows that share those 32 bits (copies of one event, or a rare partial collision) form a
        // run that is then ordered by the whole key and canonical position. Keys are taken a partition (by
        // their top bits) at a time, so the sort array is at most a quarter of the keyed rows, not 12 bytes a row more.
        // Up to 4 partitions: each is one more pass over the key column (16 cost the 500k-row benchmark 60%).
        let partitionBits = Swift.min(2, Int.bitWidth - (table.count >> 16).leadingZeroBitCount)
        for partition in 0..<UInt64(1 << partitionBits) {
            var keyed: [UInt64] = []
            for i in 0..<table.count where high[i] != 0 || low[i] != 0 {
                let h = high[i]
                guard partitionBits == 0 || h >> (64 - UInt64(partitionBits)) == partition else { continue }
                keyed.append(h & 0xFFFF_FFFF_0000_0000 | UInt64(i))
            }
            keyed.sort()
            resolveRuns(keyed, table, &keep)
        }
        return keep
    }

    /// Keeps the best row of each run of copies in `keyed` (sorted (top 32 key bits, row)) and marks the rest.
    private static func resolveRuns(_ keyed: [UInt64], _ table: borrowing UsageTable, _ keep: inout [Bool]) {
        let (high, low) = (table.dedupHigh, table.dedupLow)
        // Copies of one key in canonical order, (time, file, line, then row: rows of one line keep their
        // order), so the choice does not depend on whether the table is sorted yet.
        let canonical = CanonicalOrder(table)
        var run: [Int] = []
        var k = 0
        while k < keyed.count {
            var end = k + 1
            while end < keyed.count, keyed[end] >> 32 == keyed[k] >> 32 { end += 1 }
            defer { k = end }
            guard end - k > 1 else { continue }
            run.removeAll(keepingCapacity: true)
            for key in keyed[k..<end] { run.append(Int(key & 0xFFFF_FFFF)) }
            run.sort { x, y in
                if high[x] != high[y] { return high[x] < high[y] }
                if low[x] != low[y] { return low[x] < low[y] }
                return canonical(x, y)
            }
            var r = 0
            while r < run.count {
                var best = run[r]
                var next = r + 1
                while next < run.count, high[run[next]] == high[best], low[run[next]] == low[best] {
                    let candidate = run[next]
                    if isBetter(candidate, than: best, in: table) {
                        keep[best] = false
                        best = candidate
                    } else {
                        keep[candidate] = false
                    }
                    next += 1
                }
                r = next
            }
        }
    }

    static func isBetter(_ a: Int, than b: Int, in t: UsageTable) -> Bool {
        // A format that rewrites its record keeps the last write (`a` comes after `b` in canonical order).
        if t.flags[a].contains(.keepLast) || t.flags[b].contains(.keepLast) { return true }
        let sa = t.flags[a].contains(.sidechain)
        let sb = t.flags[b].contains(.sidechain)
        if sa != sb { return !sa }
        let ta = t.inputTokens[a] + t.outputTokens[a] + t.cacheReadTokens[a] + t.cacheWrite5mTokens[a]
            + t.cacheWrite1hTokens[a]
        let tb = t.inputTokens[b] + t.outputTokens[b] + t.cacheReadTokens[b] + t.cacheWrite5mTokens[b]
            + t.cacheWrite1hTokens[b]
        if ta != tb { return ta > tb }
        return false  // b comes first in canonical order
    }
}

extension UsageTable {
    /// Sets every dedup key to (0, 0): once duplicates are gone the keys are spent, and cleared they pack to
    /// nothing (16 bytes a row less for everything that follows).
    public mutating func clearDedupKeys() {
        dedupHigh = PackedColumn(repeating: 0, count: count)
        dedupLow = PackedColumn(repeating: 0, count: count)
    }
}
