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
        ("check.txt", ["check", "samples/"]),
        ("check.json", ["check", "--json", "samples/"]),
        ("check.csv", ["check", "--format", "csv", "samples/"]),
    ]

    @Test(arguments: cases)
    func command(name: String, arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        Golden.check(name, result.stdout)
    }

    static let helpCommands: [String] = ["", "daily", "hourly", "weekly", "monthly", "models", "blocks", "status", "check"]

    @Test(arguments: helpCommands)
    func help(command: String) throws {
        let result = try CLI.run(command.isEmpty ? ["--help"] : [command, "--help"])
        #expect(result.status == 0)
        Golden.check("help-\(command.isEmpty ? "usagelens" : command).txt", result.stdout)
    }
}
