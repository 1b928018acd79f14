import Foundation
import GRDB
import Testing

@testable import UsageLensCore

/// The cache gives what a cold read gives, through appends, torn lines, rewrites, truncations, replacements,
/// deletions and compressed files (DESIGN 9).
@Suite struct FileCacheTests {
    /// A log folder and a cache folder of one test.
    final class Scene {
        let logs = TempDir()
        let cache = TempDir()
        var location: CacheLocation { CacheLocation(directory: cache.path + "/c") }

        func cached(threads: Int = 1) -> IngestResult {
            Ingestor.run(try! InputDiscovery.discover([logs.path]), options: IngestOptions(threads: threads), cache: location)
        }

        func cold() -> IngestResult {
            Ingestor.run(try! InputDiscovery.discover([logs.path]), options: IngestOptions(threads: 1))
        }

        /// Runs `sql` on the cache's database (to damage it as a disk or another program could).
        func execute(_ sql: String) throws {
            let queue = try DatabaseQueue(path: location.databasePath)
            try queue.write { try $0.execute(sql: sql) }
        }

        func append(_ relative: String, _ text: String) {
            let handle = FileHandle(forWritingAtPath: logs.path + "/" + relative)!
            handle.seekToEndOfFile()
            handle.write(Data(text.utf8))
            handle.closeFile()
        }

