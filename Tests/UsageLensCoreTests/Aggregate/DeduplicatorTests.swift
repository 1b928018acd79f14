import Testing

@testable import UsageLensCore

@Suite("Deduplicator")
struct DeduplicatorTests {
    static let t0 = "2025-10-14T09:00:00Z"

    @Test("the copy with the most tokens is kept, wherever it is")
    func mostTokens() {
        var b = TableBuilder()
        b.add(Self.t0, model: "m", input: 10, output: 5, key: (1, 1))
        b.add(Self.t0, model: "m", input: 10, output: 50, key: (1, 1))
        b.add(Self.t0, model: "m", input: 10, output: 20, key: (1, 1))
        let r = Deduplicator.deduplicate(b.table)
        #expect(r.table.count == 1)
        #expect(r.table.outputTokens == [50])
        #expect(r.table.line == [2])
        #expect(r.droppedEvents == 2)
    }

    @Test("cache tokens count toward the most complete copy")
    func cacheCounts() {
        var b = TableBuilder()
        b.add(Self.t0, model: "m", input: 10, key: (0, 7))
        b.add(Self.t0, model: "m", cacheRead: 6, cache1h: 5, key: (0, 7))
        let r = Deduplicator.deduplicate(b.table)
        #expect(r.table.line == [2])
    }

    @Test("on a token tie a main-chain copy beats a sidechain one", arguments: [false, true])
    func sidechainTie(sidechainFirst: Bool) {
        var b = TableBuilder()
        b.add(Self.t0, model: "m", input: 10, key: (3, 3), sidechain: sidechainFirst)
        b.add(Self.t0, model: "m", input: 10, key: (3, 3), sidechain: !sidechainFirst)
        let r = Deduplicator.deduplicate(b.table)
        #expect(r.table.count == 1)
        #expect(!r.table.flags[0].contains(.sidechain))
        #expect(r.table.line == [sidechainFirst ? 2 : 1])
    }

    @Test("main chain beats more tokens: a /btw sidechain replay with more cache reads loses to the parent's copy",
          arguments: [false, true])
    func sidechainBeforeTokens(replayFirst: Bool) {
        var b = TableBuilder()
        b.add(Self.t0, model: "m", input: 11, key: (3, 3), line: replayFirst ? 1 : 2, sidechain: true)
        b.add(Self.t0, model: "m", input: 10, key: (3, 3), line: replayFirst ? 2 : 1)
        let r = Deduplicator.deduplicate(b.table)
        #expect(r.table.count == 1)
        #expect(r.table.inputTokens == [10])
        #expect(!r.table.flags[0].contains(.sidechain))
    }

    @Test("on a full tie the first copy is kept")
    func firstOnTie() {
        var b = TableBuilder()
        b.add(Self.t0, model: "m", input: 10, key: (5, 5), file: 0)
        b.add(Self.t0, model: "m", input: 10, key: (5, 5), file: 1)
        b.add(Self.t0, model: "m", input: 10, key: (5, 5), file: 2)
        let r = Deduplicator.deduplicate(b.table)
        #expect(r.table.file == [0])
        #expect(r.droppedEvents == 2)
    }

    @Test("rows without a key are never dropped, even when identical")
    func noKeyUntouched() {
        var b = TableBuilder()
        for _ in 0..<3 { b.add(Self.t0, model: "m", input: 10, output: 1, line: 1) }
        let r = Deduplicator.deduplicate(b.table)
        #expect(r.table.count == 3)
        #expect(r.droppedEvents == 0)
        #expect(r.duplicateLinesPerFile.isEmpty)
    }

    @Test("a key with only one half set is still a key")
    func halfKey() {
        var b = TableBuilder()
        b.add(Self.t0, model: "m", input: 1, key: (9, 0))
        b.add(Self.t0, model: "m", input: 1, key: (9, 0))
        b.add(Self.t0, model: "m", input: 1, key: (0, 9))
        b.add(Self.t0, model: "m", input: 1, key: (0, 9))
        #expect(Deduplicator.deduplicate(b.table).table.count == 2)
    }

