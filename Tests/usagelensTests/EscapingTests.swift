import Foundation
import Testing

/// Control characters in log text (model names, users, agents, paths) reach a table, Markdown or CSV escaped, so
/// they can neither drive the terminal nor break rows; JSON keeps them exactly (JSON escaping).
@Suite struct EscapingTests {
    /// A folder holding one file whose name has an ESC sequence and a newline, with an OpenAI response whose model
    /// name has the same, and an agentkit record with a tab, a C1 CSI (U+009B), a DEL and a comma.
    static func logs() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("escaping-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let lines = [
            #"{"object":"chat.completion","id":"c1","created":1760430000,"model":"gpt-4o\n\u001b[31mRED","usage":{"prompt_tokens":1,"completion_tokens":2}}"#,
            #"{"agent_name":"a\tb","model":"gpt-4o","prompt_tokens":10,"completion_tokens":5,"cost":0.1,"timestamp":"2025-10-14T10:00:00Z","user_id":"u\u009b31m\u007f,x"}"#,
        ]
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: dir.appendingPathComponent("in\u{1B}[1mj\nx.jsonl"))
        return dir.path
    }

    /// C0 controls but the line feeds that end lines, DEL, and C1 controls.
    static func controls(_ text: String) -> [UInt32] {
        text.unicodeScalars.map(\.value).filter { ($0 < 0x20 && $0 != 0x0A) || (0x7F...0x9F).contains($0) }
    }

    @Test(
        "tables, Markdown and CSV show control characters escaped and keep one line per row",
        arguments: [
            (["models"], 7), (["models", "--format", "markdown"], 7), (["models", "--format", "csv"], 3),
            (["top", "users"], 6), (["top", "agents", "--format", "csv"], 3), (["check"], 6),
            (["check", "--format", "markdown"], 6), (["check", "--format", "csv"], 2), (["export"], 3),
        ])
    func escaped(arguments: [String], lines: Int) throws {
        let dir = try Self.logs()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try CLI.run(arguments + [dir])
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        #expect(Self.controls(result.stdout).isEmpty, "\(arguments): \(result.stdout)")
        #expect(result.stdout.split(separator: "\n", omittingEmptySubsequences: false).count == lines + 1, "\(arguments): \(result.stdout)")
        let shown = ["gpt-4o\\n\\u{1B}[31mred", "in\\u{1B}[1mj\\nx.jsonl", "u\\u{9B}31m\\u{7F}", "a\\tb"]
        #expect(shown.contains { result.stdout.contains($0) }, "\(arguments): \(result.stdout)")
    }

    @Test("the status dashboard shows a model name with its ESC sequence escaped")
    func statusDashboard() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("escaping-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let line = #"{"agent_name":"a","model":"evil\u001b[2Jmodel","prompt_tokens":10,"completion_tokens":5,"cost":5,"timestamp":"2025-10-14T10:00:00Z"}"#
        try Data((line + "\n").utf8).write(to: dir.appendingPathComponent("s.jsonl"))
        let result = try CLI.run(["status", "--now", "2025-10-14T10:30:00Z", "--tz", "UTC", dir.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.controls(result.stdout).isEmpty, "\(result.stdout)")
        #expect(result.stdout.contains("evil\\u{1B}[2jmodel"), "\(result.stdout)")
    }

    @Test("export CSV stays RFC 4180: a field with a comma is quoted, every row has every column")
    func exportCSV() throws {
        let dir = try Self.logs()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try CLI.run(["export", dir])
        let rows = result.stdout.split(separator: "\n").map(String.init)
        #expect(rows.count == 3)
        #expect(rows[2].contains(",\"u\\u{9B}31m\\u{7F},x\","))
        #expect(rows[1].contains(",gpt-4o\\n\\u{1B}[31mred,"))
        // No field of these rows holds a quote, so unquoted commas separate exactly the columns.
        let columns = rows[0].split(separator: ",", omittingEmptySubsequences: false).count
        for row in rows.dropFirst() {
            #expect(row.replacing(/"[^"]*"/, with: "").split(separator: ",", omittingEmptySubsequences: false).count == columns)
        }
    }

    @Test("JSON keeps log text exactly")
    func jsonExact() throws {
        let dir = try Self.logs()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let models = try CLI.json(["models", "--json", dir])["models"] as? [[String: Any]] ?? []
        #expect(models.compactMap { $0["model"] as? String }.contains("gpt-4o\n\u{1B}[31mred"))
        let result = try CLI.run(["export", "--format", "ndjson", dir])
        let events = try result.stdout.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
        #expect(events.compactMap { $0["raw_model"] as? String }.contains("gpt-4o\n\u{1B}[31mRED"))
        #expect(events.compactMap { $0["user_id"] as? String }.contains("u\u{9B}31m\u{7F},x"))
        #expect(events.compactMap { $0["file"] as? String }.allSatisfy { $0.hasSuffix("in\u{1B}[1mj\nx.jsonl") })
    }
}
