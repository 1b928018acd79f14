import MCP
import UsageLensCore

/// `usagelens mcp`: the reports as Model Context Protocol tools over stdio (JSON-RPC, one message a line).
///
/// tools/list lists `ReportTool`'s cases; tools/call runs one through the same plan as the command line (the
/// per-file cache included) and answers with its `--json` text, then its warnings as a second text, if any.
/// A report that cannot be built is a tool error (`isError`), with the message the command would print.
public enum UsageLensServer {
    /// Serves on stdin and stdout until the client closes stdin.
    public static func serve(version: String) async throws {
        let server = Server(
            name: "usagelens", version: version, title: "usagelens",
            instructions: "LLM usage and cost from local logs (Claude Code, Codex, Gemini CLI, API and gateway logs). Each tool returns the JSON of the usagelens command of the same name; paths default to the standard log folders.",
            capabilities: .init(tools: .init(listChanged: false)))
        await server.withMethodHandler(ListTools.self) { _ in
            ListTools.Result(tools: ReportTool.allCases.map(\.tool))
        }
        await server.withMethodHandler(CallTool.self) { params in
            guard let tool = ReportTool(rawValue: params.name) else {
                let names = ReportTool.allCases.map(\.rawValue).joined(separator: ", ")
                return CallTool.Result(content: [text("unknown tool '\(params.name)' (tools: \(names))")], isError: true)
            }
            do {
                let (json, warnings) = try tool.call(params.arguments)
                var content: [Tool.Content] = [text(json)]
                if !warnings.isEmpty { content.append(text(warnings.map { "warning: " + $0 }.joined(separator: "\n"))) }
                return CallTool.Result(content: content, isError: false)
            } catch let error as UsageLensError {
                return CallTool.Result(content: [text(error.description)], isError: true)
            }
        }
        try await server.start(transport: StdioTransport())
        await server.waitUntilCompleted()
    }

    /// A text content item.
    static func text(_ text: String) -> Tool.Content { .text(text: text, annotations: nil, _meta: nil) }
}
