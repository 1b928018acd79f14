import Testing

@testable import UsageLensCore

/// Seeded property tests: whatever the split into files, thread count, chunk size and encoding, the totals equal
/// the truth of the generated events, and every line is accounted for.
@Suite struct IngestorPropertyTests {
    struct Generated {
        var files: [(String, [String])]
        var truth: [String: [Int64]]  // model -> input, output, cacheRead, write5m, write1h, events
        var lines: Int
        var malformed: Int
    }

    static func generate(seed: UInt64, fileCount: Int) -> Generated {
        var rng = SeededGenerator(seed: seed)
        let models = ["claude-sonnet-4-5-20250929", "claude-opus-4-1-20250805", "claude-haiku-4-5-20251001"]
        var truth: [String: [Int64]] = [:]
        var files: [(String, [String])] = (0..<fileCount).map { ("projects/p\($0 % 3)/f\($0).jsonl", []) }
        var lines = 0
        var malformed = 0
        var previous: [(String, Int)] = []  // lines that may be copied into another file
        for event in 0..<(40 + Int(rng.next() % 80)) {
            let model = models[Int(rng.next() % 3)]
            let u = (0..<5).map { _ in Int(rng.next() % 5000) }
            let cache1h = rng.next() % 4 == 0 ? Int(rng.next() % 300) : 0
            let minute = event % 60
            let hour = 10 + event / 60
            let line = Lines.claude(
                id: "m\(event)", requestId: rng.next() % 5 == 0 ? nil : "r\(event)", model: model,
                time: "2025-10-1\(event % 3)T\(hour):\(minute < 10 ? "0" : "")\(minute):00Z", input: u[0], output: u[1] + 1,
                cacheRead: u[2], cacheCreation: u[3] + cache1h, cache5m: u[3], cache1h: cache1h)
            var t = truth[model] ?? [0, 0, 0, 0, 0, 0]
            t[0] += Int64(u[0]); t[1] += Int64(u[1] + 1); t[2] += Int64(u[2]); t[3] += Int64(u[3]); t[4] += Int64(cache1h); t[5] += 1
            truth[model] = t
            let f = Int(rng.next() % UInt64(fileCount))
            files[f].1.append(line)
            lines += 1
            previous.append((line, f))
            // Noise: user lines, a partial streamed copy, a copy in another file, a torn line.
            if rng.next() % 2 == 0 {
                files[f].1.append(Lines.user("text with \\\"usage\\\" words \(event)"))
                lines += 1
            }
            if rng.next() % 6 == 0 {
                let partial = Lines.claude(
                    id: "m\(event)", requestId: line.contains("requestId") ? "r\(event)" : nil, model: model,
                    input: u[0], output: 0, cacheRead: u[2], cacheCreation: u[3] + cache1h, cache5m: u[3], cache1h: cache1h)
                files[f].1.insert(partial, at: max(0, files[f].1.count - 1))
                lines += 1
            }
            if rng.next() % 8 == 0, let (copy, _) = previous.randomElement(using: &rng) {
                let other = Int(rng.next() % UInt64(fileCount))
                files[other].1.append(copy)
                lines += 1
            }
            if rng.next() % 15 == 0 {
                let torn = String(line.prefix(Int(rng.next() % UInt64(line.count - 1)) + 1))
                files[f].1.append(torn)
                lines += 1
                // The documented rule: a line is parsed (and so found malformed) when it holds a needle or does
                // not end like a JSON value; a torn line that ends in '}' and holds no needle is ignored unparsed.
                if torn.contains("\"usage\"") || !torn.hasSuffix("}") { malformed += 1 }
            }
        }
        return Generated(files: files, truth: truth, lines: lines, malformed: malformed)
    }

    struct Case: Sendable, CustomStringConvertible {
        var seed: UInt64
        var files: Int
        var threads: Int
        var chunking: Chunking
        var encoding: Encoding
        var buffer: Int
        var description: String { "seed \(seed), \(files) files, \(threads) threads, \(chunking), \(encoding), buffer \(buffer)" }
    }

