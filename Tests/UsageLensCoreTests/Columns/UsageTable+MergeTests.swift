import Testing

@testable import UsageLensCore

@Suite("UsageTable.merge")
struct UsageTableMergeTests {
    /// An event with its strings spelled out, independent of any dictionary.
    struct Logical: Equatable {
        var time: Int64
        var file: UInt32
        var line: UInt32
        var model: String
        var provider: String
        var session: String
        var project: String
        var input: Int64
        var output: Int64
        var flags: UInt8
        var cost: Double
    }

    struct LogicalLimit: Equatable {
        var time: Int64
        var file: UInt32
        var line: UInt32
        var window: LimitObservation.Window
        var session: String
        var used: Double?
    }

    static let models = ["claude-sonnet-4-5", "gpt-5-codex", "claude-opus-4-1", "llama3:8b", "é-model", "Zeta"]
    static let providers = ["", "anthropic", "openai"]
    static let sessions = ["", "s1", "s2", "s3", "session-🚀"]
    static let projects = ["", "/home/dev/app", "/home/dev/cli"]

    /// Random events with unique (file, line) and many equal times, so that ties are ordered by file and line.
    static func randomEvents(_ n: Int, using g: inout SeededGenerator) -> [Logical] {
        var nextLine: [UInt32: UInt32] = [:]
        return (0..<n).map { _ in
            let file = UInt32.random(in: 0..<5, using: &g)
            nextLine[file, default: 0] += 1
            return Logical(
                time: 1_760_000_000_000 + Int64.random(in: 0..<15, using: &g) * 60_000, file: file,
                line: nextLine[file]!, model: models.randomElement(using: &g)!,
                provider: providers.randomElement(using: &g)!, session: sessions.randomElement(using: &g)!,
                project: projects.randomElement(using: &g)!, input: Int64.random(in: 0..<10_000, using: &g),
                output: Int64.random(in: 0..<10_000, using: &g), flags: UInt8.random(in: 0..<4, using: &g),
                cost: Bool.random(using: &g) ? .nan : Double(Int.random(in: 0..<100, using: &g)) / 8)
        }
    }

    static func randomLimits(_ n: Int, using g: inout SeededGenerator) -> [LogicalLimit] {
        (0..<n).map { i in
            LogicalLimit(
                time: 1_760_000_000_000 + Int64.random(in: 0..<5, using: &g) * 60_000, file: UInt32.random(in: 0..<3, using: &g),
                line: UInt32(i + 1), window: Bool.random(using: &g) ? .primary : .secondary,
                session: sessions.randomElement(using: &g)!, used: Double(i))
        }
    }

    /// Builds one shard per group, interning strings in the group's (shuffled) order so codes differ per shard.
    static func shards(_ groups: [[Logical]], limits: [[LogicalLimit]] = []) -> [UsageTable] {
        groups.indices.map { s in
            var t = UsageTable()
            for e in groups[s] {
                let row = EventRow(
                    time: e.time, format: 1, flags: UsageTable.Flags(rawValue: e.flags), model: t.strings.intern(e.model),
                    provider: t.strings.intern(e.provider), session: t.strings.intern(e.session),
                    project: t.strings.intern(e.project), file: e.file, line: e.line, inputTokens: e.input,
                    outputTokens: e.output, loggedCostUSD: e.cost)
                t.append(row)
            }
            if s < limits.count {
                for l in limits[s] {
                    t.limits.append(
                        LimitObservation(
                            time: l.time, format: 2, window: l.window, usedPercent: l.used, windowMinutes: 300,
                            resetsAt: nil, session: t.strings.intern(l.session), file: l.file, line: l.line))
                }
            }
            return t
        }
    }

    static func logical(_ t: UsageTable) -> [Logical] {
        (0..<t.count).map { i in
            Logical(
                time: t.time[i], file: t.file[i], line: t.line[i], model: t.strings[t.model[i]],
                provider: t.strings[t.provider[i]], session: t.strings[t.session[i]], project: t.strings[t.project[i]],
                input: t.inputTokens[i], output: t.outputTokens[i], flags: t.flags[i].rawValue, cost: t.loggedCostUSD[i])
        }
    }

    static func logicalLimits(_ t: UsageTable) -> [LogicalLimit] {
        t.limits.map {
            LogicalLimit(
                time: $0.time, file: $0.file, line: $0.line, window: $0.window, session: t.strings[$0.session],
                used: $0.usedPercent)
        }
    }

    /// Splits `items` into `parts` groups at random (some possibly empty), each group shuffled.
    static func randomSplit<T>(_ items: [T], parts: Int, using g: inout SeededGenerator) -> [[T]] {
        var groups = [[T]](repeating: [], count: parts)
        for item in items { groups[Int.random(in: 0..<parts, using: &g)].append(item) }
        return groups.map { $0.shuffled(using: &g) }
    }

