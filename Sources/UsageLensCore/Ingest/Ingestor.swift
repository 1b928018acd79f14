import Foundation

/// How to read: threads and buffer sizes. None of them changes any result.
public struct IngestOptions: Sendable {
    /// Worker threads; each reads whole files, the largest first.
    public var threads: Int
    /// The line reader's buffer; longer lines are streamed through the parser in pieces.
    public var bufferCapacity: Int
    /// Caps every read(2) at this many bytes (tests use it to run every chunking).
    public var readChunk: Int?
    /// A plain file at least this large is split across the workers at newlines, unless it holds a stateful
    /// format (see `KeyPathFormat.isStateful`).
    public var splitThreshold: Int64
    /// Where the workers count what they read, for a progress line; nil for none.
    public var progress: IngestProgress?

    public init(threads: Int = ProcessInfo.processInfo.activeProcessorCount, bufferCapacity: Int = 1 << 18,
                readChunk: Int? = nil, splitThreshold: Int64 = 32 << 20) {
        self.threads = max(1, threads)
        self.bufferCapacity = bufferCapacity
        self.readChunk = readChunk
        self.splitThreshold = max(1, splitThreshold)
    }
}

/// Everything read from the inputs: the de-duplicated events and the accounting of every line.
public struct IngestResult: Sendable {
    /// Kept events in canonical order (time, file, line).
    public var table: UsageTable
    /// One account per input, in path order.
    public var accounts: [FileAccount]
    /// The inputs, in path order; `table.file` indexes this list.
    public var files: [InputFile]
    /// Events dropped as duplicates.
    public var duplicateEvents: Int
    /// What the persistent cache did in this run (nil: no cache was used).
    public var cache: CacheReport? = nil
    /// How each input was read, in path order (`check`); empty when not known.
    public var reads: [FileRead] = []

    /// Whether there were inputs and none could be read: each has a file error and gave no line. Such a run
    /// has no data to report and fails (exit 1), `--strict` or not.
    public var everyInputFailed: Bool {
        !accounts.isEmpty && accounts.allSatisfy { !$0.fileErrors.isEmpty && $0.lines == 0 }
    }
}

/// What the persistent cache did in one run: how many inputs came from it whole, were read on from a kept
/// offset, or were read in full, and its one-line warnings (a cache that cannot be used never fails a run).
public struct CacheReport: Sendable, Equatable {
    /// Inputs whose entry was used as it was (a torn last line is still read again).
    public var hits = 0
    /// Inputs that grew and were read from the kept offset only.
    public var partial = 0
    /// Inputs read in full (new, changed, or without a usable entry).
    public var misses = 0
    /// Whether the whole result came from the snapshot of an earlier run over the same inputs (unchanged, or
    /// grown: `partial` of them), not from every input's entry.
    public var fromSnapshot = false
    public var warnings: [String] = []
}

/// Reads inputs on several threads, one table per file or piece of a file, merges them and removes duplicates.
///
/// With a cache (DESIGN 9), each file's part comes from its entry when the file is unchanged, from its entry
/// and the bytes after the kept offset when it grew, or from reading it; what was read is written back. Every
/// path gives the same rows and accounts as reading the file whole.
public enum Ingestor {
    /// One piece of work: a whole file, or one line-aligned range of a large one.
    struct Unit: Sendable {
        enum Work: Sendable {
            /// Read the file (`range` nil) or a piece of it, as it is.
            case plain
            /// Read the whole file so that the cache can keep it (complete lines, then a torn last line).
            case forCache(FileIdentity)
            /// Continue from the cache's entry up to the file's size.
            case resume(FileIdentity, CachedFile)
        }

        var file: Int
        var range: Range<Int64>?
        var part: Int
        var size: Int64
        var work: Work = .plain
    }

    /// What a worker made of a unit: this run's table and account of it, its physical lines, and the entry
    /// to write to the cache, if any.
    struct UnitResult: Sendable {
        var unit: Unit
        var table: UsageTable
        var account: FileAccount
        var physicalLines: Int
        var store: CachedFile?
    }

