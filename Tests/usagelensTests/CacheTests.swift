import Foundation
import Testing

/// The cache changes no output (DESIGN 9): every golden report command gives the same bytes cold, warm and with
/// `--no-cache`; a broken cache is one line on stderr; concurrent runs agree.
@Suite struct CacheTests {
    /// A cache directory of its own, removed after the test.
    final class CacheDir {
        let path = NSTemporaryDirectory() + "usagelens-cache-test-" + UUID().uuidString
        deinit { try? FileManager.default.removeItem(atPath: path) }
        var environment: [String: String] { ["USAGELENS_CACHE_DIR": path] }
    }

    static let reportCases = GoldenTests.cases.filter { $0.1.first != "pricing" }

    @Test(arguments: reportCases)
    func coldWarmAndNoCacheAreByteIdentical(name: String, arguments: [String]) throws {
        let dir = CacheDir()
        let cold = try CLI.run(arguments, environment: dir.environment)
        let warm = try CLI.run(arguments, environment: dir.environment)
        let none = try CLI.run(arguments + ["--no-cache"], environment: dir.environment)
        #expect(FileManager.default.fileExists(atPath: dir.path + "/cache.sqlite"), "\(name): no cache was written")
        for (label, run) in [("warm", warm), ("--no-cache", none)] {
            #expect(run.status == cold.status, "\(name) \(label)")
            // `check` says how each file was read (its cache column); nothing else may differ.
            #expect(CacheColumn.removed(from: run.stdout) == CacheColumn.removed(from: cold.stdout), "\(name) \(label)")
            if arguments.first == "check" {
                #expect(run.stdout != cold.stdout, "\(name) \(label): check shows how its files were read")
            } else {
                #expect(run.stdout == cold.stdout, "\(name) \(label)")
            }
            #expect(run.stderr == cold.stderr, "\(name) \(label)")
        }
    }

    @Test func aCorruptCacheFileIsOneWarningAndTheSameOutput() throws {
        let dir = CacheDir()
        let arguments = ["daily", "--json", "--tz", "UTC", "samples/"]
        let expected = try CLI.run(arguments + ["--no-cache"])
        _ = try CLI.run(arguments, environment: dir.environment)
        FileManager.default.createFile(atPath: dir.path + "/cache.sqlite", contents: Data(repeating: 0xA5, count: 4096))
        let run = try CLI.run(arguments, environment: dir.environment)
        #expect(run.status == 0)
        #expect(run.stdout == expected.stdout)
        let cacheLines = run.stderr.split(separator: "\n").filter { $0.contains("cache") }
        #expect(cacheLines.count == 1, "\(run.stderr)")
        #expect(run.stderr.replacingOccurrences(of: cacheLines.first.map { $0 + "\n" } ?? "", with: "") == expected.stderr)
    }

    @Test func aReadOnlyCacheDirectoryIsAtMostOneWarningAndTheSameOutput() throws {
        let dir = CacheDir()
        try FileManager.default.createDirectory(atPath: dir.path, withIntermediateDirectories: true)
        chmod(dir.path, 0o555)
        defer { chmod(dir.path, 0o755) }
        let arguments = ["models", "--json", "samples/"]
        let expected = try CLI.run(arguments + ["--no-cache"])
        let run = try CLI.run(arguments, environment: dir.environment)
        #expect(run.status == 0)
        #expect(run.stdout == expected.stdout)
        let extra = run.stderr.split(separator: "\n").count - expected.stderr.split(separator: "\n").count
        // Root writes anyway (no warning); anyone else gets one line.
        #expect(extra == (getuid() == 0 ? 0 : 1), "\(run.stderr)")
    }

    @Test func aCacheDirectoryThatIsAFileIsOneWarning() throws {
        let dir = CacheDir()
        FileManager.default.createFile(atPath: dir.path, contents: Data("x".utf8))
        let arguments = ["daily", "--json", "--tz", "UTC", "samples/codex/"]
        let expected = try CLI.run(arguments + ["--no-cache"])
        let run = try CLI.run(arguments, environment: dir.environment)
        #expect(run.status == 0)
        #expect(run.stdout == expected.stdout)
        #expect(run.stderr.split(separator: "\n").filter { $0.contains("cache") }.count == 1, "\(run.stderr)")
    }

