import ArgumentParser
import UsageLensCore

struct Pricing: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The effective price table, or how model names resolve against it.",
        discussion: """
            Without names: every entry of the built-in table (LiteLLM's prices plus retired models) with --pricing
            overrides applied. With names: the provider and model each normalises to, the entry that prices it and
            how it matched (exact provider/model, bare model, or the longest '-' prefix), and where the price comes from.
            """)
    @Argument(help: ArgumentHelp("Model names as logs write them (claude-sonnet-4-5-20250929, openai/gpt-4o, ...).", valueName: "model"))
    var models: [String] = []

    @Option(help: ArgumentHelp("A JSON price file that overrides or extends the built-in prices (also USAGELENS_PRICING_FILE).", valueName: "file"))
    var pricing: String?

    @OptionGroup(title: "Output options") var output: OutputOptions

    func run() throws {
        try Output.run {
            let prices = try InputOptions.prices(file: pricing)
            if models.isEmpty {
                Output.emit(output.effectiveFormat, json: { PricingViews.json(table: prices) }, table: { PricingViews.table(table: prices) })
            } else {
                let resolutions = models.map { PricingViews.resolve($0, prices: prices) }
                Output.emit(output.effectiveFormat, json: { PricingViews.json(resolutions) }, table: { PricingViews.table(resolutions) })
            }
        }
    }
}
