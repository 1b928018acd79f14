import UsageLensCore

// The setup results the benchmarks measure over.

/// Lines that pass the prefilter, back to back, with what parsing them must give.
struct CandidateLines {
    var bytes: [UInt8]
    /// End offset of each line in `bytes`.
    var ends: [Int]
    /// Lines with a `message.usage` object.
    var expectedUsage: Int

    init(_ corpus: Corpus) throws {
        let reader = LineReader()
        defer { reader.deallocate() }
        var collector = CandidateCollector()
        try reader.read(MemorySource(corpus.bytes), into: &collector)
        precondition(collector.ends.count == corpus.stats.candidates, "the prefilter disagrees with the generator")
        bytes = collector.bytes
        ends = collector.ends
        expectedUsage = corpus.stats.usageRecords
    }
}

/// Counted by the parser's record callback.
final class RecordCounts {
    var records = 0
    var usage = 0
}

struct CompressedInput {
    var compressed: [UInt8]
    var plainBytes: Int
}

/// Input files on disk and what reading them must give.
struct Archive {
    var files: [InputFile]
    var stats: CorpusStats
    var prices = PriceTable()
}

struct EventTable {
    var table: UsageTable
    /// Distinct dedup keys: the rows dedup keeps.
    var distinct: Int
    var prices: PriceTable
}

/// Priced events, every row selected, and the totals a report over them must show.
struct PricedInput {
    var events: PricedEvents
    var rows: [Int]
    var days: Int
    var inputTokens: Int64

    init(_ events: PricedEvents) {
        self.events = events
        rows = Array(0..<events.table.count)
        days = Set(events.table.time.map { $0 / 86_400_000 }).count
        inputTokens = events.table.inputTokens.reduce(0, +)
    }
}
