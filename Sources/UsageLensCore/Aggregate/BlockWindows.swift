/// Token, message and cost limits a window is measured against.
public struct WindowLimits: Equatable, Sendable {
    /// Input + output tokens per window.
    public var tokens: Int64?
    /// Where `tokens` came from: `flag`, `max` or `p90` (of completed blocks).
    public var tokensSource: String?
    public var outputTokens: Int64?
    /// Calls (messages) per window.
    public var messages: Int64?
    public var costUSD: Double?

    public init(tokens: Int64? = nil, tokensSource: String? = nil, outputTokens: Int64? = nil, messages: Int64? = nil, costUSD: Double? = nil) {
        self.tokens = tokens
        self.tokensSource = tokensSource
        self.outputTokens = outputTokens
        self.messages = messages
        self.costUSD = costUSD
    }

    public var isEmpty: Bool { tokens == nil && outputTokens == nil && messages == nil && costUSD == nil }
}

/// How fast the recent past spent: events in the 60 minutes before `now`, per minute.
public struct BurnRate: Equatable, Sendable {
    public var tokensPerMinute: Double
    public var outputTokensPerMinute: Double
    public var costUSDPerMinute: Double
    public var callsPerMinute: Double
}

/// Where a window ends up if the burn rate holds until its end.
public struct Projection: Equatable, Sendable {
    public var totalTokens: Int64
    public var outputTokens: Int64
    public var calls: Int64
    public var costUSD: Double
    public var remainingMinutes: Double
}

/// One limit of the active window: used so far, projected at the window end, and the verdict.
public struct LimitCheck: Equatable, Sendable {
    public enum Status: String, Sendable { case ok, warning, exceeds }
    /// `total_tokens`, `output_tokens`, `messages` or `cost_usd`.
    public var kind: String
    public var limit: Double
    public var used: Double
    public var projected: Double
    /// `warning` once the projection passes 80% of the limit, `exceeds` past 100% (or already over).
    public var status: Status

    public var percentUsed: Double { limit > 0 ? used / limit * 100 : 0 }
    public var percentProjected: Double { limit > 0 ? projected / limit * 100 : 0 }
}

/// A rolling usage window (a "block") of one provider account, or a gap between two.
public struct Block: Sendable {
    public var provider: String
    public var accountKey: String
    public var start: Int64
    public var end: Int64
    /// The last event's time; nil for gap blocks.
    public var lastActivity: Int64?
    public var isGap: Bool
    public var isActive: Bool
    public var totals: UsageTotals
    /// Normalised model names, most expensive first.
    public var models: [String]
    public var burnRate: BurnRate?
    public var projection: Projection?
    public var limitChecks: [LimitCheck]?
}

/// The windows of every provider account, and the limits each provider's blocks were measured against.
public struct BlockReport: Sendable {
    public var blocks: [Block]
    /// By provider: a limit given as a number applies to every provider; `max` / `p90` come from each
    /// provider's own completed blocks, since every provider account has its own limits.
    public var limits: [String: WindowLimits]
}

/// Cuts events into rolling windows (DESIGN 6).
///
/// Per provider account, a block starts at its first event floored to the UTC hour and lasts `length`;
/// an event at or after the end starts the next block, and a gap block covers any time between two blocks.
/// A block is active when `now` is before its end and less than one window length after its last event.
public struct BlockBuilder {
    public var length: Int64
    public var now: Int64
    /// The burn-rate look-back (60 minutes, as the Pipeline service).
    public var burnWindow: Int64 = 3_600_000

    public init(lengthHours: Double = 5, now: Int64) {
        self.length = Int64(lengthHours * 3_600_000)
        self.now = now
    }

    /// Blocks of `rows` (in time order), grouped by provider; providers in name order, blocks in time order.
    public func blocks(_ events: PricedEvents, rows: [Int]) -> [Block] {
        var byProvider: [String: [Int]] = [:]
        for i in rows { byProvider[events.models[Int(events.modelIndex[i])].provider, default: []].append(i) }
        var out: [Block] = []
        for provider in byProvider.keys.sorted() {
            out += blocks(events, rows: byProvider[provider]!, provider: provider)
        }
        return out
    }

    private func blocks(_ events: PricedEvents, rows: [Int], provider: String) -> [Block] {
        let t = events.table
        var out: [Block] = []
        var current: [Int] = []
        var start: Int64 = 0
        func close() {
            guard let last = current.last else { return }
            out.append(block(events, rows: current, provider: provider, start: start, lastActivity: t.time[last]))
            current = []
        }
        for i in rows {
            let time = t.time[i]
            if current.isEmpty || time >= start + length {
                let previousEnd = current.isEmpty ? nil : start + length
                close()
                start = Self.floorToHour(time)
                if let previousEnd, start > previousEnd {
                    out.append(
                        Block(
                            provider: provider, accountKey: "default", start: previousEnd, end: start, lastActivity: nil,
                            isGap: true, isActive: false, totals: UsageTotals(), models: []))
                }
            }
            current.append(i)
        }
        close()
        return out
    }

    private func block(_ events: PricedEvents, rows: [Int], provider: String, start: Int64, lastActivity: Int64) -> Block {
        let report = Reports.models(events, rows: rows)
        let end = start + length
        let active = now < end && now - lastActivity < length && now >= start
        var b = Block(
            provider: provider, accountKey: "default", start: start, end: end, lastActivity: lastActivity, isGap: false,
            isActive: active, totals: report.totals, models: report.models.map(\.model.model))
        if active {
            let rate = burnRate(events, rows: rows)
            let minutes = Double(end - now) / 60_000
            b.burnRate = rate
            b.projection = Projection(
                totalTokens: report.totals.totalTokens + Int64((rate.tokensPerMinute * minutes).rounded()),
                outputTokens: report.totals.outputTokens + Int64((rate.outputTokensPerMinute * minutes).rounded()),
                calls: report.totals.calls + Int64((rate.callsPerMinute * minutes).rounded()),
                costUSD: report.totals.costUSD + rate.costUSDPerMinute * minutes, remainingMinutes: minutes)
        }
        return b
    }

