import Foundation
import Testing

/// `endpoint agentkit.*` against what agentkit's UsageService returns for the same records (expected files made by
/// scripts/ref/agentkit_ref.py from the seed), and `endpoint distri.usage-stats` against hand-computed totals.
@Suite struct DashboardEndpointTests {
    static let fixtures = "Tests/usagelensTests/Fixtures/agentkit"

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var endpoint: String
        var args: [String]
        var expected: String
        var compare: String
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        let data = FileManager.default.contents(atPath: CLI.root + "/\(fixtures)/expected/cases.json")!
        let root = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
        return (root["cases"] as! [[String: Any]]).map {
            Case(
                name: $0["name"] as! String, endpoint: $0["endpoint"] as! String, args: $0["args"] as! [String],
                expected: $0["expected"] as! String, compare: $0["compare"] as! String)
        }
    }()

    /// The harness's flags are the service's parameters; ours carry their names (`--user` is `--user-id`).
    static func flags(_ args: [String]) -> [String] {
        args.map { ["--user": "--user-id", "--department": "--department-id"][$0] ?? $0 }
    }

    static func value(_ text: String) throws -> NSObject {
        try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) as! NSObject
    }

    @Test func everyCaseOfTheHarnessIsCovered() {
        #expect(Self.cases.count >= 19)
        #expect(Set(Self.cases.map(\.endpoint)) == ["summary", "timeseries", "by-model", "top-users", "top-departments", "export"])
    }

    @Test(arguments: cases)
    func agentkitEndpointEqualsTheSeedService(_ c: Case) throws {
        let r = try CLI.run(["endpoint", "agentkit." + c.endpoint, "\(Self.fixtures)/records.jsonl"] + Self.flags(c.args))
        #expect(r.status == 0, "\(r.stderr)")
        let expected = String(decoding: FileManager.default.contents(atPath: CLI.root + "/\(Self.fixtures)/expected/\(c.expected)")!, as: UTF8.self)
        if c.compare == "bytes" {
            #expect(r.stdout == expected)
        } else {
            #expect(try Self.value(r.stdout) == Self.value(expected))
        }
    }

    // MARK: distri

    static let rows = [
        #"{"id":"r1","thread_id":"t1","agent_id":"a1","model":"gpt-4o","input_tokens":100,"output_tokens":10,"cached_tokens":5,"cost_usd":0.5,"created_at":"2025-10-13T23:59:59Z"}"#,
        #"{"id":"r2","thread_id":"t1","agent_id":"a1","model":"gpt-4o","input_tokens":200,"output_tokens":20,"cached_tokens":0,"cost_usd":0.25,"created_at":"2025-10-14T00:00:00Z"}"#,
        #"{"id":"r3","thread_id":"t2","agent_id":"a2","model":"gpt-4o","input_tokens":300,"output_tokens":30,"cached_tokens":7,"cost_usd":0.125,"created_at":"2025-10-20T12:00:00Z"}"#,
        #"{"id":"r4","thread_id":"t2","agent_id":"a1","model":"gpt-4o","input_tokens":400,"output_tokens":40,"cached_tokens":1,"cost_usd":1.0,"created_at":"2025-11-02T08:00:00Z"}"#,
        #"{"id":"r4","thread_id":"t2","agent_id":"a1","model":"gpt-4o","input_tokens":400,"output_tokens":40,"cached_tokens":1,"cost_usd":1.0,"created_at":"2025-11-02T08:00:00Z"}"#,
    ]

    func distri(_ extra: [String]) throws -> [String: Any] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("distri-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try (Self.rows.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("rows.jsonl"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["endpoint", "distri.usage-stats", dir.path, "--now", "2025-11-10T00:00:00Z"] + extra)
        #expect(r.status == 0, "\(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    static func sums(_ object: Any?) -> [Double] {
        let o = object as! [String: Any]
        return ["messages", "input_tokens", "output_tokens", "cached_tokens", "total_tokens", "cost_usd"].map {
            (o[$0] as! NSNumber).doubleValue
        }
    }

    @Test func distriDayBucketsOmitEmptyDaysAndDefaultToThirtyDays() throws {
        let r = try distri([])
        // Default window: 2025-10-11 .. 2025-11-10; r1..r4 inside, r4 once (dedup by id).
        #expect(Self.sums(r["totals"]) == [4, 1000, 100, 13, 1100, 1.875])
        let buckets = r["buckets"] as! [[String: Any]]
        #expect(buckets.map { $0["ts"] as! String } == [
            "2025-10-13T00:00:00+00:00", "2025-10-14T00:00:00+00:00", "2025-10-20T00:00:00+00:00", "2025-11-02T00:00:00+00:00",
        ])
        #expect(Self.sums(buckets[1]) == [1, 200, 20, 0, 220, 0.25])
        let applied = r["filters_applied"] as! [String: Any]
        #expect(applied["since"] as? String == "2025-10-11T00:00:00+00:00")
        #expect(applied["until"] as? String == "2025-11-10T00:00:00+00:00")
        #expect(applied["bucket"] as? String == "day")
        #expect(applied["user_id"] is NSNull && applied["thread_id"] is NSNull)
    }

    @Test func distriWeeksStartOnMondayAndMonthsOnTheFirst() throws {
        let weeks = try distri(["--bucket", "week"])["buckets"] as! [[String: Any]]
        // 2025-10-13 and 2025-10-14 share the week of Monday 2025-10-13; 2025-11-02 is a Sunday (week of 10-27).
        #expect(weeks.map { $0["ts"] as! String } == [
            "2025-10-13T00:00:00+00:00", "2025-10-20T00:00:00+00:00", "2025-10-27T00:00:00+00:00",
        ])
        #expect(Self.sums(weeks[0]) == [2, 300, 30, 5, 330, 0.75])
        let months = try distri(["--bucket", "month"])["buckets"] as! [[String: Any]]
        #expect(months.map { $0["ts"] as! String } == ["2025-10-01T00:00:00+00:00", "2025-11-01T00:00:00+00:00"])
        #expect(Self.sums(months[0]) == [3, 600, 60, 12, 660, 0.875])
    }

    @Test func distriFiltersAndBoundsApplyAndNoneIsOneRow() throws {
        let r = try distri([
            "--bucket", "none", "--agent-id", "a1", "--since", "2025-10-14T00:00:00Z", "--until", "2025-11-02T08:00:00Z",
        ])
        // r2 only: r1 is before since, r4 is at until (exclusive), r3 is agent a2.
        #expect(Self.sums(r["totals"]) == [1, 200, 20, 0, 220, 0.25])
        let buckets = r["buckets"] as! [[String: Any]]
        #expect(buckets.count == 1)
        #expect(buckets[0]["ts"] is NSNull)
        #expect((r["filters_applied"] as! [String: Any])["agent_id"] as? String == "a1")
        let thread = try distri(["--thread-id", "t2"])
        #expect(Self.sums(thread["totals"]) == [2, 700, 70, 8, 770, 1.125])
        let empty = try distri(["--thread-id", "nope"])
        #expect(Self.sums(empty["totals"]) == [0, 0, 0, 0, 0, 0])
        #expect((empty["buckets"] as! [Any]).isEmpty)
    }
}
