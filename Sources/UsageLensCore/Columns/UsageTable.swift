/// Usage events as a struct of arrays: one array per column, strings dictionary-encoded.
///
/// Each ingest worker fills its own table (a shard); `UsageTable.merge` combines shards into one table in a
/// canonical row order, so that what follows never depends on how the work was split.
/// Token counts: `inputTokens` is uncached input; `outputTokens` includes reasoning; cache writes are split by
/// their lifetime (5 minutes, 1 hour).
public struct UsageTable: Sendable {
    /// Flags of a row.
    public struct Flags: OptionSet, Sendable, Packable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public var packedBits: UInt64 { UInt64(rawValue) }
        public init(packedBits: UInt64) { rawValue = UInt8(truncatingIfNeeded: packedBits) }
        /// A Claude Code subagent (sidechain) message.
        public static let sidechain = Flags(rawValue: 1)
        /// The model was not named in the log and a default was assumed (Codex without `turn_context`).
        public static let assumedModel = Flags(rawValue: 2)
        /// Among copies with the same dedup key, the last one in canonical order wins (Gemini CLI rewrites a
        /// message record as it grows; the final write is the truth).
        public static let keepLast = Flags(rawValue: 4)
    }

    public var time: PackedColumn<Int64> = []
    public var format: PackedColumn<UInt8> = []
    public var flags: PackedColumn<Flags> = []
    /// The model as logged (a code in `strings`).
    public var model: PackedColumn<UInt32> = []
    /// The provider as logged, 0 when the log names none (it then follows from format and model).
    public var provider: PackedColumn<UInt32> = []
    public var session: PackedColumn<UInt32> = []
    public var project: PackedColumn<UInt32> = []
    /// Index into the run's sorted list of input files.
    public var file: PackedColumn<UInt32> = []
    public var line: PackedColumn<UInt32> = []
    public var inputTokens: PackedColumn<Int64> = []
    public var outputTokens: PackedColumn<Int64> = []
    public var reasoningTokens: PackedColumn<Int64> = []
    public var cacheReadTokens: PackedColumn<Int64> = []
    public var cacheWrite5mTokens: PackedColumn<Int64> = []
    public var cacheWrite1hTokens: PackedColumn<Int64> = []
    public var calls: PackedColumn<UInt32> = []
    /// The cost the log itself states, NaN when it states none.
    public var loggedCostUSD: PackedColumn<Double> = []
    /// A 128-bit key; rows with equal keys are one event logged more than once. (0, 0) means no key.
    public var dedupHigh: PackedColumn<UInt64> = []
    public var dedupLow: PackedColumn<UInt64> = []
    /// Per row: index into `extras`, 0 for none. Most events (Claude Code, Codex) carry no user, department,
    /// agent, thread, account or latency, so those live in a side table instead of six columns.
    public var extra: PackedColumn<UInt32> = []
    /// The dimensions few formats carry; entry 0 is the empty one.
    public var extras: [EventExtras] = [EventExtras()]
    /// The strings of every string column.
    public var strings = StringDictionary()
    /// Rate-limit observations found in the logs (kept beside the events, in the same canonical order).
    public var limits: [LimitObservation] = []

    public init() {}

    public var count: Int { time.count }

    /// Appends one event. Strings must already be codes of `strings`.
    @inline(__always)
    public mutating func append(_ e: EventRow) {
        time.append(e.time)
        format.append(e.format)
        flags.append(e.flags)
        model.append(e.model)
        provider.append(e.provider)
        session.append(e.session)
        project.append(e.project)
        file.append(e.file)
        line.append(e.line)
        inputTokens.append(e.inputTokens)
        outputTokens.append(e.outputTokens)
        reasoningTokens.append(e.reasoningTokens)
        cacheReadTokens.append(e.cacheReadTokens)
        cacheWrite5mTokens.append(e.cacheWrite5mTokens)
        cacheWrite1hTokens.append(e.cacheWrite1hTokens)
        calls.append(e.calls)
        loggedCostUSD.append(e.loggedCostUSD)
        dedupHigh.append(e.dedupHigh)
        dedupLow.append(e.dedupLow)
        if e.extras.isEmpty {
            extra.append(0)
        } else {
            extra.append(UInt32(extras.count))
            extras.append(e.extras)
        }
    }

    /// The extra dimensions of row `i` (all empty for most formats).
    @inline(__always) public func extras(_ i: Int) -> EventExtras { extras[Int(extra[i])] }

    /// Drops rows from `count` on (undoes the events of a line that turned out malformed).
    public mutating func truncate(to count: Int) {
        guard count < self.count else { return }
        let n = self.count - count
        // Extras are appended in row order, so those of the dropped rows are a suffix.
        if let first = extra[count...].first(where: { $0 != 0 }) { extras.removeLast(extras.count - Int(first)) }
        rewriteEveryColumn(DropLast(n: n))
    }

    /// Row `i` as a value.
    public func row(_ i: Int) -> EventRow {
        var r = EventRow(time: time[i], format: format[i], flags: flags[i], model: model[i])
        r.provider = provider[i]
        r.session = session[i]
        r.project = project[i]
        r.file = file[i]
        r.line = line[i]
        r.inputTokens = inputTokens[i]
        r.outputTokens = outputTokens[i]
        r.reasoningTokens = reasoningTokens[i]
        r.cacheReadTokens = cacheReadTokens[i]
        r.cacheWrite5mTokens = cacheWrite5mTokens[i]
        r.cacheWrite1hTokens = cacheWrite1hTokens[i]
        r.calls = calls[i]
        r.loggedCostUSD = loggedCostUSD[i]
        r.dedupHigh = dedupHigh[i]
        r.dedupLow = dedupLow[i]
        r.extras = extras(i)
        return r
    }

    /// Keeps only the rows whose index is in `rows`, in that order.
    /// - Complexity: O(rows.count) per column; one column is copied at a time.
    public func selecting(_ rows: [Int]) -> UsageTable {
        var t = self
        t.gather(rows)
        return t
    }

    /// Keeps the rows whose `mask` entry is true (`count` of them), in order, one column at a time.
    mutating func filter(_ mask: [Bool], count: Int) {
        rewriteEveryColumn(Filter(mask: mask, count: count))
    }

    /// Reorders (and filters) every column to `rows`, one column at a time, so the extra memory is one column.
    mutating func gather<Rows: Collection>(_ rows: Rows) where Rows.Element: BinaryInteger {
        rewriteEveryColumn(Gather(rows: Array(rows)))
    }

    /// Gives back the spare capacity of every column's open block: for tables that are finished (one per
    /// input file) and kept until the merge.
    mutating func shrinkOpenBlocks() {
        rewriteEveryColumn(ShrinkOpenBlocks())
    }

    /// One change applied to every column in turn (the one place that lists them all for rewriting).
    private mutating func rewriteEveryColumn(_ r: some ColumnRewrite) {
        r.rewrite(&time)
        r.rewrite(&format)
        r.rewrite(&flags)
        r.rewrite(&model)
        r.rewrite(&provider)
        r.rewrite(&session)
        r.rewrite(&project)
        r.rewrite(&file)
        r.rewrite(&line)
        r.rewrite(&inputTokens)
        r.rewrite(&outputTokens)
        r.rewrite(&reasoningTokens)
        r.rewrite(&cacheReadTokens)
        r.rewrite(&cacheWrite5mTokens)
        r.rewrite(&cacheWrite1hTokens)
        r.rewrite(&calls)
        r.rewrite(&loggedCostUSD)
        r.rewrite(&dedupHigh)
        r.rewrite(&dedupLow)
        r.rewrite(&extra)
    }
}

