import Foundation
import GRDB
internal import GRDBSQLite
internal import CMalloc
internal import CSQLiteConfig

/// The persistent per-file cache (DESIGN 9): one SQLite database in WAL mode, through GRDB, with one entry per
/// input path.
///
/// An entry is keyed by the path and the parser version, and is used only when the file's device, inode, size,
/// modification time (ns) and the fingerprint of its bytes before the kept offset say it is the file that was
/// read, and the entry's checksum holds. Everything here degrades: a cache that cannot be opened, read or
/// written is a one-line warning (`warnings`), a busy one is skipped, and the run reads the files.
final class FileCache: @unchecked Sendable {
    /// What the cache holds for the inputs of a run.
    struct FileLookups: Sendable {
        /// Per input (all `.uncached` when `snapshot` is set).
        var entries: [Lookup]
        /// The whole result of an earlier run over exactly these inputs, each unchanged since or (`grown`) grown.
        var snapshot: IngestSnapshot? = nil
        /// With a snapshot: the inputs that grew since it was made, each `.resume` from its entry, whose kept
        /// offset is where the snapshot's part of the file ends; every other input is as the snapshot saw it.
        var grown: [Int] = []
    }

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

    /// The tables' layout (the database's `user_version`); bump it when a table changes.
    static let schemaVersion = 4

