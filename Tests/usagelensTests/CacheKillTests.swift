import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A run killed with SIGKILL at any moment (opening the cache, reading, writing the entries, writing the snapshot,
/// checkpointing) leaves a cache the next run uses or repairs: the same output as `--no-cache`, exit 0, at most one
/// `usagelens: cache:` line (issue 13). A damaged database file is the same. Serialized: each test keeps a core
/// busy, and the kills are timed against the runs' own progress.
@Suite(.serialized) struct CacheKillTests {
    /// An archive large enough that a debug run spends a while reading it and writing its cache (about a second):
    /// 150 Claude Code sessions of 30 lines (each file repeats a few of another's events, for dedup).
    final class Archive {
        let path = NSTemporaryDirectory() + "usagelens-kill-" + UUID().uuidString

        init(files: Int = 150, lines: Int = 30) {
            for f in 0..<files {
                var text = ""
                for i in 0..<lines {
                    let id = i < 3 ? "m\((f + 1) % files)-\(i)" : "m\(f)-\(i)"
                    text += #"{"parentUuid":null,"isSidechain":false,"cwd":"/home/dev/p\#(f % 7)","sessionId":"s\#(f)","#
                        + #""message":{"id":"\#(id)","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","#
                        + #""content":[{"type":"text","text":"hello"}],"usage":{"input_tokens":\#(100 + i),"#
                        + #""cache_creation_input_tokens":0,"cache_read_input_tokens":\#(f * 10),"output_tokens":\#(10 + f % 50)}},"#
                        + #""requestId":"r\#(i % 3)","type":"assistant","uuid":"u-\#(f)-\#(i)","#
                        + #""timestamp":"2025-10-\#(14 + f % 3)T\#(10 + i % 12):\#(10 + f % 50):00.000Z"}"# + "\n"
                }
                let dir = path + "/claude/projects/-home-dev-p\(f % 7)"
                try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                FileManager.default.createFile(atPath: dir + "/s\(f).jsonl", contents: Data(text.utf8))
            }
        }

        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    /// When a run is killed.
    enum Moment: CustomStringConvertible {
        /// After this fraction of a cold run's time.
        case after(Double)
        /// As the write-ahead log first holds bytes: the schema being created on a fresh cache.
        case walAppears
        /// As the write-ahead log grows again after a pause (more than 20 ms without change) for the n-th time:
        /// 1 is the entries' transaction, 2 the snapshot's.
        case walGrowsAgain(Int)
        /// As the database file grows: the last connection checkpointing the log into it, as the run ends.
        case checkpoint

        var description: String {
            switch self {
            case .after(let f): return "after \(Int(f * 100))% of a cold run"
            case .walAppears: return "as the log first holds bytes"
            case .walGrowsAgain(let n): return n == 1 ? "as the entries are written" : "as the snapshot is written"
            case .checkpoint: return "while the log is checkpointed"
            }
        }
    }

    static func size(_ path: String) -> Int? {
        var s = stat()
        return stat(path, &s) == 0 ? Int(s.st_size) : nil
    }

    /// Starts `arguments` on the cache `dir` and kills it at `moment` (`coldSeconds`: a cold run's time).
    /// - Returns: whether the run was killed (else it ended first).
    static func kill(_ arguments: [String], dir: CacheDatabase, at moment: Moment, coldSeconds: Double) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TZ"] = "UTC"
        environment["NO_COLOR"] = "1"
        environment.removeValue(forKey: "USAGELENS_PRICING_FILE")
        environment["USAGELENS_CACHE_DIR"] = dir.path
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let wal = dir.databasePath + "-wal"
        let start = Date()
        try process.run()
        var lastSize = size(wal)
        var lastChange = Date()
        var bursts = 0
        while process.isRunning {
            let now = Date()
            let walSize = size(wal)
            var due: Bool
            switch moment {
            case .after(let fraction): due = now.timeIntervalSince(start) >= fraction * coldSeconds
            case .walAppears: due = (walSize ?? 0) > 0
            case .walGrowsAgain(let n):
                if walSize != lastSize {
                    if let w = walSize, w > (lastSize ?? 0), now.timeIntervalSince(lastChange) > 0.02, lastSize != nil { bursts += 1 }
                    lastSize = walSize
                    lastChange = now
                }
                due = bursts >= n
            case .checkpoint: due = (size(dir.databasePath) ?? 0) > 65536
            }
            if due {
                Glibc.kill(process.processIdentifier, SIGKILL)
                break
            }
            usleep(100)
        }
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
    }

    /// `run` printed what `expected` did, exited 0, and warned at most one line more, a `usagelens: cache:` one
    /// (exactly one when `warning`).
    static func expectSameOutput(
        _ run: CLI.Result, as expected: CLI.Result, warning: Bool? = nil, _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(run.status == 0, "\(what): \(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stdout == expected.stdout, "\(what)", sourceLocation: sourceLocation)
        var lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let cacheLines = lines.filter { $0.hasPrefix("usagelens: cache:") }
        lines.removeAll { $0.hasPrefix("usagelens: cache:") }
        #expect(lines.joined(separator: "\n") == expected.stderr, "\(what): \(run.stderr)", sourceLocation: sourceLocation)
        switch warning {
        case nil: #expect(cacheLines.count <= 1, "\(what): \(cacheLines)", sourceLocation: sourceLocation)
        case true?: #expect(cacheLines.count == 1, "\(what): \(cacheLines)", sourceLocation: sourceLocation)
        case false?: #expect(cacheLines.isEmpty, "\(what): \(cacheLines)", sourceLocation: sourceLocation)
        }
    }

    @Test func aRunKilledAtAnyMomentLeavesACacheTheNextRunUsesOrRepairs() throws {
        let archive = Archive()
        let arguments = ["daily", "--json", "--tz", "UTC", archive.path]
        let expected = try CLI.run(arguments + ["--no-cache"])
        #expect(expected.status == 0 && expected.stdout.count > 100)
        // A cold run, timed: what the fractions below are of.
        let calibration = CacheDatabase()
        let start = Date()
        Self.expectSameOutput(try CLI.run(arguments, environment: calibration.environment), as: expected, warning: false, "cold")
        let coldSeconds = Date().timeIntervalSince(start)
        let moments: [Moment] = [.after(0.25), .walAppears, .after(0.6), .walGrowsAgain(1), .walGrowsAgain(2), .checkpoint]
        var killed = 0
        for moment in moments {
            let dir = CacheDatabase()
            let wasKilled = try Self.kill(arguments, dir: dir, at: moment, coldSeconds: coldSeconds)
            if wasKilled { killed += 1 }
            // What the killed run left, for the messages.
            let left = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
                .map { "\($0) \(Self.size(dir.path + "/" + $0) ?? -1) B" }
            let next = try CLI.run(arguments, environment: dir.environment)
            Self.expectSameOutput(next, as: expected, "the run after one killed \(moment) (killed: \(wasKilled), left \(left))")
            if case .walGrowsAgain(1) = moment {
                // The cache that run left is sound: the next run uses it without a word.
                Self.expectSameOutput(try CLI.run(arguments, environment: dir.environment), as: expected, warning: false, "\(moment), then twice")
            }
        }
        // Each moment comes before the run ends (a run that ended first proves nothing about a kill).
        #expect(killed >= moments.count - 1, "\(killed) of \(moments.count) runs were killed (a cold run takes \(coldSeconds) s)")
    }

    @Test func aCacheFileTruncatedToHalfItsSizeIsOneWarningAndTheSameOutput() throws {
        let archive = Archive(files: 40)
        let arguments = ["daily", "--json", "--tz", "UTC", archive.path]
        let expected = try CLI.run(arguments + ["--no-cache"])
        let dir = CacheDatabase()
        Self.expectSameOutput(try CLI.run(arguments, environment: dir.environment), as: expected, warning: false, "cold")
        let full = try #require(Self.size(dir.databasePath))
        #expect(truncate(dir.databasePath, off_t(full / 2)) == 0)
        Self.expectSameOutput(try CLI.run(arguments, environment: dir.environment), as: expected, warning: true, "truncated")
        Self.expectSameOutput(try CLI.run(arguments, environment: dir.environment), as: expected, warning: false, "the run after")
    }

    /// A database that opens but whose table pages are damaged is read through the files with a warning, each run,
    /// and is never replaced: every later run warns again and reads every file in full.
    @Test func aCacheDatabaseWithADamagedPageIsRepairedByTheNextRun() throws {
        let archive = Archive(files: 40)
        let arguments = ["daily", "--json", "--tz", "UTC", archive.path]
        let expected = try CLI.run(arguments + ["--no-cache"])
        let dir = CacheDatabase()
        Self.expectSameOutput(try CLI.run(arguments, environment: dir.environment), as: expected, warning: false, "cold")
        // The second of its 64 KiB pages: the root of the first table the schema creates (run_snapshot).
        let handle = try #require(FileHandle(forWritingAtPath: dir.databasePath))
        try handle.seek(toOffset: 65536)
        handle.write(Data(repeating: 0xA5, count: 65536))
        try handle.close()
        Self.expectSameOutput(try CLI.run(arguments, environment: dir.environment), as: expected, warning: true, "damaged")
        // The damaged database was removed by that run: the next one starts a new cache, without a warning.
        Self.expectSameOutput(try CLI.run(arguments, environment: dir.environment), as: expected, warning: false, "the run after")
    }
}
