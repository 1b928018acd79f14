extension Analysis {
    /// Warnings about the files that could not be read and the lines that could not be used, in the order they
    /// are shown; empty for a clean run.
    public var problems: [String] { ingest.problems }

    /// Whether the run fails (exit status 1): under `strict`, a malformed line or a file that could not be read;
    /// always, when every input failed.
    public func failed(strict: Bool) -> Bool { ingest.failed(strict: strict) }
}

extension IngestResult {
    /// Warnings about the files that could not be read and the lines that could not be used, in the order they
    /// are shown; empty for a clean run.
    public var problems: [String] {
        var warnings: [String] = []
        for account in accounts { for e in account.fileErrors { warnings.append("\(account.path): \(e)") } }
        let malformed = malformedLines
        if malformed > 0, let first = accounts.first(where: { !$0.errors.isEmpty }), let e = first.errors.first {
            warnings.append(
                "\(malformed) malformed line\(malformed == 1 ? "" : "s") skipped (first: \(first.path):\(e.line): \(e.message)); 'usagelens check' lists them"
            )
        }
        if files.isEmpty { warnings.append("no log files found") }
        return warnings
    }

    /// Whether the run fails (exit status 1): under `strict`, a malformed line or a file that could not be read;
    /// always, when every input failed.
    public func failed(strict: Bool) -> Bool {
        if strict && (malformedLines > 0 || accounts.contains { !$0.fileErrors.isEmpty }) { return true }
        return everyInputFailed
    }

    /// Malformed lines over every input.
    var malformedLines: Int { accounts.reduce(0) { $0 + $1.malformed } }
}