    /// Reads `files` (sorted by path; see `InputDiscovery`), through the cache at `cache` when given (standard
    /// input never is).
    public static func run(
        _ files: [InputFile], options: IngestOptions = IngestOptions(), cache location: CacheLocation? = nil
    ) -> IngestResult {
        // A warm run: every input as its `stat` says the last run over them saw it (nothing is opened, not even
        // to look for shards: a snapshot is only made of runs over logs). Else the inputs whose status did not
        // move need not be opened to be sniffed or fingerprinted.
        var opened: (cache: FileCache?, warning: String?)?
        var known: [(identity: FileIdentity, fingerprint: UInt64)?]?
        if let location, !files.isEmpty, files.allSatisfy({ !$0.isStandardInput && $0.problem == nil }) {
            opened = FileCache.open(location)
            if let cache = opened!.cache, let check = cache.snapshotByStatus(files) {
                if let snapshot = check.snapshot, let result = fromSnapshot(
                    snapshot, FileCache.FileLookups(entries: files.map { _ in .uncached }, snapshot: snapshot),
                    files: files, cache: cache, report: CacheReport(warnings: opened!.warning.map { [$0] } ?? []),
                    options: options)
                {
                    PhaseClock.mark("cache lookup")
                    return result
                }
                known = check.known
            }
        }
        let shards = ShardInputs(files, knownLogs: known?.map { $0 != nil })
        let (cache, report) = openCache(location, shards, opened: opened)
        PhaseClock.mark("start and discovery")
        // A run over the logs alone may be the snapshot of an earlier run (`FileCache.lookUp`); inputs a shard
        // holds have no identity to check one against.
        var lookups: [FileCache.Lookup]?
        if let cache, !shards.holdsEntries {
            // With no shard among them, `shards.files` are `files`, in their order.
            let found = cache.lookUp(shards.files, known: known)
            PhaseClock.mark("cache lookup")
            if let snapshot = found.snapshot {
                if let result = fromSnapshot(snapshot, found, files: shards.files, cache: cache, report: report!, options: options) {
                    return result
                }
                lookups = cache.entryLookups(shards.files)
            } else {
                lookups = found.entries
            }
        }
        var (inputs, tables, accounts, report2, reads) = readParts(
            shards, options: options, cache: cache, report: report, lookups: lookups)
        // Moved, not copied: a second reference would make the merge copy every column. With a cache the dedup
        // keys stay: the run's snapshot keeps them for the rows later appends add.
        var result = finish(accounts, files: inputs, shards: consume tables, keepingKeys: cache != nil)
        result.cache = report2
        if let cache, !shards.holdsEntries {
            cache.storeSnapshot(
                IngestSnapshot(table: result.table, accounts: result.accounts, duplicateEvents: result.duplicateEvents),
                files: inputs)
            PhaseClock.mark("snapshot store")
            result.cache!.warnings = (result.cache!.warnings + cache.warnings).reduce(into: []) {
                if !$0.contains($1) { $0.append($1) }
            }
        }
        result.table.clearDedupKeys()
        result.reads = reads
        accounts = []
        return result
    }

    /// The cache at `location`, when given and any input could use it, with this run's report of it.
    static func openCache(
        _ location: CacheLocation?, _ shards: ShardInputs, opened early: (cache: FileCache?, warning: String?)? = nil
    ) -> (FileCache?, CacheReport?) {
        guard let location, shards.logs.contains(where: { !$0.isStandardInput && $0.problem == nil }) else {
            return (nil, nil)
        }
        let (opened, warning) = early ?? FileCache.open(location)
        return (opened, CacheReport(warnings: warning.map { [$0] } ?? []))
    }

    /// The run's result from a snapshot: as it is when no input changed, else with what the grown inputs added
    /// (`applyGrowth`); nil when a grown input cannot be read on (the run then reads through the entries).
    static func fromSnapshot(
        _ snapshot: IngestSnapshot, _ found: FileCache.FileLookups, files: [InputFile], cache: FileCache,
        report: CacheReport, options: IngestOptions
    ) -> IngestResult? {
        var report = report
        var result: IngestResult
        var reads = files.map { _ in FileRead.hit }
        if found.grown.isEmpty {
            var accounts = snapshot.accounts
            for i in files.indices { accounts[i].path = files[i].path }
            result = IngestResult(
                table: snapshot.table, accounts: accounts, files: files, duplicateEvents: snapshot.duplicateEvents)
        } else {
            guard let (grown, writes) = applyGrowth(
                snapshot, grown: found.grown, lookups: found.entries, files: files, options: options)
            else { return nil }
            PhaseClock.mark("read what grew")
            cache.store(writes, checkpointing: false)
            result = grown
            cache.storeSnapshot(
                IngestSnapshot(table: result.table, accounts: result.accounts, duplicateEvents: result.duplicateEvents),
                files: files, checkpointing: false)
            PhaseClock.mark("cache store")
            for i in found.grown { reads[i] = .partial }
        }
        result.table.clearDedupKeys()
        (report.hits, report.partial, report.misses) = (files.count - found.grown.count, found.grown.count, 0)
        report.fromSnapshot = true
        report.warnings += cache.warnings
        cache.recordRun(FileCache.Counts(hits: report.hits, partial: report.partial, misses: 0))
        result.cache = report
        result.reads = reads
        return result
    }

