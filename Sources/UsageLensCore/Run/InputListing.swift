/// `usagelens files`: the inputs a run over some paths would read, in the run's order, with their sizes and
/// what discovery already knows it cannot read. Tools that hand the files out (usagelens-dask cuts them into
/// tasks balanced by size) list them by the rules of a run instead of copying those rules.
public struct InputListing: Sendable {
    public var files: [InputFile]

    public init(_ files: [InputFile]) { self.files = files }

    /// The bytes of every file listed.
    public var totalBytes: Int64 { files.reduce(0) { $0 + $1.size } }
}

extension InputListing: RenderableReport {
    public func body(in context: RenderContext) -> ReportBody {
        .document(json: { json }, tabular: { table })
    }

    var json: JSONValue {
        .object([
            (
                "files",
                .array(
                    files.map { file in
                        var members: [(String, JSONValue)] = [("path", .string(file.path)), ("bytes", .int(file.size))]
                        if let problem = file.problem { members.append(("error", .string(problem))) }
                        return .object(members)
                    })
            ),
            ("total_bytes", .int(totalBytes)),
        ])
    }

    var table: Tabular {
        var t = Tabular(columns: [
            .init("Path", .left, fit: .path, priority: Tabular.Column.essential), .init("Bytes"),
            .init("Error", .left, fit: .shorten(minimum: 16)),
        ])
        for file in files {
            t.rows.append([.init(file.path), .init(Formatting.grouped(file.size), raw: String(file.size)), .init(file.problem ?? "")])
        }
        t.totals = [.init("Total (\(files.count) file\(files.count == 1 ? "" : "s"))"), .init(Formatting.grouped(totalBytes), raw: String(totalBytes)), .init("")]
        return t
    }
}