        /// Cached == cold, rows, strings, limits and accounts; returns the cached result.
        @discardableResult
        func expectSame(_ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) -> IngestResult {
            let warm = cached()
            let plain = cold()
            #expect(warm.accounts == plain.accounts, comment, sourceLocation: sourceLocation)
            #expect(
                (0..<warm.table.count).map { warm.table.row($0) } == (0..<plain.table.count).map { plain.table.row($0) },
                comment, sourceLocation: sourceLocation)
            #expect(warm.table.strings.strings == plain.table.strings.strings, comment, sourceLocation: sourceLocation)
            #expect(warm.table.limits == plain.table.limits, comment, sourceLocation: sourceLocation)
            #expect(warm.duplicateEvents == plain.duplicateEvents, comment, sourceLocation: sourceLocation)
            #expect(warm.cache?.warnings == [], comment, sourceLocation: sourceLocation)
            return warm
        }
    }

    static func codexLines(from k: Range<Int>) -> [String] {
        k.map { i in
            Lines.codexTokens(
                total: (100 * (i + 1), 10 * (i + 1), 5 * (i + 1), i + 1), last: nil,
                time: "2025-10-14T10:\(10 + i / 60):\(i % 60 < 10 ? "0" : "")\(i % 60)Z",
                rateLimits: i % 3 == 0
                    ? #"{"primary":{"used_percent":\#(i),"window_minutes":300,"resets_in_seconds":60}}"# : "")
        }
    }

    @Test func anUnchangedArchiveComesFromTheCache() {
        let s = Scene()
        s.logs.write("projects/p/a.jsonl", lines: (0..<30).map { Lines.claude(id: "m\($0)") })
        s.logs.write("sessions/rollout-1.jsonl", lines: [Lines.codexMeta(id: "s"), Lines.codexTurn(model: "gpt-5")] + Self.codexLines(from: 0..<20))
        let first = s.expectSame()
        #expect(first.cache?.misses == 2)
        let second = s.expectSame()
        #expect(second.cache?.hits == 2 && second.cache?.misses == 0)
    }

    @Test func aRunOverUnchangedInputsIsTheSnapshotOfTheRunBefore() {
        let s = Scene()
        s.logs.write("projects/p/a.jsonl", lines: (0..<30).map { Lines.claude(id: "m\($0)") })
        // Copies of a.jsonl's events: the snapshot holds the deduplicated result and its duplicate counts.
        s.logs.write("projects/p/b.jsonl", lines: (20..<40).map { Lines.claude(id: "m\($0)") })
        s.logs.write("sessions/rollout-1.jsonl", lines: [Lines.codexMeta(id: "s"), Lines.codexTurn(model: "gpt-5")] + Self.codexLines(from: 0..<20))
        #expect(s.expectSame().cache?.fromSnapshot == false)
        let second = s.expectSame()
        #expect(second.cache?.fromSnapshot == true && second.cache?.hits == 3 && second.duplicateEvents == 10)
        // An input that grew: the snapshot plus what was appended (a copy of a.jsonl's m5 and a new event).
        s.append("projects/p/b.jsonl", Lines.claude(id: "m5", input: 99) + "\n" + Lines.claude(id: "m50") + "\n")
        let grown = s.expectSame()
        #expect(grown.cache?.fromSnapshot == true && grown.cache?.partial == 1 && grown.cache?.hits == 2)
        #expect(grown.duplicateEvents == 11)
        #expect(s.expectSame().cache?.fromSnapshot == true)
        // Any input added or gone is another key: the entries are used, then a new snapshot.
        s.logs.write("projects/q/c.jsonl", lines: [Lines.claude(id: "m60")])
        #expect(s.expectSame().cache?.fromSnapshot == false)
        try? FileManager.default.removeItem(atPath: s.logs.path + "/projects/q/c.jsonl")
        let back = s.expectSame()
        #expect(back.cache?.fromSnapshot == true, "the snapshot of the three files is still kept")
    }

    @Test func aDamagedSnapshotIsOneWarningAndTheEntriesAreUsed() throws {
        let s = Scene()
        s.logs.write("projects/p/a.jsonl", lines: (0..<30).map { Lines.claude(id: "m\($0)") })
        s.expectSame()
        try s.execute("UPDATE run_snapshot SET data = substr(data, 1, length(data) - 3), checksum = checksum")
        let run = s.cached()
        #expect(run.accounts == s.cold().accounts && run.cache?.fromSnapshot == false && run.cache?.hits == 1)
        #expect(run.cache?.warnings.first?.contains("snapshot failed its checksum") == true, "\(run.cache?.warnings ?? [])")
        // The run wrote a sound snapshot again.
        let next = s.cached()
        #expect(next.cache?.fromSnapshot == true && next.cache?.warnings == [])
    }

    @Test func aSnapshotIsKeyedByTheInputsInTheirOrder() {
        let s = Scene()
        s.logs.write("a/x.jsonl", lines: [Lines.claude(id: "m1")])
        s.logs.write("b/y.jsonl", lines: [Lines.claude(id: "m2")])
        let run = { (paths: [String]) -> IngestResult in
            Ingestor.run(
                try! InputDiscovery.discover(paths.map { s.logs.path + "/" + $0 }), options: IngestOptions(threads: 1),
                cache: s.location)
        }
        let xy = run(["a/x.jsonl", "b/y.jsonl"])
        #expect(run(["a/x.jsonl", "b/y.jsonl"]).cache?.fromSnapshot == true)
        let yx = run(["b/y.jsonl", "a/x.jsonl"])
        if yx.files.map(\.path) != xy.files.map(\.path) {
            #expect(yx.cache?.fromSnapshot == false, "another order is another run")
        }
        #expect(run(["a/x.jsonl"]).cache?.fromSnapshot == false)
    }

    @Test func appendingToACodexRolloutThenRerunningEqualsAColdRun() {
        let s = Scene()
        let path = "sessions/rollout-1.jsonl"
        s.logs.write(path, lines: [Lines.codexMeta(id: "s"), Lines.codexTurn(model: "gpt-5-codex")] + Self.codexLines(from: 0..<20))
        s.expectSame()
        // The totals go on from the previous ones: only the adapter's saved state gives the right deltas.
        s.append(path, Self.codexLines(from: 20..<25).joined(separator: "\n") + "\n")
        let grown = s.expectSame()
        #expect(grown.cache?.partial == 1)
        s.append(path, Lines.codexTurn(model: "gpt-5") + "\n" + Self.codexLines(from: 25..<30).joined(separator: "\n") + "\n")
        #expect(s.expectSame().cache?.partial == 1)
        #expect(s.expectSame().cache?.hits == 1)
    }

    @Test func aTornLastLineIsReadAgainUntilItIsCompleteAndCountedOnce() {
        let s = Scene()
        let path = "projects/p/a.jsonl"
        s.logs.write(path, lines: (0..<5).map { Lines.claude(id: "m\($0)") })
        s.expectSame()
        let line = Lines.claude(id: "torn", input: 77)
        let cut = line.index(line.startIndex, offsetBy: line.count / 2)
        s.append(path, String(line[..<cut]))
        let torn = s.expectSame()
        #expect(torn.accounts[0].malformed == 1)
        s.expectSame("a second run over the same torn line")
        s.append(path, String(line[cut...]) + "\n")
        let done = s.expectSame()
        #expect(done.accounts[0].malformed == 0)
        #expect(done.accounts[0].used == 6)
        #expect((0..<done.table.count).filter { done.table.inputTokens[$0] == 77 }.count == 1)
    }

    @Test func shrunkRewrittenAndReplacedFilesAreReadWhole() throws {
        let s = Scene()
        let path = "projects/p/a.jsonl"
        s.logs.write(path, lines: (0..<10).map { Lines.claude(id: "m\($0)", input: 10) })
        s.expectSame()
        // Rewritten in place with the same size.
        s.logs.write(path, lines: (0..<10).map { Lines.claude(id: "m\($0)", input: 20) })
        s.expectSame("rewritten, same size")
        // Rewritten in place with the same size and its modification time put back (`cp -p`, `rsync -t`):
        // only the fingerprint tells, for the entry and for the snapshot of the run.
        #expect(s.expectSame().cache?.fromSnapshot == true)
        var before = stat()
        stat(s.logs.path + "/" + path, &before)
        s.logs.write(path, lines: (0..<10).map { Lines.claude(id: "m\($0)", input: 30) })
        var times = [before.st_atim, before.st_mtim]
        #expect(utimensat(AT_FDCWD, s.logs.path + "/" + path, &times, 0) == 0)
        let sneaky = s.expectSame("rewritten, same size, same mtime")
        #expect(sneaky.cache?.fromSnapshot == false && sneaky.cache?.misses == 1)
        // Truncated.
        s.logs.write(path, lines: (0..<4).map { Lines.claude(id: "m\($0)", input: 20) })
        s.expectSame("shrunk")
        // Replaced by another file (a new inode) that is larger and starts the same way.
        let other = s.logs.write("other.tmp", Array(((0..<4).map { Lines.claude(id: "m\($0)", input: 20) } + [Lines.claude(id: "new")]).joined(separator: "\n").utf8 + [0x0A]))
        _ = rename(other, s.logs.path + "/" + path)
        s.expectSame("replaced")
    }

    @Test func deletedFilesDropOutAndRenamedFilesAreReadUnderTheirNewName() {
        let s = Scene()
        s.logs.write("projects/p/a.jsonl", lines: (0..<3).map { Lines.claude(id: "a\($0)") })
        s.logs.write("projects/p/b.jsonl", lines: (0..<3).map { Lines.claude(id: "b\($0)") })
        s.expectSame()
        try? FileManager.default.removeItem(atPath: s.logs.path + "/projects/p/a.jsonl")
        #expect(s.expectSame().accounts.count == 1)
        _ = rename(s.logs.path + "/projects/p/b.jsonl", s.logs.path + "/projects/p/c.jsonl")
        #expect(s.expectSame().accounts.map { $0.path.hasSuffix("c.jsonl") } == [true])
    }

    @Test func compressedFilesAreReadWholeWhenTheyChange() {
        let s = Scene()
        let path = "projects/p/a.jsonl.zst"
        s.logs.write(path, lines: (0..<10).map { Lines.claude(id: "m\($0)") }, encoding: .zstd)
        s.expectSame()
        #expect(s.expectSame().cache?.hits == 1)
        s.logs.write(path, lines: (0..<15).map { Lines.claude(id: "m\($0)") }, encoding: .zstd)
        let changed = s.expectSame()
        #expect(changed.cache?.misses == 1)
        #expect(changed.accounts[0].used == 15)
    }

    @Test func aFileReadAsOneDocumentIsReadWholeWhenItChanges() {
        let s = Scene()
        let doc = #"{"sessions":[{"sessionId":"a","updatedAt":1760000000000,"inputTokens":5,"outputTokens":6}]}"#
        s.logs.write("g/sessions.json", Array("{\n\"sessions\": [\n".utf8) + Array(#"{"sessionId":"a","updatedAt":1760000000000,"inputTokens":5,"outputTokens":6}"#.utf8) + Array("\n]\n}".utf8))
        s.expectSame()
        s.expectSame()
        s.logs.write("g/sessions.json", Array(doc.utf8))
        s.expectSame()
    }

    @Test func splitLargeFilesAreCachedAndThenReadOnAsTheyGrow() {
        let s = Scene()
        let path = "projects/p/big.jsonl"
        s.logs.write(path, lines: (0..<400).map { Lines.claude(id: "m\($0)", time: "2025-10-14T09:\(10 + $0 / 60):\($0 % 60 < 10 ? "0" : "")\($0 % 60).000Z") })
        func run() -> IngestResult {
            Ingestor.run(try! InputDiscovery.discover([s.logs.path]), options: IngestOptions(threads: 4, splitThreshold: 2048), cache: s.location)
        }
        let cold = s.cold()
        #expect(run().accounts == cold.accounts)
        let warm = run()
        #expect(warm.cache?.hits == 1)
        #expect((0..<warm.table.count).map { warm.table.row($0) } == (0..<cold.table.count).map { cold.table.row($0) })
        s.append(path, Lines.claude(id: "late") + "\n")
        #expect(run().accounts == s.cold().accounts)
        s.append(path, Lines.claude(id: "later") + "\n")
        let grown = run()
        #expect(grown.cache?.partial == 1)
        #expect(grown.accounts == s.cold().accounts)
    }

    @Test func seededAppendsAndRewritesAlwaysGiveTheColdResult() {
        var rng = SeededGenerator(seed: 13)
        let s = Scene()
        var claude: [String] = []
        var codexCount = 0
        s.logs.write("sessions/rollout-x.jsonl", lines: [Lines.codexMeta(id: "x"), Lines.codexTurn(model: "gpt-5")])
        s.logs.write("projects/p/a.jsonl", [])
        for step in 0..<12 {
            switch rng.next() % 4 {
            case 0:
                let n = Int(rng.next() % 5) + 1
                s.append("sessions/rollout-x.jsonl", Self.codexLines(from: codexCount..<codexCount + n).joined(separator: "\n") + "\n")
                codexCount += n
            case 1:
                let line = Lines.claude(id: "c\(step)", requestId: "r\(rng.next() % 3)", input: Int(rng.next() % 50))
                claude.append(line)
                s.append("projects/p/a.jsonl", line + "\n")
            case 2:
                // A torn line, completed on the next step.
                let line = Lines.claude(id: "t\(step)")
                s.append("projects/p/a.jsonl", String(line.prefix(40)))
                s.expectSame("torn at step \(step)")
                s.append("projects/p/a.jsonl", String(line.dropFirst(40)) + "\n")
                claude.append(line)
            default:
                claude.shuffle(using: &rng)
                s.logs.write("projects/p/a.jsonl", lines: claude.isEmpty ? [""] : claude)
            }
            s.expectSame("step \(step)")
        }
    }

    @Test func aCorruptDatabaseIsAWarningAndIsRebuilt() throws {
        let s = Scene()
        s.logs.write("projects/p/a.jsonl", lines: (0..<3).map { Lines.claude(id: "m\($0)") })
        s.expectSame()
        let garbage = [UInt8](repeating: 0x5A, count: 8192)
        FileManager.default.createFile(atPath: s.location.databasePath, contents: Data(garbage))
        let run = s.cached()
        #expect(run.accounts == s.cold().accounts)
        #expect(run.cache?.warnings.count == 1)
        #expect(run.cache?.warnings.first?.contains("not a usable database") == true)
        // Rebuilt: the next run uses it again, without a warning.
        #expect(s.cached().cache?.warnings == [])
        #expect(s.cached().cache?.hits == 1)
    }

    @Test func aCacheThatCannotBeCreatedIsAWarning() {
        let s = Scene()
        s.logs.write("projects/p/a.jsonl", lines: (0..<3).map { Lines.claude(id: "m\($0)") })
        let blocker = s.cache.write("file", Array("not a folder".utf8))
        let run = Ingestor.run(
            try! InputDiscovery.discover([s.logs.path]), options: IngestOptions(threads: 1),
            cache: CacheLocation(directory: blocker + "/cache"))
        #expect(run.accounts == s.cold().accounts)
        #expect(run.cache?.warnings.count == 1)
    }

    @Test func aCorruptEntryFailsItsChecksumAndTheFileIsReadAgain() throws {
        let s = Scene()
        s.logs.write("projects/p/a.jsonl", lines: (0..<3).map { Lines.claude(id: "m\($0)") })
        s.expectSame()
        // Without the run's snapshot, which would stand for the entry.
        try s.execute("DELETE FROM run_snapshot")
        try s.execute("UPDATE file_entry SET checksum = checksum + 1")
        let run = s.cached()
        #expect(run.accounts == s.cold().accounts)
        #expect(run.cache?.misses == 1)
        #expect(run.cache?.warnings.first?.contains("checksum") == true)
    }

    /// Another run replaces an entry between the two reads of a lookup (its rows, then its bytes): the entry
    /// it finds then is not the one decided on, so the file is read again, quietly (once a checksum warning).
    @Test func anEntryReplacedBetweenTheTwoReadsIsNotUsed() throws {
        let s = Scene()
        s.logs.write("projects/p/a.jsonl", lines: (0..<3).map { Lines.claude(id: "m\($0)") })
        s.logs.write("projects/p/b.jsonl", lines: (10..<20).map { Lines.claude(id: "m\($0)") })
        s.expectSame()
        try s.execute("DELETE FROM run_snapshot")
        // b's stored entry, a sound one of another file, goes under a's path between the reads.
        let location = s.location
        FileCache.setHook(at: location) { gap in
            guard gap == .entries else { return }
            let queue = try! DatabaseQueue(path: location.databasePath)
            try! queue.write { db in
                try db.execute(sql: """
                    UPDATE file_entry SET (checksum, data, rows) =
                    (SELECT checksum, data, rows FROM file_entry WHERE CAST(path AS TEXT) LIKE '%/b.jsonl')
                    WHERE CAST(path AS TEXT) LIKE '%/a.jsonl'
                    """)
                #expect(db.changesCount == 1)
            }
        }
        defer { FileCache.setHook(at: location, nil) }
        let run = s.cached()
        #expect(run.accounts == s.cold().accounts)
        #expect(run.cache?.warnings == [], "\(run.cache?.warnings ?? [])")
        #expect(run.cache?.hits == 1 && run.cache?.misses == 1, "\(String(describing: run.cache))")
    }

    /// Another run replaces the snapshot between the read of its rows and the read of its keys (the logs grew
    /// again): keys beside another checksum are not attached; the entries are used instead.
    @Test func aSnapshotReplacedBeforeItsKeysAreReadIsNotUsed() throws {
        let s = Scene()
        s.logs.write("projects/p/a.jsonl", lines: (0..<30).map { Lines.claude(id: "m\($0)") })
        s.logs.write("projects/p/b.jsonl", lines: (20..<40).map { Lines.claude(id: "m\($0)") })
        s.expectSame()
        s.append("projects/p/b.jsonl", Lines.claude(id: "m5", input: 99) + "\n" + Lines.claude(id: "m50") + "\n")
        let location = s.location
        FileCache.setHook(at: location) { gap in
            guard gap == .snapshotKeys else { return }
            let queue = try! DatabaseQueue(path: location.databasePath)
            try! queue.write { try $0.execute(sql: "UPDATE run_snapshot SET checksum = checksum + 1") }
        }
        let run = s.cached()
        FileCache.setHook(at: location, nil)
        let cold = s.cold()
        #expect(run.cache?.fromSnapshot == false)
        #expect(run.cache?.warnings == [], "\(run.cache?.warnings ?? [])")
        #expect(run.accounts == cold.accounts && run.duplicateEvents == cold.duplicateEvents)
        #expect((0..<run.table.count).map { run.table.row($0) } == (0..<cold.table.count).map { cold.table.row($0) })
    }

    @Test func standardInputIsNeverCached() {
        #expect(FileIdentity.of(InputFile(path: "-", size: 0)) == nil)
    }

    @Test func entriesRoundTrip() throws {
        let s = Scene()
        s.logs.write("sessions/rollout-1.jsonl", lines: [Lines.codexMeta(id: "s"), Lines.codexTurn(model: "gpt-5")] + Self.codexLines(from: 0..<9))
        let cold = s.cold()
        let entry = CachedFile(
            table: cold.table, account: cold.accounts[0], states: [1, 2, 3], keptOffset: 99, physicalLines: 11,
            resumable: true)
        let back = try CachedFile(serialized: entry.serialized())
        #expect((0..<back.table.count).map { back.table.row($0) } == (0..<cold.table.count).map { cold.table.row($0) })
        #expect(back.table.limits == cold.table.limits)
        #expect(back.table.strings.strings == cold.table.strings.strings)
        var account = back.account
        account.path = entry.account.path
        account.used = entry.account.used
        account.duplicate = entry.account.duplicate
        account.events = entry.account.events
        #expect(account == entry.account)
        #expect(back.states == [1, 2, 3] && back.keptOffset == 99 && back.physicalLines == 11 && back.resumable)
        var bytes = entry.serialized()
        bytes.removeLast()
        #expect(throws: (any Error).self) { try CachedFile(serialized: bytes) }
    }

    /// Found by Fuzz/Targets/CacheEntry: a damaged entry decoded a negative token count into the sums. Counts
    /// outside 0...TokenCount.limit make the entry unreadable (the file is then read again), as in the adapters.
    @Test(arguments: [Int64(-7), TokenCount.limit + 1])
    func anEntryWithATokenCountOutOfRangeIsRefused(count: Int64) throws {
        let s = Scene()
        s.logs.write("sessions/rollout-1.jsonl", lines: [Lines.codexMeta(id: "s"), Lines.codexTurn(model: "gpt-5")] + Self.codexLines(from: 0..<3))
        let cold = s.cold()
        var table = cold.table
        table.outputTokens = PackedColumn(Array(repeating: count, count: table.count))
        let entry = CachedFile(
            table: table, account: cold.accounts[0], states: [], keptOffset: 1, physicalLines: 1, resumable: false)
        #expect(throws: (any Error).self) { try CachedFile(serialized: entry.serialized()) }
        #expect(try CachedFile(serialized: CachedFile(
            table: cold.table, account: cold.accounts[0], states: [], keptOffset: 1, physicalLines: 1,
            resumable: false).serialized()).table.count == cold.table.count)
    }
}
