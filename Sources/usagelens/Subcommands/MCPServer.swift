import ArgumentParser
import Dispatch
import UsageLensMCP

struct MCPServer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve the reports to agents as Model Context Protocol tools over stdio (daily, weekly, monthly, models, sessions, blocks, status).",
        discussion: "Each tool takes the report's filters and time options as arguments and returns its --json output. Register with: claude mcp add usagelens -- usagelens mcp")

    func run() throws {
        // The server is async; the command line is not: run it on the concurrency pool and wait here.
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var failure: (any Error)?
        Task {
            do { try await UsageLensServer.serve(version: UsageLens.configuration.version) } catch { failure = error }
            done.signal()
        }
        done.wait()
        if let failure { throw failure }
    }
}
