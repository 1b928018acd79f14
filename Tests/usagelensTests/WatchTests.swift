import Foundation
import Testing

/// `blocks --watch` and `status --watch` in a real terminal (tmux, on a server of the test's own): the screen
/// changes after lines are appended to a log, and Ctrl-C restores the terminal and exits 0.
@Suite(.serialized) struct WatchTests {
    /// A tmux server of this test's own, so that no user's sessions are touched.
    struct Tmux {
        let socket = "usagelens-watch-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"

        /// Runs tmux with `arguments` and waits for it (posix_spawn and waitpid: Foundation's `Process` waits for
        /// descriptors the server `new-session` starts inherits, that is for the server); its stdout.
        @discardableResult
        func callAsFunction(_ arguments: String...) throws -> String {
            let file = NSTemporaryDirectory() + socket + "-\(UInt32.random(in: 0...UInt32.max)).out"
            defer { try? FileManager.default.removeItem(atPath: file) }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, file, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            let argv = (["/usr/bin/tmux", "-L", socket, "-f", "/dev/null"] + arguments).map { strdup($0) } + [nil]
            defer { for p in argv { free(p) } }
            var pid: pid_t = 0
            guard posix_spawn(&pid, "/usr/bin/tmux", &actions, nil, argv, environ) == 0 else {
                Issue.record("cannot start tmux")
                return ""
            }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            return (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        }

        func screen() throws -> String { try self("capture-pane", "-p", "-t", "w") }

        /// Waits (polling, 15 s at most) until the screen satisfies `condition`; the last screen.
        func wait(_ what: String, _ condition: (String) -> Bool) throws -> String {
            let deadline = Date().addingTimeInterval(15)
            var shown = ""
            while Date() < deadline {
                shown = try screen()
                if condition(shown) { return shown }
                usleep(100_000)
            }
            Issue.record("timed out waiting for \(what); the screen:\n\(shown)")
            return shown
        }
    }

    /// A folder with one Claude Code session of samples/ in it, and a cache of its own.
    static func logs() throws -> (dir: String, log: String) {
        let dir = NSTemporaryDirectory() + "usagelens-watch-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir + "/logs", withIntermediateDirectories: true)
        let log = dir + "/logs/s.jsonl"
        try FileManager.default.copyItem(
            atPath: CLI.root + "/samples/claude/projects/-home-dev-webapp/ea3e3701-038d-4574-9ad1-3d364f06d98c.jsonl",
            toPath: log)
        return (dir, log)
    }

    /// The session's last line as a new request at 19:00 with 50,000 output tokens.
    static func appendRequest(to log: String) throws {
        let text = try String(contentsOfFile: log, encoding: .utf8)
        var line = String(text.split(separator: "\n").last!)
        for (old, new) in [
            ("\"uuid\":\"4b58e82e-faac-4740-98d4-39c4046bf844\"", "\"uuid\":\"new-uuid-1\""),
            ("\"requestId\":\"req_011CqucIaLQElhHmc2tCWz0d\"", "\"requestId\":\"req_new_1\""),
            ("\"timestamp\":\"2025-10-14T18:34:18.273Z\"", "\"timestamp\":\"2025-10-14T19:00:00.000Z\""),
            ("\"output_tokens\":8,", "\"output_tokens\":50000,"),
        ] {
            #expect(line.contains(old))
            line = line.replacing(old, with: new)
        }
        line = line.replacing(#/"id":"msg_[A-Za-z0-9]+"/#, with: "\"id\":\"msg_new_1\"")
        let handle = FileHandle(forWritingAtPath: log)!
        handle.seekToEndOfFile()
        handle.write(Data((line + "\n").utf8))
        handle.closeFile()
    }

    /// Ends the test's tmux server: `kill-server`, then its process by the pid it gave (a server that has not
    /// gone by then would outlive the test).
    func stop(_ tmux: Tmux, server: pid_t?) {
        _ = try? tmux("kill-server")
        if let server, server > 0 { kill(server, SIGKILL) }
    }

    /// Starts the test's tmux server with a shell in a 100x30 window and types `command` into it; the server's pid.
    func start(_ tmux: Tmux, in dir: String, _ command: String) throws -> pid_t? {
        try tmux("new-session", "-d", "-s", "w", "-x", "100", "-y", "30", "sh")
        let server = pid_t(try tmux("display-message", "-p", "-t", "w", "#{pid}").trimmingCharacters(in: .whitespacesAndNewlines))
        try tmux("send-keys", "-t", "w", "cd \(Terminal.quoted(dir)) && echo marker-before", "Enter")
        try tmux(
            "send-keys", "-t", "w",
            "NO_COLOR=1 TZ=UTC USAGELENS_CACHE_DIR=\(Terminal.quoted(dir + "/cache")) \(Terminal.quoted(CLI.binary)) \(command)",
            "Enter")
        return server
    }

    @Test("blocks --watch: redrawn when the log grows; Ctrl-C restores the screen and exits 0")
    func blocks() throws {
        let (dir, log) = try Self.logs()
        let tmux = Tmux()
        var server: pid_t?
        defer {
            stop(tmux, server: server)
            try? FileManager.default.removeItem(atPath: dir)
        }
        server = try start(tmux, in: dir, "blocks --watch --interval 0.3 --now 2025-10-14T20:00:00Z logs/")
        let before = try tmux.wait("the first frame") { $0.contains("ACTIVE 3h 0m left") }
        #expect(before.hasPrefix("Every 0.3s, as of 2025-10-14T20:00:00Z · Ctrl-C to quit"))
        #expect(before.contains("1,305") && !before.contains("51,308"))
        #expect(!before.contains("marker-before"), "the alternate screen")
        try Self.appendRequest(to: log)
        let after = try tmux.wait("the appended request") { $0.contains("51,308") }
        #expect(after.contains("Total                                                              51,410"))
        try tmux("send-keys", "-t", "w", "C-c")
        let restored = try tmux.wait("the shell's screen") { $0.contains("marker-before") && !$0.contains("Ctrl-C to quit") }
        #expect(!restored.contains("51,308"))
        try tmux("send-keys", "-t", "w", "echo status=$?", "Enter")
        _ = try tmux.wait("the exit status") { $0.contains("status=0") }
    }

    @Test("status --watch draws the dashboard and quits on Ctrl-C")
    func status() throws {
        let (dir, _) = try Self.logs()
        let tmux = Tmux()
        var server: pid_t?
        defer {
            stop(tmux, server: server)
            try? FileManager.default.removeItem(atPath: dir)
        }
        server = try start(tmux, in: dir, "status --watch --interval 0.5 --now 2025-10-14T20:00:00Z logs/")
        let frame = try tmux.wait("the dashboard") { $0.contains("window") && $0.contains("Ctrl-C to quit") }
        #expect(frame.contains("anthropic"))
        try tmux("send-keys", "-t", "w", "C-c")
        _ = try tmux.wait("the shell's screen") { $0.contains("marker-before") && !$0.contains("Ctrl-C to quit") }
    }

    @Test("--interval out of range is a usage error")
    func interval() throws {
        let result = try CLI.run(["blocks", "--watch", "--interval", "0", "samples/"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--interval must be between 0.1 and 3600 seconds"))
    }
}
