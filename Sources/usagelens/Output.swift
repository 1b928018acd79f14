import ArgumentParser
import Foundation
import UsageLensCore

/// Writing results and reporting problems: the only place the command line touches stdout and stderr.
enum Output {
    /// Colour only on a terminal, never with NO_COLOR.
    static var useColor: Bool {
        isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    static func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    // A closed pipe (`| head`) ends the run quietly.
                    exit(errno == EPIPE ? 0 : 1)
                }
                offset += n
            }
        }
    }

    static func warn(_ text: String) {
        FileHandle.standardError.write(Data(("usagelens: " + text + "\n").utf8))
    }

    /// Renders a report in the chosen format.
    static func emit(_ format: OutputFormat, json: () -> JSONValue, table: () -> Tabular) {
        switch format {
        case .json: write(json().rendered() + "\n")
        case .csv: write(TabularRenderer.csv(table()))
        case .markdown: write(TabularRenderer.markdown(table()))
        case .table: write(TabularRenderer.table(table(), color: useColor))
        }
    }

    /// Tells about lines and files that could not be used, and fails under `--strict`.
    static func reportProblems(_ analysis: Analysis, strict: Bool) throws {
        let accounts = analysis.ingest.accounts
        for account in accounts { for e in account.fileErrors { warn("\(account.path): \(e)") } }
        let malformed = accounts.reduce(0) { $0 + $1.malformed }
        if malformed > 0, let first = accounts.first(where: { !$0.errors.isEmpty }), let e = first.errors.first {
            warn(
                "\(malformed) malformed line\(malformed == 1 ? "" : "s") skipped (first: \(first.path):\(e.line): \(e.message)); 'usagelens check' lists them"
            )
        }
        if analysis.ingest.files.isEmpty { warn("no log files found") }
        if strict && (malformed > 0 || accounts.contains { !$0.fileErrors.isEmpty }) { throw ExitCode(1) }
        if analysis.ingest.everyInputFailed { throw ExitCode(1) }
    }

    /// Maps library errors to exit codes: usage errors 2, everything else 1.
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as UsageLensError {
            warn(error.description)
            throw ExitCode(error.kind == .usage ? 2 : 1)
        }
    }
}