    @Test func sixteenConcurrentRunsOnAnEmptyCacheAgree() throws {
        let dir = CacheDir()
        let arguments = ["daily", "--json", "--tz", "UTC", "samples/"]
        let expected = try CLI.run(arguments + ["--no-cache"])
        final class Collected: @unchecked Sendable {
            let lock = NSLock()
            var results: [CLI.Result] = []
        }
        let collected = Collected()
        let environment = dir.environment
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            let run = try? CLI.run(arguments, environment: environment)
            collected.lock.lock()
            if let run { collected.results.append(run) }
            collected.lock.unlock()
        }
        let results = collected.results
        #expect(results.count == 16)
        for run in results {
            #expect(run.status == 0)
            #expect(run.stdout == expected.stdout)
            #expect(run.stderr == expected.stderr)
        }
    }

    /// A log folder that grows while runs read it: a Claude Code session (whole lines, and now and then a torn
    /// one completed by the next append) and a Codex rollout whose token counts go on from the previous totals.
    final class GrowingLogs: @unchecked Sendable {
        let path = NSTemporaryDirectory() + "usagelens-growing-" + UUID().uuidString
        var claude: String { path + "/claude/projects/-home-dev-app/s1.jsonl" }
        var codex: String { path + "/codex/sessions/2025/10/15/rollout-2025-10-15T10-00-00-g1.jsonl" }
        private(set) var appended = 0
        private var totals = (0, 0, 0, 0)
        private var torn: String?

        init() {
            for file in [claude, codex] {
                try! FileManager.default.createDirectory(
                    atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            }
            let meta = #"{"timestamp":"2025-10-15T10:00:00.000Z","type":"session_meta","payload":{"id":"g1","cwd":"/home/dev/cli"}}"#
            let turn = #"{"timestamp":"2025-10-15T10:00:00.000Z","type":"turn_context","payload":{"cwd":"/home/dev/cli","model":"gpt-5","effort":"medium"}}"#
            FileManager.default.createFile(atPath: codex, contents: Data((meta + "\n" + turn + "\n").utf8))
            FileManager.default.createFile(atPath: claude, contents: Data())
            for _ in 0..<20 { append() }
        }

        deinit { try? FileManager.default.removeItem(atPath: path) }

        static func claudeLine(_ i: Int) -> String {
            #"{"parentUuid":null,"isSidechain":false,"cwd":"/home/dev/app","sessionId":"s1","message":{"id":"m\#(i)","#
                + #""type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"usage":"#
                + #"{"input_tokens":\#(100 + i),"cache_creation_input_tokens":0,"cache_read_input_tokens":\#(i * 7),"#
                + #""output_tokens":\#(10 + i % 40)}},"requestId":"r\#(i)","type":"assistant","uuid":"u\#(i)","#
                + #""timestamp":"2025-10-15T\#(10 + i / 60 % 12):\#(10 + i % 50):00.000Z"}"#
        }

        func codexLine(_ i: Int) -> String {
            totals = (totals.0 + 100 + i, totals.1 + 10 * (i % 5), totals.2 + 20 + i % 30, totals.3 + i % 7)
            let usage = #"{"input_tokens":\#(totals.0),"cached_input_tokens":\#(totals.1),"output_tokens":\#(totals.2),"#
                + #""reasoning_output_tokens":\#(totals.3),"total_tokens":\#(totals.0 + totals.2)}"#
            return #"{"timestamp":"2025-10-15T\#(11 + i / 60 % 12):\#(10 + i % 50):00Z","type":"event_msg","#
                + #""payload":{"type":"token_count","info":{"total_token_usage":\#(usage),"model_context_window":272000}}}"#
        }

        /// One write(2) to one of the files: a whole line, the rest of a torn line and a whole one, or half a line.
        func append() {
            appended += 1
            let i = appended
            let (file, text): (String, String)
            if i % 2 == 0 {
                (file, text) = (codex, codexLine(i) + "\n")
            } else if let rest = torn {
                (file, text) = (claude, rest + "\n" + Self.claudeLine(i) + "\n")
                torn = nil
            } else if i % 7 == 1 && i > 20 {
                let line = Self.claudeLine(i)
                let cut = line.index(line.startIndex, offsetBy: line.count / 2)
                (file, text) = (claude, String(line[..<cut]))
                torn = String(line[cut...])
            } else {
                (file, text) = (claude, Self.claudeLine(i) + "\n")
            }
            let handle = FileHandle(forWritingAtPath: file)!
            handle.seekToEndOfFile()
            handle.write(Data(text.utf8))
            handle.closeFile()
        }

        /// Completes a torn line, if any.
        func finish() {
            if torn != nil { append() }
        }
    }

    @Test func eightConcurrentRunsWhileTheLogsGrowLeaveTheCacheOfTheFinalState() throws {
        let dir = CacheDir()
        let logs = GrowingLogs()
        let arguments = ["daily", "--json", "--tz", "UTC", logs.path]
        final class Collected: @unchecked Sendable {
            let lock = NSLock()
            var results: [CLI.Result] = []
            var running = 0
        }
        let collected = Collected()
        let environment = dir.environment
        collected.running = 8
        // The writer appends between and during the runs, every 20 ms until the last one ends (at most 200 times).
        let before = logs.appended
        let writer = Thread {
            while logs.appended < before + 200 {
                collected.lock.lock()
                let running = collected.running
                collected.lock.unlock()
                if running == 0 { break }
                logs.append()
                usleep(20_000)
            }
        }
        writer.start()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let run = try? CLI.run(arguments, environment: environment)
            collected.lock.lock()
            if let run { collected.results.append(run) }
            collected.running -= 1
            collected.lock.unlock()
        }
        while !writer.isFinished { usleep(1000) }
        #expect(logs.appended - before >= 8, "the logs grew \(logs.appended - before) times while the runs ran")
        logs.finish()
        for run in collected.results {
            // Each saw some state of the logs (a torn line is a malformed-line warning); none failed or warned
            // about the cache (a busy one is skipped quietly).
            #expect(run.status == 0, "\(run.stderr)")
            #expect(!run.stderr.contains("usagelens: cache:"), "\(run.stderr)")
            #expect((try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8))) != nil, "\(run.stdout)")
        }
        #expect(collected.results.count == 8)
        // The state after the writer stopped: 8 runs at once through that cache, then one alone, print what a
        // run without the cache prints.
        let expected = try CLI.run(arguments + ["--no-cache"])
        #expect(expected.status == 0 && expected.stderr.isEmpty, "\(expected.stderr)")
        let final = Collected()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let run = try? CLI.run(arguments, environment: environment)
            final.lock.lock()
            if let run { final.results.append(run) }
            final.lock.unlock()
        }
        final.results.append(try CLI.run(arguments, environment: environment))
        #expect(final.results.count == 9)
        for run in final.results {
            #expect(run.status == 0)
            #expect(run.stdout == expected.stdout)
            #expect(run.stderr == expected.stderr)
        }
    }

    /// USAGELENS_PHASES (the cache's diagnostics) prints each stage's time on stderr and changes nothing else.
    @Test func phaseTimesGoToStandardErrorOnly() throws {
        let dir = CacheDir()
        let arguments = ["daily", "--json", "--tz", "UTC", "samples/codex/"]
        let expected = try CLI.run(arguments + ["--no-cache"])
        // (Its first mark trapped in a debug build: `last`, a lazy static, was read after `now`.)
        let run = try CLI.run(arguments, environment: dir.environment.merging(["USAGELENS_PHASES": "1"]) { $1 })
        #expect(run.status == 0 && run.signal == nil, "\(run.stderr.prefix(300))")
        #expect(run.stdout == expected.stdout)
        let phases = run.stderr.split(separator: "\n").filter { $0.hasPrefix("usagelens: phase ") }
        #expect(phases.contains { $0.hasPrefix("usagelens: phase cache lookup ") }, "\(run.stderr.prefix(300))")
        #expect(phases.allSatisfy { !$0.contains("18446744") }, "no wrapped first time: \(run.stderr.prefix(300))")
    }

    @Test func standardInputIsNeverCached() throws {
        let dir = CacheDir()
        let text = try String(contentsOfFile: CLI.root + "/samples/codex/sessions/2025/10/14/rollout-2025-10-14T10-02-11-310f0bde-9457-482d-baac-1fdd62c21ae2.jsonl", encoding: .utf8)
        let run = try CLI.run(["daily", "--json", "--tz", "UTC", "-"], environment: dir.environment, stdin: Data(text.utf8))
        #expect(run.status == 0)
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/cache.sqlite"))
    }
}

