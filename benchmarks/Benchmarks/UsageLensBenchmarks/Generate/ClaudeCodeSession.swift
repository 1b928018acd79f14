/// Writes Claude Code session lines (`~/.claude/projects/<project>/<session>.jsonl`) as `gen.py` does.
///
/// Line kinds: user prompts, assistant responses (text, thinking and tool_use blocks, with usage), tool_result
/// user lines that echo the tool output in `toolUseResult` (the long lines), rare system lines and leading
/// summaries. 5% of responses are written twice with the same `message.id` and `requestId` (Claude Code's
/// per-block streaming writes); 2% of tool calls are Task calls whose result carries a subagent `"usage"`.
/// Key order follows real logs: in assistant lines `type` comes after `message` and `requestId`.
struct ClaudeCodeSession {
    static let models: [(String, Double)] = [
        ("claude-sonnet-4-5-20250929", 0.5), ("claude-opus-4-1-20250805", 0.2),
        ("claude-sonnet-4-20250514", 0.2), ("claude-haiku-4-5-20251001", 0.1),
    ]
    static let tools: [(String, Double)] = [
        ("Bash", 30), ("Read", 28), ("Edit", 16), ("Grep", 8), ("Glob", 5), ("Write", 5), ("TodoWrite", 6),
        ("Task", 2),
    ]

    let pools: TextPools
    var rng: SeededGenerator
    let session: String
    let cwd: String
    let version: String
    let branch: String
    let primaryModel: String
    var clock: Int64
    var parent: String?
    var context: Int
    var stats = CorpusStats()

    init(pools: TextPools, seed: UInt64) {
        self.pools = pools
        rng = SeededGenerator(seed: seed)
        session = rng.uuid()
        cwd = "/home/u/proj-\(rng.int(1...25))"
        version = "1.0.\(rng.int(100...128))"
        branch = rng.pick(["main", "main", "main", "dev", "feature/agg-\(rng.int(1...99))", "fix/parser"])
        primaryModel = rng.pick(Self.models)
        clock = Activity.sessionStart(&rng)
        context = rng.int(12000...26000)
    }

    /// Appends whole exchanges until the session has written about `targetBytes`.
    mutating func write(into w: inout JSONLWriter, targetBytes: Int) {
        let start = w.count
        if rng.chance(0.3) {
            for _ in 0..<rng.int(1...4) {
                w.raw("{\"type\":\"summary\"")
                w.nextKey("summary")
                w.string(bytes: pools.slice(.prose, rng.int(25...70), &rng))
                w.field("leafUuid", rng.uuid())
                w.raw("}")
                endLine(&w)
            }
        }
        var firstRequest = true
        while w.count - start < targetBytes {
            userPrompt(&w, first: firstRequest)
            let steps = rng.pick([(1, 10.0), (2, 14), (3, 18), (4, 18), (6, 16), (8, 14), (12, 10)])
            for step in 0..<steps {
                assistantStep(&w, last: step == steps - 1, firstRequest: firstRequest)
                firstRequest = false
            }
        }
    }

    private mutating func advance(_ seconds: ClosedRange<Double>) -> Int64 {
        clock += Int64((seconds.lowerBound + rng.unit() * (seconds.upperBound - seconds.lowerBound)) * 1000)
        return clock
    }

    private mutating func endLine(_ w: inout JSONLWriter) {
        w.newline()
        stats.lines += 1
    }

    /// `{"parentUuid":...,"isSidechain":false,...,"gitBranch":"main"` (the object stays open).
    private mutating func envelope(_ w: inout JSONLWriter) {
        w.raw("{\"parentUuid\":")
        if let parent { w.string(parent) } else { w.raw("null") }
        w.raw(",\"isSidechain\":false,\"userType\":\"external\"")
        w.field("cwd", cwd)
        w.field("sessionId", session)
        w.field("version", version)
        w.field("gitBranch", branch)
    }

    private mutating func closeWithIdentity(_ w: inout JSONLWriter, time: Int64) -> String {
        let uuid = rng.uuid()
        w.field("uuid", uuid)
        w.nextKey("timestamp")
        w.timestamp(time)
        return uuid
    }

