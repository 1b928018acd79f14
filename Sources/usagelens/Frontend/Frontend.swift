import ArgumentParser
import Foundation
import SeedServices
import UsageLensCore

/// The glue between the option groups and the library: builds a `ReportPlan` from what was typed, runs it,
/// and turns its problems into warnings and exit codes. Every report command is one call here.
enum Frontend {
    /// Runs report `kind` over the inputs; `time` and `window` are nil for commands that take no range or window.
    /// The report goes to stdout, or to the file `destination` (written whole, replacing it, after the report
    /// is complete).
    static func report(
        _ kind: ReportKind, input: InputOptions, time: TimeOptions? = nil, window: WindowOptions? = nil,
        format: OutputFormat, layout: TableLayout = .full, status: String? = nil, destination: String? = nil,
        watch: Double? = nil
    ) throws {
        if let watch {
            return try self.watch(kind, input: input, time: time, window: window, format: format, status: status, every: watch)
        }
        try Output.run {
            // Resolved in the order their errors should win: zone, range, prices, inputs.
            let calendar = try time.map { try ReportPlan.calendar(zone: $0.tz) } ?? LocalCalendar(zone: .current)
            let filter = try time?.filter(calendar)
            let now = ReportPlan.now(window?.clock.now)
            var plan = ReportPlan(
                run: try input.plan(), strict: input.strict, calendar: calendar, filter: filter,
                provider: time?.dimensions.provider.first, now: now, window: window?.query(now: now), statusFile: status,
                format: format, color: Output.useColor, layout: layout)
            // The progress line is erased before the report prints: the two may share a terminal.
            let progress = ProgressDrawer.start(input.progress)
            plan.run.ingest.progress = progress?.progress
            let analysis = Analysis.run(plan.run)
            progress?.stop()
            if let destination {
                var text = ""
                try plan.render(kind, of: analysis, to: &text)
                try Output.writeFile(destination, text)
            } else {
                var out = StandardOutput()
                try plan.render(kind, of: analysis, to: &out)
                out.flush()
            }
            reportCache(analysis)
            if kind.warnsAboutProblems {
                try reportProblems(analysis, strict: plan.strict)
            } else if analysis.failed(strict: plan.strict) {
                throw ExitCode(1)
            }
        }
    }

    /// Writes the shard of `paths` to `output`, then warns about what could not be read, as the reports do.
    static func shard(
        paths: [String], output: String, shownPrefixes: [ShownPrefix], threads: Int?, strict: Bool, cache: CacheLocation?
    ) throws {
        try Output.run {
            let files = ShownPrefix.apply(shownPrefixes, to: try InputDiscovery.discover(paths))
            var ingest = IngestOptions()
            if let threads { ingest.threads = threads }
            let result = try Ingestor.writeShard(files, to: output, options: ingest, cache: cache)
            for warning in result.cache?.warnings ?? [] { Output.warn(warning) }
            for problem in result.problems { Output.warn(problem) }
            if result.failed(strict: strict) { throw ExitCode(1) }
        }
    }

    /// The inputs a run over `paths` reads, in `format`.
    static func files(paths: [String], format: OutputFormat, layout: TableLayout) throws {
        try Output.run { render(InputListing(try InputDiscovery.discover(paths)), format: format, layout: layout) }
    }

    /// What the cache at `location` holds, in `format`.
    static func cacheInfo(_ location: CacheLocation, format: OutputFormat) throws {
        try Output.run { render(try CacheInfo.read(location), format: format) }
    }

    /// Empties the cache at `location`, and says what it held.
    static func clearCache(_ location: CacheLocation) throws {
        try Output.run {
            let before = try CacheInfo.clear(location)
            if before.exists {
                Output.write("cleared \(location.databasePath) (\(before.entries) entries, \(Formatting.grouped(before.bytes)) bytes)\n")
            } else {
                Output.write("no cache at \(location.databasePath)\n")
            }
        }
    }

