import ArgumentParser
import UsageLensCore

struct Shard: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shard",
        abstract: "Write what the inputs give to one shard file, which every command reads as the logs.",
        discussion: """
            Every command reads shard files among its paths, mixed with logs: the report over the shards of any \
            partition of an archive is the report over the archive. Shards given here are merged into the new one. \
            The layout is in docs/shards.md.
            """)

    @Option(help: ArgumentHelp("The shard file to write (replaced whole, or left as it was on failure).", valueName: "file"))
    var output: String

    @Argument(
        help: ArgumentHelp(
            "Log files, shard files or directories (searched as by the reports); '-' reads standard input. Default: the Claude Code and Codex log folders.",
            valueName: "path"))
    var paths: [String] = []

    @Option(
        help: ArgumentHelp(
            "Show inputs whose path starts with LOCAL as SHOWN and the rest of their path, in the shard (repeatable; the first that matches is used).",
            valueName: "LOCAL=SHOWN"))
    var shownPrefix: [String] = []

    @OptionGroup var threads: ThreadsOption<LogThreads>

    @Flag(help: "Exit with status 1 when any line is malformed.")
    var strict = false

    @OptionGroup var cache: CacheOptions

    func validate() throws {
        if let text = threads.threads, LogThreads.count(text) == nil {
            throw ValidationError("--threads must be a whole number of at least 1, such as --threads 4 (got '\(text)')")
        }
        for argument in shownPrefix where ShownPrefix(argument: argument) == nil {
            throw ValidationError("--shown-prefix needs LOCAL=SHOWN, such as --shown-prefix /tmp/copy/=s3:// (got '\(argument)')")
        }
        if output.isEmpty { throw ValidationError("--output needs a file name, such as --output logs.ulshard") }
    }

    func run() throws {
        try Frontend.shard(
            paths: paths, output: output, shownPrefixes: shownPrefix.compactMap(ShownPrefix.init(argument:)), threads: threads.threads.flatMap(LogThreads.count), strict: strict,
            cache: cache.location)
    }
}
