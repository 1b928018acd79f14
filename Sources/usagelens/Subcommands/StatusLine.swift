import ArgumentParser
import Foundation
import UsageLensCore

struct StatusLineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statusline",
        abstract: "One line for Claude Code's status line: model, session, today's and the active block's cost, burn rate, context.",
        discussion: """
            Reads Claude Code's status JSON on stdin (session_id, model, workspace, ...) and the logs (default: the
            Claude Code and Codex folders) through the cache. Enable it in ~/.claude/settings.json:
              "statusLine": {"type": "command", "command": "usagelens statusline"}
            When something is missing it prints a short line saying what, never a list of errors.
            """)
    @OptionGroup(title: "Input options") var input: InputOptions

    @Option(help: ArgumentHelp("IANA time zone of 'today' (default: the system zone).", valueName: "zone"))
    var tz: String?

    @OptionGroup var clock: ClockOption<ReportClock>

    @Option(help: ArgumentHelp(
        "The parts to show, in order, comma-separated: \(StatusLinePart.allCases.map(\.rawValue).joined(separator: ",")).",
        valueName: "parts"))
    var show = StatusLinePart.allCases.map(\.rawValue).joined(separator: ",")

    @Flag(help: "No emoji.")
    var plain = false

    @Flag(help: "The figures as JSON.")
    var json = false

    /// The parts `--show` names.
    var parts: [StatusLinePart] {
        get throws {
            try show.split(separator: ",").map { name in
                guard let part = StatusLinePart(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError(
                        "unknown part '\(name)' in --show; use some of: \(StatusLinePart.allCases.map(\.rawValue).joined(separator: ","))")
                }
                return part
            }
        }
    }

    func validate() throws {
        _ = try parts
        if let now = clock.now, Timestamp.parse(now) == nil {
            throw ValidationError("--now must be an RFC 3339 instant such as 2025-10-14T12:00:00Z (got '\(now)')")
        }
        if input.paths.contains("-") {
            throw ValidationError("statusline reads Claude Code's JSON on stdin: give log paths, not '-'")
        }
    }

    func run() throws {
        try Frontend.statusLine(
            input: input, zone: tz, now: clock.now, parts: try parts, plain: plain, format: json ? .json : .table)
    }
}
