/// Writes Codex CLI rollout lines (`rollout-<time>-<uuid>.jsonl`) as `gen.py` does.
///
/// `session_meta`, then per turn: the user message twice (`response_item` and `event_msg`), `turn_context`, and
/// per step reasoning (with `encrypted_content`), shell calls and their output or the final answer, and a
/// `token_count` with cumulative `total_token_usage`, `last_token_usage` and `rate_limits`. The first
/// `token_count` of a session has `"info":null`; 5% of token counts are exact repeats (same time and counts).
struct CodexRollout {
    let pools: TextPools
    var rng: SeededGenerator
    let session: String
    let cwd: String
    let model: String
    let effort: String
    var clock: Int64
    var stats = CorpusStats()
    /// When the session started: the file name of a rollout says it.
    let startMs: Int64

    init(pools: TextPools, seed: UInt64) {
        self.pools = pools
        rng = SeededGenerator(seed: seed)
        session = rng.uuid()
        cwd = "/home/u/proj-\(rng.int(1...25))"
        model = rng.chance(0.8) ? "gpt-5-codex" : "gpt-5"
        effort = rng.pick(["low", "medium", "medium", "high"])
        clock = Activity.sessionStart(&rng)
        startMs = clock
    }

    private mutating func advance(_ seconds: ClosedRange<Double>) -> Int64 {
        clock += Int64((seconds.lowerBound + rng.unit() * (seconds.upperBound - seconds.lowerBound)) * 1000)
        return clock
    }

    /// `{"timestamp":"...","type":"<type>","payload":` (the caller writes the payload and `}`).
    private mutating func open(_ w: inout JSONLWriter, _ time: Int64, _ type: String) {
        w.raw("{\"timestamp\":")
        w.timestamp(time)
        w.field("type", type)
        w.raw(",\"payload\":")
    }

    private mutating func close(_ w: inout JSONLWriter) {
        w.raw("}")
        w.newline()
        stats.lines += 1
    }

    private struct Usage {
        var input = 0
        var cached = 0
        var output = 0
        var reasoning = 0

        func write(_ w: inout JSONLWriter) {
            w.raw("{")
            w.field("input_tokens", input, first: true)
            w.field("cached_input_tokens", cached)
            w.field("output_tokens", output)
            w.field("reasoning_output_tokens", reasoning)
            w.field("total_tokens", input + output)
            w.raw("}")
        }
    }