    /// Each input's part before dedup (a file's table, or the tables of its pieces), its account, and what the
    /// cache did; the inputs are `files` with each shard file replaced by the files it holds (`ShardInputs`).
    static func readParts(_ files: [InputFile], options: IngestOptions, cache location: CacheLocation?)
        -> (files: [InputFile], tables: [UsageTable], accounts: [FileAccount], report: CacheReport?, reads: [FileRead])
    {
        let shards = ShardInputs(files)
        let (cache, report) = openCache(location, shards)
        return readParts(shards, options: options, cache: cache, report: report, lookups: nil)
    }

    /// `readParts` with the cache open and, when given, the logs' lookups made.
    static func readParts(
        _ shards: ShardInputs, options: IngestOptions, cache: FileCache?, report: CacheReport?,
        lookups found: [FileCache.Lookup]?
    ) -> (files: [InputFile], tables: [UsageTable], accounts: [FileAccount], report: CacheReport?, reads: [FileRead]) {
        let files = shards.files
        var report = report
        let lookups = found ?? shards.lookUp(cache)
        let units = plan(files, lookups: lookups, options: options)
        let threads = min(options.threads, max(1, units.count))
        let work = WorkState(units: units)
        options.progress?.start(units, files: files)
        let run: @Sendable (Int) -> Void = { worker in
            let ingestor = makeIngestor(FormatRegistry.keyPathFormats, FormatRegistry.documentFormats, options)
            var results: [UnitResult] = []
            while let unit = work.next() {
                results.append(read(unit, files[unit.file], ingestor: ingestor, readChunk: options.readChunk))
                options.progress?.finished(unitOf: unit.file)
            }
            work.finish(results)
        }
        if threads == 1 {
            run(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: threads, execute: run)
        }
        PhaseClock.mark("read")
        let (tables, accounts, writes) = assemble(work.takeResults(), files: files, lookups: lookups, options: options)
        PhaseClock.mark("assemble")
        if let cache {
            cache.store(writes)
            PhaseClock.mark("cache store")
            cache.recordRun(cache.counts)
            let counts = cache.counts
            (report!.hits, report!.partial, report!.misses) = (counts.hits, counts.partial, counts.misses)
            report!.warnings += cache.warnings
        }
        return (files, tables, accounts, report, FileRead.of(lookups, shards: shards, written: writes))
    }

    /// A reader of the registry's formats.
    static func makeIngestor<K: KeyPathFormatList, D: DocumentFormatList>(
        _ keyPathFormats: K, _ documentFormats: D, _ options: IngestOptions
    ) -> FileIngestor<K, D> {
        let ingestor = FileIngestor(
            bufferCapacity: options.bufferCapacity, keyPathFormats: keyPathFormats, documentFormats: documentFormats)
        ingestor.progress = options.progress
        return ingestor
    }

    /// The units of reading `files` without a cache.
    static func plan(_ files: [InputFile], options: IngestOptions) -> [Unit] {
        plan(files, lookups: files.map { _ in .uncached }, options: options)
    }

