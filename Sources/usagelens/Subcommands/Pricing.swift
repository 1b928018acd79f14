import ArgumentParser
import UsageLensCore

struct Pricing: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pricing",
        abstract: "The effective price table, or how model names resolve against it.",
        discussion: """
            Without names: every entry of the built-in table (LiteLLM's prices plus retired models) with --pricing
            overrides applied. With names: the provider and model each normalises to, the entry that prices it and
            how it matched (exact provider/model, bare model, or the longest '-' prefix), and where the price comes from.
            """)
    @Argument(help: ArgumentHelp("Model names as logs write them (claude-sonnet-4-5-20250929, openai/gpt-4o, ...).", valueName: "model"))
    var models: [String] = []

    @OptionGroup var pricing: PricingOption<UsageLensPrices>

    @OptionGroup(title: "Output options") var output: OutputOptions<ReportFormats>

    func run() throws {
        try Frontend.prices(resolving: models, pricing: pricing.pricing, format: output.effectiveFormat, layout: output.layout)
    }
}
