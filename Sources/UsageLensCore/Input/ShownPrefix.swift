/// `--shown-prefix LOCAL=SHOWN`: inputs whose shown path starts with `LOCAL` are shown as `SHOWN` and the rest
/// of their path, in every report and in the shards written from them; they are still opened by their own path.
///
/// This is how a worker that reads a copy of a file keeps the name the file has elsewhere: usagelens-dask hands
/// a worker `/home/ana/logs/a.jsonl` with `/home/ana/=` so that the shard says `logs/a.jsonl` as a run in
/// `/home/ana` would, and an object fetched from S3 to `/tmp/x/bucket/a.jsonl` with `/tmp/x/=s3://`.
public struct ShownPrefix: Sendable, Equatable {
    public var local: String
    public var shown: String

    public init(local: String, shown: String) {
        self.local = local
        self.shown = shown
    }

    /// Parses `LOCAL=SHOWN` (split at the first `=`; `SHOWN` may be empty, `LOCAL` may not).
    public init?(argument: String) {
        guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else { return nil }
        self.init(local: String(argument[..<equals]), shown: String(argument[argument.index(after: equals)...]))
    }

    /// `files` with the first prefix that matches each one's shown path replaced, in the order of a run's
    /// inputs again (the shown path decides it). Standard input is left as it is.
    public static func apply(_ prefixes: [ShownPrefix], to files: [InputFile]) -> [InputFile] {
        guard !prefixes.isEmpty else { return files }
        var renamed = files
        for i in renamed.indices where !renamed[i].isStandardInput {
            let path = renamed[i].path
            if let prefix = prefixes.first(where: { path.hasPrefix($0.local) }) {
                renamed[i].path = prefix.shown + path.dropFirst(prefix.local.count)
            }
        }
        renamed.sort(by: InputFile.pathOrder)
        return renamed
    }
}