/// A change to a column of any element type, applied by `UsageTable.rewriteEveryColumn`.
private protocol ColumnRewrite {
    func rewrite<T: Packable>(_ column: inout PackedColumn<T>)
}

private struct ShrinkOpenBlocks: ColumnRewrite {
    func rewrite<T: Packable>(_ column: inout PackedColumn<T>) { column.shrinkOpenBlock() }
}

private struct DropLast: ColumnRewrite {
    let n: Int
    func rewrite<T: Packable>(_ column: inout PackedColumn<T>) { column.removeLast(n) }
}

private struct Filter: ColumnRewrite {
    let mask: [Bool]
    let count: Int
    func rewrite<T: Packable>(_ column: inout PackedColumn<T>) { column = column.filtered(mask, count: count) }
}

private struct Gather<Row: BinaryInteger>: ColumnRewrite {
    let rows: [Row]
    /// How many rows at the start stay where they are (`rows[k] == k`): the sealed blocks among them are kept
    /// by reference (a table that only grew at its end is re-packed from its last sealed block on).
    let unmoved: Int

    init(rows: [Row]) {
        self.rows = rows
        var k = 0
        while k < rows.count && rows[k] == Row(k) { k += 1 }
        unmoved = k
    }

    func rewrite<T: Packable>(_ column: inout PackedColumn<T>) {
        let old = column
        let keptBlocks = Swift.min(unmoved, old.sealedCount) / PackedColumn<T>.blockSize
        let kept = keptBlocks * PackedColumn<T>.blockSize
        var gathered = PackedColumn<T>()
        gathered.appendSealedBlocks(of: old, count: keptBlocks)
        rows.withUnsafeBufferPointer { r in gathered.append(count: r.count - kept) { old[Int(r[kept &+ $0])] } }
        column = gathered
    }
}