    /// Whole files, except that large plain files of stateless formats become line-aligned ranges (not when
    /// the cache already had an entry for the file: read whole, it can then be read on when it grows); the
    /// largest pieces first, so that one big piece does not start last and leave the other threads idle.
    static func plan(_ files: [InputFile], lookups: [FileCache.Lookup], options: IngestOptions) -> [Unit] {
        var units: [Unit] = []
        for (i, file) in files.enumerated() {
            var whole = Unit(file: i, range: nil, part: 0, size: file.size)
            switch lookups[i] {
            case .resume(let identity, let entry):
                whole.size = max(0, identity.size - entry.keptOffset)
                whole.work = .resume(identity, entry)
                units.append(whole)
                continue
            case .miss(let identity, hadEntry: true):
                whole.work = .forCache(identity)
                units.append(whole)
                continue
            case .miss(let identity, hadEntry: false):
                whole.work = .forCache(identity)
            case .uncached:
                break
            }
            if options.threads > 1, !file.isStandardInput, file.size >= options.splitThreshold, isSplittable(file) {
                let parts = Int(min(Int64(options.threads * 4), max(2, file.size / max(1, options.splitThreshold / 4))))
                if let ranges = try? FileRangeSource.lineAlignedRanges(file: file, parts: parts),
                    ranges.count > 1
                {
                    for (k, range) in ranges.enumerated() {
                        units.append(Unit(file: i, range: range, part: k, size: range.upperBound - range.lowerBound))
                    }
                    continue
                }
            }
            units.append(whole)
        }
        return units.sorted { a, b in a.size != b.size ? a.size > b.size : (a.file, a.part) < (b.file, b.part) }
    }

    // MARK: reading a unit

    /// Reads one unit with `ingestor`.
    static func read<K, D>(_ unit: Unit, _ file: InputFile, ingestor: FileIngestor<K, D>, readChunk: Int?) -> UnitResult {
        let index = UInt32(unit.file)
        switch unit.work {
        case .plain:
            let (table, account, lines) = ingestor.read(
                file, index: index, range: unit.range, into: UsageTable(), resuming: nil, readChunk: readChunk)
            return UnitResult(unit: unit, table: table, account: account, physicalLines: lines, store: nil)
        case .forCache(let identity):
            let (entry, result) = readForCache(file, index: index, identity: identity, ingestor: ingestor, readChunk: readChunk)
            return UnitResult(unit: unit, table: result.table, account: result.account, physicalLines: result.physicalLines, store: entry)
        case .resume(let identity, let stored):
            var current = stored.placed(at: index, path: file.path)
            var store: CachedFile?
            if current.keptOffset < identity.size {
                let complete =
                    FileIdentity.endOfCompleteLines(file, from: current.keptOffset, to: identity.size) ?? current.keptOffset
                if complete > current.keptOffset {
                    current = readOn(current, file, index: index, to: complete, ingestor: ingestor, readChunk: readChunk)
                    store = current
                }
                if current.keptOffset < identity.size {
                    guard current.resumable else {
                        // What was added can only be read with the whole file.
                        let (entry, result) = readForCache(
                            file, index: index, identity: identity, ingestor: ingestor, readChunk: readChunk)
                        return UnitResult(
                            unit: unit, table: result.table, account: result.account,
                            physicalLines: result.physicalLines, store: entry)
                    }
                    let result = readOn(current, file, index: index, to: identity.size, ingestor: ingestor, readChunk: readChunk)
                    return UnitResult(
                        unit: unit, table: result.table, account: result.account, physicalLines: result.physicalLines,
                        store: store)
                }
            }
            return UnitResult(
                unit: unit, table: current.table, account: current.account, physicalLines: current.physicalLines,
                store: store)
        }
    }

    /// Reads a whole file for the cache: a compressed file to its end; a plain file to the end of its complete
    /// lines (the entry), then its torn last line, if any, on from there (this run's part, not kept).
    /// - Returns: the entry to keep, and this run's part of the file.
    static func readForCache<K, D>(
        _ file: InputFile, index: UInt32, identity: FileIdentity, ingestor: FileIngestor<K, D>, readChunk: Int?
    ) -> (entry: CachedFile, result: CachedFile) {
        let empty = CachedFile(
            table: UsageTable(), account: FileAccount(path: file.path), states: [], keptOffset: 0, physicalLines: 0,
            resumable: !identity.isCompressed)
        if identity.isCompressed {
            let (table, account, lines) = ingestor.read(
                file, index: index, range: nil, into: UsageTable(), resuming: nil, readChunk: readChunk)
            let entry = CachedFile(
                table: table, account: account, states: [], keptOffset: identity.size, physicalLines: lines,
                resumable: false)
            return (entry, entry)
        }
        let complete = FileIdentity.endOfCompleteLines(file, from: 0, to: identity.size) ?? identity.size
        var entry = readOn(empty, file, index: index, to: complete, ingestor: ingestor, readChunk: readChunk)
        if complete < identity.size {
            if !entry.resumable {
                // A document (or a file whose rows take its time) is only ever read whole.
                entry = readOn(empty, file, index: index, to: identity.size, ingestor: ingestor, readChunk: readChunk)
                entry.resumable = false
                return (entry, entry)
            }
            return (entry, readOn(entry, file, index: index, to: identity.size, ingestor: ingestor, readChunk: readChunk))
        }
        return (entry, entry)
    }

