import Foundation
import Testing

@testable import UsageLensCore

@Suite("IngestProgress")
struct IngestProgressTests {
    @Test("a run counts every byte and every file it reads, split or whole, plain or zstd, on any thread count", arguments: [1, 3])
    func countsEverything(threads: Int) throws {
        let dir = TempDir()
        dir.write("projects/p/a.jsonl", lines: (0..<300).map { Lines.claude(id: "a\($0)") })
        dir.write("projects/p/b.jsonl.zst", lines: (0..<50).map { Lines.claude(id: "b\($0)") }, encoding: .zstd)
        dir.write("projects/p/c.jsonl", lines: [Lines.claude(id: "c")])
        let files = try InputDiscovery.discover([dir.path])
        let progress = IngestProgress()
        var options = IngestOptions(threads: threads, splitThreshold: 4096)
        options.progress = progress
        options.readChunk = 1000
        let result = Ingestor.run(files, options: options)
        let total = files.reduce(Int64(0)) { $0 + $1.size }
        #expect(progress.snapshot == IngestProgress.Snapshot(bytes: total, totalBytes: total, files: 3, totalFiles: 3))
        #expect(result.accounts.map(\.events).reduce(0, +) == 351)
        if threads > 1 { #expect(Ingestor.plan(files, options: options).count > 3, "a.jsonl was split") }
    }

    @Test("a file the cache holds unchanged plans no bytes; one that grew, what it grew by")
    func cacheHitsPlanNothing() throws {
        let dir = TempDir()
        let path = dir.write("projects/p/a.jsonl", lines: (0..<20).map { Lines.claude(id: "a\($0)") })
        let cache = CacheLocation(directory: dir.path + "/cache")
        _ = Ingestor.run(try InputDiscovery.discover([dir.path + "/projects"]), cache: cache)
        let added = Lines.claude(id: "new") + "\n"
        let handle = FileHandle(forWritingAtPath: path)!
        handle.seekToEndOfFile()
        handle.write(Data(added.utf8))
        handle.closeFile()
        let progress = IngestProgress()
        var options = IngestOptions(threads: 1)
        options.progress = progress
        _ = Ingestor.run(try InputDiscovery.discover([dir.path + "/projects"]), options: options, cache: cache)
        #expect(progress.snapshot.totalBytes == Int64(added.utf8.count))
        #expect(progress.snapshot.files == 1)
    }
}

@Suite("ProgressLine")
struct ProgressLineTests {
    @Test("files, bytes of the total, the rate and the time left")
    func line() {
        let s = IngestProgress.Snapshot(bytes: 64_000_000, totalBytes: 256_000_000, files: 3, totalFiles: 21)
        #expect(ProgressLine.text(s, elapsedSeconds: 2, width: 120) == "reading 3/21 files · 64.0/256.0 MB · 32.0 MB/s · 6s left")
        let long = IngestProgress.Snapshot(bytes: 1_000_000, totalBytes: 10_000_000_000, files: 0, totalFiles: 1)
        #expect(ProgressLine.text(long, elapsedSeconds: 1, width: 120).hasSuffix("· 2h 46m left"))
    }

    @Test("standard input has no total and no time left; the line never fills the terminal")
    func standardInputAndWidth() {
        let s = IngestProgress.Snapshot(bytes: 1_250_000, totalBytes: 0, files: 0, totalFiles: 1, readsStandardInput: true)
        #expect(ProgressLine.text(s, elapsedSeconds: 0.5, width: 80) == "reading 0/1 files · 1.3 MB · 2.5 MB/s")
        let t = IngestProgress.Snapshot(bytes: 64_000_000, totalBytes: 256_000_000, files: 3, totalFiles: 21)
        for width in 1...80 { #expect(DisplayWidth.of(ProgressLine.text(t, elapsedSeconds: 2, width: width)) < max(width, 1) || width == 1) }
    }

    @Test("durations", arguments: [(0.2, "1s"), (59, "59s"), (61, "1m 01s"), (3599, "59m 59s"), (3725, "1h 02m")])
    func duration(seconds: Double, text: String) {
        #expect(ProgressLine.duration(seconds) == text)
    }
}
