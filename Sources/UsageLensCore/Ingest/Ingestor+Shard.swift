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