    /// `entry` read on from its kept offset to `end`: the bytes after the offset are read into its table with
    /// the adapters' saved states, line numbers continuing after its physical lines.
    static func readOn<K, D>(
        _ entry: CachedFile, _ file: InputFile, index: UInt32, to end: Int64, ingestor: FileIngestor<K, D>,
        readChunk: Int?
    ) -> CachedFile {
        let rowsBefore = entry.table.count
        let limitsBefore = entry.table.limits.count
        var (table, account, lines) = ingestor.read(
            file, index: index, range: entry.keptOffset..<end, into: entry.table,
            resuming: entry.states.isEmpty ? nil : entry.states, readChunk: readChunk)
        if entry.physicalLines > 0 {
            let shift = UInt32(truncatingIfNeeded: entry.physicalLines)
            table.line.update(rowsBefore..<table.count) { $0 + shift }
            for l in limitsBefore..<table.limits.count { table.limits[l].line += shift }
        }
        var total = entry.account
        total.absorb(account, lineOffset: entry.physicalLines)
        let resumable = entry.resumable && !ingestor.readAsDocument && !ingestor.usedModificationTime
        return CachedFile(
            table: table, account: total, states: resumable ? ingestor.savedStates() : [], keptOffset: end,
            physicalLines: entry.physicalLines + lines, resumable: resumable)
    }

    // MARK: putting the pieces together

    /// Each file's table and account: pieces of split files stitched (line numbers shifted by the physical
    /// lines of the ranges before them, accounts summed in range order), split files of a stateful format read
    /// again whole; and the entries to write to the cache.
    static func assemble(
        _ results: [UnitResult], files: [InputFile], lookups: [FileCache.Lookup], options: IngestOptions
    ) -> (tables: [UsageTable], accounts: [FileAccount], writes: [FileCache.Write]) {
        var accounts = files.map { FileAccount(path: $0.path) }
        var tables: [UsageTable] = []
        var writes: [FileCache.Write] = []
        var redo: [Int] = []
        let stateful = FormatRegistry.statefulFormats
        func identity(_ file: Int) -> FileIdentity? {
            switch lookups[file] {
            case .miss(let identity, _), .resume(let identity, _): return identity
            case .uncached: return nil
            }
        }
        for (file, pieces) in Dictionary(grouping: results, by: \.unit.file).sorted(by: { $0.key < $1.key }) {
            if pieces.count == 1 {
                let only = pieces[0]
                tables.append(only.table)
                accounts[file] = only.account
                if let entry = only.store, let id = identity(file) {
                    writes.append(FileCache.Write(file: files[file], identity: id, entry: entry))
                }
                continue
            }
            // Pieces of one file, each in its own table.
            var offset = 0
            var account = FileAccount(path: files[file].path)
            var pieceTables: [UsageTable] = []
            for (k, var piece) in pieces.sorted(by: { $0.unit.part < $1.unit.part }).enumerated() {
                if offset > 0 {
                    let shift = UInt32(offset)
                    piece.table.line.update(0..<piece.table.count) { $0 + shift }
                    for l in piece.table.limits.indices { piece.table.limits[l].line += shift }
                }
                if k == 0 {
                    account = piece.account
                } else {
                    account.absorb(piece.account, lineOffset: offset)
                }
                offset += piece.physicalLines
                pieceTables.append(piece.table)
            }
            // A file is split only when its head shows no stateful format (`isSplittable`), but a concatenated
            // archive may start one later: a piece cut in the middle of a stateful stream lacks the state its
            // lines need. Such a file is read again whole by one reader, so the result is the one a single
            // thread gives. Rare (the pieces were read in parallel for nothing), never wrong.
            if !stateful.isDisjoint(with: account.formats) {
                redo.append(file)
                continue
            }
            accounts[file] = account
            if let id = identity(file), id.size == files[file].size {
                // Kept whole (not resumable): once it changes, it is read whole by one reader and can then be
                // read on as it grows.
                let merged = UsageTable.merge(pieceTables, sorted: false)
                tables.append(merged)
                writes.append(
                    FileCache.Write(
                        file: files[file], identity: id,
                        entry: CachedFile(
                            table: merged, account: account, states: [], keptOffset: id.size, physicalLines: offset,
                            resumable: false)))
            } else {
                tables += pieceTables
            }
        }
        if !redo.isEmpty {
            let ingestor = makeIngestor(FormatRegistry.keyPathFormats, FormatRegistry.documentFormats, options)
            for file in redo {
                let result: UnitResult
                if let id = identity(file) {
                    result = read(
                        Unit(file: file, range: nil, part: 0, size: files[file].size, work: .forCache(id)), files[file],
                        ingestor: ingestor, readChunk: options.readChunk)
                } else {
                    result = read(
                        Unit(file: file, range: nil, part: 0, size: files[file].size), files[file], ingestor: ingestor,
                        readChunk: options.readChunk)
                }
                tables.append(result.table)
                accounts[file] = result.account
                if let entry = result.store, let id = identity(file) {
                    writes.append(FileCache.Write(file: files[file], identity: id, entry: entry))
                }
            }
        }
        return (tables, accounts, writes)
    }

