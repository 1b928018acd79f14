import ArgumentParser
import UsageLensCore

struct Cache: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Show or clear the per-file cache (docs/cache.md).",
        subcommands: [Info.self, Clear.self])

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "info",
            abstract: "Where the cache is, its entries, files, rows and bytes on disk, and the last run's hits, partial reads and misses.")
        @OptionGroup var cache: CacheDirectoryOption
        @OptionGroup(title: "Output options") var output: OutputOptions<ReportFormats>

        func run() throws {
            try Frontend.cacheInfo(cache.location, format: output.effectiveFormat)
        }
    }

    struct Clear: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "clear",
            abstract: "Empty the cache (running commands are not disturbed); the next run fills it again.")
        @OptionGroup var cache: CacheDirectoryOption

        func run() throws {
            try Frontend.clearCache(cache.location)
        }
    }
}

/// `--cache-dir DIR`: which cache `cache info` and `cache clear` look at.
struct CacheDirectoryOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The cache's directory (default: USAGELENS_CACHE_DIR, else XDG_CACHE_HOME/usagelens, else ~/.cache/usagelens).",
            valueName: "dir"))
    var cacheDir: String?

    var location: CacheLocation { CacheLocation.resolve(explicit: cacheDir) }
}