    static func expectIdentical(_ a: UsageTable, _ b: UsageTable, _ comment: Comment? = nil) {
        #expect(a.count == b.count, comment)
        #expect(a.strings.strings == b.strings.strings, comment)
        var differing = 0
        for i in 0..<min(a.count, b.count) where a.row(i) != b.row(i) { differing += 1 }
        #expect(differing == 0, comment)
        #expect(a.limits == b.limits, comment)
    }

    static func canonical(_ events: [Logical]) -> [Logical] {
        events.sorted { ($0.time, $0.file, $0.line) < ($1.time, $1.file, $1.line) }
    }

    @Test(
        "merging shards equals merging the same rows split differently",
        arguments: [(1, 300), (2, 300), (3, 300), (42, 300), (1234, 300), (77, 5_000)] as [(UInt64, Int)])
    func splitIndependence(seed: UInt64, count: Int) {
        // 5,000 rows: shards hold sealed blocks, which the merge takes by reference, and partial open blocks.
        var g = SeededGenerator(seed: seed)
        let events = Self.randomEvents(count, using: &g)
        let limits = Self.randomLimits(20, using: &g)
        let reference = UsageTable.merge(Self.shards([events], limits: [limits]))
        #expect(reference.count == events.count)
        for parts in [1, 2, 3, 7, 16] {
            let merged = UsageTable.merge(
                Self.shards(
                    Self.randomSplit(events, parts: parts, using: &g),
                    limits: Self.randomSplit(limits, parts: parts, using: &g)))
            Self.expectIdentical(merged, reference, "seed \(seed), \(parts) shards")
        }
    }

    @Test("merged rows are in canonical (time, file, line) order with their strings intact", arguments: [5, 6, 7])
    func canonicalOrder(seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        let events = Self.randomEvents(200, using: &g)
        let merged = UsageTable.merge(Self.shards(Self.randomSplit(events, parts: 4, using: &g)))
        let got = Self.logical(merged)
        let want = Self.canonical(events)
        #expect(got.count == want.count)
        // NaN costs compare unequal; compare them as bit patterns of "no cost".
        for (a, b) in zip(got, want) {
            var x = a
            var y = b
            if x.cost.isNaN && y.cost.isNaN { x.cost = -1; y.cost = -1 }
            #expect(x == y)
        }
    }

    @Test("the merged dictionary holds every string once, sorted by bytes, with code 0 empty")
    func dictionarySorted() {
        var g = SeededGenerator(seed: 11)
        let events = Self.randomEvents(100, using: &g)
        let merged = UsageTable.merge(Self.shards(Self.randomSplit(events, parts: 3, using: &g)))
        let used = Set(events.flatMap { [$0.model, $0.provider, $0.session, $0.project] }).subtracting([""])
        let byBytes = used.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        #expect(merged.strings.strings == [""] + byBytes.map { String(decoding: $0, as: UTF8.self) })
        for (code, s) in merged.strings.strings.enumerated() {
            #expect(merged.strings.code(of: s) == UInt32(code))
        }
    }

    @Test("canonically equivalent spellings (NFC, NFD) stay distinct values and do not trap")
    func unicodeEquivalentStrings() {
        let composed = "/Users/dev/caf\u{E9}"
        let decomposed = "/Users/dev/cafe\u{301}"
        #expect(composed == decomposed)  // equal as Swift strings, different bytes
        var a = UsageTable()
        a.append(EventRow(time: 1, format: 1, flags: [], model: a.strings.intern("m"), project: a.strings.intern(composed)))
        var b = UsageTable()
        b.append(
            EventRow(time: 2, format: 1, flags: [], model: b.strings.intern("m"), project: b.strings.intern(decomposed)))
        b.append(EventRow(time: 3, format: 1, flags: [], model: b.strings.intern("m"), project: b.strings.intern(composed)))
        let merged = UsageTable.merge([a, b])
        #expect(merged.count == 3)
        #expect(merged.strings.count == 4)
        let projects = merged.project.map { merged.strings.bytes(of: $0) }
        #expect(projects == [Array(composed.utf8), Array(decomposed.utf8), Array(composed.utf8)])
        #expect(merged.project[0] == merged.project[2])
        #expect(merged.project[0] != merged.project[1])
    }

    @Test("invalid UTF-8 byte strings stay distinct through a merge")
    func invalidUTF8() {
        var a = UsageTable()
        let x = [UInt8]([0x61, 0xFF]).withUnsafeBytes { a.strings.intern($0) }
        a.append(EventRow(time: 1, format: 1, flags: [], model: x))
        var b = UsageTable()
        let y = [UInt8]([0x61, 0xFE]).withUnsafeBytes { b.strings.intern($0) }
        b.append(EventRow(time: 2, format: 1, flags: [], model: y))
        let merged = UsageTable.merge([b, a])
        #expect(merged.strings.count == 3)
        #expect(merged.strings.bytes(of: merged.model[0]) == [0x61, 0xFF])
        #expect(merged.strings.bytes(of: merged.model[1]) == [0x61, 0xFE])
    }