/// One row of `UsageTable`, with strings as codes of the table's dictionary.
public struct EventRow: Equatable, Sendable {
    public var time: Int64
    public var format: UInt8
    public var flags: UsageTable.Flags
    public var model: UInt32
    public var provider: UInt32 = 0
    public var session: UInt32 = 0
    public var project: UInt32 = 0
    public var file: UInt32 = 0
    public var line: UInt32 = 0
    public var inputTokens: Int64 = 0
    public var outputTokens: Int64 = 0
    public var reasoningTokens: Int64 = 0
    public var cacheReadTokens: Int64 = 0
    public var cacheWrite5mTokens: Int64 = 0
    public var cacheWrite1hTokens: Int64 = 0
    public var calls: UInt32 = 1
    public var loggedCostUSD: Double = .nan
    public var dedupHigh: UInt64 = 0
    public var dedupLow: UInt64 = 0
    public var extras = EventExtras()

    /// An event; every column but time, format and model has its default (no strings, zero tokens, one
    /// call, no logged cost, no dedup key).
    public init(
        time: Int64, format: UInt8, flags: UsageTable.Flags = [], model: UInt32, provider: UInt32 = 0,
        session: UInt32 = 0, project: UInt32 = 0, file: UInt32 = 0, line: UInt32 = 0, inputTokens: Int64 = 0,
        outputTokens: Int64 = 0, reasoningTokens: Int64 = 0, cacheReadTokens: Int64 = 0,
        cacheWrite5mTokens: Int64 = 0, cacheWrite1hTokens: Int64 = 0, calls: UInt32 = 1,
        loggedCostUSD: Double = .nan, dedupHigh: UInt64 = 0, dedupLow: UInt64 = 0
    ) {
        self.time = time
        self.format = format
        self.flags = flags
        self.model = model
        self.provider = provider
        self.session = session
        self.project = project
        self.file = file
        self.line = line
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.reasoningTokens = reasoningTokens
        self.cacheReadTokens = cacheReadTokens
        self.cacheWrite5mTokens = cacheWrite5mTokens
        self.cacheWrite1hTokens = cacheWrite1hTokens
        self.calls = calls
        self.loggedCostUSD = loggedCostUSD
        self.dedupHigh = dedupHigh
        self.dedupLow = dedupLow
    }

