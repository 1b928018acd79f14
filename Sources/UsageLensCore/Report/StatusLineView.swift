/// One part of the status line, as `--show` names it.
public enum StatusLinePart: String, CaseIterable, Sendable {
    case model, session, today, block, burn, context
}

/// The status line as printed, in ccusage's layout so that its users read it at a glance:
/// `🤖 Opus | 💰 $0.23 session / $1.23 today / $0.45 block (2h 45m left) | 🔥 $0.12/hr | 🧠 25,000 (13%)`.
/// `plain` leaves the emoji out. JSON gives the same figures as numbers.
public struct StatusLineView: RenderableReport {
    public var line: StatusLine
    public var parts: [StatusLinePart]
    public var plain: Bool

    public init(_ line: StatusLine, parts: [StatusLinePart] = StatusLinePart.allCases, plain: Bool = false) {
        self.line = line
        self.parts = parts
        self.plain = plain
    }

    /// The one line, without its newline.
    public var text: String {
        func icon(_ emoji: String) -> String { plain ? "" : emoji + " " }
        let show = Set(parts)
        var groups: [String] = []
        if show.contains(.model) { groups.append(icon("🤖") + TabularRenderer.visible(line.model ?? "?")) }
        var costs: [String] = []
        if show.contains(.session) { costs.append((line.sessionCostUSD.map(Formatting.dollars) ?? "N/A") + " session") }
        if show.contains(.today) { costs.append(Formatting.dollars(line.todayCostUSD) + " today") }
        if show.contains(.block) {
            if let block = line.block {
                costs.append(Formatting.dollars(block.costUSD) + " block (" + BlockViews.duration(block.remainingMs) + " left)")
            } else {
                costs.append("no active block")
            }
        }
        if !costs.isEmpty { groups.append(icon("💰") + costs.joined(separator: " / ")) }
        if show.contains(.burn) {
            groups.append(icon("🔥") + (line.block?.costUSDPerHour.map { Formatting.dollars($0) + "/hr" } ?? "N/A"))
        }
        if show.contains(.context) {
            var context = line.contextTokens.map(Formatting.grouped) ?? "N/A"
            if let tokens = line.contextTokens, let window = line.contextWindow, window > 0 {
                context += " (\(Int((Double(tokens) / Double(window) * 100).rounded()))%)"
            }
            groups.append(icon("🧠") + context)
        }
        return groups.joined(separator: " | ")
    }

    public var json: JSONValue {
        .object([
            ("model", line.model.map { .string($0) } ?? .null),
            ("session_cost_usd", line.sessionCostUSD.map { .double($0) } ?? .null),
            ("today_cost_usd", .double(line.todayCostUSD)),
            ("block", line.block.map { b in
                .object([
                    ("cost_usd", .double(b.costUSD)), ("remaining_minutes", .int(b.remainingMs / 60_000)),
                    ("cost_usd_per_hour", b.costUSDPerHour.map { .double($0) } ?? .null),
                ])
            } ?? .null),
            ("context_tokens", line.contextTokens.map { .int($0) } ?? .null),
            ("context_window", line.contextWindow.map { .int($0) } ?? .null),
        ])
    }

    public func body(in context: RenderContext) -> ReportBody {
        .dashboard(json: { json }, text: { text + "\n" })
    }
}
