import Foundation
import GRDB

/// The persistent per-file cache (DESIGN 9): one SQLite database in WAL mode, through GRDB, with one entry per
/// input path.
///
/// An entry is keyed by the path and the parser version, and is used only when the file's device, inode, size,
/// modification time (ns) and the fingerprint of its bytes before the kept offset say it is the file that was
/// read, and the entry's checksum holds. Everything here degrades: a cache that cannot be opened, read or
/// written is a one-line warning (`warnings`), a busy one is skipped, and the run reads the files.
final class FileCache: @unchecked Sendable {
    /// What the cache holds for one input.
    enum Lookup: Sendable {
        /// Not cached: standard input, an input with a problem, or no cache.
        case uncached
        /// Read it; `hadEntry` when an entry for the path existed but no longer fits.
        case miss(FileIdentity, hadEntry: Bool)
        /// Continue from the entry: unchanged (only a torn last line to re-read) or grown.
        case resume(FileIdentity, CachedFile)
    }

    /// An entry to write, for the file at `path` as it was seen (`identity`).
    struct Write: Sendable {
        var file: InputFile
        var identity: FileIdentity
        var entry: CachedFile
    }

    /// Hits, resumed (partial) reads and misses of one run.
    struct Counts: Sendable, Equatable {
        var hits = 0
        var partial = 0
        var misses = 0
    }

    /// Bumped by hand when an adapter or the ingest changes what a file gives; the format table's own
    /// description (formats, needles, key paths) is part of `version` as well.
    static let parserVersion = 1

    /// The version entries are stored under; an entry of another version is never used, and is collected.
    static let version: Int64 = {
        var text = "layout \(CachedFile.layoutVersion) parser \(parserVersion)\n"
        for f in FormatRegistry.formats { text += "\(f.format.rawValue) \(f.format.name) \(f.needles) \(f.isStateful)\n" }
        text += "\(FormatRegistry.keyPaths)"
        return Int64(bitPattern: Checksum.of(Array(text.utf8)) & 0x7FFF_FFFF_FFFF_FFFF)
    }()

    let location: CacheLocation
    let pool: DatabasePool
    private let lock = NSLock()
    private var _warnings: [String] = []
    /// Set when a read failed: writing is not tried either (one warning, not two).
    private(set) var broken = false

    /// One-line warnings of this run, in order.
    var warnings: [String] {
        lock.lock()
        defer { lock.unlock() }
        return _warnings
    }

    private var _counts = Counts()

    /// What the lookups of this run found.
    var counts: Counts {
        lock.lock()
        defer { lock.unlock() }
        return _counts
    }

    private func count(_ change: (inout Counts) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        change(&_counts)
    }

    private func warn(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        if !_warnings.contains(text) { _warnings.append(text) }
    }

    private init(location: CacheLocation) throws {
        self.location = location
        var config = Configuration()
        // Status lines run many at once: a writer holds the lock for one short transaction, and anyone who
        // would wait longer than this goes on without the cache.
        config.busyMode = .timeout(0.25)
        config.label = "usagelens cache"
        pool = try DatabasePool(path: location.databasePath, configuration: config)
        let hasSchema = try pool.read { db in try db.tableExists("file_entry") }
        if !hasSchema {
            try pool.write { db in
                try db.execute(
                    sql: """
                        CREATE TABLE IF NOT EXISTS file_entry (
                            path BLOB PRIMARY KEY NOT NULL,
                            version INTEGER NOT NULL,
                            device INTEGER NOT NULL,
                            inode INTEGER NOT NULL,
                            size INTEGER NOT NULL,
                            mtime_ns INTEGER NOT NULL,
                            fingerprint INTEGER NOT NULL,
                            kept_offset INTEGER NOT NULL,
                            resumable INTEGER NOT NULL,
                            rows INTEGER NOT NULL,
                            checksum INTEGER NOT NULL,
                            data BLOB NOT NULL)
                        """)
            }
        }
    }

