import ArgumentParser
import UsageLensCore

/// The shapes `export` writes.
enum ExportFormat: String, CaseIterable, ExpressibleByArgument {
    case csv, json, ndjson
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Normalised events, one per row, after de-duplication and filters (CSV, JSON or NDJSON).",
        discussion: """
            Columns: agentkit's export columns first (timestamp, agent_name, model, prompt_tokens, completion_tokens,
            total_tokens, cost, latency_ms, user_id, department_id), then provider, raw_model, format, session, project,
            thread, account, the token columns, calls, logged_cost_usd, cost_known, unpriced, file and line.
            prompt_tokens is the uncached input; cache tokens have their own columns.
            """)
    @OptionGroup(title: "Input options") var input: InputOptions
    @OptionGroup(title: "Time options") var time: TimeOptions

    @Option(help: "csv, json (one array) or ndjson (one object per line).")
    var format: ExportFormat = .csv

    @Flag(help: "Short for --format json.")
    var json = false

    func run() throws {
        try Output.run {
            let calendar = try time.calendar()
            let filter = try time.filter(calendar)
            let analysis = Analysis.run(try input.plan())
            let files = analysis.ingest.files.map(\.path)
            let rows = filter.rows(analysis.events)
            let offset = calendar.offsetSeconds(at:)
            // Written in pieces: an export of millions of events is never one string.
            var buffer = ""
            func flush(_ force: Bool = false) {
                if force || buffer.utf8.count > 1 << 16 {
                    Output.write(buffer)
                    buffer = ""
                }
            }
            switch json ? .json : format {
            case .csv:
                buffer += ExportViews.columns.joined(separator: ",") + "\n"
                for i in rows {
                    buffer += ExportViews.csvLine(ExportViews.row(analysis.events, i, files: files, offset: offset).map(\.1))
                    flush()
                }
            case .ndjson:
                for i in rows {
                    buffer += JSONValue.object(ExportViews.row(analysis.events, i, files: files, offset: offset)).rendered(indent: 0) + "\n"
                    flush()
                }
            case .json:
                buffer += "["
                for (n, i) in rows.enumerated() {
                    buffer += (n == 0 ? "\n" : ",\n")
                        + JSONValue.object(ExportViews.row(analysis.events, i, files: files, offset: offset)).rendered(indent: 0)
                    flush()
                }
                buffer += rows.isEmpty ? "]\n" : "\n]\n"
            }
            flush(true)
            try Output.reportProblems(analysis, strict: input.strict)
        }
    }
}
