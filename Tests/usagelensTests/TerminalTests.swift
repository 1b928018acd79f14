import Foundation
import Testing

@testable import UsageLensCore

/// Every table report on a terminal 80, 120 and 200 columns wide (a pty), against golden files: no line wider
/// than the terminal, the totals intact. Piped output stays the full table (GoldenTests).
@Suite struct TerminalTests {
    static let reports: [(String, [String])] = [
        ("daily", ["daily", "--tz", "UTC", "samples/"]),
        ("daily-breakdown", ["daily", "--breakdown", "--tz", "UTC", "samples/"]),
        ("hourly", ["hourly", "--tz", "UTC", "--since", "2025-10-14", "--until", "2025-10-14", "samples/"]),
        ("hourly-breakdown", ["hourly", "--breakdown", "--tz", "UTC", "--since", "2025-10-16", "--until", "2025-10-16", "samples/"]),
        ("weekly", ["weekly", "--tz", "UTC", "samples/"]),
        ("weekly-breakdown", ["weekly", "--breakdown", "--tz", "UTC", "samples/"]),
        ("monthly", ["monthly", "--tz", "UTC", "samples/"]),
        ("monthly-breakdown", ["monthly", "--breakdown", "--tz", "UTC", "samples/"]),
        ("models", ["models", "samples/"]),
        ("sessions", ["sessions", "--tz", "UTC", "samples/"]),
        ("top-users", ["top", "users", "samples/"]),
        ("top-accounts", ["top", "accounts", "samples/"]),
        ("blocks", ["blocks", "--tz", "UTC", "--now", "2025-10-17T01:30:00Z", "--token-limit", "p90", "--cost-limit", "1", "samples/"]),
        ("blocks-active", ["blocks", "--active", "--tz", "UTC", "--now", "2025-10-16T23:30:00Z", "samples/"]),
        ("check", ["check", "samples/"]),
        ("pricing-resolve", ["pricing", "claude-sonnet-4-5-20250929", "openai/gpt-4o-2024-08-06", "anthropic.claude-3-5-haiku-20241022-v1:0", "gemini-2.5-pro", "llama3:8b", "no-such-model"]),
    ]

    static let widths = [80, 120, 200]

    static var cases: [(String, [String], Int)] {
        reports.flatMap { report in widths.map { (report.0, report.1, $0) } }
    }

    /// The lines of `screen` wider than `columns` display columns.
    static func overflowing(_ screen: String, _ columns: Int) -> [String] {
        screen.split(separator: "\n").map(String.init).filter { DisplayWidth.of($0) > columns }
    }

    @Test(arguments: cases)
    func fitted(name: String, arguments: [String], columns: Int) throws {
        // Warnings (the samples' malformed lines) go to the terminal too: the golden is the whole screen, the
        // width check is the table's (stderr's warning is one long line the terminal wraps).
        let run = try Terminal.run(arguments, columns: columns, shellSuffix: " 2>/dev/null")
        #expect(run.status == 0, "\(arguments)")
        let table = run.screen
        #expect(Self.overflowing(table, columns).isEmpty, "\(name) at \(columns): \(Self.overflowing(table, columns))")
        // The numbers stay whole: the piped table's totals row has every figure the fitted one shows.
        let piped = try CLI.run(arguments).stdout
        if let totals = piped.split(separator: "\n").first(where: { $0.hasPrefix("Total") || $0.hasPrefix("   All") }) {
            for figure in totals.split(separator: " ") where figure.first?.isNumber == true || figure.first == "$" {
                if table.contains("Left out") { continue }
                #expect(table.contains(figure), "\(name) at \(columns): \(figure)")
            }
            if let cost = totals.split(separator: " ").last(where: { $0.hasPrefix("$") }) {
                #expect(table.contains(cost), "the cost total shows at every width")
            }
        }
        try FileManager.default.createDirectory(atPath: Golden.directory + "/terminal", withIntermediateDirectories: true)
        Golden.check("terminal/\(name)-\(columns).txt", table)
    }

    @Test("the whole price table fits 80 columns")
    func priceTable() throws {
        let run = try Terminal.run(["pricing"], columns: 80, shellSuffix: " 2>/dev/null")
        #expect(run.status == 0)
        #expect(run.screen.split(separator: "\n").count > 100)
        #expect(Self.overflowing(run.screen, 80).isEmpty, "\(Self.overflowing(run.screen, 80).prefix(3))")
    }

    @Test("--wide on a terminal prints the piped table")
    func wide() throws {
        let arguments = ["daily", "--tz", "UTC", "samples/"]
        let run = try Terminal.run(arguments + ["--wide"], columns: 80, shellSuffix: " 2>/dev/null")
        #expect(run.screen == (try CLI.run(arguments).stdout))
    }

    @Test("--compact fits a pipe too: COLUMNS wide, without the detail columns")
    func compactPiped() throws {
        let result = try CLI.run(["models", "--compact", "samples/"], environment: ["COLUMNS": "70"])
        #expect(result.status == 0)
        #expect(Self.overflowing(result.stdout, 70).isEmpty)
        #expect(result.stdout.hasPrefix("Model                Input   Output  Cost (USD)\n"))
        #expect(result.stdout.contains("Left out by --compact: Provider, Cache Create, Cache Read, Total\n"))
        #expect(result.stdout.contains("\nTotal              772,473"), "the totals label moves to the first column shown")
        let wide = try CLI.run(["models", "--wide", "--compact", "samples/"])
        #expect(wide.status == 2)
        #expect(wide.stderr.contains("--wide and --compact exclude each other"))
    }

    @Test("without a terminal width (ws_col 0) COLUMNS says it")
    func columnsFallback() throws {
        let run = try Terminal.run(
            ["models", "samples/"], columns: 0, environment: ["COLUMNS": "60"], shellSuffix: " 2>/dev/null")
        #expect(Self.overflowing(run.screen, 60).isEmpty)
        #expect(run.screen.contains("Left out to fit 60 columns"))
    }
}