    /// Tokens, output tokens, calls and cost of the events in the 60 minutes before `now`, per minute.
    public func burnRate(_ events: PricedEvents, rows: [Int]) -> BurnRate {
        let t = events.table
        var tokens: Int64 = 0
        var output: Int64 = 0
        var calls: Int64 = 0
        var cost = 0.0
        for i in rows where t.time[i] >= now - burnWindow && t.time[i] <= now {
            tokens +| t.inputTokens[i] + t.outputTokens[i]
            output +| t.outputTokens[i]
            calls += Int64(t.calls[i])
            cost += events.cost[i]
        }
        let minutes = Double(burnWindow) / 60_000
        return BurnRate(
            tokensPerMinute: Double(tokens) / minutes, outputTokensPerMinute: Double(output) / minutes,
            costUSDPerMinute: cost / minutes, callsPerMinute: Double(calls) / minutes)
    }

    /// Checks the active blocks against `limits`.
    public static func check(_ blocks: inout [Block], limits: WindowLimits) {
        for k in blocks.indices where blocks[k].isActive {
            guard let p = blocks[k].projection else { continue }
            let t = blocks[k].totals
            var checks: [LimitCheck] = []
            func add(_ kind: String, _ limit: Double?, _ used: Double, _ projected: Double) {
                guard let limit else { return }
                let status: LimitCheck.Status =
                    used > limit || projected > limit ? .exceeds : projected > limit * 0.8 ? .warning : .ok
                checks.append(LimitCheck(kind: kind, limit: limit, used: used, projected: projected, status: status))
            }
            add("total_tokens", limits.tokens.map(Double.init), Double(t.totalTokens), Double(p.totalTokens))
            add("output_tokens", limits.outputTokens.map(Double.init), Double(t.outputTokens), Double(p.outputTokens))
            add("messages", limits.messages.map(Double.init), Double(t.calls), Double(p.calls))
            add("cost_usd", limits.costUSD, t.costUSD, p.costUSD)
            blocks[k].limitChecks = checks
        }
    }

    /// The token limit `max` or `p90` of completed (not active, not gap) blocks' total tokens.
    /// p90 is the nearest-rank percentile: the smallest value with at least 90% of blocks at or below it.
    public static func derivedTokenLimit(_ blocks: [Block], _ kind: String) -> Int64? {
        let totals = blocks.filter { !$0.isGap && !$0.isActive }.map(\.totals.totalTokens).sorted()
        guard !totals.isEmpty else { return nil }
        if kind == "max" { return totals.last }
        let rank = Int((0.9 * Double(totals.count)).rounded(.up))
        return totals[max(0, rank - 1)]
    }

    static func floorToHour(_ ms: Int64) -> Int64 {
        ms >= 0 ? ms / 3_600_000 * 3_600_000 : (ms - 3_599_999) / 3_600_000 * 3_600_000
    }
}

/// What a `blocks` run asks for.
public struct BlockQuery: Sendable {
    public var lengthHours: Double = 5
    public var now: Int64
    /// A number, or `max` / `p90` of completed blocks.
    public var tokenLimit: String?
    public var outputTokenLimit: Int64?
    public var messageLimit: Int64?
    public var costLimitUSD: Double?
    /// Only active blocks.
    public var activeOnly = false
    /// Only blocks that ended in the 3 days before `now`, and active ones.
    public var recentOnly = false

    public init(now: Int64) {
        self.now = now
    }
}

extension BlockReport {
    /// The blocks of `rows` as of `now` (later events are not seen), checked against the limits the query
    /// names (derived ones from all blocks, before `activeOnly` / `recentOnly` narrow the list).
    public static func build(_ events: PricedEvents, rows: [Int], query: BlockQuery) -> BlockReport {
        let builder = BlockBuilder(lengthHours: query.lengthHours, now: query.now)
        let seen = rows.filter { events.table.time[$0] <= query.now }
        var blocks = builder.blocks(events, rows: seen)
        var limitsByProvider: [String: WindowLimits] = [:]
        for provider in Set(blocks.map(\.provider)) {
            var limits = WindowLimits(
                outputTokens: query.outputTokenLimit, messages: query.messageLimit, costUSD: query.costLimitUSD)
            if let tokenLimit = query.tokenLimit {
                if let n = Int64(tokenLimit) {
                    (limits.tokens, limits.tokensSource) = (n, "flag")
                } else {
                    let own = blocks.filter { $0.provider == provider }
                    (limits.tokens, limits.tokensSource) = (BlockBuilder.derivedTokenLimit(own, tokenLimit), tokenLimit)
                }
            }
            limitsByProvider[provider] = limits
            var own = blocks.indices.filter { blocks[$0].provider == provider }.map { blocks[$0] }
            BlockBuilder.check(&own, limits: limits)
            var k = 0
            for i in blocks.indices where blocks[i].provider == provider {
                blocks[i] = own[k]
                k += 1
            }
        }
        if query.activeOnly { blocks = blocks.filter(\.isActive) }
        if query.recentOnly { blocks = blocks.filter { $0.isActive || $0.end >= query.now - 3 * 86_400_000 } }
        return BlockReport(blocks: blocks, limits: limitsByProvider)
    }
}
