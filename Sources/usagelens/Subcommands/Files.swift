import ArgumentParser
import UsageLensCore

struct Files: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "files",
        abstract: "List the files a run over the paths would read, in its order, with their sizes.",
        discussion: """
            Directories are searched as by the reports; what cannot be read (a directory that cannot be listed) \
            is listed with its error. Tools that hand the inputs out (usagelens-dask) list them so.
            """)

    @Argument(
        help: ArgumentHelp(
            "Log files, shard files or directories; '-' is standard input. Default: the Claude Code and Codex log folders.",
            valueName: "path"))
    var paths: [String] = []

    @OptionGroup(title: "Output options") var output: OutputOptions<ReportFormats>

    func run() throws {
        try Frontend.files(paths: paths, format: output.effectiveFormat, layout: output.layout)
    }
}
