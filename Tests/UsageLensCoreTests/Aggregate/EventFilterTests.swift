import Testing

@testable import UsageLensCore

@Suite("EventFilter")
struct EventFilterTests {
    /// Five events an hour apart, with different models, providers, projects and sessions.
    static let events: PricedEvents = {
        var b = TableBuilder()
        b.add("2025-10-14T09:00:00Z", model: "claude-sonnet-4-5-20250929", session: "s1", project: "/app", input: 1)
        b.add("2025-10-14T10:00:00Z", model: "claude-opus-4-1", session: "s1", project: "/cli", input: 2)
        b.add(
            "2025-10-14T11:00:00Z", model: "gpt-5-codex", session: "s2", project: "/cli", format: .codex, input: 3)
        b.add("2025-10-14T12:00:00Z", model: "anthropic/claude-sonnet-4-5", session: "s3", project: "/app", input: 4)
        b.add("2025-10-14T13:00:00Z", model: "llama3:8b", provider: "local", session: "", project: "", input: 5)
        return b.priced()
    }()

    static func inputs(_ f: EventFilter) -> [Int64] {
        f.rows(events).map { events.table.inputTokens[$0] }
    }

    @Test("an empty filter passes every row in order")
    func passAll() {
        #expect(EventFilter().rows(Self.events) == [0, 1, 2, 3, 4])
    }

    @Test("since is inclusive, until is exclusive")
    func timeRange() {
        let ten = TableBuilder.ms("2025-10-14T10:00:00Z")
        let twelve = TableBuilder.ms("2025-10-14T12:00:00Z")
        #expect(Self.inputs(EventFilter(since: ten)) == [2, 3, 4, 5])
        #expect(Self.inputs(EventFilter(until: twelve)) == [1, 2, 3])
        #expect(Self.inputs(EventFilter(since: ten, until: twelve)) == [2, 3])
        #expect(Self.inputs(EventFilter(since: ten, until: ten + 1)) == [2])
        #expect(Self.inputs(EventFilter(since: ten + 1, until: twelve)) == [3])
        #expect(Self.inputs(EventFilter(since: twelve, until: twelve)).isEmpty)
    }

    @Test("models match the normalised slug of any logged spelling")
    func models() {
        var f = EventFilter()
        f.models = EventFilter.normalisedModels(["claude-sonnet-4-5@20250929"])
        #expect(Self.inputs(f) == [1, 4])
        f.models = ["gpt-5-codex", "llama3:8b"]
        #expect(Self.inputs(f) == [3, 5])
        f.models = ["claude-sonnet"]
        #expect(Self.inputs(f).isEmpty)
    }

    @Test("providers match the canonical provider")
    func providers() {
        var f = EventFilter()
        f.providers = ["anthropic"]
        #expect(Self.inputs(f) == [1, 2, 4])
        f.providers = ["openai", "ollama"]
        #expect(Self.inputs(f) == [3, 5])
    }

    @Test("projects and sessions match exactly")
    func projectsAndSessions() {
        var f = EventFilter()
        f.projects = ["/cli"]
        #expect(Self.inputs(f) == [2, 3])
        f = EventFilter()
        f.sessions = ["s1", "s3"]
        #expect(Self.inputs(f) == [1, 2, 4])
        f.sessions = ["s"]
        #expect(Self.inputs(f).isEmpty)
    }

    @Test("all conditions must hold together")
    func combined() {
        var f = EventFilter(since: TableBuilder.ms("2025-10-14T09:30:00Z"))
        f.providers = ["anthropic"]
        f.projects = ["/app"]
        #expect(Self.inputs(f) == [4])
        f.sessions = ["s1"]
        #expect(Self.inputs(f).isEmpty)
    }

    @Test(
        "filter values are normalised like logged names",
        arguments: [
            (["claude-sonnet-4-5-20250929"], ["claude-sonnet-4-5"]),
            (["anthropic/claude-opus-4-1", "GPT-4o-mini-2024-07-18"], ["claude-opus-4-1", "gpt-4o-mini"]),
            (["us.anthropic.claude-sonnet-4-20250514-v1:0"], ["claude-sonnet-4"]),
            ([], []),
        ])
    func normalisedModels(names: [String], expected: [String]) {
        #expect(EventFilter.normalisedModels(names) == Set(expected))
    }
}
