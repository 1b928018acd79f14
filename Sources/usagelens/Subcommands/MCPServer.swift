import ArgumentParser

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct MCPServer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve the reports to agents as Model Context Protocol tools over stdio (daily, weekly, monthly, models, sessions, blocks, status).",
        discussion: "Each tool takes the report's filters and time options as arguments and returns its --json output. Register with: claude mcp add usagelens -- usagelens mcp")

    /// The server's binary, built and installed beside this one (`Sources/usagelens-mcp`): the MCP SDK links
    /// FoundationNetworking and libcurl, which every other command would otherwise load at each start.
    static let serverName = "usagelens-mcp"

    func run() throws {
        let candidates = Self.candidates()
        for path in candidates where access(path, X_OK) == 0 {
            var argv: [UnsafeMutablePointer<CChar>?] = [strdup(path), strdup(UsageLens.configuration.version), nil]
            execv(path, &argv)
            // Only reached when the exec failed: say so below, with the reason.
            let reason = String(cString: strerror(errno))
            throw ValidationError("cannot run \(path) (\(reason))")
        }
        throw ValidationError(
            "the MCP server is a binary of its own, \(Self.serverName), and none was found beside this one (\(candidates.first ?? Self.serverName)); build it with `swift build -c release --product \(Self.serverName)` and install it next to usagelens")
    }

    /// Where the server may be: beside the running binary (its real path, then the path it was started by).
    static func candidates() -> [String] {
        var paths: [String] = []
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if n > 0 {
            let exe = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            paths.append(sibling(of: exe))
        }
        let started = CommandLine.arguments[0]
        if started.contains("/") { paths.append(sibling(of: started)) }
        return paths.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }

    static func sibling(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return serverName }
        return String(path[...slash]) + serverName
    }
}
