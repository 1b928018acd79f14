import Foundation
import GRDB
import Testing

@testable import UsageLensCore

#if canImport(Glibc)
    import Glibc
#endif

/// Seeded sequences of changes to a random archive (Claude Code, Codex token totals, Gemini lines, a Gemini session
/// document, a zstd file): after every step the cached run gives what a run without the cache gives, for the
/// ingest itself and for every report rendered as JSON, through each of the cache's paths (entries read on or
/// read again, the snapshot with what grown files added, the entries alone, the snapshot alone; DESIGN 9, issue 13).
@Suite struct CacheSequenceTests {
    /// Every report, as the commands name them; `--now` and the zone are fixed.
    static let reports: [(String, ReportKind)] = [
        ("daily", .buckets(.day, breakdown: false)),
        ("weekly", .buckets(.week, breakdown: false)),
        ("monthly", .buckets(.month, breakdown: true)),
        ("hourly", .buckets(.hour, breakdown: false)),
        ("models", .models),
        ("sessions", .sessions),
        ("blocks", .blocks(activeOnly: false, recentOnly: false)),
        ("status", .status),
        ("top models", .top(.model, by: .tokens, limit: 10)),
        ("check", .check),
        ("export", .export),
    ]

    static let prices = PriceTable.builtin()
    static let now = Timestamp.parse("2025-10-17T00:00:00Z")!

    /// What one file of the archive holds: its complete lines, and a torn line's two halves when only the first
    /// is on disk (the second is appended when `tornDue` comes).
    struct LogFile {
        enum Kind { case claude, codex, gemini, document, compressed }
        var path: String
        var kind: Kind
        var lines: [String]
        var torn: (written: String, rest: String)? = nil
        var tornDue = 0
        /// Codex: the running totals (input, cached, output, reasoning) and the next event's second.
        var totals = (0, 0, 0, 0)
        var clock = 0
    }

    /// One step of a sequence.
    enum Step: CaseIterable {
        case appendLines, tornLine, codexTokens, rewriteSameSize, rewriteSameSizeOldTime, truncate, delete, rename,
            newFile, rewriteCompressed, rewriteDocument
    }

    /// The archive of one seed: the files on disk, the model of what they hold, and a cache of its own.
    final class Archive {
        let logs = TempDir()
        var rng: SeededGenerator
        var files: [LogFile] = []
        var serial = 0
        /// On tmpfs where there is one: every run commits (and syncs) its entries and its snapshot, and this test
        /// is about results, not disks.
        let location = CacheLocation(
            directory: (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm/" : NSTemporaryDirectory())
                + "usagelens-sequence-" + UUID().uuidString)

        deinit { try? FileManager.default.removeItem(atPath: location.directory) }

        init(seed: UInt64) {
            rng = SeededGenerator(seed: seed)
            for _ in 0..<2 { add(.claude) }
            add(.codex)
            add(.gemini)
            add(.document)
            add(.compressed)
        }

        func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }

        func time(day: Int? = nil) -> String {
            let d = day ?? int(14...16)
            return String(format: "2025-10-%02dT%02d:%02d:%02d.000Z", d, int(0...23), int(0...59), int(0...59))
        }

        /// A Claude line; ids come from a small pool, so that files repeat each other's events (dedup).
        func claudeLine(session: String) -> String {
            Lines.claude(
                id: "m\(int(0...40))", requestId: "r\(int(0...2))",
                model: int(0...2) == 0 ? "claude-opus-4-1-20250805" : "claude-sonnet-4-5-20250929", time: time(),
                session: session, input: int(100...999), output: int(10...99), cacheRead: int(0...1) * int(1000...9999))
        }

        func geminiLine() -> String {
            Lines.gemini(
                id: "g\(int(0...30))", time: time(), model: int(0...1) == 0 ? "gemini-2.5-pro" : "gemini-2.5-flash",
                input: int(100...999), output: int(10...99), cached: int(0...1) * 512, thoughts: int(0...300))
        }

