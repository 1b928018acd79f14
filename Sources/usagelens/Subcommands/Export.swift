import ArgumentParser
import UsageLensCore

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Normalised events, one per row, after de-duplication and filters (CSV, JSON or NDJSON).",
        discussion: """
            Columns: agentkit's export columns first (timestamp, agent_name, model, prompt_tokens, completion_tokens,
            total_tokens, cost, latency_ms, user_id, department_id), then provider, raw_model, format, session, project,
            thread, account, the token columns, calls, logged_cost_usd, cost_known, unpriced, file and line.
            prompt_tokens is the uncached input; cache tokens have their own columns.
            """)
    @OptionGroup(title: "Input options") var input: InputOptions
    @OptionGroup(title: "Time options") var time: TimeOptions
    @OptionGroup var output: OutputOptions<ExportFormats>

    func run() throws {
        try Frontend.report(.export, input: input, time: time, format: output.effectiveFormat, layout: output.layout)
    }
}
