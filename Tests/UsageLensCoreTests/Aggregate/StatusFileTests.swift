import Foundation
import Testing

@testable import UsageLensCore

@Suite struct StatusFileTests {
    static let now = TableBuilder.ms("2025-10-16T23:30:00Z")

    @Test func typedLimitsLegacyLimitAndHeadersReadAsThePipelineServiceDoes() {
        let f = StatusFile.parse(
            ["total_token_limit": 12000, "outputTokenLimit": "3000", "messageLimit": 0, "costLimitUsd": 2.5, "tokenLimit": 50000,
             "x_ratelimit_remaining": 10, "x-ratelimit-reset-tokens": "90s"], now: Self.now)
        #expect(f.totalTokenLimit == 12000)
        #expect(f.outputTokenLimit == 3000)
        #expect(f.messageLimit == nil)  // 0 means no limit
        #expect(f.costLimitUSD == 2.5)
        #expect(f.legacyTokenLimit == 50000)
        #expect(f.limitSource == "provider_api_rate_limit")
        #expect(f.headerReset == Self.now + 90_000)
        #expect(f.windowEnd == nil)
        let plain = StatusFile.parse(["requestLimit": 40, "windowStart": "2025-10-16T21:00:00Z", "window_end": "2025-10-17T02:00:00+00:00"], now: Self.now)
        #expect(plain.messageLimit == 40)
        #expect(plain.limitSource == "configured_limit")
        #expect(plain.windowStart == TableBuilder.ms("2025-10-16T21:00:00Z"))
        #expect(plain.windowEnd == TableBuilder.ms("2025-10-17T02:00:00Z"))
    }

    @Test func windowProvenanceFollowsTheStatusFile() {
        var b = TableBuilder()
        b.add("2025-10-16T22:00:00Z", model: "claude-sonnet-4-5", input: 100, output: 50)
        let priced = b.priced()
        let explicit = StatusFile.parse(["windowStart": "2025-10-16T21:00:00Z", "windowEnd": "2025-10-17T02:00:00Z"], now: Self.now)
        let a = RuntimeStatus.compute(priced, rows: [0], provider: "anthropic", now: Self.now, limits: WindowLimits(), statusFile: explicit)
        #expect((a.window.source, a.window.confidence) == ("provider_native", "high"))
        #expect(a.window.startedAt == TableBuilder.ms("2025-10-16T21:00:00Z"))
        let headers = StatusFile.parse(["anthropic_ratelimit_tokens_reset": "2025-10-17T01:00:00Z"], now: Self.now)
        let h = RuntimeStatus.compute(priced, rows: [0], provider: "anthropic", now: Self.now, limits: WindowLimits(), statusFile: headers)
        #expect((h.window.source, h.window.confidence) == ("provider_api_rate_limit", "medium"))
        #expect(h.window.resetsAt == TableBuilder.ms("2025-10-17T01:00:00Z"))
        #expect(h.window.startedAt == TableBuilder.ms("2025-10-16T22:00:00Z"))  // the oldest event in the window
        // Flags win over the file's limits.
        let limits = StatusFile.parse(["totalTokenLimit": 1000], now: Self.now)
        let flagged = RuntimeStatus.compute(priced, rows: [0], provider: "anthropic", now: Self.now, limits: WindowLimits(tokens: 5), statusFile: limits)
        #expect(flagged.current.totalTokenLimit == 5)
    }

    @Test func aMissingOrNonObjectFileIsAUsageError() throws {
        #expect(throws: UsageLensError.self) { try StatusFile.load(path: "/no/such/status.json", now: 0) }
        let dir = TempDir()
        let path = dir.write("s.json", Array("[1,2]".utf8))
        #expect(throws: UsageLensError.self) { try StatusFile.load(path: path, now: 0) }
    }

    @Test func aLimitBeyond64BitsIsNoLimitNotATrap() throws {
        // Found by Fuzz/Targets/StatusFile: Int64(1e300) trapped.
        let dir = TempDir()
        let path = dir.write("s.json", Array(#"{"totalTokenLimit": 1e300, "messageLimit": "-1e19", "outputTokenLimit": 5}"#.utf8))
        let status = try StatusFile.load(path: path, now: 0)
        #expect(status.totalTokenLimit == nil)
        #expect(status.messageLimit == nil)
        #expect(status.outputTokenLimit == 5)
    }
}
