import ArgumentParser
import CMalloc
import Foundation

@main
struct UsageLens: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usagelens",
        abstract: "Analyze LLM usage logs: spend per model, day, week and month, from plain or zstd-compressed JSONL.",
        discussion: """
            Reads Claude Code sessions, Codex CLI rollouts, OpenAI and Anthropic API responses, agentkit usage records,
            gateway sessions, LiteLLM spend logs, Gemini CLI chats and distri rows (plain or .zst; formats may mix in
            one file), de-duplicates streamed and copied events, prices them from the built-in LiteLLM table (or
            --pricing FILE) and reports. Without a subcommand, 'daily' runs.
            """,
        version: "0.1.0",
        subcommands: [Daily.self, Hourly.self, Weekly.self, Monthly.self, Models.self, Sessions.self, Top.self, Export.self, Pricing.self, Blocks.self, Status.self, StatusLineCommand.self, Check.self, Report.self, MCPServer.self, Shard.self, Files.self, Cache.self, Endpoint.self],
        defaultSubcommand: Daily.self)

    static func main() {
        Output.reserveStandardDescriptors()
        signal(SIGPIPE, SIG_IGN)
        // glibc's allocator, tuned for a table that grows to its peak once (measured on the 1 GiB bench corpus):
        // - a fixed mmap threshold: glibc otherwise raises it to the largest block freed (a zstd window, 2 MiB
        //   and more), after which such blocks come from a heap and stay there when freed (.zst, 2 threads:
        //   peak RSS 45.0 -> 40.8 MB);
        // - one arena: per-thread arenas each keep their own freed memory (plain, 2 threads: 41.3 -> 39.0 MB).
        //   Workers allocate a few thousand times in a whole run, so they do not contend for it (times equal).
        usagelens_tune_malloc(256 << 10, 1)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            // Printed here rather than by `exit(withError:)`, so that help, version and usage errors take the same
            // writes as reports: a failed stdout says so, a closed stderr cannot trap.
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { Output.write(message + "\n") }
                Foundation.exit(0)
            }
            if !message.isEmpty { Output.writeError(message + "\n") }
            // ArgumentParser ends usage errors with 64 (EX_USAGE); usagelens promises 2 (DESIGN 7).
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
