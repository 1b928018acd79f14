import Testing

@testable import UsageLensCore

@Suite("StatusLine")
struct StatusLineUnitTests {
    @Test("Claude Code's status JSON: every field read, only session_id required")
    func parse() throws {
        let json = """
            {"session_id":"s1","transcript_path":"/t.jsonl","cwd":"/w","model":{"id":"claude-opus-4-1","display_name":"Opus"},
             "workspace":{"current_dir":"/w/sub","project_dir":"/w"},"cost":{"total_cost_usd":1.5},
             "context_window":{"context_window_size":200000,"current_usage":{"input_tokens":5}},"extra":[1,2]}
            """
        var expected = StatusLineInput(sessionID: "s1")
        expected.transcriptPath = "/t.jsonl"
        expected.modelID = "claude-opus-4-1"
        expected.modelName = "Opus"
        expected.currentDirectory = "/w/sub"
        expected.projectDirectory = "/w"
        expected.loggedCostUSD = 1.5
        expected.contextWindow = 200000
        #expect(try StatusLineInput.parse(Array(json.utf8)) == expected)
        #expect(try StatusLineInput.parse(Array(#"{"session_id":"s","cwd":"/c"}"#.utf8)).currentDirectory == "/c")
        for bad in ["", " \n", "{", "null", "[]", #"{"session_id":""}"#, #"{"a":1}{"b":2}"#] {
            #expect(throws: UsageLensError.self, "\(bad)") { try StatusLineInput.parse(Array(bad.utf8)) }
        }
    }

    @Test("the line: ccusage's layout, parts in any choice, N/A where a figure is missing, no emoji when plain")
    func text() {
        var line = StatusLine(
            model: "Opus", sessionCostUSD: 0.23, todayCostUSD: 1.234, block: (0.45, 165 * 60_000, 0.12),
            contextTokens: 25_000, contextWindow: 200_000)
        #expect(
            StatusLineView(line).text
                == "🤖 Opus | 💰 $0.23 session / $1.23 today / $0.45 block (2h 45m left) | 🔥 $0.12/hr | 🧠 25,000 (13%)")
        #expect(StatusLineView(line, parts: [.today, .model], plain: true).text == "Opus | $1.23 today")
        line.sessionCostUSD = nil
        line.block = nil
        line.contextWindow = nil
        line.model = "evil\u{1B}[2J"
        #expect(
            StatusLineView(line, plain: true).text
                == "evil\\u{1B}[2J | N/A session / $1.23 today / no active block | N/A | 25,000")
    }

    @Test("computed from events: the session's cost, today's up to now, the active block, the last request's input")
    func compute() {
        var b = TableBuilder()
        b.add("2025-10-15T10:00:00Z", model: "claude-sonnet-4-5", session: "s1", input: 10, output: 10)
        b.add("2025-10-16T09:00:00Z", model: "claude-sonnet-4-5", session: "s1", input: 100, output: 10, cacheRead: 1000)
        b.add("2025-10-16T09:30:00Z", model: "claude-sonnet-4-5", session: "s2", input: 7, output: 1)
        b.add("2025-10-16T11:00:00Z", model: "claude-sonnet-4-5", session: "s1", input: 1, output: 1)
        let events = b.priced()
        let now = TableBuilder.ms("2025-10-16T10:00:00Z")
        let line = StatusLine.compute(
            events, input: StatusLineInput(sessionID: "s1"), now: now, calendar: LocalCalendar(zone: .gmt))
        let cost = events.cost
        #expect(line.sessionCostUSD == cost[0] + cost[1] + cost[3], "every event of the session, as sessions counts")
        #expect(line.todayCostUSD == cost[1] + cost[2], "today, up to now")
        #expect(line.contextTokens == 1, "the session's last request")
        #expect(line.model == "claude-sonnet-4-5")
        #expect(line.block?.costUSD == cost[1] + cost[2])
        #expect(line.block.map { $0.remainingMs } == Int64(4 * 3_600_000))
    }
}
