import Foundation
import Testing

/// Every command on samples/, in every format, against golden files; and each command's full help text.
@Suite struct GoldenTests {
    static let cases: [(String, [String])] = [
        ("daily.txt", ["daily", "--tz", "UTC", "samples/"]),
        ("daily-breakdown.txt", ["daily", "--breakdown", "--tz", "UTC", "samples/"]),
        ("daily-kolkata.json", ["daily", "--json", "--tz", "Asia/Kolkata", "samples/"]),
        ("daily.csv", ["daily", "--format", "csv", "--tz", "UTC", "samples/"]),
        ("daily.md", ["daily", "--format", "markdown", "--tz", "UTC", "samples/"]),
        ("default-command.txt", ["--tz", "UTC", "samples/"]),
        ("hourly.json", ["hourly", "--json", "--tz", "UTC", "--since", "2025-10-14", "--until", "2025-10-14", "samples/"]),
        ("hourly.txt", ["hourly", "--tz", "Europe/Berlin", "samples/"]),
        ("weekly.txt", ["weekly", "--tz", "UTC", "samples/"]),
        ("weekly-sunday.json", ["weekly", "--week-start", "sunday", "--json", "--tz", "America/New_York", "samples/"]),
        ("monthly.json", ["monthly", "--json", "--tz", "UTC", "samples/"]),
        ("monthly.csv", ["monthly", "--format", "csv", "--tz", "UTC", "samples/"]),
        ("models.txt", ["models", "samples/"]),
        ("models.json", ["models", "--json", "samples/"]),
        ("models.csv", ["models", "--format", "csv", "samples/"]),
        ("daily-filtered.json", ["daily", "--json", "--tz", "Asia/Kolkata", "--since", "2025-10-15", "--provider", "claude", "--project", "webapp", "samples/"]),
        ("models-pipeline-rates.json", ["models", "--json", "--pricing", "Tests/usagelensTests/Fixtures/pipeline-rates.json", "samples/"]),
        ("models-display.json", ["models", "--json", "--cost-mode", "display", "samples/"]),
        ("blocks.txt", ["blocks", "--tz", "UTC", "--now", "2025-10-17T01:30:00Z", "--token-limit", "p90", "--cost-limit", "1", "samples/"]),
        ("blocks.json", ["blocks", "--json", "--tz", "Asia/Kolkata", "--now", "2025-10-16T23:30:00Z", "--token-limit", "20000", "--output-token-limit", "5000", "--message-limit", "40", "samples/"]),
        ("blocks-active.txt", ["blocks", "--active", "--tz", "UTC", "--now", "2025-10-16T23:30:00Z", "--session-length", "3", "samples/"]),
        ("status.txt", ["status", "--tz", "UTC", "--now", "2025-10-16T23:30:00Z", "--token-limit", "20000", "--cost-limit", "2", "samples/"]),
        ("status-openai.json", ["status", "--json", "--provider", "codex", "--now", "2025-10-16T23:30:00Z", "--token-limit", "20000", "--output-token-limit", "4000", "--message-limit", "10", "samples/"]),
        ("status-statusfile.json", ["status", "--json", "--now", "2025-10-16T23:30:00Z", "--status", "Tests/usagelensTests/Fixtures/pipeline-status.json", "samples/"]),
        ("status-statusfile.txt", ["status", "--tz", "UTC", "--now", "2025-10-16T23:30:00Z", "--status", "Tests/usagelensTests/Fixtures/pipeline-status.json", "samples/"]),
        ("sessions.txt", ["sessions", "--tz", "UTC", "samples/"]),
        ("sessions.json", ["sessions", "--json", "--tz", "UTC", "--provider", "google", "samples/"]),
        ("top-users.txt", ["top", "users", "samples/"]),
        ("top-departments.md", ["top", "departments", "--by", "tokens", "--format", "markdown", "samples/"]),
        ("top-models.json", ["top", "models", "--by", "calls", "--limit", "3", "--json", "samples/"]),
        ("top-agents.csv", ["top", "agents", "--format", "csv", "samples/"]),
        ("top-accounts.txt", ["top", "accounts", "--user", "u-alice", "--user", "u-bob", "samples/"]),
        ("top-threads.json", ["top", "threads", "--json", "--since", "2025-10-15", "--tz", "UTC", "samples/"]),
        ("export.csv", ["export", "--tz", "UTC", "samples/openai/", "samples/gemini/"]),
        ("export.ndjson", ["export", "--format", "ndjson", "--tz", "UTC", "samples/litellm/"]),
        ("export.json", ["export", "--format", "json", "--tz", "UTC", "--department", "eng", "samples/agentkit/"]),
        ("pricing-resolve.txt", ["pricing", "claude-sonnet-4-5-20250929", "openai/gpt-4o-2024-08-06", "anthropic.claude-3-5-haiku-20241022-v1:0", "gemini-2.5-pro", "llama3:8b", "no-such-model"]),
        ("pricing-resolve.json", ["pricing", "--json", "--pricing", "Tests/usagelensTests/Fixtures/pipeline-rates.json", "gpt-4o", "o3", "claude-opus-4-1"]),
        ("models-breakdown.md", ["models", "--format", "markdown", "samples/"]),
        ("check.md", ["check", "--format", "markdown", "samples/"]),
        ("endpoint-agentkit-summary.json", ["endpoint", "agentkit.summary", "samples/agentkit/"]),
        ("endpoint-agentkit-timeseries.json", ["endpoint", "agentkit.timeseries", "--interval", "hour", "samples/"]),
        ("endpoint-agentkit-export.csv", ["endpoint", "agentkit.export", "--department-id", "eng", "samples/agentkit/"]),
        ("endpoint-distri-usage-stats.json", ["endpoint", "distri.usage-stats", "--now", "2025-10-20T00:00:00Z", "--bucket", "week", "samples/distri/"]),
        ("check.txt", ["check", "samples/"]),
        ("check.json", ["check", "--json", "samples/"]),
        ("check.csv", ["check", "--format", "csv", "samples/"]),
        ("report.html", ["report", "--output", "-", "--tz", "Europe/Berlin", "--now", "2025-10-16T23:30:00Z", "--token-limit", "p90", "--cost-limit", "2", "samples/"]),
        ("report-filtered.html", ["report", "-o", "-", "--tz", "Asia/Kolkata", "--now", "2025-10-17T01:30:00Z", "--since", "2025-10-15", "--provider", "claude", "samples/"]),
    ]

    @Test(arguments: cases)
    func command(name: String, arguments: [String]) throws {
        // `check` shows how each file was read: on an empty cache of its own, every file is a miss.
        let empty = NSTemporaryDirectory() + "usagelens-golden-cache-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let result = try CLI.run(arguments, environment: arguments.first == "check" ? ["USAGELENS_CACHE_DIR": empty] : [:])
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        Golden.check(name, result.stdout)
    }

    static let helpCommands: [String] = [
        "", "daily", "hourly", "weekly", "monthly", "models", "sessions", "top", "export", "pricing", "blocks", "status", "check",
        "report", "mcp", "shard", "files", "endpoint", "statusline",
    ]

    @Test(arguments: helpCommands)
    func help(command: String) throws {
        let result = try CLI.run(command.isEmpty ? ["--help"] : [command, "--help"])
        #expect(result.status == 0)
        Golden.check("help-\(command.isEmpty ? "usagelens" : command).txt", result.stdout)
    }
}
