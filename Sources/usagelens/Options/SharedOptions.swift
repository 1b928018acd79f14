import ArgumentParser

/// The help of an option that is declared once and worded for the commands that use it.
protocol OptionWording {
    static var help: ArgumentHelp { get }
}

/// `--pricing FILE`: a price file.
struct PricingOption<Wording: OptionWording>: ParsableArguments {
    @Option(help: Wording.help)
    var pricing: String?
}

/// `--now INSTANT`: the clock a report is computed at; each command validates it for its own parser.
struct ClockOption<Wording: OptionWording>: ParsableArguments {
    @Option(help: Wording.help)
    var now: String?
}

/// How a command takes `--threads`: its help, how it parses, and as what.
protocol ThreadsWording: OptionWording {
    associatedtype Value: ExpressibleByArgument
    static var parsing: SingleValueParsingStrategy { get }
}

/// `--threads N`: worker threads for reading logs.
struct ThreadsOption<Wording: ThreadsWording>: ParsableArguments {
    @Option(parsing: Wording.parsing, help: Wording.help)
    var threads: Wording.Value?
}

/// usagelens's own prices: the built-in table with overrides.
enum UsageLensPrices: OptionWording {
    static var help: ArgumentHelp {
        ArgumentHelp(
            "A JSON price file that overrides or extends the built-in prices (also USAGELENS_PRICING_FILE).",
            valueName: "file")
    }
}

/// The reports' `--threads`.
enum LogThreads: ThreadsWording {
    /// Taken as text, whatever it looks like, so that `-1`, `0` and `abc` all reach `validate()` and its one
    /// message (as an `Int`, `-1` reads as an option and the parser says "Missing value").
    typealias Value = String
    static var parsing: SingleValueParsingStrategy { .unconditional }
    static var help: ArgumentHelp { "Worker threads (default: the number of cores). Results never depend on it." }

    /// `text` as a thread count: nil when it is not a whole number of at least 1.
    static func count(_ text: String) -> Int? { Int(text).flatMap { $0 >= 1 ? $0 : nil } }
}

/// The clock of `blocks` and `status`.
enum ReportClock: OptionWording {
    static var help: ArgumentHelp {
        ArgumentHelp("The current instant (RFC 3339); default: the wall clock.", valueName: "instant")
    }
}
