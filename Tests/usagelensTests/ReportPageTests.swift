import Foundation
import Testing

/// `usagelens report`: the file it writes, and the page as headless Chromium renders it (DOM after load, with
/// and without scripts, and a screenshot), checked against `models --json`.
@Suite struct ReportPageTests {
    static let arguments = [
        "--tz", "UTC", "--now", "2025-10-16T23:30:00Z", "--token-limit", "p90", "--cost-limit", "2", "samples/",
    ]

    /// Debian's `chromium` (scripts/setup.sh installs it), or nil.
    static let chromium: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"
        let candidates = path.split(separator: ":").flatMap { ["\($0)/chromium", "\($0)/chromium-browser"] } + ["/usr/bin/chromium"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static func temporaryDirectory() throws -> URL {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("usagelens-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs headless Chromium on `page` with `flags`; its stdout. Killed after 60 s. Its output goes to a file
    /// through the shell (a pipe read through FileHandle can fail with EINTR while Chromium's processes exit).
    static func chromium(_ flags: [String], page: URL, in directory: URL) throws -> (status: Int32, stdout: String) {
        let output = directory.appendingPathComponent("chromium-\(UUID().uuidString).out")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments =
            ["-c", "exec \"$0\" \"$@\" >\"$OUT\" 2>/dev/null", chromium!]
            + [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                "--hide-scrollbars", "--user-data-dir=\(directory.path)/profile",
            ] + flags + [page.absoluteString]
        process.environment = ProcessInfo.processInfo.environment.merging(["OUT": output.path]) { $1 }
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let killer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: killer)
        process.waitUntilExit()
        killer.cancel()
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        return (process.terminationStatus, text)
    }

    /// The values of attribute `name` in `html`, in document order.
    static func attributes(_ name: String, in html: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: " \(name)=\"([^\"]*)\"")
        let range = NSRange(html.startIndex..., in: html)
        return regex.matches(in: html, range: range).map { String(html[Range($0.range(at: 1), in: html)!]) }
    }

    static func count(_ needle: String, in html: String) -> Int { html.components(separatedBy: needle).count - 1 }

    @Test("--output writes the page to the file, the same bytes as to stdout, and nothing to stdout")
    func writesTheFile() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("usage.html")
        let written = try CLI.run(["report", "--output", file.path] + Self.arguments)
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.isEmpty)
        let piped = try CLI.run(["report", "--output", "-"] + Self.arguments)
        let html = try String(contentsOf: file, encoding: .utf8)
        #expect(html == piped.stdout)
        // Self-contained: nothing is fetched from elsewhere.
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("src="))
        #expect(html.utf8.count < 200_000, "page size \(html.utf8.count)")
        let unwritable = try CLI.run(["report", "--output", dir.path + "/no/such/dir/usage.html"] + Self.arguments)
        #expect(unwritable.status == 1)
        #expect(unwritable.stderr.contains("cannot write"))
    }

    @Test("filters and --tz reach the page: a provider filter keeps only its models, days move with the zone")
    func filters() throws {
        let claude = try CLI.run(["report", "-o", "-", "--provider", "claude", "--tz", "UTC", "--now", "2025-10-16T23:30:00Z", "samples/"])
        let models = try CLI.json(["models", "--json", "--provider", "claude", "samples/"])["models"] as! [[String: Any]]
        #expect(Self.attributes("data-model", in: claude.stdout) == models.map { $0["model"] as! String })
        #expect(Set(Self.attributes("data-provider", in: claude.stdout)) == ["anthropic"])
        let kolkata = try CLI.run(["report", "-o", "-", "--tz", "Asia/Kolkata", "--now", "2025-10-16T23:30:00Z", "samples/"])
        let days = try CLI.json(["daily", "--json", "--tz", "Asia/Kolkata", "samples/"])["buckets"] as! [[String: Any]]
        let keys = Self.attributes("data-key", in: kolkata.stdout).filter { $0.count == 10 }
        #expect(Array(keys.prefix(days.count)) == days.map { $0["key"] as! String })
    }

    @Test(
        "headless Chromium renders the page: charts present, totals and models equal models --json, a screenshot",
        .enabled(if: ReportPageTests.chromium != nil, "chromium is not installed (scripts/setup.sh installs it); skipped"))
    func rendersInChromium() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("usage.html")
        let run = try CLI.run(["report", "--output", page.path] + Self.arguments)
        #expect(run.status == 0, "\(run.stderr)")
        let expected = try CLI.json(["models", "--json", "samples/"])
        let models = expected["models"] as! [[String: Any]]
        let totals = expected["totals"] as! [String: Any]

        // The DOM after load, scripts on: the tooltip script has moved every chart title into data-tip.
        let dom = try Self.chromium(["--dump-dom", "--virtual-time-budget=2000"], page: page, in: dir)
        #expect(dom.status == 0)
        let html = dom.stdout
        #expect(html.contains("<h1>LLM usage report</h1>"))
        // Spend, four token panels, the heat map, and one window chart per provider (anthropic, google, openai).
        #expect(Self.count("<svg class=\"chart", in: html) == 1 + 4 + 1 + 3)
        #expect(Self.count("<svg class=\"chart heat", in: html) == 1)
        #expect(Self.count("<title>", in: html) == 1, "only the page's own title survives the script")
        #expect(Self.count("data-tip=", in: html) > 7 * 24)
        #expect(Self.count("<div class=\"tip\"", in: html) == 1)

        // The headline total and each model's cost and tokens are models --json's.
        let totalCost = Double(Self.attributes("data-value", in: html)[0])!
        #expect(abs(totalCost - (totals["cost_usd"] as! Double)) < 1e-9)
        #expect(html.contains(">$11.53</div>"))
        #expect(Self.attributes("data-model", in: html) == models.map { $0["model"] as! String })
        let costs = Self.attributes("data-cost", in: html)
        let modelCosts = Self.attributes("data-total-tokens", in: html).map { Int64($0)! }
        #expect(modelCosts == models.map { ($0["total_tokens"] as! NSNumber).int64Value })
        // The spend chart's days add up to the total; the first data-cost values are its days.
        let dayCount = (try CLI.json(["daily", "--json", "--tz", "UTC", "samples/"])["buckets"] as! [Any]).count
        let dayCosts = costs.prefix(dayCount).map { Double($0)! }
        #expect(abs(dayCosts.reduce(0, +) - (totals["cost_usd"] as! Double)) < 1e-9)
        // The legend names the most expensive models, then "other".
        let legend = Self.attributes("data-series", in: html)
        #expect(Array(legend.prefix(7)) == models.prefix(7).map { "\($0["provider"] as! String)/\($0["model"] as! String)" })
        #expect(legend.last == "other (4 models)")

        // Scripts off: Chromium's --dump-dom and --screenshot need scripts themselves, so the page is read as a
        // browser without scripts reads it: its file has every chart tooltip as an SVG title, and with its one
        // script removed it still draws.
        let file = try String(contentsOf: page, encoding: .utf8)
        #expect(Self.count("<title>", in: file) == Self.count("data-tip=", in: html) + 1)
        let start = file.range(of: "<script>")!.lowerBound
        let end = file.range(of: "</script>")!.upperBound
        let noScript = dir.appendingPathComponent("no-script.html")
        try (String(file[..<start]) + String(file[end...])).write(to: noScript, atomically: true, encoding: .utf8)
        let plainShot = dir.appendingPathComponent("no-script.png")
        _ = try Self.chromium(["--screenshot=\(plainShot.path)", "--window-size=1200,1600"], page: noScript, in: dir)
        #expect(((try? Data(contentsOf: plainShot))?.count ?? 0) > 50_000)

        // A screenshot of the whole page: a PNG of the window's size.
        let shot = dir.appendingPathComponent("usage.png")
        _ = try Self.chromium(["--screenshot=\(shot.path)", "--window-size=1200,4300"], page: page, in: dir)
        let png = try Data(contentsOf: shot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect((width, height) == (1200, 4300))
        #expect(png.count > 100_000, "a blank page compresses to almost nothing")
    }
}
