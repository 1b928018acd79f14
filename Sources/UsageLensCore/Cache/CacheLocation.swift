import Foundation

/// Where the persistent cache lives (DESIGN 9): `$USAGELENS_CACHE_DIR`, else `$XDG_CACHE_HOME/usagelens`, else
/// `~/.cache/usagelens`; `--cache-dir` names one for a run.
public struct CacheLocation: Sendable, Equatable {
    /// The cache's directory; created when first used.
    public var directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The database file inside `directory`.
    public var databasePath: String { directory + "/cache.sqlite" }

    /// `explicit` (`--cache-dir`) if given, else the location the environment names.
    public static func resolve(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> CacheLocation
    {
        func nonEmpty(_ key: String) -> String? { environment[key].flatMap { $0.isEmpty ? nil : $0 } }
        if let explicit, !explicit.isEmpty { return CacheLocation(directory: explicit) }
        if let dir = nonEmpty("USAGELENS_CACHE_DIR") { return CacheLocation(directory: dir) }
        if let xdg = nonEmpty("XDG_CACHE_HOME") { return CacheLocation(directory: xdg + "/usagelens") }
        let home = nonEmpty("HOME") ?? NSHomeDirectory()
        return CacheLocation(directory: home + "/.cache/usagelens")
    }
}
