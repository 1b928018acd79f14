import Foundation
import Testing

/// Shard files (DESIGN 10, docs/shards.md): the report over the shards of any partition of `samples/` is the
/// report over `samples/`, byte for byte; shards merge into shards; a damaged or foreign shard is a file error.
@Suite struct ShardTests {
    /// A directory of its own for the shards of one test, removed after it.
    final class ShardDir {
        let path = NSTemporaryDirectory() + "usagelens-shard-test-" + UUID().uuidString
        init() { try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        func file(_ name: String) -> String { path + "/" + name }
    }

    /// A seeded generator (SplitMix64), so that a failing partition can be run again.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// The log files of `samples/`, as `check` names them.
    static func sampleFiles() throws -> [String] {
        let check = try CLI.json(["check", "--json", "--no-cache", "samples/"])
        let files = (check["files"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        #expect(files.count >= 20)
        return files
    }

    /// The JSON reports the partition property is checked on (the arguments before the paths).
    static let reports: [[String]] = [
        ["daily", "--json", "--tz", "UTC"],
        ["models", "--json"],
        ["sessions", "--json", "--tz", "UTC"],
        ["blocks", "--json", "--tz", "UTC", "--now", "2025-10-17T01:30:00Z", "--token-limit", "p90"],
        ["check", "--json"],
    ]

    @discardableResult
    static func shard(_ output: String, _ paths: [String], expectStatus: Int32 = 0) throws -> CLI.Result {
        let run = try CLI.run(["shard", "--output", output] + paths)
        #expect(run.status == expectStatus, "shard \(paths): \(run.stderr)")
        #expect(run.stdout.isEmpty)
        return run
    }

    static func expectSame(_ arguments: [String], over paths: [String], as expected: CLI.Result, _ label: String) throws {
        let run = try CLI.run(arguments + paths)
        #expect(run.status == expected.status, "\(label) \(arguments)")
        // `check` says how each file was read: "shard" for the files of a shard, and nothing else differs.
        #expect(
            CacheColumn.removed(from: run.stdout) == CacheColumn.removed(from: expected.stdout),
            "\(label) \(arguments): stdout differs")
        #expect(run.stderr == expected.stderr, "\(label) \(arguments): stderr differs")
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func theReportOverTheShardsOfAPartitionIsTheReportOverTheArchive(seed: UInt64) throws {
        var random = SeededGenerator(state: seed)
        let files = try Self.sampleFiles()
        let parts = Int.random(in: 2...5, using: &random)
        var partition = [[String]](repeating: [], count: parts)
        for file in files { partition[Int.random(in: 0..<parts, using: &random)].append(file) }
        // One part (when seed is odd) stays plain logs, named beside the shards.
        let plainPart = seed % 2 == 1 ? Int.random(in: 0..<parts, using: &random) : nil
        let dir = ShardDir()
        var paths: [String] = []
        for (k, part) in partition.enumerated() where !part.isEmpty {
            if k == plainPart {
                paths += part
            } else {
                try Self.shard(dir.file("part-\(k).ulshard"), part.shuffled(using: &random))
                paths.append(dir.file("part-\(k).ulshard"))
            }
        }
        paths.shuffle(using: &random)
        let check = try CLI.json(["check", "--json"] + paths)
        let plain = Set(plainPart.map { partition[$0] } ?? [])
        for file in check["files"] as? [[String: Any]] ?? [] {
            let path = file["path"] as? String ?? ""
            let read = file["cache"] as? String ?? ""
            #expect(plain.contains(path) ? ["hit", "miss"].contains(read) : read == "shard", "\(path): \(read)")
        }
        for report in Self.reports {
            let expected = try CLI.run(report + ["--no-cache", "samples/"])
            try Self.expectSame(report, over: paths, as: expected, "seed \(seed), \(parts) parts")
        }
    }

    @Test func everyGoldenReportOverShardsIsTheGolden() throws {
        let files = try Self.sampleFiles()
        let dir = ShardDir()
        let half = files.count / 2
        try Self.shard(dir.file("a.ulshard"), Array(files[..<half]))
        try Self.shard(dir.file("b.ulshard"), Array(files[half...]))
        for (name, arguments) in GoldenTests.cases where arguments.last == "samples/" {
            var expected = try CLI.run(arguments)
            // The HTML page's footer names its inputs (here the two shards, not samples/): the rest is the same.
            let inputs = { (page: String) in page.replacingOccurrences(of: #"<dt>Inputs</dt><dd>[^<]*</dd>"#, with: "", options: .regularExpression) }
            if name.hasSuffix(".html") {
                expected.stdout = inputs(expected.stdout)
                let run = try CLI.run(Array(arguments.dropLast()) + [dir.file("b.ulshard"), dir.file("a.ulshard")])
                #expect(inputs(run.stdout) == expected.stdout && run.stderr == expected.stderr, "\(name) over shards")
                continue
            }
            try Self.expectSame(
                Array(arguments.dropLast()), over: [dir.file("b.ulshard"), dir.file("a.ulshard")], as: expected, name)
        }
    }

    @Test func shardsOfShardsAndLogsMergeIntoOneShard() throws {
        let files = try Self.sampleFiles()
        let dir = ShardDir()
        let third = files.count / 3
        try Self.shard(dir.file("a.ulshard"), Array(files[..<third]))
        try Self.shard(dir.file("b.ulshard"), Array(files[third..<(2 * third)]))
        // A tree: (a + b) + the rest as logs.
        try Self.shard(dir.file("ab.ulshard"), [dir.file("a.ulshard"), dir.file("b.ulshard")])
        try Self.shard(dir.file("all.ulshard"), [dir.file("ab.ulshard")] + Array(files[(2 * third)...]))
        let direct = dir.file("direct.ulshard")
        try Self.shard(direct, ["samples/"])
        let merged = try Data(contentsOf: URL(fileURLWithPath: dir.file("all.ulshard")))
        #expect(merged == (try Data(contentsOf: URL(fileURLWithPath: direct))), "a merged shard is the shard of the archive")
        for report in Self.reports {
            let expected = try CLI.run(report + ["--no-cache", "samples/"])
            try Self.expectSame(report, over: [dir.file("all.ulshard")], as: expected, "merged")
            // A path held twice is one input.
            try Self.expectSame(report, over: [dir.file("all.ulshard"), dir.file("a.ulshard"), "samples/"], as: expected, "overlapping")
        }
    }

    @Test func twoShardsWithOtherContentsUnderOnePathAreTwoFiles() throws {
        // The same path on two machines: two files, both counted.
        let dir = ShardDir()
        let copies = ShardDir()
        let path = dir.file("usage.jsonl")
        let samples = ["samples/openai/responses.jsonl", "samples/anthropic/messages.jsonl"]
        for (k, sample) in samples.enumerated() {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: CLI.root + "/" + sample))
            try bytes.write(to: URL(fileURLWithPath: path))
            try bytes.write(to: URL(fileURLWithPath: copies.file("usage-\(k).jsonl")))
            try Self.shard(dir.file("machine-\(k).ulshard"), [path])
        }
        let shards = [dir.file("machine-0.ulshard"), dir.file("machine-1.ulshard")]
        let expected = try CLI.run(["daily", "--json", "--tz", "UTC", "--no-cache", copies.path])
        try Self.expectSame(["daily", "--json", "--tz", "UTC"], over: shards, as: expected, "one path, two contents")
        let check = try CLI.json(["check", "--json"] + shards)
        let files = check["files"] as? [[String: Any]] ?? []
        #expect(files.map { $0["path"] as? String } == [path, path])
        #expect(files.map { $0["lines"] as? Int } == [9, 15], "in the order of their shards")
    }

    /// Runs `daily --json` over a good shard and `bad`, and checks that `bad` is a file error naming it.
    static func expectRefused(_ bad: String, saying message: String, good: String) throws {
        let run = try CLI.run(["daily", "--json", "--tz", "UTC", good, bad])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.signal == nil)
        #expect(run.stderr.contains("usagelens: \(bad): \(message)"), "\(run.stderr)")
        let strict = try CLI.run(["daily", "--json", "--tz", "UTC", "--strict", good, bad])
        #expect(strict.status == 1)
        let alone = try CLI.run(["daily", "--json", "--tz", "UTC", bad])
        #expect(alone.status == 1, "every input failed: \(alone.stderr)")
        let check = try CLI.json(["check", "--json", good, bad])
        let files = check["files"] as? [[String: Any]] ?? []
        let entry = files.first { $0["path"] as? String == bad }
        #expect((entry?["file_errors"] as? [String])?.first?.hasPrefix(message) == true, "\(files.map { $0["path"] ?? "" })")
    }

    @Test func aDamagedTruncatedOrForeignShardIsAFileErrorNamingIt() throws {
        let dir = ShardDir()
        let good = dir.file("good.ulshard")
        try Self.shard(good, ["samples/codex/"])
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: good)))
        #expect(bytes.count > 100)
        #expect(Array(bytes[0..<8]) == [0x89, 0x55, 0x4C, 0x53, 0x48, 0x52, 0x44, 0x0A])
        func write(_ name: String, _ b: [UInt8]) -> String {
            let path = dir.file(name)
            _ = FileManager.default.createFile(atPath: path, contents: Data(b))
            return path
        }
        try Self.shard(dir.file("other.ulshard"), ["samples/claude/"])
        let other = dir.file("other.ulshard")
        var flipped = bytes
        flipped[bytes.count / 2] ^= 0x40
        try Self.expectRefused(write("flipped.ulshard", flipped), saying: "shard damaged (checksum mismatch)", good: other)
        try Self.expectRefused(write("cut.ulshard", Array(bytes[..<(bytes.count - 7)])), saying: "shard truncated", good: other)
        try Self.expectRefused(write("header.ulshard", Array(bytes[..<15])), saying: "shard truncated", good: other)
        var longer = bytes
        longer += [0, 0]
        try Self.expectRefused(write("longer.ulshard", longer), saying: "shard has 2 bytes after its end", good: other)
        var version = bytes
        version[8] = 2
        try Self.expectRefused(write("v2.ulshard", version), saying: "shard format version 2", good: other)
    }

    @Test func aShardOfAFileThatCannotBeReadKeepsItsError() throws {
        let dir = ShardDir()
        let shard = dir.file("s.ulshard")
        let fifo = dir.file("a-fifo.jsonl")
        #expect(mkfifo(fifo, 0o600) == 0)
        let direct = try CLI.run(["check", "--json", "--no-cache", "samples/openai/", fifo])
        try Self.shard(shard, ["samples/openai/", fifo], expectStatus: direct.status)
        try Self.expectSame(["check", "--json"], over: [shard], as: direct, "a FIFO")
    }
    @Test func aShownPrefixRenamesTheInputsOfAShardAndTheReportsShowTheNewNames() throws {
        let dir = ShardDir()
        let copy = dir.file("copy")
        try FileManager.default.copyItem(atPath: CLI.root + "/samples", toPath: copy)
        let shard = dir.file("s.ulshard")
        // A copy elsewhere, shown under the name of the original: every report over its shard is the report over
        // samples/ (the shard's bytes differ only in the paths the file system spells, which no report shows).
        try Self.shard(shard, ["--shown-prefix", copy + "/=samples/", "--shown-prefix", "/=unused/", copy + "/"])
        for report in Self.reports {
            try Self.expectSame(report, over: [shard], as: try CLI.run(report + ["--no-cache", "samples/"]), "renamed")
        }
        // An empty SHOWN makes absolute paths relative; a prefix that matches nothing changes nothing.
        let relative = try CLI.run(["shard", "--output", dir.file("r.ulshard"), "--shown-prefix", dir.path + "/=", copy + "/openai/"])
        #expect(relative.status == 0, "\(relative.stderr)")
        let check = try CLI.json(["check", "--json", dir.file("r.ulshard")])
        let paths = (check["files"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        #expect(!paths.isEmpty && paths.allSatisfy { $0.hasPrefix("copy/openai/") }, "\(paths)")
        let bad = try CLI.run(["shard", "--output", dir.file("x.ulshard"), "--shown-prefix", "no-equals-sign", "samples/openai/"])
        #expect(bad.status != 0 && bad.stderr.contains("--shown-prefix needs LOCAL=SHOWN"), "\(bad.stderr)")
    }

    @Test func filesListsTheInputsOfARunInItsOrderWithTheirSizes() throws {
        let listing = try CLI.json(["files", "--json", "samples/"])
        let files = listing["files"] as? [[String: Any]] ?? []
        #expect(files.compactMap { $0["path"] as? String } == (try Self.sampleFiles()), "the files check reads, in its order")
        var total: Int64 = 0
        for file in files {
            let path = try #require(file["path"] as? String)
            let size = try FileManager.default.attributesOfItem(atPath: CLI.root + "/" + path)[.size] as? Int64
            #expect((file["bytes"] as? Int).map(Int64.init) == size, "\(path)")
            total += size ?? 0
        }
        #expect((listing["total_bytes"] as? Int).map(Int64.init) == total)
        let missing = try CLI.run(["files", "--json", "samples/no-such-dir"])
        #expect(missing.status == 1 && missing.stderr.contains("no-such-dir"), "\(missing.stderr)")
        let table = try CLI.run(["files", "samples/openai/"])
        #expect(table.status == 0 && table.stdout.contains("samples/openai/responses.jsonl") && table.stdout.contains("Total"))
    }
}