    mutating func write(into w: inout JSONLWriter, targetBytes: Int) {
        let start = w.count
        open(&w, clock, "session_meta")
        w.raw("{")
        w.field("id", session, first: true)
        w.nextKey("timestamp")
        w.timestamp(clock)
        w.field("cwd", cwd)
        w.raw(",\"originator\":\"codex_cli_rs\"")
        w.field("cli_version", "0.\(rng.int(40...46)).0")
        w.raw(",\"instructions\":null,\"source\":\"cli\",\"model_provider\":\"openai\",\"git\":{")
        w.field("commit_hash", rng.base58(40), first: true)
        w.raw(",\"branch\":\"main\"")
        w.field("repository_url", "git@github.com:u/proj-\(rng.int(1...25)).git")
        w.raw("}}")
        close(&w)
        stats.candidates += 1
        open(&w, advance(0.01...0.01), "response_item")
        w.raw("{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":")
        w.string(
            "<environment_context>\n  <cwd>\(cwd)</cwd>\n  <approval_policy>on-request</approval_policy>\n  <sandbox_mode>workspace-write</sandbox_mode>\n  <network_access>restricted</network_access>\n  <shell>bash</shell>\n</environment_context>"
        )
        w.raw("}]}")
        close(&w)

        var total = Usage()
        var context = rng.int(6000...12000)
        var primaryUsed = rng.unit() * 30
        var secondaryUsed = rng.unit() * 50
        var first = true
        var turns = 0
        while w.count - start < targetBytes {
            turns += 1
            let time = advance(20...600)
            let prompt = pools.mixed(rng.int(100...3000), &rng)
            open(&w, time, "response_item")
            w.raw("{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":")
            w.string(bytes: prompt)
            w.raw("}]}")
            close(&w)
            open(&w, time, "event_msg")
            w.raw("{\"type\":\"user_message\",\"message\":")
            w.string(bytes: prompt)
            w.raw(",\"kind\":\"plain\"}")
            close(&w)
            open(&w, time, "turn_context")
            w.raw("{")
            w.field("cwd", cwd, first: true)
            w.raw(
                ",\"approval_policy\":\"on-request\",\"sandbox_policy\":{\"mode\":\"workspace-write\",\"network_access\":false,\"exclude_tmpdir_env_var\":false,\"exclude_slash_tmp\":false}"
            )
            w.field("model", model)
            w.field("effort", effort)
            w.raw(",\"summary\":\"auto\"}")
            close(&w)
            stats.candidates += 1
            if first {
                tokenCount(&w, time, info: nil, primaryUsed, secondaryUsed)
                first = false
            }
            context += prompt.count / 4
            let steps = rng.pick([(1, 15.0), (2, 20), (3, 25), (5, 25), (8, 15)])
            for step in 0..<steps {
                let time = advance(2...30)
                let summary = pools.slice(.prose, rng.int(40...300), &rng)
                open(&w, time, "event_msg")
                w.raw("{\"type\":\"agent_reasoning\",\"text\":")
                w.string(
                    bytes: Array("**".utf8) + TextPools.characterPrefix(summary, 40) + Array("**\n\n".utf8) + summary)
                w.raw("}")
                close(&w)
                open(&w, time, "response_item")
                w.raw("{\"type\":\"reasoning\",\"summary\":[{\"type\":\"summary_text\",\"text\":")
                w.string(bytes: summary)
                w.raw("}],\"content\":null,\"encrypted_content\":")
                w.string(bytes: Array("gAAAAA".utf8) + pools.slice(.base64, rng.int(400...3000), &rng))
                w.raw("}")
                close(&w)
                let cached = step > 0 || turns > 1 ? Int(Double(context) * (0.6 + rng.unit() * 0.38)) : 0
                let output = max(1, Int(rng.logNormal(mu: 5.0, sigma: 1.2)))
                let last = Usage(
                    input: context, cached: cached, output: output, reasoning: Int(Double(output) * rng.unit() * 0.8))
                if step < steps - 1 {
                    let callId = "call_" + rng.base58(24)
                    open(&w, time, "response_item")
                    w.raw("{\"type\":\"function_call\",\"name\":\"shell\",\"arguments\":")
                    let command = rng.pick([
                        "rg -n usage src", "cargo test", "sed -n '1,200p' src/main.rs", "ls -la",
                    ])
                    w.string(
                        "{\"command\":[\"bash\",\"-lc\",\"\(command)\"],\"workdir\":\"\(cwd)\",\"timeout_ms\":120000}")
                    w.field("call_id", callId)
                    w.raw("}")
                    close(&w)
                    let kind = rng.pick([TextPools.Kind.code, .numbered, .prose])
                    let output = pools.slice(kind, Int(rng.logNormal(mu: 6.5, sigma: 1.0)), &rng)
                    // The output is a JSON document inside a JSON string: escaped twice, as Codex writes it.
                    var inner = JSONLWriter()
                    inner.raw("{\"output\":")
                    inner.string(bytes: output)
                    inner.raw(
                        ",\"metadata\":{\"exit_code\":0,\"duration_seconds\":\(rng.int(0...90) / 10).\(rng.int(0...9))}}"
                    )
                    open(&w, advance(0.1...20), "response_item")
                    w.raw("{\"type\":\"function_call_output\"")
                    w.field("call_id", callId)
                    w.nextKey("output")
                    w.string(bytes: inner.bytes)
                    w.raw("}")
                    close(&w)
                    context += output.count / 4 + 100
                } else {
                    let message = pools.mixed(rng.int(50...2000), &rng)
                    open(&w, time, "event_msg")
                    w.raw("{\"type\":\"agent_message\",\"message\":")
                    w.string(bytes: message)
                    w.raw("}")
                    close(&w)
                    open(&w, time, "response_item")
                    w.raw(
                        "{\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":")
                    w.string(bytes: message)
                    w.raw("}]}")
                    close(&w)
                    context += message.count / 4
                }
                total.input += last.input
                total.cached += last.cached
                total.output += last.output
                total.reasoning += last.reasoning
                primaryUsed = min(100, primaryUsed + rng.unit() * 0.5)
                secondaryUsed = min(100, secondaryUsed + rng.unit() * 0.1)
                tokenCount(&w, time, info: (total, last), primaryUsed, secondaryUsed)
                stats.events += 1
                if rng.chance(0.05) {
                    // The same reading again: an unchanged cumulative total is a replay, no event at all.
                    tokenCount(&w, time, info: (total, last), primaryUsed, secondaryUsed)
                    stats.replays += 1
                }
                if context > 240_000 { context = rng.int(8000...20000) }
            }
        }
    }

    private mutating func tokenCount(
        _ w: inout JSONLWriter, _ time: Int64, info: (total: Usage, last: Usage)?, _ primary: Double,
        _ secondary: Double
    ) {
        open(&w, time, "event_msg")
        w.raw("{\"type\":\"token_count\",\"info\":")
        if let info {
            w.raw("{\"total_token_usage\":")
            info.total.write(&w)
            w.raw(",\"last_token_usage\":")
            info.last.write(&w)
            w.raw(",\"model_context_window\":272000}")
        } else {
            w.raw("null")
        }
        w.raw(",\"rate_limits\":{\"primary\":{\"used_percent\":\(Self.tenths(primary)),\"window_minutes\":299")
        w.field("resets_in_seconds", rng.int(60...17940))
        w.raw("},\"secondary\":{\"used_percent\":\(Self.tenths(secondary)),\"window_minutes\":10079")
        w.field("resets_in_seconds", rng.int(3600...604_000))
        w.raw("}}}")
        close(&w)
        stats.candidates += 1
    }

    private static func tenths(_ value: Double) -> String {
        let t = Int((value * 10).rounded())
        return "\(t / 10).\(t % 10)"
    }
}