    /// A file can be split when it is not compressed and its first 64 KiB show no stateful format.
    static func isSplittable(_ file: InputFile) -> Bool {
        guard let source = try? FileRangeSource(file: file, range: 0..<min(file.size, 64 << 10)) else {
            return false
        }
        var head = [UInt8](repeating: 0, count: 64 << 10)
        var have = 0
        while have < head.count {
            let n = (try? head.withUnsafeMutableBytes { try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[have...])) }) ?? 0
            if n == 0 { break }
            have += n
        }
        head.removeLast(head.count - have)
        if head.count >= 4 && (Array(head[0..<4]) == Compression.zstdMagic || Compression.isSkippableFrameMagic(Array(head[0..<4]))) {
            return false
        }
        let stateful = Prefilter(needles: FormatRegistry.statefulNeedles)
        var found = false
        var sawFirstLine = false
        head.withUnsafeBytes { bytes in
            var start = 0
            for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x0A {
                let line = UnsafeRawBufferPointer(rebasing: bytes[start..<i])
                if stateful.matches(line) { found = true }
                // A file that is one document (see `JSONDocumentSplitter`) has no lines to split at.
                if !sawFirstLine && !LineBytes.isBlank(line) {
                    sawFirstLine = true
                    if JSONDocumentSplitter.opensDocument(line) { found = true }
                }
                start = i + 1
            }
        }
        return !found
    }

    static func finish(
        _ stitched: [FileAccount], files: [InputFile], shards: consuming [UsageTable], keepingKeys: Bool = false
    ) -> IngestResult {
        var accounts = stitched
        // Dedup before the canonical sort: the sort then moves a table without its dedup keys (16 bytes a row).
        let merged = UsageTable.merge(consume shards, sorted: false)
        PhaseClock.mark("merge")
        var dedup = Deduplicator.deduplicate(consume merged, keepingKeys: keepingKeys)
        PhaseClock.mark("dedup")
        dedup.table.sortCanonically()
        PhaseClock.mark("canonical sort")
        for (file, lines) in dedup.duplicateLinesPerFile { accounts[Int(file)].duplicate = lines }
        for i in accounts.indices {
            accounts[i].used = accounts[i].linesWithEvents - accounts[i].duplicate
        }
        for file in dedup.table.file { accounts[Int(file)].events += 1 }
        return IngestResult(
            table: dedup.table, accounts: accounts, files: files, duplicateEvents: dedup.droppedEvents)
    }
}

/// The shared state of one run's workers: the next unit to take and what each worker produced.
private final class WorkState: @unchecked Sendable {
    private let lock = NSLock()
    private let units: [Ingestor.Unit]
    private var position = 0
    private var results: [Ingestor.UnitResult] = []

    init(units: [Ingestor.Unit]) {
        self.units = units
    }

    func next() -> Ingestor.Unit? {
        lock.lock()
        defer { lock.unlock() }
        guard position < units.count else { return nil }
        position += 1
        return units[position - 1]
    }

    /// Hands the results over, so that their tables are freed as soon as the merge is done with them.
    func takeResults() -> [Ingestor.UnitResult] {
        lock.lock()
        defer { lock.unlock() }
        defer { results = [] }
        return results
    }

    func finish(_ results: [Ingestor.UnitResult]) {
        lock.lock()
        defer { lock.unlock() }
        self.results += results
    }
}
