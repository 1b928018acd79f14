// `usagelens mcp` runs this binary (`Subcommands/MCPServer.swift` of usagelens): the Model Context Protocol
// server lives apart because the MCP SDK links FoundationNetworking, and with it libcurl and some thirty
// libraries that every start of every other command would load and relocate (about 8 ms a run, measured in
// docs/architecture.md). Its one argument is the version usagelens reports.
import Dispatch
import UsageLensMCP

#if canImport(Glibc)
    import Glibc
#endif

let version = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "unknown"
// The server is async; run it on the concurrency pool (detached: top-level code is the main actor, which
// the wait below blocks) and wait here.
let done = DispatchSemaphore(value: 0)
nonisolated(unsafe) var failure: (any Error)?
Task.detached {
    do { try await UsageLensServer.serve(version: version) } catch { failure = error }
    done.signal()
}
done.wait()
if let failure {
    let message = Array("usagelens mcp: \(failure)\n".utf8)
    _ = message.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(1)
}
