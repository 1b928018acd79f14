import Benchmark
import Foundation
import UsageLensCore

// The stages of the pipeline one by one (line split + prefilter, JSON capture, zstd, adapters, dedup + pricing,
// group-by), then a whole run. Each makes its input at setup from a fixed seed and checks its result against what
// the generator counted: a wrong answer stops the run instead of being timed.
//
// `make bench` runs them all and compares each p90 with Thresholds/. After a deliberate change (faster or slower,
// more or fewer allocations), record new thresholds and commit them:
//     cd benchmarks && swift package --allow-writing-to-package-directory benchmark thresholds update
// Names must not contain `/`: they become threshold file names.

let benchmarks: @Sendable () -> Void = {
    // `stage` splits these metrics over two benchmarks per stage (see there).
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1,
        maxDuration: .seconds(2),
        maxIterations: 20,
        // Every recorded metric needs a tolerance: one without is checked at 0%. Allocation counts are exact and
        // guarded tightly; time is guarded loosely because the machines here are shared and noisy.
        thresholds: [
            .mallocCountTotal: .init(relative: [.p90: 5.0]),
            .wallClock: .init(relative: [.p90: 60.0]),
            .throughput: .init(relative: [.p90: 60.0]),
            .peakMemoryResident: .init(relative: [.p90: 25.0]),
        ])

    // 1. memchr line splitting over 32 MB of Claude Code JSONL, with the prefilter on every line.
    stage("LineSplitPrefilter") {
        Corpus.claudeCode(bytes: 32 * Fixtures.megabyte, seed: Fixtures.seed)
    } run: { corpus in
        let reader = LineReader()
        defer { reader.deallocate() }
        var counter = PrefilterCounter(prefilter: FormatRegistry.makePrefilter())
        let lines = try reader.read(MemorySource(corpus.bytes), into: &counter)
        precondition(lines == corpus.stats.lines, "read \(lines) lines, expected \(corpus.stats.lines)")
        precondition(
            counter.candidates == corpus.stats.candidates,
            "\(counter.candidates) candidates, expected \(corpus.stats.candidates)")
        blackHole(counter.candidates)
    }

    // 2. yajl capture of the lines that pass the prefilter (assistant lines and Task tool results).
    stage("YajlCapture") {
        try CandidateLines(Corpus.claudeCode(bytes: 32 * Fixtures.megabyte, seed: Fixtures.seed))
    } run: { candidates in
        let parser = FormatRegistry.makeLineParser()
        let usage = FormatRegistry.slot(keyPath: ["message", "usage"])!
        let counts = RecordCounts()
        parser.onRecord = { record in
            counts.records += 1
            if record.kind(usage) == .object { counts.usage += 1 }
        }
        var errors = 0
        candidates.bytes.withUnsafeBytes { raw in
            var start = 0
            for end in candidates.ends {
                if parser.parseLine(UnsafeRawBufferPointer(rebasing: raw[start..<end])) != nil { errors += 1 }
                start = end
            }
        }
        precondition(errors == 0, "\(errors) candidate lines did not parse")
        precondition(
            counts.records == candidates.ends.count, "\(counts.records) records from \(candidates.ends.count) lines")
        precondition(
            counts.usage == candidates.expectedUsage,
            "\(counts.usage) records with usage, expected \(candidates.expectedUsage)")
        blackHole(counts)
    }

    // 3. Decompressing 32 MB of JSONL held in memory as 8 zstd frames, through the sniffer.
    stage("ZstdSource") {
        let corpus = Corpus.claudeCode(bytes: 32 * Fixtures.megabyte, seed: Fixtures.seed)
        return CompressedInput(
            compressed: try Fixtures.zstdFrames(corpus.bytes, frames: 8, name: "ZstdSource"),
            plainBytes: corpus.bytes.count)
    } run: { input in
        let (source, compression) = try Compression.sniff(MemorySource(input.compressed), name: "corpus.jsonl.zst")
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 64)
        defer { buffer.deallocate() }
        var total = 0
        while true {
            let n = try source.read(into: buffer)
            if n == 0 { break }
            total += n
        }
        precondition(compression == .zstd && !source.isTruncated, "not read as one whole zstd stream")
        precondition(total == input.plainBytes, "decompressed \(total) bytes, expected \(input.plainBytes)")
        blackHole(total)
    }

    // 4. One 32 MB file of Claude Code and Codex lines on one thread: read, split, prefilter, parse, adapt, dedup.
    stage("Adapters") {
        let corpus = Corpus.mixed(bytes: 32 * Fixtures.megabyte, codexShare: 0.25, seed: Fixtures.seed)
        let files = try Fixtures.writeArchive("Adapters", [Corpus.File(path: "mixed.jsonl", bytes: corpus.bytes)])
        return Archive(files: files, stats: corpus.stats)
    } run: { archive in
        let result = Ingestor.run(archive.files, options: IngestOptions(threads: 1))
        let account = result.accounts[0]
        precondition(
            account.malformed == 0 && account.fileErrors.isEmpty, "errors: \(account.errors) \(account.fileErrors)")
        precondition(account.lines == archive.stats.lines, "\(account.lines) lines, expected \(archive.stats.lines)")
        precondition(
            result.table.count == archive.stats.events, "\(result.table.count) events, expected \(archive.stats.events)"
        )
        precondition(
            result.duplicateEvents == archive.stats.duplicates,
            "\(result.duplicateEvents) duplicates, expected \(archive.stats.duplicates)")
        blackHole(result)
    }

    // 5. De-duplicating 500k events (5% repeated keys) and pricing what is kept with the built-in table.
    stage("DedupPricing") {
        let (table, distinct) = try UsageTables.events(count: 500_000, duplicateEvery: 20, seed: Fixtures.seed)
        return EventTable(table: table, distinct: distinct, prices: PriceTable.builtin())
    } run: { input in
        let dedup = Deduplicator.deduplicate(input.table)
        let priced = PricedEvents(dedup.table, prices: input.prices, mode: .auto)
        precondition(dedup.table.count == input.distinct, "kept \(dedup.table.count), expected \(input.distinct)")
        precondition(dedup.droppedEvents == input.table.count - input.distinct, "dropped \(dedup.droppedEvents)")
        precondition(priced.cost.count == input.distinct && priced.models.count == UsageTables.models.count)
        blackHole(priced)
    }

    // 6. The daily report (UTC) and the model report over 1M priced events. The calendar is made per run, as a
    //    report does, so its offset cache starts cold.
    stage("GroupBy") {
        let (table, _) = try UsageTables.events(count: 1_000_000, duplicateEvery: nil, seed: Fixtures.seed)
        return PricedInput(PricedEvents(table, prices: PriceTable.builtin(), mode: .auto))
    } run: { input in
        let bucketer = TimeBucketer(kind: .day, calendar: try LocalCalendar(identifier: "UTC"))
        let daily = Reports.buckets(input.events, rows: input.rows, bucketer: bucketer)
        let models = Reports.models(input.events, rows: input.rows)
        let n = Int64(input.rows.count)
        precondition(daily.totals.events == n && models.totals.events == n, "lost events")
        precondition(daily.buckets.count == input.days, "\(daily.buckets.count) days, expected \(input.days)")
        precondition(
            daily.totals.inputTokens == input.inputTokens && models.totals.inputTokens == input.inputTokens,
            "input tokens do not add up")
        precondition(models.models.count == UsageTables.models.count, "\(models.models.count) models")
        blackHole((daily, models))
    }

    // 7. A whole `daily` run over 64 MB in 8 files (6 Claude Code sessions, 2 Codex rollouts) on one thread.
    stage("EndToEnd") {
        let mb = Fixtures.megabyte
        let (files, stats) = Corpus.archive(
            claudeSizes: [14 * mb, 11 * mb, 9 * mb, 7 * mb, 4 * mb, 3 * mb], codexSizes: [10 * mb, 6 * mb],
            seed: Fixtures.seed)
        let inputs = try Fixtures.writeArchive("EndToEnd", files)
        precondition(inputs.count == 8, "found \(inputs.count) input files")
        return Archive(files: inputs, stats: stats, prices: PriceTable.builtin())
    } run: { archive in
        let analysis = Analysis.run(
            RunPlan(files: archive.files, ingest: IngestOptions(threads: 1), prices: archive.prices, costMode: .auto))
        let rows = EventFilter().rows(analysis.events)
        let bucketer = TimeBucketer(kind: .day, calendar: try LocalCalendar(identifier: "UTC"))
        let daily = Reports.buckets(analysis.events, rows: rows, bucketer: bucketer)
        precondition(
            daily.totals.events == Int64(archive.stats.events),
            "\(daily.totals.events) events, expected \(archive.stats.events)")
        precondition(
            analysis.ingest.duplicateEvents == archive.stats.duplicates,
            "\(analysis.ingest.duplicateEvents) duplicates, expected \(archive.stats.duplicates)")
        precondition(analysis.ingest.accounts.allSatisfy { $0.malformed == 0 && $0.fileErrors.isEmpty })
        blackHole(daily)
    }

    // 8. The same `daily` through a warm cache (DESIGN 9): nothing changed since the last run, so the run is
    // the snapshot the previous one kept (a stat per file, no file opened, one blob), then pricing and the
    // report.
    stage("WarmCache") {
        let mb = Fixtures.megabyte
        let (files, stats) = Corpus.archive(
            claudeSizes: [14 * mb, 11 * mb, 9 * mb, 7 * mb, 4 * mb, 3 * mb], codexSizes: [10 * mb, 6 * mb],
            seed: Fixtures.seed)
        let inputs = try Fixtures.writeArchive("WarmCache", files)
        let archive = Archive(files: inputs, stats: stats, prices: PriceTable.builtin())
        let cache = CacheLocation(directory: Fixtures.scratch("WarmCache") + "/.cache")
        _ = try cachedDaily(archive, cache: cache)
        return (archive, cache)
    } run: { (archive, cache) in
        let (daily, ingest) = try cachedDaily(archive, cache: cache)
        precondition(ingest.cache?.fromSnapshot == true, "not the snapshot: \(String(describing: ingest.cache))")
        precondition(daily.totals.events == Int64(archive.stats.events), "\(daily.totals.events) events")
        blackHole(daily)
    }

    // 9. The same, after 64 KiB of whole lines were appended to one Claude Code session (each iteration appends
    // again): the snapshot plus what that file added, deduplicated against it; the entry and the snapshot are
    // written again.
    stage("AppendCache") {
        let mb = Fixtures.megabyte
        let (files, stats) = Corpus.archive(
            claudeSizes: [14 * mb, 11 * mb, 9 * mb, 7 * mb, 4 * mb, 3 * mb], codexSizes: [10 * mb, 6 * mb],
            seed: Fixtures.seed)
        let inputs = try Fixtures.writeArchive("AppendCache", files)
        let archive = Archive(files: inputs, stats: stats, prices: PriceTable.builtin())
        let cache = CacheLocation(directory: Fixtures.scratch("AppendCache") + "/.cache")
        _ = try cachedDaily(archive, cache: cache)
        // Whole lines of the smallest session, about 64 KiB, appended to the largest one each iteration.
        let small = files.filter { !$0.path.contains("rollout") }.min { $0.bytes.count < $1.bytes.count }!.bytes
        let cut = small[..<min(small.count, 64 << 10)].lastIndex(of: 0x0A)! + 1
        let grown = inputs.max { $0.size < $1.size }!
        return (archive, cache, Array(small[..<cut]), grown.path)
    } run: { (archive, cache, lines, path) in
        let handle = FileHandle(forWritingAtPath: path)!
        handle.seekToEndOfFile()
        handle.write(Data(lines))
        handle.closeFile()
        let (daily, ingest) = try cachedDaily(archive, cache: cache)
        precondition(ingest.cache?.partial == 1 && ingest.cache?.fromSnapshot == true, "\(String(describing: ingest.cache))")
        blackHole(daily)
    }
}