    /// The version entries are stored under; an entry of another version is never used, and is collected.
    static let version: Int64 = {
        var text = "layout \(CachedFile.layoutVersion) snapshot \(IngestSnapshot.layoutVersion) parser \(parserVersion)\n"
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
        config.prepareDatabase { db in
            // Large pages: an entry or a run's snapshot is a blob of kilobytes to megabytes, read in few pages
            // (taken when the database is created); pages read through a mapping, not copied by read(2).
            try db.execute(sql: "PRAGMA page_size = 65536")
            try db.execute(sql: "PRAGMA mmap_size = 1073741824")
            // The WAL stays, unchecked, when the last connection closes: else each run finds none, and GRDB
            // makes one at every open (a transaction creating and dropping a table, two fsyncs, then a
            // checkpoint at close), 2-3 ms of every warm run. Runs that write checkpoint what they wrote
            // (`checkpoint()`), so the WAL stays small and the data sits in the mapped database file.
            _ = usagelens_sqlite_no_checkpoint_on_close(db.sqliteConnection)
            // A run that grows a snapshot leaves what it wrote in the WAL (a checkpoint would copy it all again,
            // a quarter of such a run): SQLite checkpoints by itself once the WAL holds 256 pages (16 MiB), which
            // bounds what the next run's first connection reads to rebuild the WAL's index.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 256")
            // A commit appends to the WAL without an fsync (a checkpoint still syncs): a killed run loses
            // nothing it committed, a power cut may lose the last commits but never leaves a damaged database
            // (SQLite's WAL guarantees), and a lost entry is a file read again. Under FULL, the default, every
            // commit waited for the megabytes it wrote to reach the disk.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Debian builds SQLite with SECURE_DELETE: a replaced snapshot's pages were overwritten with zeros,
            // one more page written for every page of the new one. What a cache holds is read from logs its
            // user can read anyway.
            try db.execute(sql: "PRAGMA secure_delete = OFF")
        }
        pool = try DatabasePool(path: location.databasePath, configuration: config)
        // The schema's version is the database's user_version: a database of another schema (an older
        // usagelens) is emptied and set up again; its entries would not be used anyway.
        let schemaVersion = try pool.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
        if schemaVersion != Self.schemaVersion {
            try pool.write { db in
                // Again inside the transaction: another run may have just set it up.
                guard try Int.fetchOne(db, sql: "PRAGMA user_version") != Self.schemaVersion else { return }
                try db.execute(sql: "DROP TABLE IF EXISTS file_entry")
                try db.execute(sql: "DROP TABLE IF EXISTS run_snapshot")
                try db.execute(
                    sql: """
                        CREATE TABLE run_snapshot (
                            key INTEGER PRIMARY KEY NOT NULL,
                            version INTEGER NOT NULL,
                            files INTEGER NOT NULL,
                            rows INTEGER NOT NULL,
                            created_ns INTEGER NOT NULL,
                            checksum INTEGER NOT NULL,
                            inputs BLOB NOT NULL,
                            data BLOB NOT NULL,
                            dedup_keys BLOB NOT NULL)
                        """)
                try db.execute(
                    sql: """
                        CREATE TABLE file_entry (
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
                try db.execute(sql: "PRAGMA user_version = \(Self.schemaVersion)")
            }
        }
    }

    /// Opens (or creates) the cache at `location`. A database that is not one (a corrupt or foreign file) is
    /// replaced by a new one; anything else that fails gives no cache. Either way, the warning says what happened,
    /// except for a busy one (no cache, no warning).
    static func open(_ location: CacheLocation) -> (FileCache?, warning: String?) {
        do {
            try FileManager.default.createDirectory(atPath: location.directory, withIntermediateDirectories: true)
        } catch {
            return (nil, "cache: cannot create \(location.directory) (\(describe(error))); reading without the cache")
        }
        do {
            return (try FileCache(location: location), nil)
        } catch where isBusy(error) {
            // Another run holds the lock for longer than this one waits (it is setting the database up or
            // writing a large snapshot): this run reads the files, quietly, as for a busy cache anywhere else.
            return (nil, nil)
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

    /// Where a lookup reads the database in two transactions, a test can run something in between, as another
    /// run could write there (`FileCacheTests`): `.entries` before the entries' bytes are read, `.snapshotKeys`
    /// before a snapshot's keys are. Keyed by database path (tests run at once); empty outside tests.
    enum Gap: Sendable { case entries, snapshotKeys }
    private nonisolated(unsafe) static var gapHooks: [String: @Sendable (Gap) -> Void] = [:]
    private static let gapHooksLock = NSLock()

    static func setHook(at location: CacheLocation, _ hook: (@Sendable (Gap) -> Void)?) {
        gapHooksLock.lock()
        defer { gapHooksLock.unlock() }
        gapHooks[location.databasePath] = hook
    }

    private func gap(_ gap: Gap) {
        Self.gapHooksLock.lock()
        let hook = Self.gapHooks.isEmpty ? nil : Self.gapHooks[location.databasePath]
        Self.gapHooksLock.unlock()
        hook?(gap)
    }

    // MARK: reading

    private struct StoredRow {
        var identity: FileIdentity
        var fingerprint: UInt64
        var keptOffset: Int64
        var resumable: Bool
        var checksum: UInt64
        /// Whether the file's fingerprint before `keptOffset` is still `fingerprint`.
        var fingerprintHolds = false
        var data: [UInt8] = []
    }

    /// Each input's identity and fingerprint as this run's lookup saw them (nil: not cacheable): what a snapshot
    /// of the run is checked against.
    private var runInputs: [(identity: FileIdentity, fingerprint: UInt64)?] = []

    /// What the cache holds for `files`: the run's snapshot when every input is unchanged and one was kept for
    /// exactly these inputs, else what it holds for each input (a cacheable input is a regular file other than
    /// standard input).
    func lookUp(_ files: [InputFile], known: [(identity: FileIdentity, fingerprint: UInt64)?]? = nil) -> FileLookups {
        let observed = observe(files, known: known)
        let keys = files.map(Self.key)
        if !files.isEmpty, observed.allSatisfy({ $0 != nil }),
            let found = readSnapshot(keys, observed.map { $0! }, files: files)
        {
            if found.grown.isEmpty {
                count { $0.hits += files.count }
                return FileLookups(entries: files.map { _ in .uncached }, snapshot: found.snapshot)
            }
            if let entries = grownEntries(files, keys, observed.map { $0! }, found.grown, oldSizes: found.oldSizes) {
                // Counted by the run: it may still fall back to the entries (`entryLookups`).
                var lookups = files.map { _ in Lookup.uncached }
                for (i, entry) in zip(found.grown, entries) { lookups[i] = .resume(observed[i]!.identity, entry) }
                return FileLookups(entries: lookups, snapshot: found.snapshot, grown: found.grown)
            }
        }
        return FileLookups(entries: entryLookups(files))
    }

    /// What `stat` alone says of the inputs against the snapshot of a run over them (`snapshotByStatus`).
    struct StatusCheck {
        /// The snapshot, when every input's status is what it recorded.
        var snapshot: IngestSnapshot?
        /// Else per input: its identity and fingerprint as the snapshot recorded them when its status is the same
        /// (nil: it changed; `lookUp` opens and fingerprints those alone).
        var known: [(identity: FileIdentity, fingerprint: UInt64)?] = []
    }

    /// The snapshot of a run over `files` when every input's status (device, inode, size, mtime and ctime, by
    /// `stat`) is what the snapshot recorded: no input is opened and no byte of one is read. An unchanged ctime
    /// vouches for the bytes (`FileIdentity.changedNanoseconds`). When only some inputs changed, which ones;
    /// nil when there is no snapshot of these inputs or an input is not a regular file. Hits are counted when
    /// the snapshot is used.
    func snapshotByStatus(_ files: [InputFile]) -> StatusCheck? {
        guard !files.isEmpty, files.allSatisfy({ !$0.isStandardInput && $0.problem == nil }) else { return nil }
        let statuses = files.map(FileIdentity.status(of:))
        guard statuses.allSatisfy({ $0 != nil }) else { return nil }
        let keys = files.map(Self.key)
        let stored: (checksum: UInt64, inputs: [(identity: FileIdentity, fingerprint: UInt64)], same: [Bool], encoded: [UInt8], data: [UInt8]?)?
        do {
            stored = try pool.read { db in
                let key = Self.snapshotKey(keys)
                guard let (checksum, encoded) = try Self.snapshotRow(db, key: key, files: files.count) else { return nil }
                guard let inputs = try? Self.decodeInputs(encoded), inputs.count == files.count else { return nil }
                let same = zip(inputs, statuses).map { then, now -> Bool in
                    let (old, now) = (then.identity, now!)
                    return old.changedNanoseconds != 0 && old.device == now.device && old.inode == now.inode
                        && old.size == now.size && old.modifiedNanoseconds == now.modified
                        && old.changedNanoseconds == now.changed
                }
                let data = same.allSatisfy { $0 } ? try Self.readSnapshotData(db, key: key) : nil
                return (checksum, inputs, same, encoded, data)
            }
        } catch {
            fail(reading: error)
            return nil
        }
        guard let stored else { return nil }
        guard let data = stored.data else {
            return StatusCheck(known: zip(stored.inputs, stored.same).map { $1 ? $0 : nil })
        }
        guard Self.snapshotChecksum(inputs: stored.encoded, data: data) == stored.checksum else {
            warn("cache: a snapshot failed its checksum; the files were read again")
            return nil
        }
        guard var snapshot = try? IngestSnapshot(serialized: data, files: files.count) else {
            warn("cache: a snapshot could not be decoded; the files were read again")
            return nil
        }
        for i in files.indices { snapshot.accounts[i].path = files[i].path }
        lock.lock()
        runInputs = stored.inputs.map { $0 }
        lock.unlock()
        count { $0.hits += files.count }
        return StatusCheck(snapshot: snapshot)
    }

    /// The checksum and the encoded inputs of the snapshot `key` of this version over `files` inputs, if kept.
    static func snapshotRow(_ db: Database, key: Int64, files: Int) throws -> (checksum: UInt64, inputs: [UInt8])? {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT checksum, inputs FROM run_snapshot WHERE key = ? AND version = ? AND files = ?",
            arguments: [key, version, files])
        else { return nil }
        return (UInt64(bitPattern: row[0]), try row.withUnsafeData(atIndex: 1) { [UInt8]($0 ?? Data()) })
    }

    /// The data of the snapshot `key` (its row's `data`), read from SQLite's pages into the array once
    /// (incremental blob I/O: SQLite does not assemble a copy of its own first); nil when the row is gone.
    static func readSnapshotData(_ db: Database, key: Int64) throws -> [UInt8]? {
        // From here on a run moves megabytes from buffer to buffer (this blob, the decoded table, pricing's
        // arrays; on append the rows read, the merge, the new snapshot), each freed before the next is made.
        // Unmapped and mapped again, each would be faulted in afresh (~3 us per 4 KiB page in a VM); kept in
        // the heap, they are reused. Measured on the 1 GiB bench corpus: a warm run's minor faults 5,083 ->
        // 3,911, an append's 14,975 -> 9,455; peak RSS 39 -> 39 MB and 60 -> 66 MB. Cold runs keep the fixed
        // mmap threshold set at start (see `UsageLens.main`).
        usagelens_reuse_large_blocks()
        var handle: OpaquePointer?
        let opened = sqlite3_blob_open(db.sqliteConnection, "main", "run_snapshot", "data", key, 0, &handle)
        defer { if let handle { sqlite3_blob_close(handle) } }
        guard opened == SQLITE_OK, let handle else {
            throw DatabaseError(resultCode: ResultCode(rawValue: opened), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
        let length = Int(sqlite3_blob_bytes(handle))
        var code = SQLITE_OK
        let data = [UInt8](unsafeUninitializedCapacity: length) { buffer, count in
            code = length == 0 ? SQLITE_OK : sqlite3_blob_read(handle, buffer.baseAddress, Int32(length), 0)
            count = code == SQLITE_OK ? length : 0
        }
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errstr(code)))
        }
        return data
    }

    /// Each input's identity and the fingerprint of all of its bytes (nil: not cacheable), one file per task;
    /// kept as this run's inputs (`storeSnapshot`).
    /// `known`: what `snapshotByStatus` vouched for (nil where an input changed): used as it is.
    private func observe(
        _ files: [InputFile], known: [(identity: FileIdentity, fingerprint: UInt64)?]? = nil
    ) -> [(identity: FileIdentity, fingerprint: UInt64)?] {
        var observed = [(identity: FileIdentity, fingerprint: UInt64)?](repeating: nil, count: files.count)
        let known = known?.count == files.count ? known : nil
        observed.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: files.count) { i in
                let file = files[i]
                if let seen = known?[i] {
                    out[i] = seen
                    return
                }
                out[i] = file.isStandardInput || file.problem != nil ? nil : FileIdentity.observe(file)
            }
        }
        lock.lock()
        runInputs = observed
        lock.unlock()
        return observed
    }

    /// What the cache holds for each of `files`, entry by entry (with the observations of `lookUp` over the same
    /// files, else its own).
    func entryLookups(_ files: [InputFile]) -> [Lookup] {
        lock.lock()
        var observed = runInputs
        lock.unlock()
        if observed.count != files.count { observed = observe(files) }
        let identities = observed.map { $0?.identity }
        let keys = files.map(Self.key)
        var rows = [StoredRow?](repeating: nil, count: files.count)
        do {
            try pool.read { db in
                let statement = try db.makeStatement(
                    sql: """
                        SELECT device, inode, size, mtime_ns, fingerprint, kept_offset, resumable, checksum
                        FROM file_entry WHERE path = ? AND version = ?
                        """)
                for i in files.indices where identities[i] != nil {
                    guard let row = try Row.fetchOne(statement, arguments: [Data(keys[i]), Self.version]) else { continue }
                    rows[i] = StoredRow(
                        identity: FileIdentity(
                            device: UInt64(bitPattern: row[0]), inode: UInt64(bitPattern: row[1]), size: row[2],
                            modifiedNanoseconds: row[3], isCompressed: false),
                        fingerprint: UInt64(bitPattern: row[4]), keptOffset: row[5], resumable: row[6],
                        checksum: UInt64(bitPattern: row[7]))
                }
            }
        } catch {
            fail(reading: error)
            return files.map { _ in .uncached }
        }
        // Fingerprints before each kept offset (the one of the whole file is known), one file per task.
        let seenCopy = observed
        rows.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: files.count) { i in
                guard let stored = out[i], let seen = seenCopy[i] else { return }
                let now = stored.keptOffset == seen.identity.size
                    ? seen.fingerprint : FileIdentity.fingerprint(files[i], before: stored.keptOffset)
                out[i]!.fingerprintHolds = now == stored.fingerprint
            }
        }
        gap(.entries)
        // The entries' bytes, for the inputs whose entry may still fit. This is another transaction than the
        // one above (no read is held open while the files are fingerprinted): a run that replaced an entry in
        // between (the same file read by two runs at once, each storing what it read) leaves another checksum
        // beside the new bytes, so the bytes are used only beside the checksum decided on (an entry is what
        // the bytes before its kept offset give, and those were just fingerprinted).
        do {
            try pool.read { db in
                let statement = try db.makeStatement(
                    sql: "SELECT checksum, data FROM file_entry WHERE path = ? AND version = ?")
                for i in files.indices where rows[i]?.fingerprintHolds == true {
                    guard let row = try Row.fetchOne(statement, arguments: [Data(keys[i]), Self.version]),
                        UInt64(bitPattern: row[0]) == rows[i]!.checksum, let data = row[1] as Data?
                    else {
                        rows[i] = nil
                        continue
                    }
                    rows[i]!.data = [UInt8](data)
                }
            }
        } catch {
            fail(reading: error)
            return files.map { _ in .uncached }
        }
        // Decoding, one file per task.
        final class Slots: @unchecked Sendable {
            var lookups: [Lookup]
            init(_ n: Int) { lookups = Array(repeating: .uncached, count: n) }
        }
        let slots = Slots(files.count)
        let rowsCopy = rows
        slots.lookups.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: files.count) { i in
                out[i] = decide(files[i], identities[i], rowsCopy[i])
            }
        }
        return slots.lookups
    }

    private func fail(reading error: Error) {
        guard !Self.isBusy(error) else { return }
        broken = true
        if let error = error as? DatabaseError, error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
            // A page that breaks after the database opened (a disk error, a write from elsewhere): the file is
            // removed, so that the next run starts a new one (this run and any other still using it keep their
            // open copy until they end).
            for suffix in ["", "-wal", "-shm"] { unlink(location.databasePath + suffix) }
            warn("cache: \(location.databasePath) is damaged (\(Self.describe(error))); reading the files, the next run starts a new cache")
            return
        }
        warn("cache: cannot read \(location.databasePath) (\(Self.describe(error))); reading the files")
    }

    /// Whether the stored entry still describes `file`, and the entry itself when it does.
    private func decide(_ file: InputFile, _ identity: FileIdentity?, _ row: StoredRow?) -> Lookup {
        let lookup = match(file, identity, row)
        switch lookup {
        case .uncached: break
        case .miss: count { $0.misses += 1 }
        case .resume(let identity, _):
            // Unchanged (a torn last line, if any, is read again) or grown.
            if identity.size == row?.identity.size {
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
        guard sameFile, unchanged || grown, row.keptOffset <= identity.size, row.fingerprintHolds
        else { return .miss(identity, hadEntry: true) }
        guard Checksum.blob(row.data) == row.checksum else {
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

    // MARK: snapshots of whole runs

    /// How many snapshots are kept (the most recent ones): a few sets of inputs (a status line's, a daily
    /// report's) each find theirs.
    static let snapshotsKept = 8

    /// The key of the snapshot of a run over the inputs with these keys, in this order.
    static func snapshotKey(_ keys: [[UInt8]]) -> Int64 {
        var w = BinaryWriter()
        w.signed(version)
        w.varint(UInt64(keys.count))
        for key in keys { w.data(key) }
        return Int64(bitPattern: Checksum.of(w.bytes))
    }

    /// The checksum of a snapshot: XXH3 of its data, seeded with the hash of its inputs (no copy of the two).
    static func snapshotChecksum(inputs: [UInt8], data: [UInt8]) -> UInt64 {
        Checksum.blob(data, seed: Checksum.of(inputs))
    }

    /// The inputs a snapshot was made from: each one's identity and fingerprint, in run order.
    static func encodeInputs(_ inputs: [(identity: FileIdentity, fingerprint: UInt64)]) -> [UInt8] {
        var w = BinaryWriter(capacity: inputs.count * 40)
        w.varint(UInt64(inputs.count))
        for (identity, fingerprint) in inputs {
            w.fixed64(identity.device)
            w.fixed64(identity.inode)
            w.signed(identity.size)
            w.signed(identity.modifiedNanoseconds)
            w.bool(identity.isCompressed)
            w.signed(identity.changedNanoseconds)
            w.fixed64(fingerprint)
        }
        return w.bytes
    }

    static func decodeInputs(_ bytes: [UInt8]) throws -> [(identity: FileIdentity, fingerprint: UInt64)] {
        var r = BinaryReader(bytes)
        var inputs: [(identity: FileIdentity, fingerprint: UInt64)] = []
        for _ in 0..<(try r.count(minimumSize: 29)) {
            let device = try r.fixed64()
            let inode = try r.fixed64()
            let size = try r.signed()
            let modified = try r.signed()
            let compressed = try r.bool()
            let changed = try r.signed()
            inputs.append(
                (FileIdentity(
                    device: device, inode: inode, size: size, modifiedNanoseconds: modified, isCompressed: compressed,
                    changedNanoseconds: changed),
                 try r.fixed64()))
        }
        guard r.isAtEnd else { throw BinaryReader.Truncated() }
        return inputs
    }

    /// The snapshot of a run over `files`, if one was kept for exactly these inputs, each as it is now
    /// (`observed`) or grown since: a plain file with the same device and inode, larger, whose bytes before the
    /// old size still have the old fingerprint. `grown` lists those.
    private func readSnapshot(
        _ keys: [[UInt8]], _ observed: [(identity: FileIdentity, fingerprint: UInt64)], files: [InputFile]
    ) -> (snapshot: IngestSnapshot, grown: [Int], oldSizes: [Int64])? {
        let stored: (checksum: UInt64, inputs: [UInt8], data: [UInt8])?
        do {
            stored = try pool.read { db in
                let key = Self.snapshotKey(keys)
                guard let (checksum, inputs) = try Self.snapshotRow(db, key: key, files: files.count),
                    let data = try Self.readSnapshotData(db, key: key)
                else { return nil }
                return (checksum, inputs, data)
            }
        } catch {
            fail(reading: error)
            return nil
        }
        guard let stored else { return nil }
        var grown: [Int] = []
        var oldSizes: [Int64] = []
        if stored.inputs != Self.encodeInputs(observed) {
            // Which inputs changed, and whether each only grew.
            guard let then = try? Self.decodeInputs(stored.inputs), then.count == files.count else { return nil }
            for i in files.indices {
                let (old, now) = (then[i].identity, observed[i].identity)
                // Only the ctime moved (a rename, a chmod) and the bytes hold the same fingerprint: unchanged.
                var same = now
                same.changedNanoseconds = old.changedNanoseconds
                if same == old && then[i].fingerprint == observed[i].fingerprint { continue }
                guard old.device == now.device, old.inode == now.inode, !old.isCompressed, !now.isCompressed,
                    now.size > old.size, FileIdentity.fingerprint(files[i], before: old.size) == then[i].fingerprint
                else { return nil }
                grown.append(i)
                oldSizes.append(old.size)
            }
        }
        guard Self.snapshotChecksum(inputs: stored.inputs, data: stored.data) == stored.checksum else {
            warn("cache: a snapshot failed its checksum; the files were read again")
            return nil
        }
        guard var snapshot = try? IngestSnapshot(serialized: stored.data, files: files.count) else {
            warn("cache: a snapshot could not be decoded; the files were read again")
            return nil
        }
        if !grown.isEmpty {
            // The new rows are deduplicated against the snapshot's: its keys, kept apart, read in another
            // transaction. A run may have replaced the snapshot in between (the logs grew again): keys of
            // another snapshot could even have the same count, so they are used only beside the same checksum.
            gap(.snapshotKeys)
            do {
                let keyRow = try pool.read { db in
                    try Row.fetchOne(
                        db, sql: "SELECT checksum, dedup_keys FROM run_snapshot WHERE key = ? AND version = ?",
                        arguments: [Self.snapshotKey(keys), Self.version])
                }
                guard let keyRow, UInt64(bitPattern: keyRow[0]) == stored.checksum else { return nil }
                guard let keyBlob = keyRow[1] as Data?, (try? snapshot.attachKeys([UInt8](keyBlob))) != nil else {
                    warn("cache: a snapshot's keys could not be decoded; the files were read again")
                    return nil
                }
            } catch {
                fail(reading: error)
                return nil
            }
        }
        for i in files.indices { snapshot.accounts[i].path = files[i].path }
        return (snapshot, grown, oldSizes)
    }

    /// The entries of the inputs in `grown`, when each one can be read on from exactly where the snapshot's
    /// part of it ends (a resumable entry kept at the old size: no torn last line was read past it); else nil.
    private func grownEntries(
        _ files: [InputFile], _ keys: [[UInt8]], _ observed: [(identity: FileIdentity, fingerprint: UInt64)],
        _ grown: [Int], oldSizes: [Int64]
    ) -> [CachedFile]? {
        var entries: [CachedFile] = []
        do {
            try pool.read { db in
                let statement = try db.makeStatement(
                    sql: "SELECT device, inode, size, kept_offset, resumable, checksum, data FROM file_entry WHERE path = ? AND version = ?")
                for (i, oldSize) in zip(grown, oldSizes) {
                    let rows = try Row.fetchCursor(statement, arguments: [Data(keys[i]), Self.version])
                    guard let row = try rows.next() else { return }
                    let data = try row.withUnsafeData(atIndex: 6) { [UInt8]($0 ?? Data()) }
                    let identity = observed[i].identity
                    guard UInt64(bitPattern: row[0]) == identity.device, UInt64(bitPattern: row[1]) == identity.inode,
                        row[4] as Bool, Checksum.blob(data) == UInt64(bitPattern: row[5]),
                        var entry = try? CachedFile(serialized: data), entry.resumable,
                        entry.keptOffset == row[3] as Int64, entry.keptOffset == row[2] as Int64,
                        entry.keptOffset == oldSize
                    else { return }
                    entry.account.path = files[i].path
                    entries.append(entry)
                }
            }
        } catch {
            fail(reading: error)
            return nil
        }
        return entries.count == grown.count ? entries : nil
    }

    /// Keeps `snapshot`, the result of this run over `files`, checked against the inputs as the lookup saw them
    /// (before they were read: a file that changed while it was read has another identity next time); drops the
    /// oldest snapshots beyond `snapshotsKept`. A snapshot is only ever a shortcut: a failure here is quiet
    /// when the cache is busy, else one warning.
    func storeSnapshot(_ snapshot: IngestSnapshot, files: [InputFile], checkpointing: Bool = true) {
        lock.lock()
        let inputs = runInputs
        lock.unlock()
        guard !broken, !files.isEmpty, inputs.count == files.count, inputs.allSatisfy({ $0 != nil }) else { return }
        let encodedInputs = Self.encodeInputs(inputs.map { $0! })
        let blob = snapshot.serialized()
        let dedupKeys = snapshot.serializedKeys()
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        do {
            try pool.write { db in
                let insert = try db.makeStatement(
                    sql: """
                        INSERT OR REPLACE INTO run_snapshot
                        (key, version, files, rows, created_ns, checksum, inputs, data, dedup_keys)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                try Self.execute(
                    insert, in: db,
                    integers: [
                        Self.snapshotKey(files.map(Self.key)), Self.version, Int64(files.count), Int64(snapshot.table.count),
                        Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec),
                        Int64(bitPattern: Self.snapshotChecksum(inputs: encodedInputs, data: blob)),
                    ],
                    blobs: [encodedInputs, blob, dedupKeys])
                try db.execute(
                    sql: """
                        DELETE FROM run_snapshot WHERE version <> ? OR key NOT IN
                        (SELECT key FROM run_snapshot ORDER BY created_ns DESC LIMIT ?)
                        """,
                    arguments: [Self.version, Self.snapshotsKept])
            }
            if checkpointing { checkpoint() }
        } catch {
            if !Self.isBusy(error) {
                warn("cache: cannot write to \(location.databasePath) (\(Self.describe(error))); the output is unaffected")
            }
        }
    }

