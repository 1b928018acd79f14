import Dispatch

/// A run's inputs with its shard files opened (DESIGN 10, docs/shards.md): the logs to read, and in place of
/// each shard the files it holds, each under its own path, in one path order.
///
/// A file a shard holds joins the run like a cache hit: its entry is used as it is, nothing is read. A shard
/// that cannot be used (damaged, truncated, of another version) stays an input of its own whose `problem` says
/// why, so that it is reported as that file's error. A path held twice is one input, the first in the order
/// of the inputs: a log named beside a shard that holds it, or two shards that hold the same entry for it (two
/// overlapping shards). Two shards that hold different contents under one path (the same path on two
/// machines) give two inputs of that path.
struct ShardInputs: Sendable {
    /// The inputs, in path order: the logs and the files the shards hold.
    private(set) var files: [InputFile]
    /// Per input: the entry of a file a shard holds, nil for a file to read.
    private(set) var entries: [CachedFile?]

    init(_ inputs: [InputFile]) {
        // One open and one 8-byte read per input, on every core (a few microseconds a file).
        var isShard = [Bool](repeating: false, count: inputs.count)
        isShard.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: inputs.count) { i in out[i] = ShardFile.sniff(inputs[i]) }
        }
        guard isShard.contains(true) else {
            files = inputs
            entries = inputs.map { _ in nil }
            return
        }
        var held: [(file: InputFile, entry: CachedFile?)] = []
        // Per path: the shard entries kept under it (nil: a log, or a refused shard).
        var seen: [[UInt8]: [CachedFile]?] = [:]
        func add(_ file: InputFile, _ entry: CachedFile?) {
            let key = file.fileSystemPath.bytes
            guard !file.isStandardInput, let kept = seen[key] else {
                seen[key] = entry.map { [$0] }
                held.append((file, entry))
                return
            }
            // Two shards that hold a file under one path with other contents: two files (two machines).
            guard let entry, var entries = kept else { return }
            let bytes = entry.serialized()
            if entries.contains(where: { $0.serialized() == bytes }) { return }
            entries.append(entry)
            seen[key] = entries
            held.append((file, entry))
        }
        for (input, shard) in zip(inputs, isShard) {
            guard shard else {
                add(input, nil)
                continue
            }
            do {
                for e in try ShardFile.read(input).entries { add(e.file, e.entry) }
            } catch {
                var refused = input
                refused.problem = "\(error)"
                add(refused, nil)
            }
        }
        // Stable: files under one path keep the order of their shards.
        let order = held.indices.sorted { a, b in
            InputFile.pathOrder(held[a].file, held[b].file) || (!InputFile.pathOrder(held[b].file, held[a].file) && a < b)
        }
        files = order.map { held[$0].file }
        entries = order.map { held[$0].entry }
    }

    /// The files to read (not held by a shard).
    var logs: [InputFile] { zip(files, entries).compactMap { $1 == nil ? $0 : nil } }

    /// What the cache holds for each input: looked up for the logs; a shard's entry for a file a shard holds
    /// (an identity whose size is the entry's kept offset, so that nothing is read on).
    func lookUp(_ cache: FileCache?) -> [FileCache.Lookup] {
        guard entries.contains(where: { $0 != nil }) else {
            return cache?.lookUp(files) ?? files.map { _ in .uncached }
        }
        let logs = self.logs
        var found = (cache?.lookUp(logs) ?? logs.map { _ in .uncached })[...]
        return entries.map { entry in
            guard let entry else { return found.popFirst() ?? .uncached }
            let identity = FileIdentity(
                device: 0, inode: 0, size: entry.keptOffset, modifiedNanoseconds: 0, isCompressed: false)
            return .resume(identity, entry)
        }
    }
}

extension Ingestor {
    /// Reads `files` (shard files among them) as `run` does, and writes one shard of every file they are or
    /// hold to `path`: each file's rows and account before dedup, under its path. Shards of shards are shards
    /// of the files the inner shards hold.
    /// - Returns: what the run read (its accounts, before dedup: for warnings) and the files written.
    /// - Throws: `UsageLensError` (`.io`) when the shard cannot be written.
    public static func writeShard(
        _ files: [InputFile], to path: String, options: IngestOptions = IngestOptions(),
        cache location: CacheLocation? = nil
    ) throws -> IngestResult {
        let (inputs, tables, accounts, report, reads) = readParts(files, options: options, cache: location)
        var perFile = [[UsageTable]](repeating: [], count: inputs.count)
        for table in tables {
            guard let file = table.count > 0 ? table.file[0] : table.limits.first?.file else { continue }
            perFile[Int(file)].append(table)
        }
        var entries: [ShardFile.Entry] = []
        for (i, file) in inputs.enumerated() {
            let pieces = perFile[i]
            let table = pieces.count == 1 ? pieces[0] : pieces.isEmpty ? UsageTable() : UsageTable.merge(pieces, sorted: false)
            let entry = CachedFile(
                table: table, account: accounts[i], states: [], keptOffset: file.size, physicalLines: 0, resumable: false)
            entries.append(ShardFile.Entry(file: file, entry: entry))
        }
        try ShardFile(entries: entries).write(to: path)
        var result = IngestResult(table: UsageTable(), accounts: accounts, files: inputs, duplicateEvents: 0)
        result.cache = report
        result.reads = reads
        return result
    }
}
