import Testing

@testable import SeedServices
@testable import UsageLensCore

/// A JSON object literal as the service would receive it.
func pythonDict(_ json: String) -> PythonDict {
    guard case .object(let dict) = try! PythonJSON.parse(json) else { fatalError("not an object: \(json)") }
    return dict
}

/// The seed's field readers: key conventions, Python conversions, explicit cost precedence.
@Suite struct PipelineRuntimeUsageFieldsTests {
    let notes = PipelineRuntimeUsage.Notes()

    @Test func tokenCountsReadEveryKeyConvention() {
        let cases: [(String, PipelineRuntimeUsage.TokenCounts)] = [
            (#"{"usage": {"input_tokens": 1, "output_tokens": 2, "cache_read_input_tokens": 3, "cache_creation_input_tokens": 4}}"#, .init(input: 1, output: 2, cacheRead: 3, cacheWrite: 4)),
            (#"{"usage": {"inputTokens": 1, "outputTokens": 2, "cacheReadTokens": 3, "cacheWriteTokens": 4}}"#, .init(input: 1, output: 2, cacheRead: 3, cacheWrite: 4)),
            (#"{"usage": {"input": 1, "output": 2, "cache_read": 3, "cache_write": 4}}"#, .init(input: 1, output: 2, cacheRead: 3, cacheWrite: 4)),
            // `tokens` stands in for `usage`; cacheRead is not one of the seed's keys.
            (#"{"tokens": {"input": 5, "cacheRead": 9}}"#, .init(input: 5, output: 0, cacheRead: 0, cacheWrite: 0)),
            // A falsy usage ({} or 0) falls to tokens; a truthy non-object usage does not.
            (#"{"usage": {}, "tokens": {"input": 6}}"#, .init(input: 6, output: 0, cacheRead: 0, cacheWrite: 0)),
            (#"{"usage": "yes", "tokens": {"input": 6}}"#, .init(input: 0, output: 0, cacheRead: 0, cacheWrite: 0)),
            // Session-level keys only when the usage block reads 0.
            (#"{"usage": {"input_tokens": 0, "output_tokens": 3}, "input_tokens": 7, "outputTokens": 8, "cache_read_tokens": 9, "cacheWriteTokens": 10}"#, .init(input: 7, output: 3, cacheRead: 9, cacheWrite: 10)),
            // float() on strings, truncation toward zero, bools, first convertible key wins.
            (#"{"usage": {"input_tokens": " 1_000.9 ", "inputTokens": 5, "output_tokens": "x", "outputTokens": -2.7, "cache_read": true}}"#, .init(input: 1000, output: -2, cacheRead: 1, cacheWrite: 0)),
        ]
        for (json, expected) in cases {
            #expect(PipelineRuntimeUsage.tokenCounts(pythonDict(json), notes: notes) == expected, "\(json)")
        }
    }

    @Test func explicitCostPrecedence() {
        let cases: [(String, Double)] = [
            (#"{"usage": {"cost": {"total": 0.25}}, "cost": 9}"#, 0.25),
            (#"{"usage": {"cost": 0.5}, "cost": 9}"#, 0.5),
            (#"{"usage": {"cost": {"total": 0}}, "cost": 0.75}"#, 0.75),  // a zero total falls through
            (#"{"usage": {"cost": -1}, "cost_usd": "0.125"}"#, 0.125),  // a negative usage.cost is not explicit
            (#"{"cost": -0.5}"#, -0.5),  // but a negative flat cost is kept
            (#"{"cost": {"total": 3}, "costUsd": 2}"#, 2),  // a dict is not a float
            (#"{"usage": {"cost": true}}"#, 1),  // bool is an int in Python
            (#"{"usage": {"cost": "0.3"}}"#, 0),  // a string usage.cost is not a number
            (#"{"tokens": {"cost": 5}}"#, 0),  // only `usage` holds an explicit cost
            ("{}", 0),
        ]
        for (json, expected) in cases {
            #expect(PipelineRuntimeUsage.explicitCost(pythonDict(json), notes: notes) == expected, "\(json)")
        }
    }

    @Test func getIntSkipsNonFiniteNumbersAndNotesThem() {
        let d = pythonDict(#"{"calls": "inf", "messageCount": "nan", "messages": 3}"#)
        #expect(PipelineRuntimeUsage.getInt(d, ["calls", "messageCount", "messages"], default: 1, notes: notes) == 3)
        #expect(notes.messages.count == 2)
        #expect(PipelineRuntimeUsage.getInt(pythonDict("{}"), ["calls"], default: 1, notes: notes) == 1)
        #expect(PipelineRuntimeUsage.getInt(pythonDict(#"{"calls": 1e30}"#), ["calls"], notes: notes) == .max)
    }

    @Test func getStringTakesTheFirstNonBlankStringStripped() {
        let d = pythonDict(#"{"label": "  ", "name": 5, "title": "\u3000 Title \n"}"#)
        #expect(PipelineRuntimeUsage.getString(d, ["label", "name", "title"]) == "Title")
        #expect(PipelineRuntimeUsage.getString(d, ["label", "name"]) == nil)
    }

    @Test func sessionsInCostReplyFollowTheSeedsKeyOrder() {
        func ids(_ json: String) -> [String] {
            PipelineRuntimeUsage.sessions(inCostReply: pythonDict(json)).map { $0["id"]?.string ?? "?" }
        }
        #expect(ids(#"{"sessions": [{"id": "flat"}, 1], "5hour": [{"id": "nested"}]}"#) == ["flat"])
        #expect(ids(#"{"today": [{"id": "today"}], "5hour": {"sessions": [{"id": "5hour"}, "x"]}}"#) == ["5hour"])
        #expect(ids(#"{"5hour": {"no": 1}, "5h": {"sessions": "x"}, "week": [{"id": "week"}]}"#) == ["week"])
        #expect(ids(#"{"today": [], "data": [{"id": "data"}]}"#) == [])  // an empty list ends the search
        #expect(ids(#"{"5hour": 3}"#) == [])
    }
}
