/// `usagelens cache info`: where the cache is and what it holds, as a document every format writes.
extension CacheInfo: RenderableReport {
    public func body(in context: RenderContext) -> ReportBody {
        .document(json: { json }, tabular: { table })
    }

    var json: JSONValue {
        .object([
            ("directory", .string(location.directory)),
            ("database", .string(location.databasePath)),
            ("exists", .bool(exists)),
            ("entries", .int(Int64(entries))),
            ("files", .int(Int64(files))),
            ("rows", .int(rows)),
            ("snapshots", .int(Int64(snapshots))),
            ("bytes", .int(bytes)),
            (
                "last_run",
                lastRun.map { run in
                    .object([
                        ("hits", .int(Int64(run.hits))), ("partial", .int(Int64(run.partial))),
                        ("misses", .int(Int64(run.misses))),
                    ])
                } ?? .null
            ),
        ])
    }

    var table: Tabular {
        var t = Tabular(columns: [.init("Cache", .left), .init("", .left)])
        func row(_ key: String, _ value: String, raw: String? = nil) { t.rows.append([.init(key), .init(value, raw: raw)]) }
        row("Database", location.databasePath + (exists ? "" : " (none yet)"))
        row("Entries", Formatting.grouped(Int64(entries)), raw: String(entries))
        row("Files", Formatting.grouped(Int64(files)) + " (on disk, of this version)", raw: String(files))
        row("Rows", Formatting.grouped(rows), raw: String(rows))
        row("Snapshots", "\(snapshots) (whole runs, the most recent \(FileCache.snapshotsKept))", raw: String(snapshots))
        row("Bytes", Formatting.grouped(bytes) + " on disk", raw: String(bytes))
        if let run = lastRun {
            row(
                "Last run",
                "\(run.hits) hit\(run.hits == 1 ? "" : "s"), \(run.partial) partial read\(run.partial == 1 ? "" : "s"), \(run.misses) miss\(run.misses == 1 ? "" : "es")"
            )
        } else {
            row("Last run", "none yet")
        }
        return t
    }
}
