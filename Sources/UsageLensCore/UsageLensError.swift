/// The one error type of the library: what went wrong, and where.
///
/// Its description reads like a compiler diagnostic, `logs/a.jsonl.zst:1234: premature EOF`, so that a
/// user can jump to the place. Bad records are not thrown; they are counted and listed (see `FileAccount`).
/// Errors are thrown only for what stops a file or a run: I/O failures, unreadable pricing files, bad options.
public struct UsageLensError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What kind of failure this is; decides the exit code of the command line.
    public enum Kind: String, Sendable {
        /// The file system or a stream failed (open, read, decompress).
        case io
        /// A record or a file could not be understood.
        case data
        /// The user asked for something that cannot be done (bad option value, unknown zone).
        case usage
    }

    public var kind: Kind
    public var file: String?
    public var line: Int?
    public var message: String

    public init(_ kind: Kind, _ message: String, file: String? = nil, line: Int? = nil) {
        self.kind = kind
        self.message = message
        self.file = file
        self.line = line
    }

    public var description: String {
        switch (file, line) {
        case let (file?, line?): return "\(file):\(line): \(message)"
        case let (file?, nil): return "\(file): \(message)"
        default: return message
        }
    }
}