    static let cases: [Case] = {
        var out: [Case] = []
        var rng = SeededGenerator(seed: 7)
        for seed in UInt64(1)...6 {
            for chunking in Chunking.allCases {
                for encoding in Encoding.allCases {
                    out.append(Case(
                        seed: seed, files: 1 + Int(rng.next() % 6), threads: 1 + Int(rng.next() % 3), chunking: chunking,
                        encoding: encoding, buffer: [256, 4096, 1 << 20][Int(rng.next() % 3)]))
                }
            }
        }
        return out
    }()

    @Test(arguments: cases)
    func totalsEqualTheTruthForAnySplit(c: Case) throws {
        let generated = Self.generate(seed: c.seed, fileCount: c.files)
        let dir = TempDir()
        for (path, lines) in generated.files where !lines.isEmpty {
            dir.write(path + (c.encoding == .zstd ? ".zst" : ""), lines: lines, encoding: c.encoding)
        }
        let result = ingest(dir, threads: c.threads, chunking: c.chunking, bufferCapacity: c.buffer)
        var totals: [String: [Int64]] = [:]
        let t = result.table
        for i in 0..<t.count {
            var row = totals[t.strings[t.model[i]]] ?? [0, 0, 0, 0, 0, 0]
            row[0] += t.inputTokens[i]; row[1] += t.outputTokens[i]; row[2] += t.cacheReadTokens[i]
            row[3] += t.cacheWrite5mTokens[i]; row[4] += t.cacheWrite1hTokens[i]; row[5] += 1
            totals[t.strings[t.model[i]]] = row
        }
        #expect(totals == generated.truth)
        let lines = result.accounts.reduce(0) { $0 + $1.lines }
        #expect(lines == generated.lines)
        #expect(result.accounts.reduce(0) { $0 + $1.malformed } == generated.malformed)
        for a in result.accounts {
            #expect(a.used + a.duplicate + a.ignored + a.malformed == a.lines, "\(a.path)")
            #expect(a.fileErrors.isEmpty)
        }
    }

    @Test func theSameInputGivesTheSameTableForEveryThreadCount() throws {
        let generated = Self.generate(seed: 99, fileCount: 7)
        let dir = TempDir()
        for (path, lines) in generated.files where !lines.isEmpty { dir.write(path, lines: lines) }
        let one = ingest(dir, threads: 1)
        for threads in 2...4 {
            let other = ingest(dir, threads: threads, chunking: .sevenBytes)
            #expect((0..<one.table.count).map { one.table.row($0) } == (0..<other.table.count).map { other.table.row($0) })
            #expect(one.table.strings.strings == other.table.strings.strings)
            #expect(one.accounts == other.accounts)
        }
    }

    @Test func aValidSixtyFourMebibyteLineIsParsedAsItStreams() throws {
        // One JSON line far larger than the reader's buffer, its usage at the very end.
        var big = "{\"type\":\"assistant\",\"content\":["
        let chunk = "\"" + String(repeating: "a", count: 1000) + "\","
        big += String(repeating: chunk, count: 67 * 1024)
        big += "\"end\"],\"message\":{\"id\":\"big\",\"model\":\"claude-opus-4-1\",\"usage\":{\"input_tokens\":3,\"output_tokens\":4}},\"timestamp\":\"2025-10-14T09:00:00Z\"}"
        let dir = TempDir()
        dir.write("projects/p/big.jsonl", lines: [Lines.claude(id: "small"), big, Lines.claude(id: "after")])
        let r = ingest(dir, bufferCapacity: 1 << 16)
        #expect(r.table.count == 3)
        #expect(r.table.outputTokens[1] == 4)
        #expect(r.accounts[0].used == 3)
        #expect(r.accounts[0].bytes > 64 << 20)
    }

    @Test func canonicallyEquivalentAndInvalidUTF8StringsMergeAsDistinctBytes() throws {
        let dir = TempDir()
        dir.write("projects/p/a.jsonl", lines: [Lines.claude(id: "a", session: "caf\u{e9}")])
        dir.write("projects/p/b.jsonl", lines: [Lines.claude(id: "b", session: "cafe\u{301}")])
        // Invalid UTF-8 inside a session id (yajl is told not to validate strings).
        var bad = Array(Lines.claude(id: "c", session: "XX").utf8)
        let at = bad.firstIndex(of: UInt8(ascii: "X"))!
        bad[at] = 0xFF
        bad[at + 1] = 0xFE
        dir.write("projects/p/c.jsonl", bad + [0x0A])
        var bad2 = Array(Lines.claude(id: "d", session: "XX").utf8)
        bad2[at] = 0xFE
        bad2[at + 1] = 0xFF
        dir.write("projects/p/d.jsonl", bad2 + [0x0A])
        let r = ingest(dir, threads: 2)
        #expect(r.table.count == 4)
        #expect(Set(r.table.session).count == 4)
        #expect(r.accounts.allSatisfy { $0.used == 1 })
    }

