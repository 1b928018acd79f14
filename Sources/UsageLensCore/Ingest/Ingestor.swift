import Foundation

/// How to read: threads and buffer sizes. None of them changes any result.
public struct IngestOptions: Sendable {
    /// Worker threads; each reads whole files, the largest first.
    public var threads: Int
    /// The line reader's buffer; longer lines are streamed through the parser in pieces.
    public var bufferCapacity: Int
    /// Caps every read(2) at this many bytes (tests use it to run every chunking).
    public var readChunk: Int?

    public init(threads: Int = ProcessInfo.processInfo.activeProcessorCount, bufferCapacity: Int = 1 << 18,
                readChunk: Int? = nil) {
        self.threads = max(1, threads)
        self.bufferCapacity = bufferCapacity
        self.readChunk = readChunk
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
}

/// Reads inputs on several threads into shards, merges them and removes duplicates.
public enum Ingestor {
    /// Reads `files` (sorted by path; see `InputDiscovery`).
    public static func run(_ files: [InputFile], options: IngestOptions = IngestOptions()) -> IngestResult {
        // Largest first, so one big file does not start last and leave the other threads idle.
        let order = files.indices.sorted { files[$0].size != files[$1].size ? files[$0].size > files[$1].size : $0 < $1 }
        let threads = min(options.threads, max(1, files.count))
        let work = WorkState(order: order, workers: threads)
        let run: @Sendable (Int) -> Void = { worker in
            let ingestor = FileIngestor(bufferCapacity: options.bufferCapacity)
            var accounts: [(Int, FileAccount)] = []
            while let index = work.next() {
                let account = ingestor.ingest(files[index], index: UInt32(index), readChunk: options.readChunk)
                accounts.append((index, account))
            }
            work.finish(worker: worker, shard: ingestor.context.table, accounts: accounts)
        }
        if threads == 1 {
            run(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: threads, execute: run)
        }
        var accounts = files.map { FileAccount(path: $0.path) }
        for (index, account) in work.accounts { accounts[index] = account }
        let dedup = Deduplicator.deduplicate(UsageTable.merge(work.takeShards()))
        for (file, lines) in dedup.duplicateLinesPerFile { accounts[Int(file)].duplicate = lines }
        for i in accounts.indices {
            accounts[i].used = accounts[i].linesWithEvents - accounts[i].duplicate
        }
        for file in dedup.table.file { accounts[Int(file)].events += 1 }
        return IngestResult(
            table: dedup.table, accounts: accounts, files: files, duplicateEvents: dedup.droppedEvents)
    }
}

/// The shared state of one run's workers: the next file to take and what each worker produced.
private final class WorkState: @unchecked Sendable {
    private let lock = NSLock()
    private let order: [Int]
    private var position = 0
    private(set) var shards: [UsageTable]
    private(set) var accounts: [(Int, FileAccount)] = []

    init(order: [Int], workers: Int) {
        self.order = order
        self.shards = Array(repeating: UsageTable(), count: workers)
    }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard position < order.count else { return nil }
        position += 1
        return order[position - 1]
    }

    /// Hands the shards over, so that they are freed as soon as the merge is done with them.
    func takeShards() -> [UsageTable] {
        lock.lock()
        defer { lock.unlock() }
        defer { shards = [] }
        return shards
    }

    func finish(worker: Int, shard: UsageTable, accounts: [(Int, FileAccount)]) {
        lock.lock()
        defer { lock.unlock() }
        shards[worker] = shard
        self.accounts += accounts
    }
}
