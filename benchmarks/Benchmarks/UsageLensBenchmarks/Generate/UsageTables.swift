import UsageLensCore

/// Event tables built row by row, for the stages after ingestion (dedup, pricing, group-by).
enum UsageTables {
    /// Models as logged, with their format; a local model and an unknown one keep the unpriced paths busy.
    static let models: [(name: String, format: UInt8, provider: String, weight: Double)] = [
        ("claude-sonnet-4-5-20250929", 1, "", 40), ("claude-opus-4-1-20250805", 1, "", 15),
        ("claude-sonnet-4-20250514", 1, "", 12), ("claude-haiku-4-5-20251001", 1, "", 8),
        ("gpt-5-codex", 2, "", 18), ("gpt-5", 2, "", 5), ("llama3.1:8b", 2, "ollama", 1.5),
        ("acme-internal-7b", 2, "", 0.5),
    ]

    /// A table of `count` events over 60 days in time order; every `duplicateEvery`-th row (if any) repeats the
    /// dedup key of a recent earlier row (a streaming re-write, with as many or fewer tokens).
    /// - Returns: the table, and how many distinct keys it holds.
    static func events(count: Int, duplicateEvery: Int?, seed: UInt64) throws -> (table: UsageTable, distinct: Int) {
        let template = try templateRow()
        var rng = SeededGenerator(seed: seed)
        var table = UsageTable()
        let modelCodes = models.map { table.strings.intern($0.name) }
        let providerCodes = models.map { table.strings.intern($0.provider) }
        let weights = models.indices.map { ($0, models[$0].weight) }
        let sessions = (0..<2000).map { _ in table.strings.intern(rng.uuid()) }
        let projects = (1...25).map { table.strings.intern("/home/u/proj-\($0)") }
        let span = Int64(Activity.days) * 86_400_000
        var recent: [EventRow] = []
        var distinct = 0
        for i in 0..<count {
            let time = Activity.epochMs + span * Int64(i) / Int64(count) + Int64(rng.int(0...999))
            let file = UInt32(i / 2500)
            let line = UInt32(i % 2500 + 1)
            if let every = duplicateEvery, i % every == every - 1, !recent.isEmpty {
                var copy = rng.pick(recent)
                copy.time = time
                copy.file = file
                copy.line = line
                if rng.chance(0.5) { copy.outputTokens = max(0, copy.outputTokens - Int64(rng.int(0...20))) }
                table.append(copy)
                continue
            }
            let m = rng.pick(weights)
            var row = template
            row.time = time
            row.format = models[m].format
            row.flags = rng.chance(0.04) ? [.sidechain] : []
            row.model = modelCodes[m]
            row.provider = providerCodes[m]
            row.session = rng.pick(sessions)
            row.project = rng.pick(projects)
            row.file = file
            row.line = line
            row.inputTokens = rng.chance(0.93) ? Int64(rng.int(1...10)) : Int64(rng.int(100...9000))
            row.outputTokens = Int64(max(1, Int(rng.logNormal(mu: 4.5, sigma: 1.4))))
            row.cacheReadTokens = Int64(rng.int(0...160_000))
            row.cacheWrite5mTokens = rng.chance(0.9) ? Int64(rng.int(50...3000)) : 0
            row.cacheWrite1hTokens = rng.chance(0.05) ? Int64(rng.int(50...3000)) : 0
            row.reasoningTokens = 0
            if models[m].format == 2 {
                row.reasoningTokens = row.outputTokens / 2
                row.cacheWrite5mTokens = 0
                row.cacheWrite1hTokens = 0
            }
            row.calls = 1
            row.loggedCostUSD = rng.chance(0.01) ? Double(rng.int(1...5000)) / 10000 : .nan
            row.dedupHigh = rng.next() | 1
            row.dedupLow = rng.next()
            table.append(row)
            distinct += 1
            if recent.count < 1000 { recent.append(row) } else { recent[rng.int(0...999)] = row }
        }
        return (table, distinct)
    }

    /// An `EventRow` to fill in field by field. Its initializer is internal to the library, so the row is read
    /// from a table that the library itself built from one ingested line (every field is set again afterwards).
    static func templateRow() throws -> EventRow {
        let name = "template-row"
        defer { Fixtures.removeScratch(name) }
        var w = JSONLWriter()
        var session = ClaudeCodeSession(pools: TextPools(seed: 1), seed: 1)
        session.write(into: &w, targetBytes: 1)
        let files = try Fixtures.writeArchive(name, [Corpus.File(path: "template.jsonl", bytes: w.bytes)])
        let result = Ingestor.run(files, options: IngestOptions(threads: 1))
        precondition(result.table.count > 0, "the template line gave no event")
        return result.table.row(0)
    }
}