/// A `daily` over the EndToEnd archive through the per-file cache in `directory`.
func cachedDaily(_ archive: Archive, cache: CacheLocation) throws -> (BucketReport, IngestResult) {
    let analysis = Analysis.run(
        RunPlan(
            files: archive.files, ingest: IngestOptions(threads: 1), prices: archive.prices, costMode: .auto,
            cache: cache))
    let rows = EventFilter().rows(analysis.events)
    let bucketer = TimeBucketer(kind: .day, calendar: try LocalCalendar(identifier: "UTC"))
    return (Reports.buckets(analysis.events, rows: rows, bucketer: bucketer), analysis.ingest)
}

/// Registers one stage as two benchmarks: `name` measures wall clock, throughput and allocations; `name` +
/// `Memory` measures peak resident memory alone.
///
/// They are kept apart because resident memory is sampled by a thread that reads `/proc` every 10 ms and
/// allocates while doing so: measured together, the malloc count grows with the run time (19 exact allocations
/// read as 39 to 47 for the line splitter), too noisy for a tight tolerance. Each benchmark runs in a process of
/// its own, so the peak is that stage's alone (its input included). Files a setup writes under
/// `Fixtures.scratch(name)` are removed at teardown.
func stage<Input>(_ name: String, setup: @escaping () throws -> Input, run: @escaping (Input) throws -> Void) {
    var timing = Benchmark.defaultConfiguration
    timing.metrics.removeAll { $0 == .peakMemoryResident }
    var memory = Benchmark.defaultConfiguration
    memory.metrics = [.peakMemoryResident]
    memory.warmupIterations = 0
    memory.maxIterations = 3  // a peak is a maximum: more runs add time, not information
    for (benchmarkName, var configuration) in [(name, timing), (name + "Memory", memory)] {
        // Only the tolerances of the metrics recorded (the plugin warns about the others).
        let metrics = configuration.metrics
        configuration.thresholds = configuration.thresholds?.filter { metrics.contains($0.key) }
        Benchmark(benchmarkName, configuration: configuration) { (_: Benchmark, input: Input) in
            try run(input)
        } setup: {
            try setup()
        } teardown: {
            Fixtures.removeScratch(name)
        }
    }
}