/// `usagelens cache info` and `cache clear` (DESIGN 9).
@Suite struct CacheCommandTests {
    static func info(_ dir: CacheTests.CacheDir) throws -> [String: Any] {
        let run = try CLI.run(["cache", "info", "--json"], environment: dir.environment)
        #expect(run.status == 0, "\(run.stderr)")
        return try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
    }

    static func lastRun(_ info: [String: Any]) -> [Int] {
        guard let run = info["last_run"] as? [String: Any] else { return [] }
        return ["hits", "partial", "misses"].map { run[$0] as? Int ?? -1 }
    }

    @Test func infoCountsEntriesAndTheLastRunsHitsPartialReadsAndMisses() throws {
        let dir = CacheTests.CacheDir()
        let empty = try Self.info(dir)
        #expect(empty["exists"] as? Bool == false)
        #expect(empty["entries"] as? Int == 0 && empty["bytes"] as? Int == 0)
        #expect(empty["last_run"] is NSNull)
        #expect(!FileManager.default.fileExists(atPath: dir.path), "info creates no cache")

        let logs = CacheTests.CacheDir()
        try FileManager.default.createDirectory(atPath: logs.path, withIntermediateDirectories: true)
        let rollout = "samples/codex/sessions/2025/10/14/rollout-2025-10-14T10-02-11-310f0bde-9457-482d-baac-1fdd62c21ae2.jsonl"
        let text = try String(contentsOfFile: CLI.root + "/" + rollout, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let head = lines.prefix(20).joined(separator: "\n") + "\n"
        try head.write(toFile: logs.path + "/rollout.jsonl", atomically: true, encoding: .utf8)
        try "".write(toFile: logs.path + "/empty.jsonl", atomically: true, encoding: .utf8)
        let arguments = ["daily", "--json", "--tz", "UTC", "samples/", logs.path]

        _ = try CLI.run(arguments, environment: dir.environment)
        let cold = try Self.info(dir)
        #expect(cold["exists"] as? Bool == true)
        #expect(cold["entries"] as? Int == 23)
        #expect(cold["files"] as? Int == 23)
        #expect((cold["rows"] as? Int ?? 0) > 190)
        #expect((cold["bytes"] as? Int ?? 0) > 0)
        #expect(Self.lastRun(cold) == [0, 0, 23])

        _ = try CLI.run(arguments, environment: dir.environment)
        #expect(Self.lastRun(try Self.info(dir)) == [23, 0, 0])

        let handle = try #require(FileHandle(forWritingAtPath: logs.path + "/rollout.jsonl"))
        handle.seekToEndOfFile()
        handle.write(Data((lines[20..<25].joined(separator: "\n") + "\n").utf8))
        handle.closeFile()
        try FileManager.default.removeItem(atPath: logs.path + "/empty.jsonl")
        _ = try CLI.run(arguments, environment: dir.environment)
        #expect(Self.lastRun(try Self.info(dir)) == [21, 1, 0])
        let table = try CLI.run(["cache", "info"], environment: dir.environment)
        // Each row of the two-column table: the key, then after a gap of spaces the value.
        let rows = Dictionary(
            table.stdout.split(separator: "\n").compactMap { line -> (String, String)? in
                guard let gap = line.range(of: "  ") else { return nil }
                return (String(line[..<gap.lowerBound]), line[gap.upperBound...].trimmingCharacters(in: .whitespaces))
            }, uniquingKeysWith: { first, _ in first })
        #expect(rows["Last run"] == "21 hits, 1 partial read, 0 misses", "\(table.stdout)")
        #expect(rows["Database"] == "\(dir.path)/cache.sqlite", "\(table.stdout)")
        #expect(rows["Snapshots"]?.hasPrefix("2 ") == true, "two lists of inputs (empty.jsonl went), two snapshots: \(table.stdout)")
    }

    @Test func checkSaysHowEachFileWasRead() throws {
        let dir = CacheTests.CacheDir()
        let logs = CacheTests.CacheDir()
        try FileManager.default.createDirectory(atPath: logs.path, withIntermediateDirectories: true)
        let rollout = "samples/codex/sessions/2025/10/14/rollout-2025-10-14T10-02-11-310f0bde-9457-482d-baac-1fdd62c21ae2.jsonl"
        let lines = try String(contentsOfFile: CLI.root + "/" + rollout, encoding: .utf8).split(separator: "\n")
        try (lines.prefix(20).joined(separator: "\n") + "\n").write(toFile: logs.path + "/r.jsonl", atomically: true, encoding: .utf8)
        let arguments = ["check", "--json", "samples/openai/", logs.path]
        func reads(_ extra: [String] = []) throws -> [String] {
            let run = try CLI.run(arguments + extra, environment: dir.environment)
            let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
            return (json["files"] as? [[String: Any]] ?? []).map { $0["cache"] as? String ?? "?" }
        }
        #expect(try reads() == ["miss", "miss", "miss", "miss"])
        #expect(try reads() == ["hit", "hit", "hit", "hit"])
        #expect(try reads(["--no-cache"]) == ["uncached", "uncached", "uncached", "uncached"])
        let handle = try #require(FileHandle(forWritingAtPath: logs.path + "/r.jsonl"))
        handle.seekToEndOfFile()
        handle.write(Data((lines[20..<24].joined(separator: "\n") + "\n").utf8))
        handle.closeFile()
        #expect(try reads() == ["partial", "hit", "hit", "hit"], "the log folder sorts first (an absolute path)")
        let table = try CLI.run(["check", "samples/openai/", logs.path], environment: dir.environment)
        #expect(table.stdout.split(separator: "\n").first?.hasSuffix("  Cache") == true)
        #expect(table.stdout.contains("r.jsonl") && table.stdout.split(separator: "\n").filter { $0.hasSuffix("  hit") }.count == 4)
    }

    @Test func clearEmptiesTheCacheAndTheNextRunFillsItAgain() throws {
        let dir = CacheTests.CacheDir()
        let arguments = ["models", "--json", "samples/"]
        let expected = try CLI.run(arguments + ["--no-cache"])
        _ = try CLI.run(arguments, environment: dir.environment)
        let cleared = try CLI.run(["cache", "clear"], environment: dir.environment)
        #expect(cleared.status == 0)
        #expect(cleared.stdout.hasPrefix("cleared \(dir.path)/cache.sqlite (21 entries, "), "\(cleared.stdout)")
        let after = try Self.info(dir)
        #expect(after["entries"] as? Int == 0 && after["rows"] as? Int == 0)
        #expect(after["last_run"] is NSNull)
        let run = try CLI.run(arguments, environment: dir.environment)
        #expect(run.stdout == expected.stdout && run.stderr == expected.stderr)
        #expect(Self.lastRun(try Self.info(dir)) == [0, 0, 21])
        // A file that is not a database is removed.
        FileManager.default.createFile(atPath: dir.path + "/cache.sqlite", contents: Data(repeating: 0xA5, count: 4096))
        #expect(try CLI.run(["cache", "clear"], environment: dir.environment).status == 0)
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/cache.sqlite"))
        let none = try CLI.run(["cache", "clear"], environment: dir.environment)
        #expect(none.stdout == "no cache at \(dir.path)/cache.sqlite\n")
    }
}

/// `check`'s `cache` field (JSON) and last column (table, CSV, Markdown) say how each file was read, so they
/// differ between a cold, a warm, a `--no-cache` run and a run over shards; everything else must not.
enum CacheColumn {
    /// `check`'s output without its cache field or column (any other output as it is).
    static func removed(from text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let header = lines.first else { return text }
        if header == "{" {
            return lines.filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("\"cache\": \"") }
                .joined(separator: "\n")
        }
        if header.hasPrefix("File,"), header.hasSuffix(",Cache") {
            return lines.map { line in
                guard !line.isEmpty, let comma = line.lastIndex(of: ",") else { return line }
                return String(line[..<comma])
            }.joined(separator: "\n")
        }
        if header.hasPrefix("| File |"), header.hasSuffix(" Cache |") {
            return lines.map { line in
                guard line.hasPrefix("|"), line.hasSuffix("|") else { return line }
                let inner = line.dropLast()
                guard let bar = inner.lastIndex(of: "|") else { return line }
                return String(line[...bar])
            }.joined(separator: "\n")
        }
        if header.hasPrefix("File "), header.hasSuffix("  Cache") {
            let start = header.count - "Cache".count
            return lines.map { line in
                var kept = String(line.prefix(start))
                while kept.last == " " { kept.removeLast() }
                return kept
            }.joined(separator: "\n")
        }
        return text
    }
}
