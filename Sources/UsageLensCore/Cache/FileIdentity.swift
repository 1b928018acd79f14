#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the cache knows a file by: where it is (device, inode), how big it is and when it changed (ns), and
/// whether its bytes are compressed. Read once per run, before any byte of the file is.
struct FileIdentity: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modifiedNanoseconds: Int64
    var isCompressed: Bool
    /// When the inode last changed (ctime, ns): a write, a truncation, a rename or `utimes` itself moves it, and
    /// no call sets it back, so an unchanged ctime vouches that the bytes are the ones seen then (a warm run
    /// checks a snapshot by `stat` alone: `FileCache.snapshotByStatus`). 0 when not known.
    var changedNanoseconds: Int64 = 0

    /// The identity of `file` now, or nil when it cannot be read (the ingest then reports why).
    static func of(_ file: InputFile) -> FileIdentity? {
        guard let fd = try? file.openRegularFile() else { return nil }
        defer { close(fd) }
        return of(fd)
    }

    /// Device, inode, size, mtime and ctime of `s` (the rest of an identity needs the bytes).
    static func status(_ s: stat) -> (device: UInt64, inode: UInt64, size: Int64, modified: Int64, changed: Int64) {
        #if canImport(Darwin)
            let modified = Int64(s.st_mtimespec.tv_sec) &* 1_000_000_000 &+ Int64(s.st_mtimespec.tv_nsec)
            let changed = Int64(s.st_ctimespec.tv_sec) &* 1_000_000_000 &+ Int64(s.st_ctimespec.tv_nsec)
        #else
            let modified = Int64(s.st_mtim.tv_sec) &* 1_000_000_000 &+ Int64(s.st_mtim.tv_nsec)
            let changed = Int64(s.st_ctim.tv_sec) &* 1_000_000_000 &+ Int64(s.st_ctim.tv_nsec)
        #endif
        return (UInt64(truncatingIfNeeded: s.st_dev), UInt64(truncatingIfNeeded: s.st_ino), Int64(s.st_size), modified, changed)
    }

    /// The status of the regular file at `file`'s path (links followed, as an open does); nil for anything else.
    static func status(of file: InputFile) -> (device: UInt64, inode: UInt64, size: Int64, modified: Int64, changed: Int64)? {
        var s = stat()
        guard file.fileSystemPath.withCString({ stat($0, &s) }) == 0, s.st_mode & S_IFMT == S_IFREG else { return nil }
        return status(s)
    }

    static func of(_ fd: Int32) -> FileIdentity? {
        var s = stat()
        guard fstat(fd, &s) == 0 else { return nil }
        let status = Self.status(s)
        var head = [UInt8](repeating: 0, count: 4)
        let n = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 4, 0) }
        let compressed = n == 4 && (head == Compression.zstdMagic || Compression.isSkippableFrameMagic(head))
        return FileIdentity(
            device: status.device, inode: status.inode, size: status.size, modifiedNanoseconds: status.modified,
            isCompressed: compressed, changedNanoseconds: status.changed)
    }

    /// The fingerprint of the bytes before `offset`: its first and last 4 KiB (DESIGN 9), and the offset.
    static func fingerprint(_ file: InputFile, before offset: Int64) -> UInt64? {
        guard let fd = try? file.openRegularFile() else { return nil }
        defer { close(fd) }
        return fingerprint(fd, before: offset)
    }

    static func fingerprint(_ fd: Int32, before offset: Int64) -> UInt64? {
        let span = Int64(4096)
        var bytes: [UInt8] = []
        for start in Set([0, max(0, offset - span)]).sorted() {
            let count = Int(min(span, offset - start))
            guard count > 0 else { continue }
            var piece = [UInt8](repeating: 0, count: count)
            let n = piece.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(start)) }
            guard n == count else { return nil }
            bytes += piece
        }
        withUnsafeBytes(of: offset.littleEndian) { bytes.append(contentsOf: $0) }
        return Checksum.of(bytes)
    }

    /// The identity of `file` now and the fingerprint of all of its bytes, with one open.
    static func observe(_ file: InputFile) -> (identity: FileIdentity, fingerprint: UInt64)? {
        guard let fd = try? file.openRegularFile() else { return nil }
        defer { close(fd) }
        guard let identity = of(fd), let fingerprint = fingerprint(fd, before: identity.size) else { return nil }
        return (identity, fingerprint)
    }

    /// The offset after the last newline in `[start, end)` of `file`, or `start` when there is none: where the
    /// complete lines end. Reads backwards from `end`, 64 KiB at a time.
    static func endOfCompleteLines(_ file: InputFile, from start: Int64, to end: Int64) -> Int64? {
        guard end > start else { return start }
        guard let fd = try? file.openRegularFile() else { return nil }
        defer { close(fd) }
        var upper = end
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while upper > start {
            let lower = max(start, upper - Int64(buffer.count))
            let count = Int(upper - lower)
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(lower)) }
            guard n == count else { return nil }
            if let i = buffer[0..<count].lastIndex(of: 0x0A) { return lower + Int64(i) + 1 }
            upper = lower
        }
        return start
    }
}
