import Foundation
import Testing

@testable import UsageLensCore

@Suite struct StatusFileTests {
    static let now = TableBuilder.ms("2025-10-16T23:30:00Z")

    /// A status reply from its JSON text.
    static func reply(_ json: String) -> JSONValue {
        var members: [(String, JSONValue)] = []
        try! JSONMemberReader.read(MemorySource(Array(json.utf8)).read(into:)) { members.append(($0.key, $0.value)) }
        return .object(members)
    }

    static func parse(_ json: String) throws -> StatusFile { try StatusFile.parse(reply(json), now: now) }

    @Test func typedLimitsLegacyLimitAndHeadersReadAsThePipelineServiceDoes() throws {
        let f = try Self.parse(
            #"{"total_token_limit": 12000, "outputTokenLimit": "3000", "messageLimit": 0, "costLimitUsd": 2.5, "tokenLimit": 50000, "x_ratelimit_remaining": 10, "x-ratelimit-reset-tokens": "90s"}"#)
        #expect(f.totalTokenLimit == 12000)
        #expect(f.outputTokenLimit == 3000)
        #expect(f.messageLimit == nil)  // 0 means no limit
        #expect(f.costLimitUSD == 2.5)
        #expect(f.legacyTokenLimit == 50000)
        #expect(f.limitSource == "provider_api_rate_limit")
        #expect(f.headerReset == Self.now + 90_000)
        #expect(f.windowEnd == nil)
        let plain = try Self.parse(#"{"requestLimit": 40, "windowStart": "2025-10-16T21:00:00Z", "window_end": "2025-10-17T02:00:00+00:00"}"#)
        #expect(plain.messageLimit == 40)
        #expect(plain.limitSource == "configured_limit")
        #expect(plain.windowStart == TableBuilder.ms("2025-10-16T21:00:00Z"))
        #expect(plain.windowEnd == TableBuilder.ms("2025-10-17T02:00:00Z"))
    }

    @Test func windowProvenanceFollowsTheStatusFile() throws {
        var b = TableBuilder()
        b.add("2025-10-16T22:00:00Z", model: "claude-sonnet-4-5", input: 100, output: 50)
        let priced = b.priced()
        let explicit = try Self.parse(#"{"windowStart": "2025-10-16T21:00:00Z", "windowEnd": "2025-10-17T02:00:00Z"}"#)
        let a = RuntimeStatus.compute(priced, rows: [0], provider: "anthropic", now: Self.now, limits: WindowLimits(), statusFile: explicit)
        #expect((a.window.source, a.window.confidence) == ("provider_native", "high"))
        #expect(a.window.startedAt == TableBuilder.ms("2025-10-16T21:00:00Z"))
        let headers = try Self.parse(#"{"anthropic_ratelimit_tokens_reset": "2025-10-17T01:00:00Z"}"#)
        let h = RuntimeStatus.compute(priced, rows: [0], provider: "anthropic", now: Self.now, limits: WindowLimits(), statusFile: headers)
        #expect((h.window.source, h.window.confidence) == ("provider_api_rate_limit", "medium"))
        #expect(h.window.resetsAt == TableBuilder.ms("2025-10-17T01:00:00Z"))
        #expect(h.window.startedAt == TableBuilder.ms("2025-10-16T22:00:00Z"))  // the oldest event in the window
        // Flags win over the file's limits.
        let limits = try Self.parse(#"{"totalTokenLimit": 1000}"#)
        let flagged = RuntimeStatus.compute(priced, rows: [0], provider: "anthropic", now: Self.now, limits: WindowLimits(tokens: 5), statusFile: limits)
        #expect(flagged.current.totalTokenLimit == 5)
    }

    @Test func aMissingOrNonObjectFileIsAUsageError() throws {
        #expect(throws: UsageLensError.self) { try StatusFile.load(path: "/no/such/status.json", now: 0) }
        let dir = TempDir()
        let path = dir.write("s.json", Array("[1,2]".utf8))
        #expect(throws: UsageLensError.self) { try StatusFile.load(path: path, now: 0) }
    }

    @Test(arguments: [
        ("totalTokenLimit", "-5", "from 0 to 1e15 tokens", "-5"),
        ("total_token_limit", "1e300", "from 0 to 1e15 tokens", "1e+300"),
        ("outputTokenLimit", #""abc""#, "from 0 to 1e15 tokens", #""abc""#),
        ("output_token_limit", #""nan""#, "from 0 to 1e15 tokens", #""nan""#),
        ("messageLimit", "true", "from 0 to 1e15 messages", "true"),
        ("requestLimit", "2e15", "from 0 to 1e15 messages", "2000000000000000.0"),
        ("tokenLimit", "[1000]", "from 0 to 1e15 tokens", "an array"),
        ("costLimitUsd", "-2.5", "from 0 to 1e12 USD", "-2.5"),
        ("cost_limit", #""-inf""#, "from 0 to 1e12 USD", #""-inf""#),
        ("costLimit", "1e400", "from 0 to 1e12 USD", "a number beyond the range of a double"),
    ])
    func aNonsenseLimitIsAUsageErrorNamingFileAndField(field: String, value: String, range: String, got: String) {
        let dir = TempDir()
        let path = dir.write("status.json", Array(#"{"note": 1000, "\#(field)": \#(value)}"#.utf8))
        #expect {
            try StatusFile.load(path: path, now: Self.now)
        } throws: { error in
            guard let error = error as? UsageLensError else { return false }
            #expect(error.description == "\(path): \(field): limit must be a number \(range), got \(got)")
            return error.kind == .usage
        }
    }

    @Test func nullOrABlankStringIsNoValueAndTheNextSpellingIsRead() throws {
        let f = try Self.parse(#"{"totalTokenLimit": null, "total_token_limit": 5, "costLimit": " ", "cost_limit": "1.5"}"#)
        #expect(f.totalTokenLimit == 5)
        #expect(f.costLimitUSD == 1.5)
        let bounds = try Self.parse(#"{"totalTokenLimit": 1e15, "costLimit": 1e12, "messageLimit": 7.9}"#)
        #expect(bounds.totalTokenLimit == 1_000_000_000_000_000)
        #expect(bounds.costLimitUSD == 1e12)
        #expect(bounds.messageLimit == 7)
    }

    @Test func aStatusFileThatIsNoJSONObjectNamesTheFile() {
        let dir = TempDir()
        for (name, text, message) in [
            ("torn.json", #"{"totalTokenLimit": 1"#, "not valid JSON"), ("empty.json", "", "not valid JSON (empty)"),
            ("deep.json", #"{"a": "# + String(repeating: "[", count: 100_000), "nests deeper than 64 levels"),
            ("text.json", #""limits""#, "not a string"),
        ] {
            let path = dir.write(name, Array(text.utf8))
            #expect {
                try StatusFile.load(path: path, now: 0)
            } throws: { error in
                guard let error = error as? UsageLensError else { return false }
                return error.kind == .usage && error.file == path && error.message.contains(message)
            }
        }
    }
}
