import Foundation
import GRDB
import Testing

/// Runs a command every way the cache can give its result (DESIGN 9, issue 13): with `--no-cache`; cold, on a
/// cache directory of its own; warm from the per-file entries (the cold run's snapshot deleted); and warm from the
/// snapshot the warm run kept. All four must print the same bytes on stdout and stderr and exit the same way, but
/// for `check`'s cache field, which says how each way read each file.
enum CacheWays {
    /// The ways, in the order they run; `.noCache` is the reference.
    enum Way: String, CaseIterable {
        case noCache = "--no-cache"
        case cold
        case entries = "warm (entries)"
        case snapshot = "warm (snapshot)"
    }

    /// Runs `arguments` every way, records an issue for each way that differs from `--no-cache` (or when the warm
    /// runs did not take the path they stand for), and returns the `--no-cache` result.
    static func run(
        _ arguments: [String], stdin: Data? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> CLI.Result {
        let reference = try CLI.run(arguments + ["--no-cache"], stdin: stdin)
        let dir = CacheDatabase()
        let cold = try CLI.run(arguments, environment: dir.environment, stdin: stdin)
        // Without the cold run's snapshot, the next run assembles its result from the entries (and keeps a
        // snapshot again); the run after that is the snapshot, and writes nothing (its created_ns stays).
        try dir.execute("DELETE FROM run_snapshot")
        let entries = try CLI.run(arguments, environment: dir.environment, stdin: stdin)
        let kept = try dir.query("SELECT key, created_ns FROM run_snapshot ORDER BY key")
        let snapshot = try CLI.run(arguments, environment: dir.environment, stdin: stdin)
        #expect(!kept.isEmpty, "\(arguments): the warm run kept no snapshot", sourceLocation: sourceLocation)
        #expect(
            try dir.query("SELECT key, created_ns FROM run_snapshot ORDER BY key") == kept,
            "\(arguments): the third run did not come from the snapshot (it wrote one)", sourceLocation: sourceLocation)
        // `check` says how each file was read (its cache field): the one difference between the ways.
        let reads: [Way: String] = [.noCache: "uncached", .cold: "miss", .entries: "hit", .snapshot: "hit"]
        for (way, result) in [(Way.noCache, reference), (.cold, cold), (.entries, entries), (.snapshot, snapshot)] {
            let fields = cacheFields(result.stdout)
            #expect(
                fields.allSatisfy { $0 == reads[way] }, "\(arguments) \(way.rawValue): \(Set(fields))",
                sourceLocation: sourceLocation)
        }
        for (way, result) in [(Way.cold, cold), (.entries, entries), (.snapshot, snapshot)] {
            #expect(result.status == reference.status, "\(arguments) \(way.rawValue): exit status", sourceLocation: sourceLocation)
            #expect(
                CacheColumn.removed(from: result.stdout) == CacheColumn.removed(from: reference.stdout),
                "\(arguments) \(way.rawValue): stdout", sourceLocation: sourceLocation)
            #expect(result.stderr == reference.stderr, "\(arguments) \(way.rawValue): stderr", sourceLocation: sourceLocation)
        }
        return reference
    }

    /// The values of the `"cache": "..."` fields of a JSON `check` (none for any other output).
    static func cacheFields(_ json: String) -> [String] {
        json.split(separator: "\n").compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("\"cache\": \"") else { return nil }
            return String(trimmed.dropFirst("\"cache\": \"".count).prefix { $0 != "\"" })
        }
    }

    /// `run`, then stdout parsed as a JSON object (the command must exit 0).
    static func json(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let result = try run(arguments, sourceLocation: sourceLocation)
        #expect(result.status == 0, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    }
}

/// A cache directory of one test (removed after it), and SQL on its database: to damage it, or to see what a
/// run wrote.
final class CacheDatabase {
    let path = NSTemporaryDirectory() + "usagelens-cache-ways-" + UUID().uuidString
    var environment: [String: String] { ["USAGELENS_CACHE_DIR": path] }
    var databasePath: String { path + "/cache.sqlite" }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// The rows `sql` gives, one string a row (`|` between values).
    func query(_ sql: String) throws -> [String] {
        let queue = try DatabaseQueue(path: databasePath)
        return try queue.read { db in
            try Row.fetchAll(db, sql: sql).map { row in row.databaseValues.map { "\($0)" }.joined(separator: "|") }
        }
    }

    func execute(_ sql: String) throws {
        let queue = try DatabaseQueue(path: databasePath)
        try queue.write { try $0.execute(sql: sql) }
    }
}