    @Test("different keys do not interfere; kept rows stay in order")
    func keptOrder() {
        var b = TableBuilder()
        b.add(Self.t0, model: "a", input: 1, key: (1, 0))  // dropped by line 4
        b.add(Self.t0, model: "b", input: 5, key: (2, 0))
        b.add(Self.t0, model: "c", input: 7)
        b.add(Self.t0, model: "a", input: 2, key: (1, 0))
        b.add(Self.t0, model: "b", input: 4, key: (2, 0))  // dropped
        let r = Deduplicator.deduplicate(b.table)
        #expect(r.table.line == [2, 3, 4])
        #expect(r.table.inputTokens == [5, 7, 2])
        #expect(r.table.strings.strings == b.table.strings.strings)
    }

    @Test("duplicate lines per file count only lines whose every event was dropped")
    func duplicateLines() {
        var b = TableBuilder()
        // File 0 line 1: the only event is a duplicate of file 1 line 1 (which has more tokens).
        b.add(Self.t0, model: "m", input: 1, key: (1, 1), file: 0, line: 1)
        // File 0 line 2: two events, one dropped, one kept -> the line is still used.
        b.add(Self.t0, model: "m", input: 1, key: (2, 2), file: 0, line: 2)
        b.add(Self.t0, model: "m", input: 1, key: (3, 3), file: 0, line: 2)
        // File 0 line 3: two events, both dropped.
        b.add(Self.t0, model: "m", input: 1, key: (4, 4), file: 0, line: 3)
        b.add(Self.t0, model: "m", input: 1, key: (5, 5), file: 0, line: 3)
        b.add(Self.t0, model: "m", input: 9, key: (1, 1), file: 1, line: 1)
        b.add(Self.t0, model: "m", input: 9, key: (2, 2), file: 1, line: 2)
        b.add(Self.t0, model: "m", input: 9, key: (4, 4), file: 1, line: 3)
        b.add(Self.t0, model: "m", input: 9, key: (5, 5), file: 2, line: 1)
        let r = Deduplicator.deduplicate(b.table)
        #expect(r.droppedEvents == 4)
        #expect(r.table.count == 5)
        #expect(r.duplicateLinesPerFile == [0: 2])
    }

    @Test("duplicates within one file are counted for that file")
    func duplicateLinesSameFile() {
        var b = TableBuilder()
        b.add(Self.t0, model: "m", input: 1, key: (1, 1), file: 3)
        b.add(Self.t0, model: "m", input: 1, key: (1, 1), file: 3)
        b.add(Self.t0, model: "m", input: 1, key: (1, 1), file: 3)
        let r = Deduplicator.deduplicate(b.table)
        #expect(r.duplicateLinesPerFile == [3: 2])
    }

    @Test("a table without duplicates comes back unchanged")
    func nothingToDrop() {
        var b = TableBuilder()
        b.add(Self.t0, model: "m", input: 1, key: (1, 1))
        b.add(Self.t0, model: "m", input: 1, key: (2, 2))
        b.add(Self.t0, model: "m", input: 1)
        let r = Deduplicator.deduplicate(b.table)
        #expect(r.droppedEvents == 0)
        #expect(r.table.count == 3)
        #expect(Deduplicator.deduplicate(UsageTable()).table.count == 0)
    }

    /// `rows` rows over `keys` keys; with `spread`, the keys' high words cover all 64 bits (so a large table's
    /// keys fall into every partition of the dedup sort).
    static func randomTable(seed: UInt64, rows: Int = 400, keys: UInt64 = 60, spread: Bool = false) -> UsageTable {
        var g = SeededGenerator(seed: seed)
        var b = TableBuilder()
        for i in 0..<rows {
            let keyed = Int.random(in: 0..<5, using: &g) > 0
            let id = UInt64.random(in: 0..<keys, using: &g)
            let high = spread ? (id &* 0x9E37_79B9_7F4A_7C15) ^ (id << 7) : id
            let key: (UInt64, UInt64) = keyed ? (high, 1) : (0, 0)
            b.add(
                Self.t0, model: "m", input: Int64.random(in: 0..<4, using: &g), output: Int64.random(in: 0..<4, using: &g),
                cacheRead: Int64.random(in: 0..<3, using: &g), key: key, file: UInt32.random(in: 0..<4, using: &g),
                line: UInt32(i / 2 + 1), sidechain: Bool.random(using: &g))
        }
        return b.table
    }

