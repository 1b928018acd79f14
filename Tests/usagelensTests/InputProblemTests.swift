import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Inputs that cannot be read, end to end: what is reported, and the exit status. Scripts run with /bin/sh so
/// that they can build what `Process` cannot pass (names that are not UTF-8, a closed standard input, another
/// user).
@Suite struct InputProblemTests {
    static let line =
        #"{"agent_name":"a","model":"gpt-4o","prompt_tokens":10,"completion_tokens":5,"cost":0.1,"timestamp":"2025-10-14T10:00:00Z","user_id":"u"}"#

    /// A fresh folder with `logs/ok.jsonl` in it, readable by everyone.
    final class Folder {
        let path = NSTemporaryDirectory() + "usagelens-cli-" + UUID().uuidString

        init() {
            try! FileManager.default.createDirectory(atPath: path + "/logs", withIntermediateDirectories: true)
            write("logs/ok.jsonl", InputProblemTests.line + "\n")
            chmod(path, 0o755)
            chmod(path + "/logs", 0o755)
        }

        deinit {
            chmod(path + "/logs/sub", 0o755)
            try? FileManager.default.removeItem(atPath: path)
        }

        func write(_ relative: String, _ text: String) {
            try! FileManager.default.createDirectory(
                atPath: (path + "/" + relative as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: path + "/" + relative, contents: Data(text.utf8))
        }

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
                stderr: String(decoding: errData, as: UTF8.self))
        }
    }

    /// Root lists any directory; the test then drops to `nobody`, as a user without rights would run.
    static let asUser: String? = {
        if getuid() != 0 { return "" }
        return FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
            ? "/usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups " : nil
    }()

    // Four runs of the binary: under AddressSanitizer on a loaded 2-core machine they took over a minute (CI).
    @Test(.enabled(if: asUser != nil), .timeLimit(.minutes(3)))
    func aDirectoryThatCannotBeListedIsAFileErrorAndFailsUnderStrict() throws {
        let folder = Folder()
        folder.write("logs/sub/hidden.jsonl", Self.line + "\n")
        chmod(folder.path + "/logs/sub", 0)
        let user = Self.asUser!
        let check = try folder.sh(user + #""$U" check --json --strict logs"#)
        #expect(check.status == 1, "\(check.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any] ?? [:]
        let files = json["files"] as? [[String: Any]] ?? []
        #expect(files.map { $0["path"] as? String } == ["logs/ok.jsonl", "logs/sub"])
        #expect(files.last?["file_errors"] as? [String] == ["cannot list directory: Permission denied"])

        let lenient = try folder.sh(user + #""$U" daily logs"#)
        #expect(lenient.status == 0)
        #expect(lenient.stderr.contains("usagelens: logs/sub: cannot list directory: Permission denied"))
        let strict = try folder.sh(user + #""$U" daily --strict logs"#)
        #expect(strict.status == 1)
        // Named outright, the directory is the only input and it failed: exit 1 even without --strict.
        let named = try folder.sh(user + #""$U" daily logs/sub"#)
        #expect(named.status == 1)
        #expect(named.stderr.contains("usagelens: logs/sub: cannot list directory: Permission denied"))
    }

    @Test(.timeLimit(.minutes(1)))
    func aFIFOInADirectoryIsSkippedAndANamedOneIsRefused() throws {
        let folder = Folder()
        #expect(mkfifo(folder.path + "/logs/stray.jsonl", 0o644) == 0)
        // `timeout` turns a hang into a failure (status 124) instead of a stuck test.
        let daily = try folder.sh(#"timeout 30 "$U" daily --json logs"#)
        #expect(daily.status == 0, "\(daily.stderr)")
        #expect(daily.stderr.isEmpty)
        let named = try folder.sh(#"timeout 30 "$U" daily logs/stray.jsonl"#)
        #expect(named.status == 1)
        #expect(named.stderr.contains("usagelens: logs/stray.jsonl: not a regular file (a FIFO); to read a stream, pipe it to standard input and name '-'"))
        let device = try folder.sh(#"timeout 30 "$U" check --strict /dev/zero logs/ok.jsonl"#)
        #expect(device.status == 1)
        #expect(device.stdout.contains("/dev/zero: not a regular file (a character device)"))
        #expect(try folder.sh(#"timeout 30 "$U" check /dev/zero logs/ok.jsonl"#).status == 0)
    }

    @Test func aNameThatIsNotUTF8IsFoundInAFolderAndReadWhenNamed() throws {
        let folder = Folder()
        _ = try folder.sh(#"sed 's/"u"/"u2"/' logs/ok.jsonl > "logs/$(printf 'bad\377name.jsonl')""#)
        let found = try folder.sh(#""$U" check --json logs"#)
        #expect(found.status == 0, "\(found.stderr)")
        let all = try JSONSerialization.jsonObject(with: Data(found.stdout.utf8)) as? [String: Any] ?? [:]
        let files = all["files"] as? [[String: Any]] ?? []
        #expect(files.map { $0["path"] as? String } == ["logs/bad\u{FFFD}name.jsonl", "logs/ok.jsonl"])
        #expect(files.map { ($0["used"] as? NSNumber)?.intValue } == [1, 1])
        let named = try folder.sh(#""$U" check --json "$(printf 'logs/bad\377name.jsonl')""#)
        #expect(named.status == 0, "\(named.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(named.stdout.utf8)) as? [String: Any] ?? [:]
        let file = (json["files"] as? [[String: Any]])?.first ?? [:]
        #expect(file["path"] as? String == "logs/bad\u{FFFD}name.jsonl")
        #expect((file["used"] as? NSNumber)?.intValue == 1)
    }

    @Test func everyInputFailingIsExitOne() throws {
        let folder = Folder()
        let closed = try folder.sh(#""$U" daily - <&-"#)
        #expect(closed.status == 1, "\(closed.stderr)")
        #expect(closed.stderr.contains("usagelens: -: "))
        let check = try folder.sh(#""$U" check - <&-"#)
        #expect(check.status == 1)
        // One input read is a run with data: the failure is reported, and only --strict makes it fail.
        let mixed = try folder.sh(#""$U" daily - logs/ok.jsonl <&-"#)
        #expect(mixed.status == 0)
    }
}