        /// The next token_count of a rollout: its totals go on from the previous ones.
        func codexLine(_ file: inout LogFile) -> String {
            let delta = (int(10...900), int(0...500), int(1...300), int(0...100))
            file.totals = (file.totals.0 + delta.0, file.totals.1 + delta.1, file.totals.2 + delta.2, file.totals.3 + delta.3)
            file.clock += int(1...400)
            let t = file.clock
            let stamp = String(format: "2025-10-15T%02d:%02d:%02dZ", 10 + t / 3600, (t / 60) % 60, t % 60)
            if int(0...6) == 0 {
                return Lines.codexTurn(model: int(0...1) == 0 ? "gpt-5" : "gpt-5-codex", time: stamp)
            }
            return Lines.codexTokens(
                total: file.totals, last: nil, time: stamp,
                rateLimits: int(0...2) == 0
                    ? #"{"primary":{"used_percent":\#(int(1...99)),"window_minutes":300,"resets_in_seconds":60}}"# : "")
        }

        func newLines(_ file: inout LogFile, _ n: Int) -> [String] {
            (0..<n).map { _ in
                switch file.kind {
                case .claude, .compressed: return claudeLine(session: (file.path as NSString).lastPathComponent)
                case .codex: return codexLine(&file)
                case .gemini, .document: return geminiLine()
                }
            }
        }

        func add(_ kind: LogFile.Kind) {
            serial += 1
            let path: String
            switch kind {
            case .claude: path = "claude/projects/-home-dev-p\(serial % 3)/s\(serial).jsonl"
            case .codex: path = "codex/sessions/2025/10/15/rollout-2025-10-15T10-00-00-\(serial).jsonl"
            case .gemini: path = "gemini/tmp/h\(serial)/chats/session-2025-10-15T09-41-\(serial).jsonl"
            case .document: path = "gemini/tmp/d\(serial)/chats/session-2025-10-16T07-12-\(serial).json"
            case .compressed: path = "claude/projects/-home-dev-z/z\(serial).jsonl.zst"
            }
            var file = LogFile(path: path, kind: kind, lines: [])
            if kind == .codex { file.lines = [Lines.codexMeta(id: "c\(serial)"), Lines.codexTurn(model: "gpt-5")] }
            file.lines += newLines(&file, int(3...12))
            files.append(file)
            write(file)
        }

        func bytes(_ file: LogFile) -> [UInt8] {
            switch file.kind {
            case .document: return Array(Lines.geminiDocument(session: "d", messages: file.lines).utf8)
            case .compressed: return Zstd.compress(Array((file.lines.joined(separator: "\n") + "\n").utf8))
            default: return Array(file.lines.map { $0 + "\n" }.joined().utf8) + Array((file.torn?.written ?? "").utf8)
            }
        }

        /// Writes the whole file anew (a new file, or truncated and rewritten in place: the same inode).
        func write(_ file: LogFile) { logs.write(file.path, bytes(file)) }

        func append(_ file: LogFile, _ text: String) {
            let handle = FileHandle(forWritingAtPath: logs.path + "/" + file.path)!
            handle.seekToEndOfFile()
            handle.write(Data(text.utf8))
            handle.closeFile()
        }

        /// The index of a random file whose kind is one of `kinds` (and without a torn line, when `untorn`).
        func pick(_ kinds: Set<LogFile.Kind>, untorn: Bool = false) -> Int? {
            let candidates = files.indices.filter { kinds.contains(files[$0].kind) && !(untorn && files[$0].torn != nil) }
            return candidates.isEmpty ? nil : candidates[int(0...candidates.count - 1)]
        }

        /// Completes the torn lines whose time has come; returns whether there were any.
        func completeTornLines(at step: Int) -> Bool {
            var any = false
            for i in files.indices {
                guard let torn = files[i].torn, files[i].tornDue <= step else { continue }
                append(files[i], torn.rest + "\n")
                files[i].lines.append(torn.written + torn.rest)
                files[i].torn = nil
                any = true
            }
            return any
        }

        /// Applies `step`; returns what it did, for the failure messages (nil: nothing changed).
        func apply(_ step: Step, at index: Int) -> String? {
            let plain: Set<LogFile.Kind> = [.claude, .gemini, .codex]
            switch step {
            case .appendLines:
                guard let i = pick(plain, untorn: true) else { return nil }
                let lines = newLines(&files[i], int(1...4))
                files[i].lines += lines
                append(files[i], lines.map { $0 + "\n" }.joined())
                return "appended \(lines.count) lines to \(files[i].path)"
            case .codexTokens:
                guard let i = pick([.codex], untorn: true) else { return nil }
                let lines = newLines(&files[i], int(1...5))
                files[i].lines += lines
                append(files[i], lines.map { $0 + "\n" }.joined())
                return "\(lines.count) token counts on \(files[i].path)"
            case .tornLine:
                guard let i = pick(plain, untorn: true) else { return nil }
                let line = newLines(&files[i], 1)[0]
                let cut = line.index(line.startIndex, offsetBy: int(1...line.count - 1))
                files[i].torn = (String(line[..<cut]), String(line[cut...]))
                files[i].tornDue = index + int(1...2)
                append(files[i], String(line[..<cut]))
                return "torn line in \(files[i].path), completed at step \(files[i].tornDue)"
            case .rewriteSameSize, .rewriteSameSizeOldTime:
                // New token counts of as many digits: the same size, in place (the same inode).
                guard let i = pick([.claude, .gemini]) else { return nil }
                let path = logs.path + "/" + files[i].path
                var before = stat()
                stat(path, &before)
                let field = files[i].kind == .claude ? "input_tokens" : "input"
                files[i].lines = files[i].lines.map {
                    $0.replacingOccurrences(
                        of: "\"\(field)\":[0-9]{3},", with: "\"\(field)\":\(int(100...999)),", options: .regularExpression)
                }
                let bytes = bytes(files[i])
                let fd = open(path, O_WRONLY)
                let written = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
                close(fd)
                precondition(written == bytes.count && Int(before.st_size) == bytes.count)
                guard step == .rewriteSameSizeOldTime else { return "rewrote \(files[i].path), same size" }
                var times = [before.st_atim, before.st_mtim]
                precondition(utimensat(AT_FDCWD, path, &times, 0) == 0)
                return "rewrote \(files[i].path), same size and mtime"
            case .truncate:
                guard let i = pick(plain), files[i].lines.count > 3 else { return nil }
                files[i].lines.removeLast(int(1...files[i].lines.count - 3))
                files[i].torn = nil
                let size = bytes(files[i]).count
                precondition(truncate(logs.path + "/" + files[i].path, off_t(size)) == 0)
                return "truncated \(files[i].path) to \(files[i].lines.count) lines"
            case .delete:
                guard files.count > 3, let i = pick([.claude, .gemini, .codex, .document]) else { return nil }
                try? FileManager.default.removeItem(atPath: logs.path + "/" + files[i].path)
                return "deleted \(files.remove(at: i).path)"
            case .rename:
                guard let i = pick(plain) else { return nil }
                serial += 1
                let old = files[i].path
                let name = (old as NSString).lastPathComponent
                let renamed = (old as NSString).deletingLastPathComponent + "/" + name.replacingOccurrences(of: ".jsonl", with: "-r\(serial).jsonl")
                precondition(rename(logs.path + "/" + old, logs.path + "/" + renamed) == 0)
                files[i].path = renamed
                return "renamed \(old) to \(renamed)"
            case .newFile:
                add(int(0...1) == 0 ? .claude : .gemini)
                return "new file \(files.last!.path)"
            case .rewriteCompressed:
                guard let i = pick([.compressed]) else { return nil }
                files[i].lines += newLines(&files[i], int(1...3))
                write(files[i])
                return "rewrote \(files[i].path) with \(files[i].lines.count) lines"
            case .rewriteDocument:
                guard let i = pick([.document]) else { return nil }
                files[i].lines += newLines(&files[i], 1)
                write(files[i])
                return "rewrote \(files[i].path) with \(files[i].lines.count) messages"
            }
        }

        /// Every step once, then random ones, in a seeded order: 15 in all.
        func schedule() -> [Step] {
            var steps = Step.allCases
            let extra: [Step] = [.appendLines, .codexTokens, .tornLine, .newFile]
            while steps.count < 15 { steps.append(extra[int(0...extra.count - 1)]) }
            return steps.shuffled(using: &rng)
        }

        func discover() -> [InputFile] { try! InputDiscovery.discover([logs.path]) }

        /// Deletes the run snapshots, so that the next cached run assembles its result from the entries.
        func dropSnapshots() throws {
            let queue = try DatabaseQueue(path: location.databasePath)
            try queue.write { try $0.execute(sql: "DELETE FROM run_snapshot") }
        }
    }

