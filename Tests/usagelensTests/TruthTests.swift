import Foundation
import Testing

/// The binary's numbers on samples/ against the truth the sample generator computed from its own bookkeeping
/// (Tests/usagelensTests/Fixtures/samples-truth.json), not by re-reading the logs. Each command runs every way the
/// cache can give its result (`CacheWays`: `--no-cache`, cold, warm from the entries, warm from the snapshot),
/// byte for byte the same.
@Suite struct TruthTests {
    nonisolated(unsafe) static let truth: [String: Any] = {
        let data = FileManager.default.contents(atPath: CLI.root + "/Tests/usagelensTests/Fixtures/samples-truth.json")!
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }()

    static let rates: [String: [String: Double]] = {
        let data = FileManager.default.contents(atPath: CLI.root + "/Tests/usagelensTests/Fixtures/pipeline-rates.json")!
        let root = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
        return root["rates_usd_per_million"] as! [String: [String: Double]]
    }()

    /// `claude-sonnet-4-5-20250929` -> `claude-sonnet-4-5` (the two normalisations used by the samples).
    static func normalised(_ raw: String) -> String {
        raw.range(of: #"-\d{8}$"#, options: .regularExpression).map { String(raw[..<$0.lowerBound]) } ?? raw
    }

    static func int(_ any: Any?) -> Int64 { (any as? NSNumber)?.int64Value ?? -1 }

    @Test func modelTotalsEqualTruthAndCostsFollowPipelineRates() throws {
        let output = try CacheWays.json([
            "models", "--json", "--cost-mode", "calculate", "--pricing", "Tests/usagelensTests/Fixtures/pipeline-rates.json", "samples/",
        ])
        let rows = output["models"] as! [[String: Any]]
        let truth = Self.truth["per_model"] as! [String: [String: Any]]
        #expect(rows.count == truth.count)
        for (raw, expected) in truth {
            let model = Self.normalised(raw)
            let row = try #require(rows.first { $0["model"] as? String == model }, "no row for \(model)")
            let input = Self.int(expected["input_tokens"])
            let output = Self.int(expected["output_tokens"])
            let cacheRead = Self.int(expected["cache_read_tokens"])
            let write5m = Self.int(expected["cache_write_5m_tokens"])
            let write1h = Self.int(expected["cache_write_1h_tokens"])
            #expect(Self.int(row["events"]) == Self.int(expected["events"]), "\(model) events")
            #expect(Self.int(row["input_tokens"]) == input, "\(model) input")
            #expect(Self.int(row["output_tokens"]) == output, "\(model) output")
            #expect(Self.int(row["cache_read_tokens"]) == cacheRead, "\(model) cache read")
            #expect(Self.int(row["cache_write_5m_tokens"]) == write5m, "\(model) 5m writes")
            #expect(Self.int(row["cache_write_1h_tokens"]) == write1h, "\(model) 1h writes")
            #expect(Self.int(row["reasoning_tokens"]) == Self.int(expected["reasoning_tokens"]), "\(model) reasoning")
            #expect(Self.int(row["total_tokens"]) == input + output)
            let provider = row["provider"] as! String
            let rate = try #require(Self.rates["\(provider)/\(model)"])
            // The Pipeline shape has no 1-hour price: 1-hour writes are priced as writes.
            var expectedCost = Double(input) * rate["input"]! + Double(output) * rate["output"]!
            expectedCost += Double(cacheRead) * (rate["cache_read"] ?? 0) + Double(write5m + write1h) * (rate["cache_write"] ?? 0)
            expectedCost /= 1_000_000
            let cost = (row["cost_usd"] as! NSNumber).doubleValue
            #expect(abs(cost - expectedCost) <= 1e-9 * expectedCost, "\(model): \(cost) vs \(expectedCost)")
        }
    }

    @Test func loggedCostsDriveDisplayAndAutoModes() throws {
        let logged = (Self.truth["logged_cost_usd"] as! NSNumber).doubleValue
        let display = try CacheWays.json(["models", "--json", "--cost-mode", "display", "samples/"])
        let displayTotal = ((display["totals"] as! [String: Any])["cost_usd"] as! NSNumber).doubleValue
        #expect(abs(displayTotal - logged) <= 1e-12)
        let auto = try CacheWays.json(["models", "--json", "--cost-mode", "auto", "samples/"])
        let calculate = try CacheWays.json(["models", "--json", "--cost-mode", "calculate", "samples/"])
        let autoTotal = ((auto["totals"] as! [String: Any])["cost_usd"] as! NSNumber).doubleValue
        let calculateTotal = ((calculate["totals"] as! [String: Any])["cost_usd"] as! NSNumber).doubleValue
        #expect(autoTotal != calculateTotal)
        #expect(autoTotal > logged)
    }

    @Test func calculatedCostsMatchRatesExactly() throws {
        let output = try CacheWays.json([
            "models", "--json", "--cost-mode", "calculate", "--pricing", "Tests/usagelensTests/Fixtures/pipeline-rates.json", "samples/",
        ])
        let rows = output["models"] as! [[String: Any]]
        var total = 0.0
        for row in rows {
            let key = "\(row["provider"] as! String)/\(row["model"] as! String)"
            let rate = try #require(Self.rates[key])
            let expected =
                (Double(Self.int(row["input_tokens"])) * rate["input"]! + Double(Self.int(row["output_tokens"])) * rate["output"]!
                    + Double(Self.int(row["cache_read_tokens"])) * (rate["cache_read"] ?? 0)
                    + Double(Self.int(row["cache_write_tokens"])) * (rate["cache_write"] ?? 0)) / 1_000_000
            let cost = (row["cost_usd"] as! NSNumber).doubleValue
            #expect(abs(cost - expected) <= 1e-9 * max(expected, 1e-12), "\(key)")
            #expect(row["unpriced"] as? Bool == false)
            total += cost
        }
        let totals = output["totals"] as! [String: Any]
        #expect(abs((totals["cost_usd"] as! NSNumber).doubleValue - total) <= 1e-9 * total)
    }

    @Test(arguments: ["claude-opus-4-1-20250805", "gpt-5", "claude-haiku-4-5"])
    func aModelFilterKeepsExactlyThatModelsTruth(model: String) throws {
        let output = try CacheWays.json(["models", "--json", "--model", model, "samples/"])
        let rows = output["models"] as! [[String: Any]]
        let normalised = Self.normalised(model)
        #expect(rows.map { $0["model"] as! String } == [normalised])
        let truth = (Self.truth["per_model"] as! [String: [String: Any]]).first { Self.normalised($0.key) == normalised }!.value
        #expect(Self.int(rows[0]["input_tokens"]) == Self.int(truth["input_tokens"]))
        #expect(Self.int(rows[0]["events"]) == Self.int(truth["events"]))
        let filters = output["filters"] as! [String: Any]
        #expect(filters["model"] as? [String] == [normalised])
    }

    @Test func eventsPerFormatEqualTruth() throws {
        let r = try CacheWays.run(["export", "--format", "ndjson", "samples/"])
        #expect(r.status == 0)
        var perFormat: [String: Int64] = [:]
        for line in r.stdout.split(separator: "\n") {
            let row = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            perFormat[row["format"] as! String, default: 0] += 1
        }
        let truth = (Self.truth["per_format"] as! [String: Any]).mapValues { Self.int($0) }
        #expect(perFormat == truth)
        #expect(truth.count == 10)
    }

    @Test(arguments: [("users", "per_user"), ("departments", "per_department")])
    func topDimensionTotalsEqualTruth(dimension: String, key: String) throws {
        let output = try CacheWays.json(["top", dimension, "--json", "--by", "tokens", "--limit", "1000", "samples/"])
        let rows = (output["rows"] as! [[String: Any]]).filter { $0["key"] is String }
        let truth = Self.truth[key] as! [String: [String: Any]]
        #expect(rows.count == truth.count)
        for row in rows {
            let name = row["key"] as! String
            let expected = try #require(truth[name], "\(name) not in the truth")
            for field in ["events", "input_tokens", "output_tokens", "cache_read_tokens", "reasoning_tokens"] {
                #expect(Self.int(row[field]) == Self.int(expected[field]), "\(name) \(field)")
            }
        }
        // Ranked by tokens, descending.
        let tokens = rows.map { Self.int($0["total_tokens"]) }
        #expect(tokens == tokens.sorted(by: >))
    }

    @Test func providerAndProjectFiltersCombine() throws {
        let perModel = Self.truth["per_model"] as! [String: [String: Any]]
        // OpenAI's models in the samples: gpt-* (Codex, API responses, gateway sessions, LiteLLM, records) and o3.
        let codexEvents = perModel.filter { $0.key.hasPrefix("gpt") || $0.key == "o3" }.values.map { Self.int($0["events"]) }
            .reduce(0, +)
        let byAlias = try CacheWays.json(["models", "--json", "--provider", "codex", "samples/"])
        #expect(Self.int((byAlias["totals"] as! [String: Any])["events"]) == codexEvents)
        // A project by its folder name (last path component of the cwd) or by the full path.
        let short = try CacheWays.json(["models", "--json", "--project", "billing-api", "samples/"])
        let full = try CacheWays.json(["models", "--json", "--project", "/home/dev/billing-api", "samples/"])
        #expect(Self.int((short["totals"] as! [String: Any])["events"]) > 0)
        #expect((short["models"] as! [[String: Any]]).count == (full["models"] as! [[String: Any]]).count)
        #expect(Self.int((short["totals"] as! [String: Any])["events"]) == Self.int((full["totals"] as! [String: Any])["events"]))
        let none = try CacheWays.json(["models", "--json", "--provider", "anthropic", "--project", "cli-tool", "samples/"])
        #expect(Self.int((none["totals"] as! [String: Any])["events"]) == 0)
    }

    @Test(arguments: [("UTC", "per_utc_day"), ("Asia/Kolkata", "per_kolkata_day")])
    func dailyTotalsEqualTruth(zone: String, key: String) throws {
        let output = try CacheWays.json(["daily", "--json", "--tz", zone, "samples/"])
        #expect(output["timezone"] as? String == zone)
        let buckets = output["buckets"] as! [[String: Any]]
        let truth = Self.truth[key] as! [String: [String: Any]]
        #expect(buckets.map { $0["key"] as! String } == truth.keys.sorted())
        for bucket in buckets {
            let expected = truth[bucket["key"] as! String]!
            for field in ["input_tokens", "output_tokens", "cache_read_tokens", "cache_write_5m_tokens", "cache_write_1h_tokens", "reasoning_tokens", "events"] {
                #expect(Self.int(bucket[field]) == Self.int(expected[field]), "\(zone) \(bucket["key"]!) \(field)")
            }
        }
    }

    @Test func checkAccountsForEveryLine() throws {
        let output = try CacheWays.json(["check", "--json", "samples/"])
        let files = output["files"] as! [[String: Any]]
        let truth = Self.truth["lines_per_file"] as! [String: [String: Any]]
        #expect(files.count == truth.count)
        for file in files {
            let path = (file["path"] as! String).replacingOccurrences(of: "samples/", with: "")
            let expected = try #require(truth[path], "unexpected file \(path)")
            let lines = Self.int(file["lines"])
            #expect(lines == Self.int(expected["lines"]), "\(path) lines")
            let parts = ["used", "duplicate", "ignored", "malformed"].map { Self.int(file[$0]) }
            #expect(parts.reduce(0, +) == lines, "\(path): used+duplicate+ignored+malformed != lines")
            let malformed = (expected["malformed"] as! [NSNumber]).map(\.int64Value)
            let errors = (file["errors"] as! [[String: Any]]).map { Self.int($0["line"]) }
            #expect(errors == malformed, "\(path) malformed lines")
            #expect((file["file_errors"] as! [Any]).isEmpty, "\(path): \(file["file_errors"]!)")
        }
        let totals = output["totals"] as! [String: Any]
        let sum = ["used", "duplicate", "ignored", "malformed"].map { Self.int(totals[$0]) }.reduce(0, +)
        #expect(sum == Self.int(totals["lines"]))
        let perModel = Self.truth["per_model"] as! [String: [String: Any]]
        #expect(Self.int(totals["events"]) == perModel.values.map { Self.int($0["events"]) }.reduce(0, +))
    }
}

/// The same input gives the same bytes out, whatever the thread count or argument order.
@Suite struct DeterminismTests {
    static let sampleFiles: [String] = {
        let fm = FileManager.default
        let root = CLI.root + "/samples"
        let all = fm.enumerator(atPath: root)!.compactMap { $0 as? String }
        return all.filter { $0.hasSuffix(".jsonl") || $0.hasSuffix(".zst") }.map { "samples/" + $0 }.sorted()
    }()