    public static func == (a: EventRow, b: EventRow) -> Bool {
        a.time == b.time && a.format == b.format && a.flags == b.flags && a.model == b.model
            && a.provider == b.provider && a.session == b.session && a.project == b.project && a.file == b.file
            && a.line == b.line && a.inputTokens == b.inputTokens && a.outputTokens == b.outputTokens
            && a.reasoningTokens == b.reasoningTokens && a.cacheReadTokens == b.cacheReadTokens
            && a.cacheWrite5mTokens == b.cacheWrite5mTokens && a.cacheWrite1hTokens == b.cacheWrite1hTokens
            && a.calls == b.calls && a.dedupHigh == b.dedupHigh && a.dedupLow == b.dedupLow
            && (a.loggedCostUSD == b.loggedCostUSD || (a.loggedCostUSD.isNaN && b.loggedCostUSD.isNaN))
            && a.extras == b.extras
    }

    /// Every token the event moved, cache included: the measure of "most complete" among duplicates.
    public var allTokens: Int64 {
        inputTokens.addingSaturating(outputTokens).addingSaturating(cacheReadTokens)
            .addingSaturating(cacheWrite5mTokens).addingSaturating(cacheWrite1hTokens)
    }
}

/// The dimensions only some formats carry (strings as codes of the table's dictionary, 0 for none).
public struct EventExtras: Equatable, Sendable {
    public var user: UInt32 = 0
    public var department: UInt32 = 0
    public var agent: UInt32 = 0
    public var thread: UInt32 = 0
    public var account: UInt32 = 0
    /// The timestamp exactly as logged, kept where an endpoint echoes it (agentkit's export).
    public var rawTime: UInt32 = 0
    /// The request latency the log states, NaN when none.
    public var latencyMs: Double = .nan
    /// How the log wrote its numbers, for endpoints that echo them (`0` and `0.0` export differently).
    public var written: Written = []

    public struct Written: OptionSet, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let costAsInteger = Written(rawValue: 1)
        public static let latencyAsInteger = Written(rawValue: 2)
    }

    public init(
        user: UInt32 = 0, department: UInt32 = 0, agent: UInt32 = 0, thread: UInt32 = 0, account: UInt32 = 0,
        rawTime: UInt32 = 0, latencyMs: Double = .nan
    ) {
        self.user = user
        self.department = department
        self.agent = agent
        self.thread = thread
        self.account = account
        self.rawTime = rawTime
        self.latencyMs = latencyMs
    }

    public var isEmpty: Bool {
        user == 0 && department == 0 && agent == 0 && thread == 0 && account == 0 && rawTime == 0 && latencyMs.isNaN
            && written.isEmpty
    }

    public static func == (a: EventExtras, b: EventExtras) -> Bool {
        a.user == b.user && a.department == b.department && a.agent == b.agent && a.thread == b.thread
            && a.account == b.account && a.rawTime == b.rawTime && a.written == b.written
            && (a.latencyMs == b.latencyMs || (a.latencyMs.isNaN && b.latencyMs.isNaN))
    }

    func remapped(_ remap: [UInt32]) -> EventExtras {
        var e = self
        e.user = remap[Int(user)]
        e.department = remap[Int(department)]
        e.agent = remap[Int(agent)]
        e.thread = remap[Int(thread)]
        e.account = remap[Int(account)]
        e.rawTime = remap[Int(rawTime)]
        return e
    }
}

/// A rate-limit reading found in a log (Codex `rate_limits`, a limit message, logged rate-limit headers), kept
/// for window and limit reports.
public struct LimitObservation: Equatable, Sendable {
    /// `primary`/`secondary`: a provider's 5-hour and weekly windows. `header`: a reading of API rate-limit
    /// headers (`anthropic-ratelimit-*`, `x-ratelimit-*`), whose reset gives a `provider_api_rate_limit` window.
    public enum Window: UInt8, Sendable { case primary, secondary, header }
    /// When it was observed (ms since 1970 UTC).
    public var time: Int64
    public var format: UInt8
    public var window: Window
    public var usedPercent: Double?
    public var windowMinutes: Int64?
    /// When the window resets (ms since 1970 UTC), if the log says.
    public var resetsAt: Int64?
    public var session: UInt32
    public var file: UInt32
    public var line: UInt32
    /// The provider whose limit this is (a string code), 0 when it follows from the format (Codex: OpenAI).
    public var provider: UInt32 = 0
}
