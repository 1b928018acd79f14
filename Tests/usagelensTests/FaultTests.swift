import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Faults end to end, through the built binary: damaged and hostile zstd streams, files that vanish or grow
/// while they are read, a tree of 50,000 files, link loops, and the seeded mutation campaign
/// (`scripts/mutation_campaign.py`) on 200 archives with `--threads 1` against `--threads 2`. Serialized: each
/// test keeps a core busy, and the memory test measures one child alone.
@Suite(.serialized) struct FaultTests {
    static let line =
        #"{"agent_name":"a","model":"gpt-4o","prompt_tokens":10,"completion_tokens":5,"cost":0.1,"timestamp":"2025-10-14T10:00:00Z","user_id":"u"}"#

    static func tool(_ name: String) -> Bool {
        ["/usr/bin/", "/bin/", "/usr/local/bin/"].contains { FileManager.default.isExecutableFile(atPath: $0 + name) }
    }

    static let haveZstd = tool("zstd")
    static let havePython = tool("python3")

    /// A fresh folder, removed at the end.
    final class Folder {
        let path = NSTemporaryDirectory() + "usagelens-fault-" + UUID().uuidString

        init() { try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: path) }

        @discardableResult
        func write(_ relative: String, _ bytes: [UInt8]) -> String {
            let full = path + "/" + relative
            try! FileManager.default.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: full, contents: Data(bytes))
            return full
        }

        func read(_ relative: String) -> [UInt8] { Array(FileManager.default.contents(atPath: path + "/" + relative) ?? Data()) }

        /// Runs `script` here with /bin/sh; `$U` is the built binary.
        func sh(_ script: String) throws -> CLI.Result {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", script]
            process.currentDirectoryURL = URL(fileURLWithPath: path)
            var environment = ProcessInfo.processInfo.environment
            environment["U"] = CLI.binary
            environment["NO_COLOR"] = "1"
            environment["TZ"] = "UTC"
            environment.removeValue(forKey: "USAGELENS_PRICING_FILE")
            process.environment = environment
            let out = Pipe()
            let err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            nonisolated(unsafe) var errData = Data()
            let group = DispatchGroup()
            group.enter()
            DispatchQueue.global().async {
                errData = err.fileHandleForReading.readDataToEndOfFile()
                group.leave()
            }
            let outData = out.fileHandleForReading.readDataToEndOfFile()
            group.wait()
            process.waitUntilExit()
            return CLI.Result(
                status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                stderr: String(decoding: errData, as: UTF8.self),
                signal: process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil)
        }

        /// `usagelens check --json ARGS` here under `timeout`; the status must be 0 and stdout JSON.
        func check(_ arguments: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
            let result = try sh(#"timeout 120 "$U" check --json "# + arguments)
            #expect(result.status == 0 && result.signal == nil, "\(result.status): \(result.stderr)", sourceLocation: sourceLocation)
            return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        }
    }

    static func files(_ report: [String: Any]) -> [String: [String: Any]] {
        var out: [String: [String: Any]] = [:]
        for file in report["files"] as? [[String: Any]] ?? [] { out[file["path"] as? String ?? ""] = file }
        return out
    }

    static func int(_ file: [String: Any]?, _ key: String) -> Int { (file?[key] as? NSNumber)?.intValue ?? -1 }

    /// Every line of a file is used, duplicate, ignored or malformed, and every ignored line has a reason.
    static func expectAccounted(_ file: [String: Any], sourceLocation: SourceLocation = #_sourceLocation) {
        let parts = ["used", "duplicate", "ignored", "malformed"].map { int(file, $0) }
        #expect(parts.reduce(0, +) == int(file, "lines"), "\(file)", sourceLocation: sourceLocation)
        let reasons = (file["ignored_reasons"] as? [String: NSNumber] ?? [:]).values.map(\.intValue).reduce(0, +)
        #expect(reasons == int(file, "ignored"), "\(file)", sourceLocation: sourceLocation)
    }

    // MARK: zstd

    /// samples/agentkit as a stream of one zstd frame per line (made with the zstd CLI), and where each frame
    /// ends: damage inside frame k leaves frames 0..<k intact.
    static func framedSample(_ folder: Folder) throws -> (stream: [UInt8], frameEnds: [Int], lines: Int) {
        let text = try String(contentsOfFile: CLI.root + "/samples/agentkit/usage-records.jsonl", encoding: .utf8)
        let lines = text.split(separator: "\n")
        // Frames are binary: the shell writes them, and the stream is read back as bytes.
        var script = ": > framed.zst; ends=''"
        for (i, line) in lines.enumerated() {
            folder.write("plain/\(i)", Array((line + "\n").utf8))
            script += "; zstd -q -c plain/\(i) >> framed.zst; ends=\"$ends $(wc -c < framed.zst)\""
        }
        let built = try folder.sh(script + "; echo $ends")
        #expect(built.status == 0, "\(built.stderr)")
        let ends = built.stdout.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        let stream = folder.read("framed.zst")
        #expect(ends.count == lines.count && ends.last == stream.count)
        return (stream, ends, lines.count)
    }

    @Test(.enabled(if: haveZstd), .timeLimit(.minutes(3)))
    func aZstdStreamCutAtEvery97thByteKeepsTheFramesBeforeTheCutAndSaysSo() throws {
        let folder = Folder()
        let (stream, ends, total) = try Self.framedSample(folder)
        let offsets = Array(stride(from: 1, to: stream.count, by: 97))
        for offset in offsets { folder.write("cut/\(String(format: "%06d", offset)).jsonl.zst", Array(stream[..<offset])) }
        let report = Self.files(try folder.check("--threads 2 cut"))
        #expect(report.count == offsets.count)
        for offset in offsets {
            let file = report[String(format: "cut/%06d.jsonl.zst", offset)]
            let whole = ends.filter { $0 <= offset }.count
            let lines = Self.int(file, "lines")
            // The frames before the cut are all read; the cut frame may give some of its bytes (a torn last line).
            #expect(lines == whole || lines == whole + 1, "cut at \(offset): \(lines) lines, \(whole) frames before")
            #expect(Self.int(file, "used") >= whole, "cut at \(offset)")
            #expect(lines <= total)
            let errors = file?["file_errors"] as? [String] ?? []
            if offset < 4 {
                // Less than the magic: not zstd, read as plain bytes.
                #expect(file?["compression"] as? String == "none")
            } else if ends.contains(offset) {
                #expect(errors.isEmpty, "cut at a frame's end is a shorter stream: \(errors)")
            } else {
                #expect(errors == ["truncated zstd stream (the lines before the cut were read)"], "cut at \(offset): \(errors)")
            }
            if let file { Self.expectAccounted(file) }
        }
    }

    @Test(.enabled(if: haveZstd), .timeLimit(.minutes(3)))
    func aZstdStreamDamagedAtEvery97thByteNeverCrashesAndKeepsTheFramesBefore() throws {
        let folder = Folder()
        let (stream, ends, total) = try Self.framedSample(folder)
        let offsets = Array(stride(from: 0, to: stream.count, by: 97))
        for offset in offsets {
            var damaged = stream
            damaged[offset] ^= 0xFF
            folder.write("bad/\(String(format: "%06d", offset)).jsonl.zst", damaged)
        }
        let report = Self.files(try folder.check("--threads 2 bad"))
        #expect(report.count == offsets.count)
        for offset in offsets {
            let name = String(format: "bad/%06d.jsonl.zst", offset)
            let file = report[name]
            let before = ends.filter { $0 <= offset }.count
            if offset == 0 {
                // The magic is gone: the bytes are read as plain text (malformed lines), not as zstd.
                #expect(file?["compression"] as? String == "none")
            } else {
                #expect(Self.int(file, "used") >= before, "damage at \(offset): frames before it must count")
                #expect(Self.int(file, "lines") <= total + 2, "damage at \(offset)")
                let decodes = try folder.sh("zstd -t -q \(name)").status == 0
                let errors = file?["file_errors"] as? [String] ?? []
                #expect(decodes || !errors.isEmpty, "damage at \(offset) that zstd -t refuses is a file error")
            }
            if let file { Self.expectAccounted(file) }
        }
    }

    /// Runs the binary as a child of this process alone and returns its status, stdout and peak resident
    /// memory (KiB: the child's VmHWM, polled; `wait4`'s ru_maxrss where /proc cannot be read). Killed after
    /// `limit` seconds.
    static func measured(_ arguments: [String], stdoutPath: String, limit: Int = 170) -> (status: Int32, maxRSSKiB: Int) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([CLI.binary] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = ["NO_COLOR=1", "TZ=UTC"].map { (s: String) in strdup(s) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, CLI.binary, &actions, nil, argv, envp) == 0 else { return (-1, -1) }
        let child = pid
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            if done.wait(timeout: .now() + .seconds(limit)) == .timedOut { kill(child, SIGKILL) }
        }
        // ru_maxrss of a child started by posix_spawn (CLONE_VM) counts this runner's own resident memory at the
        // exec, so the child's peak is read from its own address space instead: VmHWM, polled while it runs.
        nonisolated(unsafe) var highWater = 0
        let polling = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            while polling.wait(timeout: .now() + .milliseconds(20)) == .timedOut {
                guard let text = try? String(contentsOfFile: "/proc/\(child)/status", encoding: .utf8),
                    let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                    let kb = Int(line.split(separator: " ").dropFirst().first ?? "")
                else { continue }
                highWater = max(highWater, kb)
            }
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(child, &status, 0, &usage) < 0 && errno == EINTR {}
        done.signal()
        polling.signal()
        let signaled = status & 0x7F != 0
        return (signaled ? -(status & 0x7F) : (status >> 8) & 0xFF, highWater > 0 ? highWater : usage.ru_maxrss)
    }

    @Test(.enabled(if: haveZstd), .timeLimit(.minutes(4)))
    func aZstdBombOfOneGiBStringFinishesInBoundedMemory() throws {
        let folder = Folder()
        // One line holding a 1 GiB string value: about 40 KB compressed.
        let head = #"{"agent_name":"a","model":"gpt-4o","prompt_tokens":10,"completion_tokens":5,"timestamp":"2025-10-14T10:00:00Z","pad":""#
        let made = try folder.sh(
            "{ printf '%s' '\(head)'; head -c 1073741824 /dev/zero | tr '\\0' x; printf '\"}\\n'; } | zstd -q -1 -c > bomb.jsonl.zst")
        #expect(made.status == 0, "\(made.stderr)")
        let size = (try FileManager.default.attributesOfItem(atPath: folder.path + "/bomb.jsonl.zst")[.size] as? NSNumber)?.intValue ?? 0
        #expect(size > 0 && size < 200_000, "compressed to \(size) bytes")
        let (status, rss) = Self.measured(["check", "--json", folder.path + "/bomb.jsonl.zst"], stdoutPath: folder.path + "/out.json")
        #expect(status == 0)
        #expect(rss > 0 && rss < 200 * 1024, "peak resident memory \(rss / 1024) MB")
        let report = try JSONSerialization.jsonObject(with: Data(folder.read("out.json"))) as? [String: Any] ?? [:]
        let file = (report["files"] as? [[String: Any]])?.first
        #expect(Self.int(file, "lines") == 1)
        #expect(Self.int(file, "used") == 1, "\(String(describing: file))")
    }

    // MARK: Files that change while they are read

    @Test(.timeLimit(.minutes(2)))
    func aFileDeletedAfterTheRunStartsIsAbsentOrAFileErrorAndTheRestCount() throws {
        for delay in [0, 2, 5, 10, 20, 40] {
            let folder = Folder()
            for i in 0..<2000 { folder.write(String(format: "logs/%02d/%04d.jsonl", i % 20, i), Array((Self.line + "\n").utf8)) }
            let victim = folder.path + "/logs/19/1999.jsonl"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = ["check", "--json", "--threads", "2", "logs"]
            process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32(delay * 1000))
            unlink(victim)
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationReason == .exit && process.terminationStatus == 0, "delay \(delay) ms")
            let report = Self.files(try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:])
            let gone = report["logs/19/1999.jsonl"]
            if let gone {
                // Listed, then gone when opened: a file error and no lines; or read before it went.
                let errors = gone["file_errors"] as? [String] ?? []
                #expect(
                    (errors.count == 1 && errors[0].contains("No such file") && Self.int(gone, "lines") == 0)
                        || (errors.isEmpty && Self.int(gone, "used") == 1), "delay \(delay) ms: \(gone)")
            }
            #expect(report.count == 2000 || (report.count == 1999 && gone == nil))
            for (path, file) in report where path != "logs/19/1999.jsonl" {
                #expect(Self.int(file, "used") == 1, "\(path)")
            }
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func aFileThatGrowsWhileReadCountsEveryCompleteLineItRead() throws {
        let folder = Folder()
        var first: [UInt8] = []
        for i in 0..<2000 { first += Array((Self.line.replacingOccurrences(of: "\"u\"", with: "\"u\(i)\"") + "\n").utf8) }
        let path = folder.write("grow.jsonl", first)
        let appended = 40_000
        let writer = Thread {
            let fd = open(path, O_WRONLY | O_APPEND)
            var chunk: [UInt8] = []
            for i in 0..<appended {
                chunk += Array((Self.line + "\n").utf8)
                if i % 200 == 199 {
                    _ = chunk.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            close(fd)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["check", "--json", "--threads", "2", "grow.jsonl"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        writer.start()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !writer.isFinished { usleep(1000) }
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        let report = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        let file = try #require(Self.files(report)["grow.jsonl"])
        let lines = Self.int(file, "lines")
        #expect(lines >= 2000 && lines <= 2000 + appended)
        Self.expectAccounted(file)
        // Every line read whole counts; only the last one can have been caught in the middle of a write.
        let malformed = Self.int(file, "malformed")
        let errors = file["errors"] as? [[String: Any]] ?? []
        #expect(malformed == 0 || (malformed == 1 && (errors.first?["line"] as? NSNumber)?.intValue == lines), "\(errors)")
        #expect(Self.int(file, "used") == lines - malformed)
    }

    // MARK: Many files, link loops

    /// The run's own bound is 200 s (3 under a sanitizer, which makes every file's opens and reads slower).
    @Test(.timeLimit(.minutes(12)))
    func fiftyThousandTinyFilesInATreeAreAllCounted() throws {
        let bound = Self.sanitized ? 600 : 200
        let folder = Folder()
        let bytes = Data((Self.line + "\n").utf8)
        for d in 0..<50 {
            let dir = folder.path + "/tree/\(d / 10)/\(d)"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            for i in 0..<1000 { _ = FileManager.default.createFile(atPath: dir + "/\(i).jsonl", contents: bytes) }
        }
        let started = Date()
        let result = try folder.sh("timeout \(bound) \"$U\" daily --json --tz UTC tree")
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        let buckets = report["buckets"] as? [[String: Any]] ?? []
        #expect(buckets.map { Self.int($0, "events") } == [50_000])
        #expect(buckets.map { Self.int($0, "input_tokens") } == [500_000])
        #expect(Date().timeIntervalSince(started) < Double(bound))
    }

    @Test(.timeLimit(.minutes(1)))
    func linkLoopsOfFilesAndDirectoriesEndAndEachFileIsReadOnce() throws {
        let folder = Folder()
        folder.write("logs/a/x.jsonl", Array((Self.line + "\n").utf8))
        symlink(folder.path + "/logs", folder.path + "/logs/a/up")  // a directory cycle
        symlink("self.jsonl", folder.path + "/logs/self.jsonl")  // a link to itself (ELOOP)
        symlink("q.jsonl", folder.path + "/logs/p.jsonl")  // two links to each other
        symlink("p.jsonl", folder.path + "/logs/q.jsonl")
        symlink("a/x.jsonl", folder.path + "/logs/y.jsonl")  // a second name of x
        let result = try folder.sh(#"timeout 30 "$U" check --json logs"#)
        #expect(result.status == 0 && result.signal == nil, "\(result.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        let totals = report["totals"] as? [String: Any]
        #expect(Self.int(totals, "used") == 1)
        #expect(Self.int(totals, "lines") == 1)
        // Named outright, a link loop is an input that cannot be read, not a hang.
        let named = try folder.sh(#"timeout 30 "$U" check --json logs/self.jsonl logs/a/x.jsonl"#)
        #expect(named.status == 0 && named.signal == nil, "\(named.stderr)")
    }

    // MARK: The mutation campaign, CI-sized

    static func campaign(_ arguments: [String]) throws -> CLI.Result {
        let folder = Folder()
        return try folder.sh(
            "python3 \"\(CLI.root)/scripts/mutation_campaign.py\" --binary \"$U\" --quiet --failures \(folder.path)/failures "
                + arguments.joined(separator: " ") + " 2>&1; status=$?; cat \(folder.path)/failures/failures.txt 2>/dev/null | head -20; exit $status")
    }

    /// Under a sanitizer (`make sanitize-address` sets USAGELENS_SANITIZED) each run of the binary costs 3-5 times
    /// as much, and the whole campaign passed its time limit on a CI machine: there it runs a quarter of the inputs.
    static let sanitized = ProcessInfo.processInfo.environment["USAGELENS_SANITIZED"] != nil

    /// 2,000 mutated inputs in 200 archives of 10, seed 7 (500 in 50 under a sanitizer): every invariant of the
    /// campaign, and check and daily byte-identical for --threads 1 and 2.
    @Test(.enabled(if: haveZstd && havePython), .timeLimit(.minutes(8)))
    func aSeededMutationCampaignOn200ArchivesKeepsEveryInvariant() throws {
        let (inputs, expected) = Self.sanitized ? ("500", "500 inputs in 50 archives, 110 runs") : ("2000", "2000 inputs in 200 archives, 440 runs")
        let result = try Self.campaign(["--seed", "7", "--inputs", inputs, "--archive-size", "10", "--daily-every", "10"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains(expected), "\(result.stdout)")
    }

    // MARK: What the campaign found (each failed before its fix)

    static func checkLines(_ text: [UInt8]) throws -> [String: Any] {
        let folder = Folder()
        folder.write("t.jsonl", text)
        return Self.files(try folder.check("t.jsonl"))["t.jsonl"] ?? [:]
    }

    @Test
    func twoValuesOnOneLineAreMalformed() throws {
        let file = try Self.checkLines(Array((Self.line + Self.line + "\n").utf8))
        #expect(Self.int(file, "malformed") == 1 && Self.int(file, "events") == 0, "\(file)")
    }

    @Test
    func aVerticalTabBetweenTokensIsMalformed() throws {
        let text = Self.line.replacingOccurrences(of: #""cost":"#, with: "\"cost\"\u{0B}:") + "\n"
        let file = try Self.checkLines(Array(text.utf8))
        #expect(Self.int(file, "malformed") == 1, "\(file)")
    }

    @Test
    func aValueFollowedByAnOpenStringIsMalformed() throws {
        let file = try Self.checkLines(Array((Self.line + "\"abc\n").utf8))
        #expect(Self.int(file, "malformed") == 1 && Self.int(file, "used") == 0, "\(file)")
    }

    @Test
    func theMessageOfAMalformedLineDoesNotDependOnTheLinesBefore() throws {
        let torn: [UInt8] = Array("{\"a\":\"".utf8) + [0xFF, 0x0A]  // cut inside a string, after a byte that is not UTF-8
        let alone = try Self.checkLines(Array("\"x\n".utf8) + torn)
        let after = try Self.checkLines(Array("{\"usage\":1}\n\"x\n".utf8) + torn)
        let message = { (file: [String: Any]) in ((file["errors"] as? [[String: Any]])?.last?["message"] as? String) ?? "" }
        #expect(message(alone) == message(after), "\(message(alone)) / \(message(after))")
    }

    @Test
    func aValidLineAfterATornLongLineIsUsed() throws {
        let text = #"{"pad":""# + String(repeating: "x", count: 400_000) + "\"}\n\"" + String(repeating: "x", count: 300_000)
            + "\n" + Self.line + "\n"
        let file = try Self.checkLines(Array(text.utf8))
        #expect(Self.int(file, "used") == 1 && Self.int(file, "malformed") == 1, "\(file)")
    }
}
