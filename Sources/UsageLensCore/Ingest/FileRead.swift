/// How a run got an input's part (`check` shows it): from the cache as it was, read on from the cache's kept
/// offset, read in full, read without a cache, or taken from a shard file.
public enum FileRead: String, Sendable, CaseIterable {
    /// The cache's entry, as it was (a torn last line is still read again).
    case hit
    /// The cache's entry, and the lines added after it (the file grew).
    case partial
    /// Read in full with the cache on: new, changed, or without a usable entry.
    case miss
    /// Read in full without a cache (`--no-cache`, standard input, a cache that could not be opened, or a file
    /// that could not be read).
    case uncached
    /// A file a shard holds: its entry, as the shard has it.
    case shard

    /// Each input's read, from its lookup, whether a shard held it, and whether the run wrote it to the cache
    /// (a resumed file that is written again had lines added).
    static func of(_ lookups: [FileCache.Lookup], shards: ShardInputs, written: [FileCache.Write]) -> [FileRead] {
        let rewritten = Set(written.map(\.file.fileSystemPath))
        return zip(lookups, shards.entries).enumerated().map { i, pair in
            switch pair {
            case (_, .some): return .shard
            case (.uncached, nil): return .uncached
            case (.miss, nil): return .miss
            case (.resume, nil): return rewritten.contains(shards.files[i].fileSystemPath) ? .partial : .hit
            }
        }
    }
}
