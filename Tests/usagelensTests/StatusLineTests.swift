import Foundation
import Synchronization
import Testing

/// `usagelens statusline`: Claude Code's status JSON on stdin, one line on stdout.
@Suite struct StatusLineTests {
    static let session = "d0ff7b40-951a-43e3-90a1-dd7a41faa82a"
    /// What Claude Code passes for a session of samples/ (its documented shape).
    static let input = """
        {"session_id":"\(session)","transcript_path":"samples/claude/projects/-home-dev-billing-api/\(session).jsonl.zst",\
        "cwd":"/home/dev/billing-api","model":{"id":"claude-opus-4-1","display_name":"Opus"},\
        "workspace":{"current_dir":"/home/dev/billing-api","project_dir":"/home/dev/billing-api"},"version":"1.0.80",\
        "output_style":{"name":"default"},"cost":{"total_cost_usd":0.7,"total_duration_ms":60000},\
        "context_window":{"context_window_size":200000}}
        """
    static let arguments = ["statusline", "--now", "2025-10-16T23:30:00Z", "--tz", "UTC", "samples/"]

    static func run(_ extra: [String] = [], stdin: String = input, environment: [String: String] = [:]) throws -> CLI.Result {
        try CLI.run(arguments + extra, environment: environment, stdin: Data(stdin.utf8))
    }

    @Test("a known session: golden line and JSON, nothing on stderr")
    func golden() throws {
        let text = try Self.run()
        #expect(text.status == 0)
        #expect(text.stderr.isEmpty, "no list of warnings: \(text.stderr)")
        #expect(text.stdout.split(separator: "\n").count == 1)
        Golden.check("statusline.txt", text.stdout)
        let json = try Self.run(["--json"])
        #expect(json.status == 0)
        Golden.check("statusline.json", json.stdout)
        let parts = try Self.run(["--show", "model,session,context", "--plain"])
        #expect(parts.stdout == "Opus | $0.69 session | 28,314 (14%)\n")
    }

    @Test("its session cost is what sessions --json says for that session")
    func sessionCostMatchesSessions() throws {
        let line = try JSONSerialization.jsonObject(with: Data(try Self.run(["--json"]).stdout.utf8)) as! [String: Any]
        let sessions = try CLI.json(["sessions", "--json", "--tz", "UTC", "samples/"])["sessions"] as! [[String: Any]]
        let row = sessions.first { $0["session_id"] as? String == Self.session }!
        #expect(line["session_cost_usd"] as! Double == row["cost_usd"] as! Double)
        #expect((line["session_cost_usd"] as! Double) > 0)
    }

    @Test(
        "empty or malformed stdin: one clear line, status 1, no crash",
        arguments: [
            ("", "no status JSON on stdin"), ("  \n", "no status JSON on stdin"), ("{nope", "stdin is not a JSON object"),
            ("[1,2]", "stdin is not a JSON object"), ("{} {}", "stdin is not a JSON object"),
            (#"{"model":{"id":"x"}}"#, "the status JSON has no session_id"), (#"{"session_id":7}"#, "no session_id"),
        ])
    func badInput(stdin: String, message: String) throws {
        let result = try Self.run(stdin: stdin)
        #expect(result.signal == nil)
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("🤖 usagelens: ") && result.stdout.contains(message), "\(result.stdout)")
        #expect(result.stdout.split(separator: "\n").count == 1)
        #expect(result.stderr.isEmpty)
    }

    @Test("a session the logs do not hold yet, and no logs at all: a short line, status 0")
    func missing() throws {
        let unknown = try Self.run(stdin: #"{"session_id":"not-yet-written"}"#)
        #expect(unknown.status == 0)
        #expect(unknown.stdout == "🤖 ? | 💰 N/A session / $7.86 today / $0.58 block (4h 30m left) | 🔥 $0.58/hr | 🧠 N/A\n")
        let empty = NSTemporaryDirectory() + "usagelens-statusline-empty-\(getpid())"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let none = try CLI.run(
            ["statusline", "--now", "2025-10-16T23:30:00Z"], environment: ["HOME": empty, "CLAUDE_CONFIG_DIR": "", "CODEX_HOME": empty],
            stdin: Data(Self.input.utf8))
        #expect(none.signal == nil)
        #expect(none.stdout.split(separator: "\n").count == 1, "\(none.stdout)")
        #expect(none.stdout.hasPrefix("🤖 "))
        #expect(none.stderr.isEmpty, "\(none.stderr)")
    }

    @Test("20 runs at once on one cold cache print the same line")
    func parallel() throws {
        let cache = NSTemporaryDirectory() + "usagelens-statusline-cache-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: cache) }
        let outputs = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 20) { _ in
            let result = try? Self.run(environment: ["USAGELENS_CACHE_DIR": cache])
            outputs.withLock { $0.append(result.map { "\($0.status) \($0.stdout) \($0.stderr)" } ?? "failed to run") }
        }
        let expected = "0 " + (try Self.run()).stdout + " "
        let seen = outputs.withLock { $0 }
        #expect(seen.count == 20)
        #expect(Set(seen) == [expected], "\(Set(seen))")
    }

    @Test("--show with an unknown part, and '-' as a path, are usage errors")
    func usage() throws {
        let bad = try Self.run(["--show", "model,weather"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("unknown part 'weather' in --show"))
        let dash = try CLI.run(["statusline", "-"], stdin: Data(Self.input.utf8))
        #expect(dash.status == 2)
    }
}