    @Test(arguments: [2, 3, 4])
    func aLargeFileSplitAcrossWorkersGivesTheSameResultAsOneReader(threads: Int) throws {
        let generated = Self.generate(seed: 42, fileCount: 1)
        let dir = TempDir()
        // A BOM, blank lines and a torn line, so that line numbers and accounting must survive the stitching.
        var lines = generated.files[0].1
        lines.insert("", at: lines.count / 3)
        lines.insert(#"{"message":{"usage":{"input_tokens":1"#, at: lines.count / 2)
        let text = Array((lines.joined(separator: "\n") + "\n").utf8)
        dir.write("projects/p/big.jsonl", [0xEF, 0xBB, 0xBF] + text)
        let whole = ingest(dir, threads: 1)
        let split = ingest(dir, threads: threads, bufferCapacity: 512, splitThreshold: 2048)
        let files = try InputDiscovery.discover([dir.path])
        #expect(Ingestor.plan(files, options: IngestOptions(threads: threads, splitThreshold: 2048)).count > 1)
        #expect(split.accounts == whole.accounts)
        #expect(split.accounts[0].malformed >= 1)
        #expect((0..<whole.table.count).map { whole.table.row($0) } == (0..<split.table.count).map { split.table.row($0) })
        #expect(split.table.strings.strings == whole.table.strings.strings)
    }

    @Test func filesOfAStatefulFormatOrCompressedAreNeverSplit() throws {
        let dir = TempDir()
        var codex = [Lines.codexMeta(id: "s"), Lines.codexTurn(model: "gpt-5-codex")]
        for k in 0..<200 {
            codex.append(Lines.codexTokens(total: (10 * (k + 1), 0, k + 1, 0), last: nil, time: "2025-10-14T10:\(10 + k / 60):\(k % 60 < 10 ? "0" : "")\(k % 60)Z"))
        }
        dir.write("sessions/rollout-a.jsonl", lines: codex)
        dir.write("projects/p/c.jsonl.zst", lines: (0..<200).map { Lines.claude(id: "z\($0)") }, encoding: .zstd)
        let files = try InputDiscovery.discover([dir.path])
        #expect(Ingestor.plan(files, options: IngestOptions(threads: 4, splitThreshold: 1024)).count == 2)
        let split = ingest(dir, threads: 4, splitThreshold: 1024)
        let whole = ingest(dir, threads: 1)
        #expect(split.accounts == whole.accounts)
        #expect(split.table.outputTokens == whole.table.outputTokens)
        #expect(whole.table.count == 400)
    }
}

@Suite struct SplitStatefulFileTests {
    @Test func aConcatenatedArchiveWhoseRolloutsStartLateGivesWhatOneThreadGives() {
        // 70 KiB of stateless records first (the head decides splitting), then Codex rollouts: the pieces
        // cut rollouts in the middle, so the file is read again whole.
        var lines: [String] = []
        var i = 0
        while lines.joined().utf8.count < 70 << 10 {
            lines.append(#"{"timestamp":"2025-10-14T10:00:00Z","agent_name":"a","model":"gpt-4o","prompt_tokens":\#(i + 1),"completion_tokens":1}"#)
            i += 1
        }
        for r in 0..<40 {
            lines.append(Lines.codexMeta(id: "rollout-\(r)", time: "2025-10-14T11:00:00.000Z"))
            lines.append(Lines.codexTurn(model: "o3", time: "2025-10-14T11:00:00.000Z"))
            for k in 1...20 {
                lines.append(Lines.codexTokens(total: (k * 100, k * 10, k, 0), last: nil, time: "2025-10-14T11:\(String(format: "%02d", k)):00.000Z"))
            }
        }
        let dir = TempDir()
        dir.write("archive.jsonl", lines: lines)
        let one = ingest(dir, threads: 1, splitThreshold: 4096)
        let two = ingest(dir, threads: 2, splitThreshold: 4096)
        #expect(one.table.count == i + 40 * 20)
        #expect(two.table.count == one.table.count)
        // The same rows, strings resolved (the pieces read in vain interned a default model no row keeps).
        func resolved(_ r: IngestResult, _ i: Int) -> String {
            let t = r.table
            var row = t.row(i)
            let names = [t.strings[row.model], t.strings[row.session], t.strings[row.project]]
            (row.model, row.session, row.project) = (0, 0, 0)
            return "\(row) \(names)"
        }
        #expect((0..<one.table.count).allSatisfy { resolved(one, $0) == resolved(two, $0) })
        #expect(two.accounts == one.accounts)
        #expect((0..<two.table.count).allSatisfy { two.table.format[$0] != LogFormat.codex.rawValue || two.table.strings[two.table.model[$0]] == "o3" })
    }
}

@Suite struct TornLineWithoutNeedleTests {
    @Test func aLineTornAfterAnInnerBraceIsMalformedNotIgnored() {
        // No needle, and it ends like a value: it used to be skipped unparsed as ignored.
        let torn = #"{"parentUuid":null,"type":"user","message":{"role":"user","content":[{"type":"text","text":"hi"}"#
        let tornInString = #"{"type":"user","message":{"role":"user","content":"a } b ]"}"#
        let valid = #"{"type":"user","message":{"role":"user","content":"unbalanced { [ in text"}}"#
        let dir = TempDir()
        dir.write("p/s.jsonl", lines: [torn, valid, tornInString, Lines.claude(id: "m1")])
        let r = ingest(dir)
        #expect(r.accounts[0].malformed == 2)
        #expect(r.accounts[0].errors.map(\.line) == [1, 3])
        #expect(r.accounts[0].ignoredReasons[.noUsageFields] == 1)
        #expect(r.table.count == 1)
    }
}

/// Found by Fuzz/Targets/LineIngest: a read error (a broken zstd frame) inside a line longer than the buffer left
/// that line counted but in no outcome, so the account did not add up.
@Suite struct ReadErrorInLongLineTests {
    @Test(arguments: [256, 1 << 20])
    func aLineCutByAReadErrorIsMalformed(bufferCapacity: Int) {
        let dir = TempDir()
        let head = Array(("{\"type\":\"user\"}\n{\"usage\":\"" + String(repeating: "x", count: 600)).utf8)
        let broken: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
        dir.write("cut.jsonl.zst", Zstd.compress(head) + broken)
        let a = ingest(dir, bufferCapacity: bufferCapacity).accounts[0]
        #expect(a.fileErrors.count == 1)
        #expect(a.used + a.duplicate + a.ignored + a.malformed == a.lines)
        #expect(a.ignored == 1)
        if bufferCapacity == 256 {
            #expect(a.lines == 2)
            #expect(a.malformed == 1)
        }
    }
}

/// Found by Fuzz/Targets/ZstdSource: a zstd context reused after another stream decoded a corrupt frame (one that
/// holds more than its header declares) to 11,794 bytes of garbage, where a fresh context fails at once, so a
/// broken file's lines depended on the file a worker had read before it. Each compressed file gets a fresh one.
@Suite struct ZstdDecoderPerFileTests {
    static let valid: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD, 0x04, 0x58, 0x11, 0x00, 0x00, 0x7B, 0x0A, 0xB1, 0xCB, 0xAE, 0xE5]
    static let lying: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD, 0x50, 0x28, 0x94, 0x00, 0x92, 0x70, 0x01, 0xEB, 0x8C, 0x00]

    static func account(of name: String, in dir: TempDir) -> String {
        let a = ingest(dir).accounts.first { $0.path.hasSuffix(name) }!
        return "\(a.lines) \(a.malformed) \(a.events) \(a.ignoredReasons) \(a.fileErrors)"
    }

    @Test func aCorruptFileReadsTheSameWhetherOrNotAnotherCompressedFileCameBefore() {
        let alone = TempDir()
        alone.write("b.zst", Self.lying)
        let after = TempDir()
        after.write("a.zst", Self.valid)
        after.write("b.zst", Self.lying)
        let expected = Self.account(of: "b.zst", in: alone)
        #expect(Self.account(of: "b.zst", in: after) == expected)
        #expect(expected.contains("corrupt"))
    }
}