    @Test("limits are remapped to the merged dictionary and sorted")
    func limitsRemapped() {
        var a = UsageTable()
        _ = a.strings.intern("zzz")
        a.limits = [
            LimitObservation(
                time: 20, format: 2, window: .secondary, usedPercent: 2, windowMinutes: 10_080, resetsAt: 500,
                session: a.strings.intern("s-b"), file: 0, line: 2),
            LimitObservation(
                time: 20, format: 2, window: .primary, usedPercent: 1, windowMinutes: 300, resetsAt: 400,
                session: a.strings.intern("s-b"), file: 0, line: 2),
        ]
        var b = UsageTable()
        b.limits = [
            LimitObservation(
                time: 10, format: 2, window: .primary, usedPercent: 3, windowMinutes: 300, resetsAt: nil,
                session: b.strings.intern("s-a"), file: 1, line: 1)
        ]
        let merged = UsageTable.merge([a, b])
        #expect(merged.strings.strings == ["", "s-a", "s-b", "zzz"])
        let got = merged.limits.map { (merged.strings[$0.session], $0.time, $0.window, $0.usedPercent) }
        #expect(got.count == 3)
        #expect(got.map(\.0) == ["s-a", "s-b", "s-b"])
        #expect(got.map(\.1) == [10, 20, 20])
        #expect(got.map(\.2) == [.primary, .primary, .secondary])
        #expect(got.map(\.3) == [3, 1, 2])
        #expect(merged.limits[1].resetsAt == 400)
    }

    @Test("rows of one line keep their order within the shard")
    func sameLineKeepsOrder() {
        var other = UsageTable()
        let m0 = other.strings.intern("gpt-5")
        other.append(EventRow(time: 100, format: 2, flags: [], model: m0, file: 0, line: 9, inputTokens: 1))
        var t = UsageTable()
        let m = t.strings.intern("claude-sonnet-4-5")
        for tokens: Int64 in [30, 10, 20] {
            t.append(EventRow(time: 100, format: 1, flags: [], model: m, file: 1, line: 4, inputTokens: tokens))
        }
        let merged = UsageTable.merge([other, t])
        #expect(merged.inputTokens == [1, 30, 10, 20])
        let reversed = UsageTable.merge([t, other])
        #expect(reversed.inputTokens == [1, 30, 10, 20])
    }

    @Test("merging is associative: merge of merges equals one merge")
    func associative() {
        var g = SeededGenerator(seed: 99)
        let groups = Self.randomSplit(Self.randomEvents(150, using: &g), parts: 3, using: &g)
        let s = Self.shards(groups)
        let flat = UsageTable.merge(s)
        Self.expectIdentical(UsageTable.merge([UsageTable.merge([s[0], s[1]]), s[2]]), flat)
        Self.expectIdentical(UsageTable.merge([s[0], UsageTable.merge([s[1], s[2]])]), flat)
        Self.expectIdentical(UsageTable.merge([flat]), flat)
    }

    @Test("merging nothing, or empty shards, gives an empty table")
    func empty() {
        let none = UsageTable.merge([])
        #expect(none.count == 0)
        #expect(none.strings.strings == [""])
        let empties = UsageTable.merge([UsageTable(), UsageTable()])
        #expect(empties.count == 0)
        #expect(empties.limits.isEmpty)
    }

    @Test("token columns and flags travel with their row")
    func columnsTravel() {
        var a = UsageTable()
        let m = a.strings.intern("claude-opus-4-1")
        a.append(
            EventRow(
                time: 2, format: 1, flags: [.sidechain], model: m, file: 0, line: 1, inputTokens: 1, outputTokens: 2,
                reasoningTokens: 3, cacheReadTokens: 4, cacheWrite5mTokens: 5, cacheWrite1hTokens: 6, calls: 7,
                loggedCostUSD: 0.5, dedupHigh: 8, dedupLow: 9))
        var b = UsageTable()
        let m2 = b.strings.intern("gpt-5")
        b.append(EventRow(time: 1, format: 2, flags: [.assumedModel], model: m2, file: 1, line: 1, inputTokens: 100))
        let merged = UsageTable.merge([a, b])
        #expect(merged.strings[merged.model[0]] == "gpt-5")
        #expect(merged.flags[0] == [.assumedModel])
        let r = merged.row(1)
        #expect(merged.strings[r.model] == "claude-opus-4-1")
        #expect(r.flags == [.sidechain])
        #expect(
            (r.inputTokens, r.outputTokens, r.reasoningTokens, r.cacheReadTokens, r.cacheWrite5mTokens, r.cacheWrite1hTokens)
                == (1, 2, 3, 4, 5, 6))
        #expect(r.calls == 7)
        #expect(r.loggedCostUSD == 0.5)
        #expect(r.dedupHigh == 8 && r.dedupLow == 9)
        #expect(r.format == 1)
    }
}
