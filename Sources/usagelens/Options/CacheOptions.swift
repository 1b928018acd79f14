import ArgumentParser
import UsageLensCore

/// `--no-cache` and `--cache-dir DIR`: whether and where the per-file cache is kept (DESIGN 9).
struct CacheOptions: ParsableArguments {
    @Flag(help: "Read every input in full and neither use nor update the cache.")
    var noCache = false

    @Option(
        help: ArgumentHelp(
            "The cache's directory (default: USAGELENS_CACHE_DIR, else XDG_CACHE_HOME/usagelens, else ~/.cache/usagelens).",
            valueName: "dir"))
    var cacheDir: String?

    func validate() throws {
        if noCache && cacheDir != nil {
            throw ValidationError("--no-cache and --cache-dir exclude each other: give one of them")
        }
    }

    /// Where the cache is, or nil without one.
    var location: CacheLocation? {
        noCache ? nil : CacheLocation.resolve(explicit: cacheDir)
    }
}