    @Test("dedup is idempotent", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func idempotent(seed: UInt64) {
        let once = Deduplicator.deduplicate(Self.randomTable(seed: seed))
        #expect(once.droppedEvents > 0)
        let twice = Deduplicator.deduplicate(once.table)
        #expect(twice.droppedEvents == 0)
        #expect(twice.duplicateLinesPerFile.isEmpty)
        #expect(twice.table.count == once.table.count)
        #expect((0..<once.table.count).allSatisfy { once.table.row($0) == twice.table.row($0) })
    }

    @Test(
        "one row per key survives, the best of its group; keyless rows all survive",
        arguments: [(7, 400, 60), (8, 400, 60), (9, 400, 60), (10, 80_000, 30_000)] as [(UInt64, Int, UInt64)])
    func bestPerKey(seed: UInt64, rows: Int, keys: UInt64) {
        // 80,000 rows: the keys are sorted in partitions by their top bits.
        let table = Self.randomTable(seed: seed, rows: rows, keys: keys, spread: rows > 1000)
        let r = Deduplicator.deduplicate(table)
        var groups: [UInt64: [EventRow]] = [:]
        var keylessRows: [EventRow] = []
        for i in 0..<table.count {
            let row = table.row(i)
            if row.dedupHigh == 0 && row.dedupLow == 0 { keylessRows.append(row) } else { groups[row.dedupHigh, default: []].append(row) }
        }
        let keyless = keylessRows.count
        #expect(r.table.count == keyless + groups.count)
        #expect(r.droppedEvents == table.count - r.table.count)
        // Kept rows come back with their keys cleared; every other field identifies them.
        func unkeyed(_ row: EventRow) -> EventRow {
            var row = row
            (row.dedupHigh, row.dedupLow) = (0, 0)
            return row
        }
        let kept = (0..<r.table.count).map { r.table.row($0) }
        #expect(kept.allSatisfy { $0.dedupHigh == 0 && $0.dedupLow == 0 })
        // The kept rows are exactly the keyless ones plus the best of each group (compared as multisets).
        var expectedRows = keylessRows
        for group in groups.values {
            // Main-chain copies first, then the most tokens; ties go to the first copy in canonical order:
            // (time, file, line), then row.
            let main = group.filter { !$0.flags.contains(.sidechain) }
            let candidates = main.isEmpty ? group : main
            let most = candidates.map(\.allTokens).max()!
            let best = candidates.enumerated().filter { $0.element.allTokens == most }.sorted { x, y in
                (x.element.time, x.element.file, x.element.line, x.offset) < (y.element.time, y.element.file, y.element.line, y.offset)
            }.map(\.element)
            expectedRows.append(unkeyed(best[0]))
        }
        func counts(_ rows: [EventRow]) -> [String: Int] {
            rows.reduce(into: [:]) { $0[String(describing: $1), default: 0] += 1 }
        }
        #expect(counts(kept) == counts(expectedRows))
    }

    @Test("the choice does not depend on row order: an unsorted table keeps the same rows", arguments: [11, 12, 13] as [UInt64])
    func orderIndependent(seed: UInt64) {
        let table = Self.randomTable(seed: seed)
        // Files in reverse order; rows of one line keep their order (as in a merge of shards).
        let reordered = table.selecting((0..<table.count).sorted { a, b in
            if table.file[a] != table.file[b] { return table.file[a] > table.file[b] }
            if table.line[a] != table.line[b] { return table.line[a] > table.line[b] }
            return a < b
        })
        #expect((0..<table.count).contains { reordered.row($0) != table.row($0) })
        var x = Deduplicator.deduplicate(table).table
        var y = Deduplicator.deduplicate(reordered).table
        x.sortCanonically()
        y.sortCanonically()
        #expect(x.count == y.count)
        #expect((0..<x.count).allSatisfy { x.row($0) == y.row($0) })
    }
}
