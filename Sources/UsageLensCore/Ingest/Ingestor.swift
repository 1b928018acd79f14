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

    /// Whether there were inputs and none could be read: each has a file error and gave no line. Such a run
    /// has no data to report and fails (exit 1), `--strict` or not.
    public var everyInputFailed: Bool {
        !accounts.isEmpty && accounts.allSatisfy { !$0.fileErrors.isEmpty && $0.lines == 0 }
    }
}

/// Reads inputs on several threads into shards, merges them and removes duplicates.
public enum Ingestor {
    /// One piece of work: a whole file, or one line-aligned range of a large one.
    struct Unit: Sendable {
        var file: Int
        var range: Range<Int64>?
        var part: Int
        var size: Int64
    }

    /// What a worker made of a unit: its account, its physical lines, and where its rows sit in the shard.
    struct UnitResult: Sendable {
        var unit: Unit
        var account: FileAccount
        var physicalLines: Int
        var worker: Int
        var rows: Range<Int>
        var limits: Range<Int>
    }

    /// Reads `files` (sorted by path; see `InputDiscovery`).
    public static func run(_ files: [InputFile], options: IngestOptions = IngestOptions()) -> IngestResult {
        let units = plan(files, options: options)
        let threads = min(options.threads, max(1, units.count))
        let work = WorkState(units: units, workers: threads)
        let run: @Sendable (Int) -> Void = { worker in
            let ingestor = FileIngestor(
                bufferCapacity: options.bufferCapacity, keyPathFormats: FormatRegistry.keyPathFormats,
                documentFormats: FormatRegistry.documentFormats)
            var results: [UnitResult] = []
            while let unit = work.next() {
                let rowsBefore = ingestor.context.table.count
                let limitsBefore = ingestor.context.table.limits.count
                let (account, lines) = ingestor.ingest(
                    files[unit.file], index: UInt32(unit.file), range: unit.range, readChunk: options.readChunk)
                results.append(
                    UnitResult(
                        unit: unit, account: account, physicalLines: lines, worker: worker,
                        rows: rowsBefore..<ingestor.context.table.count,
                        limits: limitsBefore..<ingestor.context.table.limits.count))
            }
            work.finish(worker: worker, shard: ingestor.context.table, results: results)
        }
        if threads == 1 {
            run(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: threads, execute: run)
        }
        var shards = work.takeShards()
        var accounts = stitch(work.results, files: files, shards: &shards)
        rereadSplitStatefulFiles(work.results, files: files, options: options, shards: &shards, accounts: &accounts)
        // Moved, not copied: a second reference would make the merge copy every column.
        return finish(accounts, files: files, shards: consume shards)
    }

    /// Whole files, except that large plain files of stateless formats become line-aligned ranges; the
    /// largest pieces first, so that one big piece does not start last and leave the other threads idle.
    static func plan(_ files: [InputFile], options: IngestOptions) -> [Unit] {
        var units: [Unit] = []
        for (i, file) in files.enumerated() {
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
            units.append(Unit(file: i, range: nil, part: 0, size: file.size))
        }
        return units.sorted { a, b in a.size != b.size ? a.size > b.size : (a.file, a.part) < (b.file, b.part) }
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

    /// Puts the pieces of split files back together: line numbers shifted by the physical lines of the
    /// ranges before them (rows, limits and errors), accounts summed in range order.
    static func stitch(_ results: [UnitResult], files: [InputFile], shards: inout [UsageTable]) -> [FileAccount] {
        var accounts = files.map { FileAccount(path: $0.path) }
        let byFile = Dictionary(grouping: results, by: \.unit.file)
        for (file, pieces) in byFile {
            var offset = 0
            for (k, piece) in pieces.sorted(by: { $0.unit.part < $1.unit.part }).enumerated() {
                if offset > 0 {
                    let shift = UInt32(offset)
                    shards[piece.worker].line.update(piece.rows) { $0 + shift }
                    for l in piece.limits { shards[piece.worker].limits[l].line += shift }
                }
                if k == 0 {
                    accounts[file] = piece.account
                } else {
                    accounts[file].absorb(piece.account, lineOffset: offset)
                }
                offset += piece.physicalLines
            }
        }
        return accounts
    }

    /// A file is split only when its head shows no stateful format (`isSplittable`), but a concatenated
    /// archive may start one later: a piece cut in the middle of a stateful stream lacks the state its lines need.
    /// Such a file is read again whole by one reader, and what its pieces gave is dropped, so the result is the
    /// one a single thread gives. Rare (the pieces were read in parallel for nothing), never wrong.
    static func rereadSplitStatefulFiles(
        _ results: [UnitResult], files: [InputFile], options: IngestOptions, shards: inout [UsageTable],
        accounts: inout [FileAccount]
    ) {
        let pieces = Dictionary(grouping: results, by: \.unit.file)
        let stateful = FormatRegistry.statefulFormats
        let redo = pieces.filter { $0.value.count > 1 && $0.value.contains { !stateful.isDisjoint(with: $0.account.formats) } }
            .keys.sorted()
        guard !redo.isEmpty else { return }
        let files32 = Set(redo.map(UInt32.init))
        for w in shards.indices {
            // No second reference to the shard while it is filtered: that would copy every column.
            let keep = shards[w].file.map { !files32.contains($0) }
            let kept = keep.lazy.filter { $0 }.count
            if kept < keep.count { shards[w].filter(keep, count: kept) }
            shards[w].limits.removeAll { files32.contains($0.file) }
        }
        let ingestor = FileIngestor(
                bufferCapacity: options.bufferCapacity, keyPathFormats: FormatRegistry.keyPathFormats,
                documentFormats: FormatRegistry.documentFormats)
        for file in redo {
            let (account, _) = ingestor.ingest(files[file], index: UInt32(file), readChunk: options.readChunk)
            accounts[file] = account
        }
        shards.append(ingestor.context.table)
    }

    static func finish(_ stitched: [FileAccount], files: [InputFile], shards: consuming [UsageTable]) -> IngestResult {
        var accounts = stitched
        // Dedup before the canonical sort: the sort then moves a table without its dedup keys (16 bytes a row).
        var dedup = Deduplicator.deduplicate(UsageTable.merge(consume shards, sorted: false))
        dedup.table.sortCanonically()
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
    private var shards: [UsageTable]
    private(set) var results: [Ingestor.UnitResult] = []

    init(units: [Ingestor.Unit], workers: Int) {
        self.units = units
        self.shards = Array(repeating: UsageTable(), count: workers)
    }

    func next() -> Ingestor.Unit? {
        lock.lock()
        defer { lock.unlock() }
        guard position < units.count else { return nil }
        position += 1
        return units[position - 1]
    }

    /// Hands the shards over, so that they are freed as soon as the merge is done with them.
    func takeShards() -> [UsageTable] {
        lock.lock()
        defer { lock.unlock() }
        defer { shards = [] }
        return shards
    }

    func finish(worker: Int, shard: UsageTable, results: [Ingestor.UnitResult]) {
        lock.lock()
        defer { lock.unlock() }
        shards[worker] = shard
        self.results += results
    }
}
