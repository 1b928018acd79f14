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

    /// `knownLogs`: per input, whether it is known to be a log (the cache saw it so, and its status has not
    /// moved since: `FileCache.snapshotByStatus`); those are not opened.
    init(_ inputs: [InputFile], knownLogs: [Bool]? = nil) {
        // One open and one 8-byte read per input, on every core (a few microseconds a file).
        var isShard = [Bool](repeating: false, count: inputs.count)
        let knownLogs = knownLogs?.count == inputs.count ? knownLogs : nil
        isShard.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: inputs.count) { i in
                out[i] = knownLogs?[i] == true ? false : ShardFile.sniff(inputs[i])
            }
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

    /// Whether any input is a file a shard holds.
    var holdsEntries: Bool { entries.contains { $0 != nil } }

    /// What the cache holds for each input: looked up for the logs; a shard's entry for a file a shard holds
    /// (an identity whose size is the entry's kept offset, so that nothing is read on).
    func lookUp(_ cache: FileCache?) -> [FileCache.Lookup] {
        guard holdsEntries else { return cache?.entryLookups(files) ?? files.map { _ in .uncached } }
        let logs = self.logs
        var found = (cache?.entryLookups(logs) ?? logs.map { _ in .uncached })[...]
        return entries.map { entry in
            guard let entry else { return found.popFirst() ?? .uncached }
            let identity = FileIdentity(
                device: 0, inode: 0, size: entry.keptOffset, modifiedNanoseconds: 0, isCompressed: false)
            return .resume(identity, entry)
        }
    }
}
