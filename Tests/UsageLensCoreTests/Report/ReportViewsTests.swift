import Foundation
import Testing

@testable import UsageLensCore

@Suite("ReportViews")
struct ReportViewsTests {
    static let rowFieldNames = [
        "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "cache_write_5m_tokens",
        "cache_write_1h_tokens", "reasoning_tokens", "total_tokens", "cost_usd", "calls", "events",
    ]

    static func events() -> PricedEvents {
        var b = TableBuilder()
        b.add(
            "2025-10-14T09:00:00Z", model: "claude-sonnet-4-5", input: 1_000_000, output: 100_000, reasoning: 3,
            cacheRead: 10, cache5m: 20, cache1h: 30, calls: 2)
        b.add("2025-10-14T20:00:00Z", model: "claude-mystery-9", input: 1500, output: 500)
        b.add("2025-10-15T09:00:00Z", model: "claude-opus-4-1", input: 1000, output: 1000)
        return b.priced()
    }

    static func keys(_ v: JSONValue) -> [String] {
        guard case .object(let members) = v else { return [] }
        return members.map(\.0)
    }

    static func member(_ v: JSONValue, _ key: String) -> JSONValue? {
        guard case .object(let members) = v else { return nil }
        return members.first { $0.0 == key }?.1
    }

    static func elements(_ v: JSONValue?) -> [JSONValue] {
        guard case .array(let items)? = v else { return [] }
        return items
    }

    @Test("row fields are the documented ones, in order, with derived values")
    func rowFields() {
        var t = UsageTotals()
        t.inputTokens = 1
        t.outputTokens = 2
        t.cacheWrite5mTokens = 3
        t.cacheWrite1hTokens = 4
        t.costUSD = 1.5
        let fields = ReportViews.rowFields(t)
        #expect(fields.map(\.0) == Self.rowFieldNames)
        let rendered = JSONValue.object(fields).rendered(indent: 0)
        #expect(rendered.contains(#""cache_write_tokens":7,"#))
        #expect(rendered.contains(#""total_tokens":3,"#))
        #expect(rendered.contains(#""cost_usd":1.5,"#))
    }

    @Test("models JSON: models, totals, unpriced_models; model rows lead with provider, model, account, unpriced")
    func modelsJSON() throws {
        let e = Self.events()
        let report = Reports.models(e, rows: [0, 1, 2])
        let json = ReportViews.json(report)
        #expect(Self.keys(json) == ["models", "totals", "unpriced_models"])
        let models = Self.elements(Self.member(json, "models"))
        #expect(models.count == 3)
        #expect(Self.keys(models[0]) == ["provider", "model", "account_key", "unpriced"] + Self.rowFieldNames)
        #expect(Self.member(models[0], "model") == .string("claude-sonnet-4-5"))
        #expect(Self.member(models[0], "account_key") == .string("default"))
        #expect(Self.keys(try #require(Self.member(json, "totals"))) == Self.rowFieldNames)
        let unpriced = Self.elements(Self.member(json, "unpriced_models"))
        #expect(unpriced.count == 1)
        #expect(Self.member(unpriced[0], "model") == .string("claude-mystery-9"))
        #expect(Self.member(unpriced[0], "unpriced") == .bool(true))
        #expect(Self.member(unpriced[0], "total_tokens") == .int(2000))
        // It is valid JSON.
        #expect(try JSONSerialization.jsonObject(with: Data(json.rendered().utf8)) is NSDictionary)
    }

    @Test("bucket JSON: keys, RFC 3339 starts at the zone's offset, per-model rows")
    func bucketsJSON() throws {
        let e = Self.events()
        let calendar = try LocalCalendar(identifier: "Asia/Kolkata")
        let report = Reports.buckets(e, rows: [0, 1, 2], bucketer: TimeBucketer(kind: .day, calendar: calendar))
        let json = ReportViews.json(report, offset: calendar.offsetSeconds(at:))
        #expect(Self.keys(json) == ["timezone", "buckets", "totals", "unpriced_models"])
        #expect(Self.member(json, "timezone") == .string("Asia/Kolkata"))
        let buckets = Self.elements(Self.member(json, "buckets"))
        #expect(buckets.count == 2)
        #expect(Self.keys(buckets[0]) == ["key", "start"] + Self.rowFieldNames + ["models"])
        #expect(Self.member(buckets[0], "key") == .string("2025-10-14"))
        #expect(Self.member(buckets[0], "start") == .string("2025-10-14T00:00:00+05:30"))
        #expect(Self.member(buckets[1], "key") == .string("2025-10-15"))
        #expect(Self.elements(Self.member(buckets[1], "models")).count == 2)
        #expect(Self.member(buckets[1], "events") == .int(2))
    }