    @Test(arguments: [["daily", "--json", "--tz", "Asia/Kolkata"], ["models", "--json"], ["check", "--json"]])
    func threadCountAndFileOrderDoNotChangeOutput(command: [String]) throws {
        let one = try CLI.run(command + ["--threads", "1", "samples/"])
        let two = try CLI.run(command + ["--threads", "2", "samples/"])
        let reversed = try CLI.run(command + ["--threads", "2"] + Self.sampleFiles.reversed())
        let forward = try CLI.run(command + ["--threads", "1"] + Self.sampleFiles)
        #expect(one.status == 0)
        // Through the shared cache, `check` may see a file cold in one run and warm in the next (its cache field).
        #expect(CacheColumn.removed(from: one.stdout) == CacheColumn.removed(from: two.stdout))
        #expect(CacheColumn.removed(from: forward.stdout) == CacheColumn.removed(from: reversed.stdout))
        #expect(!one.stdout.isEmpty)
    }
}

/// Exit codes and messages (DESIGN 7).
@Suite struct ErrorTests {
    @Test func unknownZoneIsAUsageError() throws {
        let r = try CLI.run(["daily", "--tz", "Mars/Olympus", "samples/"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("unknown time zone 'Mars/Olympus'"))
        #expect(r.stdout.isEmpty)
    }

    @Test func badSinceIsAUsageError() throws {
        let r = try CLI.run(["daily", "--since", "yesterday", "samples/"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--since 'yesterday'"))
    }

    @Test(arguments: [
        (["--token-limit", "lots"], "--token-limit must be a positive number, max or p90"),
        (["--now", "soon"], "--now must be an RFC 3339 instant"),
        (["--session-length", "0"], "--session-length must be between"),
    ])
    func blocksOptionsAreValidated(extra: [String], message: String) throws {
        let r = try CLI.run(["blocks"] + extra + ["samples/"])
        #expect(r.status == 2)
        #expect(r.stderr.contains(message))
    }

    @Test(arguments: [["daily", "--threads", "0"], ["daily", "--format", "xml"], ["models", "--no-such-flag"]])
    func argumentErrorsExitWithTwo(arguments: [String]) throws {
        let r = try CLI.run(arguments + ["samples/"])
        #expect(r.status == 2, "\(arguments): \(r.status)")
        #expect(r.stderr.contains("Error") || r.stderr.contains("error"))
    }

    @Test func strictFailsOnMalformedLines() throws {
        let r = try CLI.run(["models", "--strict", "samples/"])
        #expect(r.status == 1)
        let files = TruthTests.truth["lines_per_file"] as! [String: [String: Any]]
        let malformed = files.values.map { ($0["malformed"] as! [Any]).count }.reduce(0, +)
        #expect(malformed >= 3)
        #expect(r.stderr.contains("\(malformed) malformed lines"))
        let lenient = try CLI.run(["models", "samples/"])
        #expect(lenient.status == 0)
        #expect(lenient.stderr.contains(":25: truncated JSON"))
    }

    @Test func missingPathIsReported() throws {
        let r = try CLI.run(["daily", "no/such/dir"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("no/such/dir: no such file or directory"))
    }

    @Test func badPricingFileIsAUsageError() throws {
        let r = try CLI.run(["models", "--pricing", "samples/README.md", "samples/"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("samples/README.md: the pricing file is not valid JSON"))
    }

    @Test func nonsensePricesAreAUsageErrorNamingFileAndEntry() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("usagelens-prices-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, entry, message) in [
            ("neg.json", #"{"input": -3, "output": -15}"#, "input: price must be a finite number from 0 to 1e6 USD per million tokens, got -3"),
            ("str.json", #"{"input": 3, "output": "abc"}"#, #"output: price must be a finite number from 0 to 1e6 USD per million tokens, got "abc""#),
            ("huge.json", #"{"input": 1e308, "output": 1e308}"#, "input: price must be a finite number from 0 to 1e6 USD per million tokens, got 1e+308"),
        ] {
            let path = dir.appendingPathComponent(name).path
            try Data(#"{"anthropic/claude-sonnet-4-5": \#(entry)}"#.utf8).write(to: URL(fileURLWithPath: path))
            let r = try CLI.run(["models", "--json", "--pricing", path, "samples/"])
            #expect(r.status == 2, "\(name)")
            #expect(r.stdout.isEmpty)
            #expect(r.stderr.contains(#"\#(path): "anthropic/claude-sonnet-4-5".\#(message)"#), "\(r.stderr)")
        }
    }

    @Test func nonsenseStatusLimitsAreAUsageErrorNamingFileAndField() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("usagelens-status-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let status = dir.appendingPathComponent("status.json").path
        try Data(#"{"totalTokenLimit": -1}"#.utf8).write(to: URL(fileURLWithPath: status))
        let r = try CLI.run(["status", "--now", "2025-10-16T23:30:00Z", "--status", status, "samples/"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(status): totalTokenLimit: limit must be a number from 0 to 1e15 tokens, got -1"))
    }

    @Test func pricingFileFromEnvironment() throws {
        let r = try CLI.run(
            ["models", "--json", "--cost-mode", "calculate", "samples/"],
            environment: ["USAGELENS_PRICING_FILE": "Tests/usagelensTests/Fixtures/pipeline-rates.json"])
        let flag = try CLI.run([
            "models", "--json", "--cost-mode", "calculate", "--pricing", "Tests/usagelensTests/Fixtures/pipeline-rates.json", "samples/",
        ])
        #expect(r.status == 0)
        #expect(r.stdout == flag.stdout)
    }

    @Test func standardInputIsRead() throws {
        let data = FileManager.default.contents(
            atPath: CLI.root + "/samples/claude/projects/-home-dev-webapp/ea3e3701-038d-4574-9ad1-3d364f06d98c.jsonl")!
        let r = try CLI.run(["check", "--json", "-"], stdin: data)
        #expect(r.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let file = (json["files"] as! [[String: Any]])[0]
        #expect(file["path"] as? String == "-")
        #expect((file["events"] as! NSNumber).intValue > 0)
    }

    @Test func exportTakesJSONLikeEveryReport() throws {
        let short = try CLI.run(["export", "--json", "--tz", "UTC", "samples/agentkit/"])
        let long = try CLI.run(["export", "--format", "json", "--tz", "UTC", "samples/agentkit/"])
        #expect(short.status == 0, "\(short.stderr)")
        #expect(short.stdout == long.stdout)
        #expect(short.stdout.hasPrefix("[\n{"))
    }

    @Test func strictPassesOnTheRealRecordings() throws {
        // Every file a tool wrote is well formed: nothing malformed, so --strict exits 0 (the codex-exec
        // transcript is a terminal capture, not a log, and stays out).
        let r = try CLI.run([
            "check", "--strict", "--json", "Tests/Fixtures/real/claude-code", "Tests/Fixtures/real/codex",
            "Tests/Fixtures/real/gemini",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let totals = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let t = totals["totals"] as! [String: Any]
        #expect((t["malformed"] as! NSNumber).intValue == 0)
        #expect(((t["ignored_reasons"] as! [String: Any])["replay"] as! NSNumber).intValue == 11)
    }

    @Test func brokenPipeExitsQuietly() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "'\(CLI.binary)' hourly --tz UTC samples/ | head -n 1 >/dev/null; echo ${PIPESTATUS:-0}"]
        process.currentDirectoryURL = URL(fileURLWithPath: CLI.root)
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        process.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(!stderr.contains("Fatal"))
        #expect(!stderr.contains("Broken pipe"))
    }
}
