import ArgumentParser

/// `--watch [--interval SECONDS]`: redraw a report in place until Ctrl-C (`status`, `blocks`).
struct WatchOptions: ParsableArguments {
    @Flag(help: "Redraw in place every --interval seconds, reading only what the logs appended, until Ctrl-C.")
    var watch = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Seconds between redraws with --watch.", valueName: "seconds"))
    var interval: Double = 2

    func validate() throws {
        guard interval >= 0.1, interval <= 3600 else {
            throw ValidationError("--interval must be between 0.1 and 3600 seconds (got \(interval))")
        }
    }

    /// The seconds between redraws, or nil without `--watch`.
    var seconds: Double? { watch ? interval : nil }
}