    @Test("models table: a row per model, totals, an asterisk and a note for unpriced models")
    func modelsTable() {
        let e = Self.events()
        let t = ReportViews.table(Reports.models(e, rows: [0, 1, 2]))
        #expect(t.rows.count == 3)
        #expect(t.columns.first?.title == "Provider")
        #expect(t.totals?.first?.display == "Total")
        let mysteryRow = t.rows.first { $0[1].display == "claude-mystery-9" }
        #expect(mysteryRow?.contains { $0.display.hasSuffix("*") } == true)
        #expect(t.totals?.contains { $0.display.hasSuffix("*") } == true)
        #expect(t.notes.count == 1)
        #expect(t.notes[0].contains("anthropic/claude-mystery-9 (2,000 tokens)"))
        // CSV carries raw numbers, not grouped ones.
        let csv = TabularRenderer.csv(t)
        #expect(csv.contains(",1000000,"))
        #expect(!csv.contains("1,000,000"))
    }

    @Test("a fully priced report has no asterisks and no notes")
    func pricedTable() {
        let e = Self.events()
        let t = ReportViews.table(Reports.models(e, rows: [0, 2]))
        #expect(t.notes.isEmpty)
        #expect(!TabularRenderer.table(t, color: false).contains("*"))
    }

    @Test("bucket table: titles by kind, breakdown rows marked as detail")
    func bucketsTable() throws {
        let e = Self.events()
        let calendar = try LocalCalendar(identifier: "UTC")
        for (kind, title) in [(BucketKind.hour, "Hour"), (.day, "Date"), (.week, "Week"), (.month, "Month")] {
            let report = Reports.buckets(e, rows: [0, 1, 2], bucketer: TimeBucketer(kind: kind, calendar: calendar))
            #expect(ReportViews.table(report, breakdown: false).columns[0].title == title)
        }
        let report = Reports.buckets(e, rows: [0, 1, 2], bucketer: TimeBucketer(kind: .day, calendar: calendar))
        let plain = ReportViews.table(report, breakdown: false)
        #expect(plain.rows.count == 2)
        #expect(plain.detailRows.isEmpty)
        #expect(plain.rows[0][1].display == "claude-sonnet-4-5, claude-mystery-9")
        let broken = ReportViews.table(report, breakdown: true)
        #expect(broken.rows.count == 5)
        #expect(broken.detailRows == [1, 2, 4])
        #expect(broken.rows[1][1].display == "claude-sonnet-4-5")
    }

    @Test("check JSON and table add the per-file counts up")
    func check() {
        var a = FileAccount(path: "logs/a.jsonl")
        a.lines = 10
        a.used = 6
        a.duplicate = 1
        a.ignoredReasons[.notAnEvent] = 2
        a.malformed = 1
        a.events = 6
        a.bytes = 1000
        a.formats = [.claudeCode]
        a.errors = [.init(line: 4, message: "expected ':' after key")]
        var b = FileAccount(path: "logs/b.jsonl.zst")
        b.compression = .zstd
        b.lines = 5
        b.used = 5
        b.events = 7
        b.bytes = 24
        let json = ReportViews.json(check: [a, b], unpriced: [])
        let totals = Self.member(json, "totals")
        #expect(Self.member(totals!, "lines") == .int(15))
        #expect(Self.member(totals!, "events") == .int(13))
        #expect(Self.member(totals!, "files") == .int(2))
        #expect(Self.member(totals!, "bytes") == .int(1024))
        let files = Self.elements(Self.member(json, "files"))
        #expect(Self.member(files[0], "format") == .string("claude-code"))
        #expect(Self.member(files[1], "compression") == .string("zstd"))
        let table = ReportViews.table(check: [a, b], unpriced: [])
        #expect(table.rows.count == 2)
        #expect(table.totals?.first?.display == "Total (2 files)")
        #expect(table.totals?[3].display == "15")
        #expect(table.notes == ["Ignored: 2 not an event", "logs/a.jsonl:4: expected ':' after key"])
        #expect(Self.member(files[0], "ignored_reasons") == .object([("not an event", .int(2))]))
        #expect(Self.member(totals!, "ignored_reasons") == .object([("not an event", .int(2))]))
        #expect(table.rows[1][1].display == "-")
    }
}
