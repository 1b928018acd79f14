/// A run over the inputs of a kept snapshot, some of which grew (DESIGN 9): the snapshot's result plus what the
/// grown files added, without decoding, merging and deduplicating every other input again.
///
/// Why it gives the result of a full run: every input but the grown ones is as the snapshot saw it, and a grown
/// one is read on from exactly where the snapshot's part of it ends, so the rows of a full run are the rows the
/// snapshot's run had plus the new ones. Dedup keeps, of each key's copies, the best under one total order
/// (`Deduplicator.isBetter` in canonical order), so the best of (the snapshot's survivor, the new copies) is the
/// best of all copies; a row the snapshot dropped never comes back. Accounts follow from the rows that are kept
/// (a line is used when one of its events is kept), and the order is the merge of two canonical orders.
extension Ingestor {
    /// The result, the grown files' entries to write, or nil when a grown file cannot be read on (the run then
    /// reads through the entries as usual).
    static func applyGrowth(
        _ snapshot: IngestSnapshot, grown: [Int], lookups: [FileCache.Lookup], files: [InputFile],
        options: IngestOptions
    ) -> (result: IngestResult, writes: [FileCache.Write])? {
        let ingestor = makeIngestor(FormatRegistry.keyPathFormats, FormatRegistry.documentFormats, options)
        var additions: [UsageTable] = []
        var accounts = snapshot.accounts
        var writes: [FileCache.Write] = []
        var units: [Unit] = []
        for i in grown {
            guard case .resume(let identity, let entry) = lookups[i] else { return nil }
            units.append(Unit(file: i, range: nil, part: 0, size: identity.size - entry.keptOffset, work: .resume(identity, entry)))
        }
        // What is read is what the grown files added (a progress line counts those bytes).
        options.progress?.start(units, files: files)
        for unit in units {
            guard case .resume(_, let entry) = unit.work else { return nil }
            let i = unit.file
            let identity: FileIdentity
            if case .resume(let id, _) = lookups[i] { identity = id } else { return nil }
            let result = read(unit, files[i], ingestor: ingestor, readChunk: options.readChunk)
            options.progress?.finished(unitOf: i)
            // Read whole again (what was added can only be read with the whole file): not a continuation.
            if let store = result.store, !store.resumable { return nil }
            guard result.table.count >= entry.table.count, result.table.limits.count >= entry.table.limits.count
            else { return nil }
            var added = result.table.selecting(Array(entry.table.count..<result.table.count))
            added.limits = Array(result.table.limits[entry.table.limits.count...])
            additions.append(added)
            accounts[i] = result.account
            if let store = result.store { writes.append(FileCache.Write(file: files[i], identity: identity, entry: store)) }
        }
        // The snapshot's rows, then the new ones (where `merge` puts each shard's rows: sealed blocks first).
        let shards = [snapshot.table] + additions
        var isNew: [Bool] = []
        isNew.reserveCapacity(shards.reduce(0) { $0 + $1.count })
        for (s, shard) in shards.enumerated() { isNew += repeatElement(s > 0, count: shard.time.sealedCount) }
        for (s, shard) in shards.enumerated() { isNew += repeatElement(s > 0, count: shard.count - shard.time.sealedCount) }
        var table = UsageTable.merge(shards, sorted: false)
        let canonical = CanonicalOrder(table)

        // Dedup: each key of a new row, over the snapshot's survivor and the new copies, in canonical order.
        struct Key: Hashable {
            var high: UInt64
            var low: UInt64
        }
        var keys = Set<Key>()
        for r in 0..<table.count where isNew[r] && (table.dedupHigh[r] != 0 || table.dedupLow[r] != 0) {
            keys.insert(Key(high: table.dedupHigh[r], low: table.dedupLow[r]))
        }
        var keep = [Bool](repeating: true, count: table.count)
        var dropped = 0
        var affected = Set(grown.map(UInt32.init))
        if !keys.isEmpty {
            // The new keys are few and the rows many: a 65,536-bit filter of the keys (dedup keys are hashes,
            // so their low bits spread) turns most rows away before a set lookup would hash them.
            var filter = [UInt64](repeating: 0, count: 1024)
            for key in keys {
                let bit = Int(truncatingIfNeeded: key.low) & 0xFFFF
                filter[bit >> 6] |= 1 << UInt64(bit & 63)
            }
            var copies: [Key: [Int]] = [:]
            for r in 0..<table.count {
                let low = table.dedupLow[r]
                let bit = Int(truncatingIfNeeded: low) & 0xFFFF
                guard filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { continue }
                let key = Key(high: table.dedupHigh[r], low: low)
                if keys.contains(key) { copies[key, default: []].append(r) }
            }
            for var run in copies.values where run.count > 1 {
                run.sort { canonical($0, $1) }
                var best = run[0]
                for candidate in run.dropFirst() {
                    let loser: Int
                    if Deduplicator.isBetter(candidate, than: best, in: table) {
                        (loser, best) = (best, candidate)
                    } else {
                        loser = candidate
                    }
                    keep[loser] = false
                    dropped += 1
                    affected.insert(table.file[loser])
                }
            }
        }
        // Canonical order: the snapshot's kept rows are in it already; the new ones are sorted and merged in.
        var old: [Int32] = []
        var new: [Int32] = []
        old.reserveCapacity(table.count)
        for r in 0..<table.count where keep[r] {
            if isNew[r] { new.append(Int32(r)) } else { old.append(Int32(r)) }
        }
        new.sort { canonical(Int($0), Int($1)) }
        var order: [Int32] = []
        order.reserveCapacity(old.count + new.count)
        var (a, b) = (0, 0)
        while a < old.count || b < new.count {
            if b == new.count || (a < old.count && canonical(Int(old[a]), Int(new[b]))) {
                order.append(old[a])
                a += 1
            } else {
                order.append(new[b])
                b += 1
            }
        }
        if order.count != table.count || order != Array(0..<Int32(table.count)) { table.gather(order) }
        table.limits.sort { a, b in (a.time, a.file, a.line, a.window.rawValue) < (b.time, b.file, b.line, b.window.rawValue) }

        // Accounts of the files whose rows changed: events kept, lines with a kept event.
        var events: [UInt32: Int] = [:]
        var lines: [UInt32: Set<UInt32>] = [:]
        var isAffected = [Bool](repeating: false, count: accounts.count)
        for f in affected where Int(f) < isAffected.count { isAffected[Int(f)] = true }
        for r in 0..<table.count {
            let f = table.file[r]
            guard Int(f) < isAffected.count, isAffected[Int(f)] else { continue }
            events[f, default: 0] += 1
            lines[f, default: []].insert(table.line[r])
        }
        for f in affected {
            let i = Int(f)
            accounts[i].events = events[f] ?? 0
            accounts[i].used = lines[f]?.count ?? 0
            accounts[i].duplicate = accounts[i].linesWithEvents - accounts[i].used
        }
        for i in files.indices { accounts[i].path = files[i].path }
        let result = IngestResult(
            table: table, accounts: accounts, files: files, duplicateEvents: snapshot.duplicateEvents + dropped)
        return (result, writes)
    }
}