    // MARK: writing

    /// Moves what this run wrote from the WAL into the database file and empties the WAL: the next run's first
    /// connection rebuilds the WAL's index by reading all of it (connections close without a checkpoint), and
    /// reads a snapshot from the mapped database file rather than from WAL frames. Skipped when busy.
    private func checkpoint() {
        try? pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    /// Writes `entries` in one transaction, and collects entries of other versions and of files that are gone.
    /// A busy cache is left alone (another run is writing); any other failure is a warning.
    func store(_ entries: [Write], checkpointing: Bool = true) {
        guard !entries.isEmpty, !broken else { return }
        var prepared: [(path: Data, identity: FileIdentity, fingerprint: UInt64, entry: CachedFile, blob: [UInt8])] = []
        for w in entries {
            guard let fingerprint = FileIdentity.fingerprint(w.file, before: w.entry.keptOffset) else { continue }
            let blob = w.entry.serialized()
            prepared.append((Data(Self.key(w.file)), w.identity, fingerprint, w.entry, blob))
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
                        Int64(bitPattern: Checksum.blob(p.blob)), Data(p.blob),
                    ])
                }
                // A run that only read on in grown files has the inputs of its snapshot, none of them gone: what
                // other runs left is collected by the next run that reads a file whole (2-3 ms of an append).
                if checkpointing { try Self.collect(db) }
            }
            if checkpointing { checkpoint() }
        } catch {
            if !Self.isBusy(error) {
                warn("cache: cannot write to \(location.databasePath) (\(Self.describe(error))); the output is unaffected")
            }
        }
    }

    /// Runs `statement` (an insert: no rows) with its parameters bound to `integers`, then `blobs`, in order.
    /// The blobs are bound in place (SQLITE_STATIC), not copied twice (into `Data`, then by SQLite): a run's
    /// snapshot is megabytes, and each copy of it is fresh memory the kernel must fault in.
    private static func execute(_ statement: Statement, in db: Database, integers: [Int64], blobs: [[UInt8]]) throws {
        let s = statement.sqliteStatement
        sqlite3_reset(s)
        sqlite3_clear_bindings(s)
        defer {
            sqlite3_reset(s)
            sqlite3_clear_bindings(s)
        }
        for (i, value) in integers.enumerated() { sqlite3_bind_int64(s, Int32(i + 1), value) }
        func bind(from k: Int) throws {
            guard k < blobs.count else {
                let code = sqlite3_step(s)
                guard code == SQLITE_DONE else {
                    throw DatabaseError(
                        resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                }
                return
            }
            try blobs[k].withUnsafeBytes { bytes in
                let index = Int32(integers.count + k + 1)
                // An empty array has no address, and a null pointer would bind NULL rather than an empty blob.
                if let base = bytes.baseAddress, !bytes.isEmpty {
                    sqlite3_bind_blob64(s, index, base, UInt64(bytes.count), nil)
                } else {
                    sqlite3_bind_zeroblob(s, index, 0)
                }
                try bind(from: k + 1)
            }
        }
        try bind(from: 0)
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