    /// A report rendered as JSON, what the run warns about, and what the cache did.
    struct Rendered: Equatable {
        var text: String
        var problems: [String]
        var cache: CacheReport?
    }

    /// The values of the `"cache": "..."` fields of a JSON `check` (none for any other report).
    static func cacheFields(_ json: String) -> [String] {
        json.split(separator: "\n").compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("\"cache\": \"") else { return nil }
            return String(trimmed.dropFirst("\"cache\": \"".count).prefix { $0 != "\"" })
        }
    }

    /// A JSON report without `check`'s cache fields (any other report as it is).
    static func withoutCacheFields(_ json: String) -> String {
        json.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("\"cache\": \"") }.joined(separator: "\n")
    }

    static func render(_ kind: ReportKind, _ files: [InputFile], cache: CacheLocation?) -> Rendered {
        let calendar = LocalCalendar(zone: TimeZone(identifier: "UTC")!, identifier: "UTC")
        var filter: EventFilter? = EventFilter(since: nil, until: nil)
        if case .check = kind { filter = nil }
        let plan = ReportPlan(
            run: RunPlan(files: files, ingest: IngestOptions(threads: 2), prices: prices, costMode: .auto, cache: cache),
            strict: false, calendar: calendar, filter: filter, now: now, format: .json, color: false)
        var text = ""
        do {
            let analysis = try plan.run(kind, to: &text)
            return Rendered(text: text, problems: analysis.problems, cache: analysis.ingest.cache)
        } catch {
            return Rendered(text: text + "error: \(error)", problems: [], cache: nil)
        }
    }

    /// The cached ingest right after a change (entries read on, read again or dropped) equals the ingest without
    /// the cache, row for row; then every report equals its run without the cache from the snapshot, and report
    /// `rotation` (mod their count) also from the entries, with the snapshot dropped: over a sequence, each
    /// report takes that path too.
    /// - Returns: whether the run right after the change was the snapshot plus what grown files added.
    @discardableResult
    static func expectSameEverywhere(_ archive: Archive, _ what: String, changed: Bool = true, rotation: Int) throws -> Bool {
        let files = archive.discover()
        let warm = Ingestor.run(files, options: IngestOptions(threads: 2), cache: archive.location)
        let cold = Ingestor.run(files, options: IngestOptions(threads: 1))
        // Unchanged: the snapshot as it is; changed: the entries, or the snapshot with what grown files added.
        let asItWas = warm.cache?.fromSnapshot == true && warm.cache?.partial == 0 && warm.cache?.misses == 0
        #expect(asItWas == !changed, "\(what): \(warm.cache.map { "\($0)" } ?? "no cache")")
        #expect(warm.cache?.warnings == [], "\(what)")
        #expect(warm.files.map(\.path) == cold.files.map(\.path), "\(what)")
        #expect(warm.accounts == cold.accounts, "\(what)")
        #expect((0..<warm.table.count).map { warm.table.row($0) } == (0..<cold.table.count).map { cold.table.row($0) }, "\(what)")
        #expect(warm.table.strings.strings == cold.table.strings.strings, "\(what)")
        #expect(warm.table.limits == cold.table.limits, "\(what)")
        #expect(warm.duplicateEvents == cold.duplicateEvents, "\(what)")
        for (r, (name, kind)) in reports.enumerated() {
            let reference = render(kind, files, cache: nil)
            #expect(reference.text.count > 20 && !reference.text.hasPrefix("error:"), "\(what), \(name): \(reference.text)")
            var ways: [(String, Rendered)] = []
            if r == rotation % reports.count {
                try archive.dropSnapshots()
                let entries = render(kind, files, cache: archive.location)
                #expect(entries.cache?.fromSnapshot == false && entries.cache?.misses == 0, "\(what), \(name): \(entries.cache.map { "\($0)" } ?? "no cache")")
                ways.append(("entries", entries))
            }
            let snapshot = render(kind, files, cache: archive.location)
            #expect(snapshot.cache?.fromSnapshot == true, "\(what), \(name): not from the snapshot")
            ways.append(("snapshot", snapshot))
            for (way, run) in ways {
                // `check` says how each file was read: every one from the cache here, none without it.
                if case .check = kind {
                    #expect(Self.cacheFields(run.text).allSatisfy { $0 == "hit" }, "\(what), check from the \(way)")
                    #expect(Self.cacheFields(reference.text).allSatisfy { $0 == "uncached" }, "\(what), check")
                }
                #expect(Self.withoutCacheFields(run.text) == Self.withoutCacheFields(reference.text), "\(what), \(name) from the \(way)")
                #expect(run.problems == reference.problems, "\(what), \(name) from the \(way)")
                #expect(run.cache?.warnings == [], "\(what), \(name) from the \(way)")
            }
        }
        return warm.cache?.fromSnapshot == true && (warm.cache?.partial ?? 0) > 0
    }

    @Test(arguments: [UInt64(13), 90210])
    func everyReportThroughTheCacheEqualsTheReportWithoutIt(seed: UInt64) throws {
        let archive = Archive(seed: seed)
        // Every file gives events (the generated lines are what the adapters take).
        let first = Ingestor.run(archive.discover(), options: IngestOptions(threads: 1))
        #expect(first.accounts.count == 6 && first.accounts.allSatisfy { $0.used + $0.duplicate > 0 }, "\(first.accounts)")
        try Self.expectSameEverywhere(archive, "seed \(seed), the first run", rotation: 0)
        var grownOnTheSnapshot = 0
        for (index, step) in archive.schedule().enumerated() {
            let completed = archive.completeTornLines(at: index)
            let what = archive.apply(step, at: index)
            if try Self.expectSameEverywhere(
                archive, "seed \(seed), step \(index): \(what ?? "\(step): nothing to do")\(completed ? ", torn lines completed" : "")",
                changed: completed || what != nil, rotation: index + 1)
            {
                grownOnTheSnapshot += 1
            }
        }
        // Appends to files of an unchanged archive take the snapshot's result plus what they added.
        #expect(grownOnTheSnapshot > 0, "seed \(seed): no step read on from the snapshot")
        // What is still torn is completed, and counted once.
        let completed = archive.completeTornLines(at: .max)
        try Self.expectSameEverywhere(archive, "seed \(seed), the torn lines completed", changed: completed, rotation: 0)
    }
}
