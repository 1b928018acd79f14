import Foundation
import GRDB

/// What the cache at a location holds (`usagelens cache info`), and its clearing (`usagelens cache clear`).
public struct CacheInfo: Sendable, Equatable {
    /// What the last run through the cache found (`FileCache.Counts`), as `recordRun` keeps it.
    public struct LastRun: Sendable, Equatable {
        public var hits: Int
        public var partial: Int
        public var misses: Int
    }

    public var location: CacheLocation
    /// Whether the database file exists.
    public var exists: Bool
    /// Stored entries, of any version.
    public var entries = 0
    /// Entries this usagelens can use: of its parser version, for a file that exists now.
    public var files = 0
    /// Rows (events before dedup) over every entry.
    public var rows: Int64 = 0
    /// Snapshots of whole runs (`IngestSnapshot`): at most `FileCache.snapshotsKept`.
    public var snapshots = 0
    /// The database, its WAL and its shared-memory file, in bytes on disk.
    public var bytes: Int64 = 0
    /// The counts of the last run that used the cache; nil before the first.
    public var lastRun: LastRun?

    static let suffixes = ["", "-wal", "-shm"]

    /// The sizes of the database's files, summed (what is not there counts 0).
    static func bytesOnDisk(_ location: CacheLocation) -> Int64 {
        suffixes.reduce(0) { sum, suffix in
            var s = stat()
            return sum + (stat(location.databasePath + suffix, &s) == 0 ? Int64(s.st_size) : 0)
        }
    }

    /// Reads what the cache at `location` holds, without creating it.
    /// - Throws: `UsageLensError` (`.io`) when the database cannot be read (corrupt, not a database).
    public static func read(_ location: CacheLocation) throws -> CacheInfo {
        var info = CacheInfo(location: location, exists: FileManager.default.fileExists(atPath: location.databasePath))
        guard info.exists else { return info }
        do {
            var config = Configuration()
            config.busyMode = .timeout(2)
            let pool = try DatabasePool(path: location.databasePath, configuration: config)
            try pool.read { db in
                if try db.tableExists("file_entry") {
                    info.entries = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM file_entry") ?? 0
                    info.rows = try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(rows), 0) FROM file_entry") ?? 0
                    let paths = try Data.fetchAll(
                        db, sql: "SELECT path FROM file_entry WHERE version = ?", arguments: [FileCache.version])
                    info.files = paths.filter { path in
                        var s = stat()
                        return FileSystemPath(bytes: [UInt8](path)).withCString { stat($0, &s) } == 0
                    }.count
                }
                if try db.tableExists("run_snapshot") {
                    info.snapshots = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM run_snapshot") ?? 0
                }
                info.lastRun = try FileCache.lastRun(db)
            }
        } catch {
            throw UsageLensError(.io, "cannot read the cache (\(FileCache.describe(error)))", file: location.databasePath)
        }
        info.bytes = bytesOnDisk(location)
        return info
    }

    /// Empties the cache at `location`: every entry and the last run's counts, in one transaction that
    /// concurrent runs see whole, then the space is given back. A database that is not one is removed.
    /// - Returns: what it held before.
    /// - Throws: `UsageLensError` (`.io`) when it can be neither emptied nor removed.
    @discardableResult
    public static func clear(_ location: CacheLocation) throws -> CacheInfo {
        let before = (try? read(location)) ?? CacheInfo(location: location, exists: true)
        guard before.exists else { return before }
        do {
            var config = Configuration()
            config.busyMode = .timeout(5)
            let pool = try DatabasePool(path: location.databasePath, configuration: config)
            try pool.write { db in
                for table in ["file_entry", "run_snapshot", FileCache.lastRunTable] where try db.tableExists(table) {
                    try db.execute(sql: "DELETE FROM \(table)")
                }
            }
            try pool.vacuum()
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
            for suffix in suffixes { unlink(location.databasePath + suffix) }
        } catch {
            throw UsageLensError(.io, "cannot clear the cache (\(FileCache.describe(error)))", file: location.databasePath)
        }
        return before
    }
}

extension FileCache {
    /// The table of the last run's counts: one row.
    static let lastRunTable = "last_run"

    /// The counts `recordRun` kept, nil when none are.
    static func lastRun(_ db: Database) throws -> CacheInfo.LastRun? {
        guard try db.tableExists(lastRunTable),
            let row = try Row.fetchOne(db, sql: "SELECT hits, partial, misses FROM \(lastRunTable) WHERE id = 1")
        else { return nil }
        return CacheInfo.LastRun(hits: row[0], partial: row[1], misses: row[2])
    }

    /// Keeps `counts` as the last run's (`usagelens cache info`). Written only when they differ from what is
    /// kept, so that a status line that finds every file unchanged, run after run, only reads; a busy or
    /// broken cache keeps what it had (the counts are for people, not for the output).
    func recordRun(_ counts: Counts) {
        guard counts != Counts(), !broken else { return }
        let run = CacheInfo.LastRun(hits: counts.hits, partial: counts.partial, misses: counts.misses)
        do {
            if try pool.read({ db in try Self.lastRun(db) }) == run { return }
            try pool.write { db in
                try db.execute(
                    sql: """
                        CREATE TABLE IF NOT EXISTS \(Self.lastRunTable) (
                            id INTEGER PRIMARY KEY CHECK (id = 1),
                            hits INTEGER NOT NULL, partial INTEGER NOT NULL, misses INTEGER NOT NULL)
                        """)
                try db.execute(
                    sql: "INSERT OR REPLACE INTO \(Self.lastRunTable) (id, hits, partial, misses) VALUES (1, ?, ?, ?)",
                    arguments: [run.hits, run.partial, run.misses])
            }
        } catch {
            // Busy: another run is writing; anything else was or will be said by `store`.
        }
    }
}