    /// Claude Code's status line: the status JSON from stdin, the logs through the cache, one line on stdout.
    /// Anything missing (no JSON, no logs) is one short line on stdout instead, as Claude Code shows stdout;
    /// unreadable lines in the logs are not listed (`check` lists them). Malformed or empty stdin exits 1.
    static func statusLine(
        input: InputOptions, zone: String?, now: String?, parts: [StatusLinePart], plain: Bool, format: OutputFormat
    ) throws {
        let fallback = { (message: String) in Output.write((plain ? "" : "🤖 ") + "usagelens: " + message + "\n") }
        let status: StatusLineInput
        do {
            status = try StatusLineInput.parse(Output.readStandardInput())
        } catch let error as UsageLensError {
            fallback(error.message)
            throw ExitCode(1)
        }
        do {
            let calendar = try ReportPlan.calendar(zone: zone)
            let instant = ReportPlan.now(now)
            var plan = ReportPlan(
                run: try input.plan(), strict: false, calendar: calendar, filter: nil, now: instant, format: format,
                color: false)
            plan.run.ingest.progress = nil
            var out = StandardOutput()
            let analysis = Analysis.run(plan.run)
            try plan.render(.statusLine(status, parts: parts, plain: plain), of: analysis, to: &out)
            out.flush()
        } catch let error as UsageLensError {
            fallback(error.description)
        }
    }

    /// `report`, redrawn every `interval` seconds until Ctrl-C: each frame plans the inputs again (new files
    /// join), reads them through the cache (only what was appended is read), and fits the terminal's width
    /// as it is then; the clock is the wall clock unless `--now` fixes it. Warnings are not shown between frames.
    static func watch(
        _ kind: ReportKind, input: InputOptions, time: TimeOptions?, window: WindowOptions?, format: OutputFormat,
        status: String?, every interval: Double
    ) throws {
        try Output.run {
            let calendar = try time.map { try ReportPlan.calendar(zone: $0.tz) } ?? LocalCalendar(zone: .current)
            let filter = try time?.filter(calendar)
            try Watch.run(every: interval) {
                let now = ReportPlan.now(window?.clock.now)
                let layout = Output.tableLayout(wide: false, compact: false)
                let plan = ReportPlan(
                    run: try input.plan(), strict: false, calendar: calendar, filter: filter,
                    provider: time?.dimensions.provider.first, now: now, window: window?.query(now: now),
                    statusFile: status, format: format, color: Output.useColor, layout: layout)
                var text = ""
                do {
                    _ = try plan.run(kind, to: &text)
                } catch let error as UsageLensError {
                    text = "usagelens: \(error.description)\n"
                }
                let clock = window?.clock.now ?? Timestamp.format(now, offsetSeconds: calendar.offsetSeconds(at: now))
                return "Every \(JSONValue.number(interval))s, as of \(clock) · Ctrl-C to quit\n\n" + text
            }
        }
    }

    /// Warns, one line each, about a cache that could not be used (the output is the same without it).
    static func reportCache(_ analysis: Analysis) {
        for warning in analysis.ingest.cache?.warnings ?? [] { Output.warn(warning) }
    }

    /// Warns about lines and files that could not be used, and fails (status 1) when the run does.
    static func reportProblems(_ analysis: Analysis, strict: Bool) throws {
        for problem in analysis.problems { Output.warn(problem) }
        if analysis.failed(strict: strict) { throw ExitCode(1) }
    }

    /// The price table with the overrides of `pricing`, or how each of `models` resolves against it.
    static func prices(resolving models: [String], pricing: String?, format: OutputFormat, layout: TableLayout) throws {
        try Output.run {
            let prices = try ReportPlan.prices(file: pricing)
            if models.isEmpty {
                render(prices, format: format, layout: layout)
            } else {
                render(PriceResolutions(models, prices: prices), format: format, layout: layout)
            }
        }
    }

    /// Computes a seed endpoint's response, writes its body through the renderers as it is, then its warnings,
    /// and fails (status 1) when the endpoint says so.
    static func respond(_ endpoint: SeedEndpoint, to request: SeedEndpoint.Request) throws {
        try Output.run {
            let response = try endpoint.respond(to: request)
            render(FixedResponse(response.body), format: .json)
            for warning in response.warnings { Output.warn(warning) }
            if response.failed { throw ExitCode(1) }
        }
    }

    /// Renders `report`, which needs no inputs (the price table), in `format`.
    static func render(_ report: some RenderableReport, format: OutputFormat, layout: TableLayout = .full) {
        var out = StandardOutput()
        let context = RenderContext(
            calendar: LocalCalendar(zone: .current), now: ReportPlan.now(nil), color: Output.useColor, layout: layout)
        format.renderer.render(report, in: context, to: &out)
        out.flush()
    }
}
