/// JSON and tables of `sessions` and `top` (DESIGN 5 shapes, documented in docs/json.md).
public enum GroupViews {
    static func optional(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

    public static func json(_ r: SessionReport, offset: (Int64) -> Int, filters: JSONValue? = nil) -> JSONValue {
        func instant(_ ms: Int64) -> JSONValue { .string(Timestamp.format(ms, offsetSeconds: offset(ms))) }
        let rows = r.sessions.map { s -> JSONValue in
            .object(
                [
                    ("session_id", optional(s.sessionID)), ("project", optional(s.project)),
                    ("first_seen", instant(s.firstSeen)), ("last_seen", instant(s.lastSeen)),
                    ("models", .array(s.models.map { .string($0) })),
                ] + ReportViews.rowFields(s.totals))
        }
        return .object(
            [("sessions", .array(rows)), ("totals", .object(ReportViews.rowFields(r.totals)))]
                + (filters.map { [("filters", $0)] } ?? []))
    }

    public static func table(_ r: SessionReport, calendar: LocalCalendar) -> Tabular {
        func local(_ ms: Int64) -> String {
            let text = Timestamp.format(ms, offsetSeconds: calendar.offsetSeconds(at: ms))
            return String(text.prefix(16)).replacingOccurrences(of: "T", with: " ")
        }
        var t = Tabular(
            columns: [
                .init("Session", .left, fit: .shorten(minimum: 14), priority: Tabular.Column.essential),
                .init("Project", .left, fit: .shorten(minimum: 10), priority: 45),
                .init("Last Activity", .left, priority: 30), .init("Models", .left, fit: .models, priority: 70),
            ] + ReportViews.tokenColumns + [ReportViews.eventsColumn])
        for s in r.sessions {
            let project = s.project.map { $0.split(separator: "/").last.map(String.init) ?? $0 } ?? ""
            let models = s.models.map { $0.split(separator: "/", maxSplits: 1).last.map(String.init) ?? $0 }
            t.rows.append(
                [.init(s.sessionID ?? "(none)"), .init(project, raw: s.project ?? ""), .init(local(s.lastSeen)),
                 .init(models.joined(separator: ", "), raw: s.models.joined(separator: " "))]
                    + ReportViews.tokenCells(s.totals) + [.init(Formatting.grouped(s.totals.events), raw: String(s.totals.events))])
        }
        t.totals = [.init("Total"), .init(""), .init(""), .init("")] + ReportViews.tokenCells(r.totals)
            + [.init(Formatting.grouped(r.totals.events))]
        return t
    }

    public static func json(_ r: TopReport, filters: JSONValue? = nil) -> JSONValue {
        .object(
            [
                ("dimension", .string(r.dimension.plural)), ("by", .string(r.measure.rawValue)),
                ("rows", .array(r.rows.map { .object([("key", optional($0.key))] + ReportViews.rowFields($0.totals)) })),
                ("totals", .object(ReportViews.rowFields(r.totals))),
            ] + (filters.map { [("filters", $0)] } ?? []))
    }

    public static func table(_ r: TopReport) -> Tabular {
        let title = r.dimension.rawValue.prefix(1).uppercased() + r.dimension.rawValue.dropFirst()
        var t = Tabular(
            columns: [
                .init("#", priority: Tabular.Column.essential),
                .init(title, .left, fit: .shorten(minimum: 16), priority: Tabular.Column.essential),
            ] + ReportViews.tokenColumns + [.init("Calls", priority: 12), ReportViews.eventsColumn])
        for (n, row) in r.rows.enumerated() {
            t.rows.append(
                [.init(String(n + 1)), .init(row.key ?? "(none)", raw: row.key ?? "")] + ReportViews.tokenCells(row.totals)
                    + [.init(Formatting.grouped(row.totals.calls), raw: String(row.totals.calls)),
                       .init(Formatting.grouped(row.totals.events), raw: String(row.totals.events))])
        }
        t.totals = [.init(""), .init("All")] + ReportViews.tokenCells(r.totals)
            + [.init(Formatting.grouped(r.totals.calls)), .init(Formatting.grouped(r.totals.events))]
        return t
    }
}

extension SessionReport: RenderableReport {
    public func body(in context: RenderContext) -> ReportBody {
        .document(
            json: { GroupViews.json(self, offset: context.offset, filters: context.filtersJSON) },
            tabular: { GroupViews.table(self, calendar: context.calendar) })
    }
}

extension TopReport: RenderableReport {
    public func body(in context: RenderContext) -> ReportBody {
        .document(json: { GroupViews.json(self, filters: context.filtersJSON) }, tabular: { GroupViews.table(self) })
    }
}