    private mutating func userPrompt(_ w: inout JSONLWriter, first: Bool) {
        let time = first ? clock : advance(20...600)
        let prompt = pools.mixed(rng.int(100...3000), &rng)
        envelope(&w)
        w.raw(",\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":")
        if rng.chance(0.7) {
            w.string(bytes: prompt)
        } else {
            w.raw("[{\"type\":\"text\",\"text\":")
            w.string(bytes: prompt)
            w.raw("}]")
        }
        w.raw("}")
        parent = closeWithIdentity(&w, time: time)
        if rng.chance(0.5) { w.raw(",\"thinkingMetadata\":{\"level\":\"none\",\"disabled\":false,\"triggers\":[]}") }
        w.raw("}")
        endLine(&w)
        context += prompt.count / 4
    }

    private struct Usage {
        var input: Int
        var cacheCreation: Int
        var cacheRead: Int
        var output: Int
    }

    private struct ToolCall {
        var id: String
        var name: String
        var path: String
        var input: [UInt8]
        var echo: [UInt8]
    }

    private enum Block {
        case thinking(ArraySlice<UInt8>, ArraySlice<UInt8>)
        case text([UInt8])
        case toolUse(id: String, name: String, input: [UInt8])
    }

    private mutating func assistantStep(_ w: inout JSONLWriter, last: Bool, firstRequest: Bool) {
        let model = rng.chance(0.03) ? "claude-haiku-4-5-20251001" : primaryModel
        let messageId = "msg_01" + rng.base58(22)
        let requestId = "req_011C" + rng.base58(20)
        let newTokens = firstRequest ? context : rng.int(50...3000)
        let usage = Usage(
            input: rng.chance(0.93) ? rng.pick([1, 3, 4, 4, 5, 6, 8, 10]) : rng.int(100...9000),
            cacheCreation: rng.chance(0.9) ? newTokens : 0, cacheRead: firstRequest ? 0 : context,
            output: max(1, Int(rng.logNormal(mu: 4.5, sigma: 1.4))))
        context += newTokens
        var blocks: [Block] = []
        if rng.chance(0.1) {
            blocks.append(
                .thinking(
                    pools.slice(.prose, rng.int(200...2500), &rng), pools.slice(.base64, rng.int(300...1500), &rng)))
        }
        var tool: ToolCall?
        if last {
            blocks.append(.text(pools.mixed(rng.int(50...2500), &rng)))
        } else {
            if rng.chance(0.3) { blocks.append(.text(Array(pools.slice(.prose, rng.int(40...400), &rng)))) }
            let call = toolCall()
            blocks.append(.toolUse(id: call.id, name: call.name, input: call.input))
            tool = call
        }
        let stop = last ? rng.pick(["null", "null", "\"end_turn\""]) : rng.pick(["null", "\"tool_use\""])
        assistantLine(&w, model, messageId, requestId, blocks, stop, usage, time: advance(2...25))
        stats.events += 1
        if rng.chance(0.05) {
            // The same response again: the last block alone, or an exact re-write.
            let repeated = blocks.count > 1 && rng.chance(0.6) ? [blocks[blocks.count - 1]] : blocks
            assistantLine(&w, model, messageId, requestId, repeated, stop, usage, time: advance(0.05...0.6))
            stats.duplicates += 1
        }
        if let tool { toolResult(&w, tool) }
        if rng.chance(0.01) { systemLine(&w) }
        if context > 160_000 { context = rng.int(15000...30000) }
    }

    private mutating func assistantLine(
        _ w: inout JSONLWriter, _ model: String, _ messageId: String, _ requestId: String, _ blocks: [Block],
        _ stop: String, _ usage: Usage, time: Int64
    ) {
        envelope(&w)
        w.raw(",\"message\":{")
        w.field("id", messageId, first: true)
        w.raw(",\"type\":\"message\",\"role\":\"assistant\"")
        w.field("model", model)
        w.raw(",\"content\":[")
        for (i, block) in blocks.enumerated() {
            if i > 0 { w.raw(",") }
            switch block {
            case .thinking(let thinking, let signature):
                w.raw("{\"type\":\"thinking\",\"thinking\":")
                w.string(bytes: thinking)
                w.raw(",\"signature\":")
                w.string(bytes: signature)
                w.raw("}")
            case .text(let text):
                w.raw("{\"type\":\"text\",\"text\":")
                w.string(bytes: text)
                w.raw("}")
            case .toolUse(let id, let name, let input):
                w.raw("{\"type\":\"tool_use\"")
                w.field("id", id)
                w.field("name", name)
                w.raw(",\"input\":")
                w.bytes.append(contentsOf: input)
                w.raw("}")
            }
        }
        w.raw("],\"stop_reason\":\(stop),\"stop_sequence\":null,\"usage\":{")
        w.field("input_tokens", usage.input, first: true)
        w.field("cache_creation_input_tokens", usage.cacheCreation)
        w.field("cache_read_input_tokens", usage.cacheRead)
        w.raw(",\"cache_creation\":{")
        w.field("ephemeral_5m_input_tokens", usage.cacheCreation, first: true)
        w.field("ephemeral_1h_input_tokens", 0)
        w.raw("}")
        w.field("output_tokens", usage.output)
        w.raw(",\"service_tier\":\"standard\"}}")
        w.field("requestId", requestId)
        w.raw(",\"type\":\"assistant\"")
        parent = closeWithIdentity(&w, time: time)
        w.raw("}")
        endLine(&w)
        stats.candidates += 1
        stats.usageRecords += 1
    }

    /// A tool call: its name, the file it works on, its `input` object as JSON, and the JSON value of the input
    /// that the tool's result echoes (Write's content, TodoWrite's todos, Task's prompt; empty for the others).
    private mutating func toolCall() -> ToolCall {
        let name = rng.pick(Self.tools)
        let path =
            "\(cwd)/src/\(rng.pick(["main", "parser", "agg", "util", "cli", "model"]))\(rng.int(1...40))."
            + rng.pick(["swift", "ts", "py", "rs", "c"])
        var w = JSONLWriter()
        var echo = JSONLWriter()
        switch name {
        case "Bash":
            w.raw("{")
            w.field(
                "command",
                rng.pick([
                    "swift build", "swift test --filter Agg", "git status", "ls -la", "rg -n usage Sources",
                    "make -j2", "npm test", "cat Package.swift",
                ]), first: true)
            w.nextKey("description")
            w.string(bytes: pools.slice(.prose, rng.int(20...80), &rng))
        case "Read":
            w.raw("{")
            w.field("file_path", path, first: true)
        case "Edit":
            w.raw("{")
            w.field("file_path", path, first: true)
            w.nextKey("old_string")
            w.string(bytes: pools.slice(.code, rng.int(40...600), &rng))
            w.nextKey("new_string")
            w.string(bytes: pools.slice(.code, rng.int(40...800), &rng))
        case "Write":
            w.raw("{")
            w.field("file_path", path, first: true)
            w.nextKey("content")
            echo.string(bytes: pools.slice(.code, rng.int(200...4000), &rng))
            w.bytes += echo.bytes
        case "Grep":
            w.raw("{")
            w.field("pattern", rng.pick(["usage", "input_tokens", "func .*parse", "TODO"]), first: true)
            w.field("path", cwd)
            w.field("output_mode", "content")
        case "Glob":
            w.raw("{")
            w.field("pattern", rng.pick(["**/*.swift", "src/**/*.ts", "*.md"]), first: true)
        case "TodoWrite":
            echo.raw("[")
            for i in 0..<rng.int(2...7) {
                echo.raw(i == 0 ? "{\"content\":" : ",{\"content\":")
                echo.string(bytes: pools.slice(.prose, rng.int(20...90), &rng))
                echo.field("status", rng.pick(["pending", "in_progress", "completed"]))
                echo.nextKey("activeForm")
                echo.string(bytes: pools.slice(.prose, rng.int(20...60), &rng))
                echo.raw("}")
            }
            echo.raw("]")
            w.raw("{\"todos\":")
            w.bytes += echo.bytes
        default:  // Task: a subagent
            w.raw("{")
            w.key("description")
            w.string(bytes: pools.slice(.prose, rng.int(20...60), &rng))
            w.nextKey("prompt")
            echo.string(bytes: pools.slice(.prose, rng.int(200...1200), &rng))
            w.bytes += echo.bytes
            w.field("subagent_type", "general-purpose")
        }
        w.raw("}")
        return ToolCall(id: "toolu_01" + rng.base58(22), name: name, path: path, input: w.bytes, echo: echo.bytes)
    }

    private mutating func toolResult(_ w: inout JSONLWriter, _ tool: ToolCall) {
        let time = advance(0.1...30)
        var echo = JSONLWriter()
        let content: [UInt8]
        switch tool.name {
        case "Read":
            let body = pools.slice(.numbered, min(30000, Int(rng.logNormal(mu: 7.3, sigma: 0.9))), &rng)
            let lines = body.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            content = Array(body)
            echo.raw("{\"type\":\"text\",\"file\":{")
            echo.field("filePath", tool.path, first: true)
            echo.nextKey("content")
            echo.string(bytes: body)
            echo.field("numLines", lines)
            echo.field("startLine", 1)
            echo.field("totalLines", lines)
            echo.raw("}}")
        case "Bash":
            let kind = rng.pick([TextPools.Kind.code, .prose, .numbered])
            content = Array(pools.slice(kind, min(20000, Int(rng.logNormal(mu: 6.2, sigma: 1.1))), &rng))
            echo.raw("{\"stdout\":")
            echo.string(bytes: content)
            echo.raw(",\"stderr\":\"\",\"interrupted\":false,\"isImage\":false}")
        case "Edit":
            let original = pools.slice(.code, Int(rng.logNormal(mu: 7.6, sigma: 0.8)), &rng)
            let snippet = pools.slice(.numbered, rng.int(200...1200), &rng)
            content =
                Array(
                    "The file \(tool.path) has been updated. Here's the result of running `cat -n` on a snippet of the edited file:\n"
                        .utf8) + snippet
            echo.raw("{")
            echo.field("filePath", tool.path, first: true)
            echo.nextKey("originalFile")
            echo.string(bytes: original)
            echo.raw(",\"structuredPatch\":[{")
            echo.field("oldStart", rng.int(1...300), first: true)
            echo.field("oldLines", 3)
            echo.field("newStart", rng.int(1...300))
            echo.field("newLines", 4)
            echo.nextKey("lines")
            for (i, line) in snippet.split(separator: 0x0A, omittingEmptySubsequences: false).prefix(6).enumerated() {
                echo.raw(i == 0 ? "[" : ",")
                echo.string(bytes: [0x20] + line)
            }
            echo.raw("]}],\"userModified\":false,\"replaceAll\":false}")
        case "Write":
            content = Array("File created successfully at: \(tool.path)".utf8)
            echo.raw("{\"type\":\"create\"")
            echo.field("filePath", tool.path)
            echo.raw(",\"content\":")
            echo.bytes.append(contentsOf: tool.echo)
            echo.raw(",\"structuredPatch\":[]}")
        case "TodoWrite":
            content = Array(
                "Todos have been modified successfully. Ensure that you continue to use the todo list to track your progress. Please proceed with the current tasks if applicable"
                    .utf8)
            echo.raw("{\"oldTodos\":[],\"newTodos\":")
            echo.bytes.append(contentsOf: tool.echo)
            echo.raw("}")
        case "Task":
            let report = pools.mixed(rng.int(300...3000), &rng)
            content = report
            echo.raw("{\"status\":\"completed\",\"prompt\":")
            echo.bytes.append(contentsOf: tool.echo)
            echo.field("agentId", String(rng.uuid().prefix(8)))
            echo.raw(",\"content\":[{\"type\":\"text\",\"text\":")
            echo.string(bytes: report)
            echo.raw("}]")
            echo.field("totalDurationMs", rng.int(5000...300_000))
            echo.field("totalTokens", rng.int(10000...90000))
            echo.field("totalToolUseCount", rng.int(1...40))
            echo.raw(",\"usage\":{")
            echo.field("input_tokens", rng.int(1...50), first: true)
            echo.field("cache_creation_input_tokens", rng.int(100...5000))
            echo.field("cache_read_input_tokens", rng.int(10000...80000))
            echo.field("output_tokens", rng.int(50...3000))
            echo.raw(",\"service_tier\":\"standard\"}}")
            stats.candidates += 1
        default:
            let out = pools.slice(
                tool.name == "Grep" ? .numbered : .prose, Int(rng.logNormal(mu: 6.0, sigma: 1.0)), &rng)
            content = Array(out)
            echo.raw("{\"mode\":\"content\"")
            echo.field("numFiles", rng.int(1...12))
            echo.raw(",\"filenames\":[],\"content\":")
            echo.string(bytes: out)
            echo.field("numLines", out.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) })
            echo.raw("}")
        }
        envelope(&w)
        w.raw(",\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{")
        w.field("tool_use_id", tool.id, first: true)
        w.raw(",\"type\":\"tool_result\",\"content\":")
        w.string(bytes: content)
        w.raw(",\"is_error\":\(rng.chance(0.04))}]}")
        parent = closeWithIdentity(&w, time: time)
        w.raw(",\"toolUseResult\":")
        w.bytes.append(contentsOf: echo.bytes)
        w.raw("}")
        endLine(&w)
        context += content.count / 4
    }

    private mutating func systemLine(_ w: inout JSONLWriter) {
        envelope(&w)
        w.raw(",\"type\":\"system\",\"subtype\":\"informational\"")
        w.field("content", "\u{1B}[1mPostToolUse\u{1B}[22m [swift-format] completed successfully")
        w.raw(",\"isMeta\":false")
        parent = closeWithIdentity(&w, time: advance(0.1...0.1))
        w.raw(",\"level\":\"info\"}")
        endLine(&w)
    }
}
