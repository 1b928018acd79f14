import Foundation
import Testing

/// `usagelens mcp` as a client sees it: JSON-RPC over the binary's stdin and stdout (initialize, tools/list,
/// tools/call), each tool's answer equal to the command's `--json` output.
@Suite struct MCPServerTests {
    /// A running `usagelens mcp`: requests written one a line, responses read one a line.
    final class Session {
        let process = Process()
        let input = Pipe()
        let output = Pipe()
        var buffer: [UInt8] = []
        var nextID = 1

        init() throws {
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = ["mcp"]
            process.currentDirectoryURL = URL(fileURLWithPath: CLI.root)
            var environment = ProcessInfo.processInfo.environment
            environment["TZ"] = "UTC"
            environment["USAGELENS_CACHE_DIR"] = CLI.cacheDirectory
            environment.removeValue(forKey: "USAGELENS_PRICING_FILE")
            process.environment = environment
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            // A server that stops answering ends the test (reads see end of file) instead of hanging it.
            DispatchQueue.global().asyncAfter(deadline: .now() + 120) { [process] in
                if process.isRunning { process.terminate() }
            }
        }

        func send(_ message: [String: Any]) throws {
            var data = try JSONSerialization.data(withJSONObject: message)
            data.append(0x0A)
            try input.fileHandleForWriting.write(contentsOf: data)
        }

        /// The next line the server writes, parsed (read with read(2), retried on EINTR).
        func receive() throws -> [String: Any] {
            let fd = output.fileHandleForReading.fileDescriptor
            while !buffer.contains(0x0A) {
                var chunk = [UInt8](repeating: 0, count: 1 << 16)
                let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw CocoaError(.fileReadUnknown) }
                buffer += chunk[..<n]
            }
            let end = buffer.firstIndex(of: 0x0A)!
            let line = Data(buffer[..<end])
            buffer.removeSubrange(...end)
            return try JSONSerialization.jsonObject(with: line) as! [String: Any]
        }

        /// Sends request `method` and returns its response's result (or error) object.
        func request(_ method: String, _ params: [String: Any] = [:]) throws -> [String: Any] {
            let id = nextID
            nextID += 1
            try send(["jsonrpc": "2.0", "id": id, "method": method, "params": params])
            while true {
                let message = try receive()
                guard (message["id"] as? Int) == id else { continue }
                return message
            }
        }

        func close() throws {
            try input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
    }

    static func callText(_ session: Session, _ tool: String, _ arguments: [String: Any]) throws -> (text: String, isError: Bool) {
        let response = try session.request("tools/call", ["name": tool, "arguments": arguments])
        let result = response["result"] as! [String: Any]
        let content = result["content"] as! [[String: Any]]
        return (content[0]["text"] as! String, result["isError"] as? Bool ?? false)
    }

    @Test("initialize, tools/list and tools/call over stdio; each answer is the command's --json output")
    func session() throws {
        let session = try Session()
        let initialized = try session.request(
            "initialize",
            ["protocolVersion": "2025-06-18", "capabilities": [String: Any](), "clientInfo": ["name": "test", "version": "1"]])
        let info = (initialized["result"] as! [String: Any])["serverInfo"] as! [String: Any]
        #expect(info["name"] as? String == "usagelens")
        try session.send(["jsonrpc": "2.0", "method": "notifications/initialized"])

        let tools = (try session.request("tools/list")["result"] as! [String: Any])["tools"] as! [[String: Any]]
        #expect(tools.map { $0["name"] as! String } == ["daily", "weekly", "monthly", "models", "sessions", "blocks", "status"])
        let blocksSchema = (tools[5]["inputSchema"] as! [String: Any])["properties"] as! [String: Any]
        #expect(blocksSchema["token_limit"] != nil && blocksSchema["tz"] != nil && blocksSchema["paths"] != nil)

        let models = try Self.callText(session, "models", ["paths": ["samples/"]])
        #expect(!models.isError)
        #expect(models.text == (try CLI.run(["models", "--json", "samples/"])).stdout)

        let daily = try Self.callText(
            session, "daily",
            ["paths": ["samples/"], "tz": "Asia/Kolkata", "since": "2025-10-15", "provider": ["claude"], "project": "webapp"])
        #expect(daily.text == (try CLI.run(["daily", "--json", "--tz", "Asia/Kolkata", "--since", "2025-10-15", "--provider", "claude", "--project", "webapp", "samples/"])).stdout)

        let blocks = try Self.callText(
            session, "blocks",
            ["paths": ["samples/"], "tz": "UTC", "now": "2025-10-17T01:30:00Z", "token_limit": "p90", "cost_limit": 1])
        #expect(blocks.text == (try CLI.run(["blocks", "--json", "--tz", "UTC", "--now", "2025-10-17T01:30:00Z", "--token-limit", "p90", "--cost-limit", "1", "samples/"])).stdout)

        let status = try Self.callText(
            session, "status", ["paths": ["samples/"], "now": "2025-10-16T23:30:00Z", "provider": "codex", "token_limit": 20000])
        #expect(status.text == (try CLI.run(["status", "--json", "--now", "2025-10-16T23:30:00Z", "--provider", "codex", "--token-limit", "20000", "samples/"])).stdout)

        // Arguments that cannot be used are tool errors with the command's message; the session goes on.
        let zone = try Self.callText(session, "daily", ["paths": ["samples/"], "tz": "Mars/Olympus"])
        #expect(zone.isError)
        #expect(zone.text.contains("unknown time zone 'Mars/Olympus'"))
        let unknown = try Self.callText(session, "models", ["path": ["samples/"]])
        #expect(unknown.isError && unknown.text.contains("unknown argument 'path'"))
        let again = try Self.callText(session, "sessions", ["paths": ["samples/"], "tz": "UTC"])
        #expect(again.text == (try CLI.run(["sessions", "--json", "--tz", "UTC", "samples/"])).stdout)

        try session.close()
        #expect(session.process.terminationStatus == 0)
    }
}