    /// Opens (or creates) the cache at `location`. A database that is not one (a corrupt or foreign file) is
    /// replaced by a new one; anything else that fails gives no cache. Either way, the warning says what happened.
    static func open(_ location: CacheLocation) -> (FileCache?, warning: String?) {
        do {
            try FileManager.default.createDirectory(atPath: location.directory, withIntermediateDirectories: true)
        } catch {
            return (nil, "cache: cannot create \(location.directory) (\(describe(error))); reading without the cache")
        }
        do {
            return (try FileCache(location: location), nil)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: location.databasePath + suffix) }
            if let cache = try? FileCache(location: location) {
                return (cache, "cache: \(location.databasePath) was not a usable database (\(describe(error))); started a new one")
            }
            return (nil, "cache: \(location.databasePath) is not a usable database (\(describe(error))); reading without the cache")
        } catch {
            return (nil, "cache: cannot open \(location.databasePath) (\(describe(error))); reading without the cache")
        }
    }

    static func describe(_ error: Error) -> String {
        if let error = error as? DatabaseError {
            return (error.message ?? "\(error.resultCode)").replacingOccurrences(of: "\n", with: " ")
        }
        return "\(error)".replacingOccurrences(of: "\n", with: " ")
    }

    private static func isBusy(_ error: Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
    }

    /// The key of `file`: its path as the file system spells it, made absolute (a relative path names another
    /// file from another directory).
    static func key(_ file: InputFile) -> [UInt8] {
        let bytes = file.fileSystemPath.bytes
        if bytes.first == UInt8(ascii: "/") { return bytes }
        return Array(FileManager.default.currentDirectoryPath.utf8) + [UInt8(ascii: "/")] + bytes
    }

    // MARK: reading

    private struct StoredRow {
        var identity: FileIdentity
        var fingerprint: UInt64
        var keptOffset: Int64
        var resumable: Bool
        var checksum: UInt64
        var data: [UInt8]
    }

    /// What the cache holds for each of `files` (a cacheable input is a regular file other than standard input).
    func lookUp(_ files: [InputFile]) -> [Lookup] {
        var identities: [FileIdentity?] = files.map { file in
            file.isStandardInput || file.problem != nil ? nil : FileIdentity.of(file)
        }
        var rows = [StoredRow?](repeating: nil, count: files.count)
        do {
            try pool.read { db in
                let statement = try db.makeStatement(
                    sql: """
                        SELECT device, inode, size, mtime_ns, fingerprint, kept_offset, resumable, checksum, data
                        FROM file_entry WHERE path = ? AND version = ?
                        """)
                for (i, file) in files.enumerated() where identities[i] != nil {
                    guard let row = try Row.fetchOne(statement, arguments: [Data(Self.key(file)), Self.version])
                    else { continue }
                    let data: Data = row[8]
                    rows[i] = StoredRow(
                        identity: FileIdentity(
                            device: UInt64(bitPattern: row[0]), inode: UInt64(bitPattern: row[1]), size: row[2],
                            modifiedNanoseconds: row[3], isCompressed: false),
                        fingerprint: UInt64(bitPattern: row[4]), keptOffset: row[5], resumable: row[6],
                        checksum: UInt64(bitPattern: row[7]), data: [UInt8](data))
                }
            }
        } catch {
            if !Self.isBusy(error) {
                broken = true
                warn("cache: cannot read \(location.databasePath) (\(Self.describe(error))); reading the files")
            }
            rows = rows.map { _ in nil }
        }
        // Fingerprints and decoding, one file per task.
        final class Slots: @unchecked Sendable {
            var lookups: [Lookup]
            init(_ n: Int) { lookups = Array(repeating: .uncached, count: n) }
        }
        let slots = Slots(files.count)
        let identitiesCopy = identities
        let rowsCopy = rows
        slots.lookups.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: files.count) { i in
                out[i] = decide(files[i], identitiesCopy[i], rowsCopy[i])
            }
        }
        identities = []
        return slots.lookups
    }

    /// Whether the stored entry still describes `file`, and the entry itself when it does.
    private func decide(_ file: InputFile, _ identity: FileIdentity?, _ row: StoredRow?) -> Lookup {
        let lookup = match(file, identity, row)
        switch lookup {
        case .uncached: break
        case .miss: count { $0.misses += 1 }
        case .resume(let identity, let entry):
            if identity.size == row?.identity.size && identity.size == entry.keptOffset {
                count { $0.hits += 1 }
            } else if identity.size == row?.identity.size {
                // Unchanged, with a torn last line to read again.
                count { $0.hits += 1 }
            } else {
                count { $0.partial += 1 }
            }
        }
        return lookup
    }

    private func match(_ file: InputFile, _ identity: FileIdentity?, _ row: StoredRow?) -> Lookup {
        guard let identity else { return .uncached }
        guard let row else { return .miss(identity, hadEntry: false) }
        let sameFile = row.identity.device == identity.device && row.identity.inode == identity.inode
        let unchanged = row.identity.size == identity.size && row.identity.modifiedNanoseconds == identity.modifiedNanoseconds
        let grown = row.resumable && !identity.isCompressed && identity.size > row.identity.size
        guard sameFile, unchanged || grown, row.keptOffset <= identity.size,
            FileIdentity.fingerprint(file, before: row.keptOffset) == row.fingerprint
        else { return .miss(identity, hadEntry: true) }
        guard Checksum.of(row.data) == row.checksum else {
            warn("cache: an entry failed its checksum; its file was read again")
            return .miss(identity, hadEntry: true)
        }
        guard var entry = try? CachedFile(serialized: row.data), entry.keptOffset == row.keptOffset else {
            warn("cache: an entry could not be decoded; its file was read again")
            return .miss(identity, hadEntry: true)
        }
        entry.account.path = file.path
        return .resume(identity, entry)
    }

    // MARK: writing

    /// Writes `entries` in one transaction, and collects entries of other versions and of files that are gone.
    /// A busy cache is left alone (another run is writing); any other failure is a warning.
    func store(_ entries: [Write]) {
        guard !entries.isEmpty, !broken else { return }
        var prepared: [(path: Data, identity: FileIdentity, fingerprint: UInt64, entry: CachedFile, blob: [UInt8])] = []
        for w in entries {
            guard let fingerprint = FileIdentity.fingerprint(w.file, before: w.entry.keptOffset) else { continue }
            prepared.append((Data(Self.key(w.file)), w.identity, fingerprint, w.entry, w.entry.serialized()))
        }
        do {
            try pool.write { db in
                let insert = try db.makeStatement(
                    sql: """
                        INSERT OR REPLACE INTO file_entry
                        (path, version, device, inode, size, mtime_ns, fingerprint, kept_offset, resumable, rows,
                         checksum, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                for p in prepared {
                    try insert.execute(arguments: [
                        p.path, Self.version, Int64(bitPattern: p.identity.device), Int64(bitPattern: p.identity.inode),
                        p.identity.size, p.identity.modifiedNanoseconds, Int64(bitPattern: p.fingerprint),
                        p.entry.keptOffset, p.entry.resumable, p.entry.table.count,
                        Int64(bitPattern: Checksum.of(p.blob)), Data(p.blob),
                    ])
                }
                try Self.collect(db)
            }
        } catch {
            if !Self.isBusy(error) {
                warn("cache: cannot write to \(location.databasePath) (\(Self.describe(error))); the output is unaffected")
            }
        }
    }

    /// Deletes entries of another version and entries whose file no longer exists.
    private static func collect(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM file_entry WHERE version <> ?", arguments: [version])
        let paths = try Data.fetchAll(db, sql: "SELECT path FROM file_entry")
        let delete = try db.makeStatement(sql: "DELETE FROM file_entry WHERE path = ?")
        for path in paths {
            var s = stat()
            let gone = FileSystemPath(bytes: [UInt8](path)).withCString { stat($0, &s) } != 0 && errno == ENOENT
            if gone { try delete.execute(arguments: [path]) }
        }
    }
}
