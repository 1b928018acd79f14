#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

#if canImport(Glibc)
    private let systemRead = Glibc.read
    private let systemWrite = Glibc.write
#else
    private let systemRead = Darwin.read
    private let systemWrite = Darwin.write
#endif

/// A shard file (`.ulshard`, DESIGN 10, docs/shards.md): what a set of input files gave, one cache entry
/// (`CachedFile`, the cache's own serialisation) per file, under the path the file was shown by.
///
/// Layout, little-endian: the 8-byte `magic`, the format `version` (4 bytes), the length of the body (8 bytes),
/// the body's `Checksum` (8 bytes), then the body: the entries' layout version (varint), the number of entries
/// (varint), and per entry its shown path, its path's bytes, its size (each length-prefixed or zigzag varint as
/// `BinaryWriter` writes them) and its entry's bytes (length-prefixed). Entries are in the run's path order.
struct ShardFile: Sendable {
    /// One input file as the shard holds it.
    struct Entry: Sendable {
        /// The file as the run that read it saw it (its path shown and its bytes, its size then).
        var file: InputFile
        /// What the file gave: this run's rows and account of it (a torn last line included), before dedup.
        var entry: CachedFile
    }

    /// Why bytes are not a shard this usagelens can read.
    struct Refusal: Error, CustomStringConvertible {
        var description: String
    }

    /// `89 'U' 'L' 'S' 'H' 'R' 'D' 0A`: a high byte first (no text file starts so, and no JSON), and a newline
    /// that a text-mode transfer would mangle.
    static let magic: [UInt8] = [0x89, 0x55, 0x4C, 0x53, 0x48, 0x52, 0x44, 0x0A]
    /// The shard format's version: bump it when the layout above changes (an entry's own layout is
    /// `CachedFile.layoutVersion`, stored in the body).
    static let version: UInt32 = 1
    /// Magic, version, body length, checksum.
    static let headerSize = 8 + 4 + 8 + 8

    var entries: [Entry]

    init(entries: [Entry]) {
        self.entries = entries
    }

    /// The shard as bytes.
    func serialized() -> [UInt8] {
        var body = BinaryWriter()
        body.varint(CachedFile.layoutVersion)
        body.varint(UInt64(entries.count))
        for e in entries {
            body.string(e.file.path)
            body.data(e.file.fileSystemPath.bytes)
            body.signed(e.file.size)
            body.data(e.entry.serialized())
        }
        var w = BinaryWriter(capacity: Self.headerSize + body.bytes.count)
        w.raw(Self.magic)
        withUnsafeBytes(of: Self.version.littleEndian) { w.raw(Array($0)) }
        w.fixed64(UInt64(body.bytes.count))
        w.fixed64(Checksum.of(body.bytes))
        w.raw(body.bytes)
        return w.bytes
    }

    /// Decodes a shard.
    /// - Throws: `Refusal` saying what is wrong: not a shard, another version, truncated, a failed checksum, or
    ///   an entry that cannot be decoded.
    init(serialized bytes: [UInt8]) throws {
        guard bytes.count >= Self.magic.count, Array(bytes[0..<Self.magic.count]) == Self.magic else {
            throw Refusal(description: "not a usagelens shard (no shard magic)")
        }
        guard bytes.count >= Self.headerSize else {
            throw Refusal(description: "shard truncated (\(bytes.count) bytes, the header alone is \(Self.headerSize))")
        }
        var version: UInt32 = 0
        for k in 0..<4 { version |= UInt32(bytes[8 + k]) << (8 * UInt32(k)) }
        guard version == Self.version else {
            throw Refusal(
                description: "shard format version \(version); this usagelens reads version \(Self.version) (write the shard again with this usagelens)")
        }
        var header = BinaryReader(bytes, from: 12)
        let length = try header.fixed64()
        let checksum = try header.fixed64()
        let available = UInt64(bytes.count - Self.headerSize)
        guard length == available else {
            throw Refusal(
                description: length > available
                    ? "shard truncated (\(available) of \(length) bytes after the header)"
                    : "shard has \(available - length) bytes after its end")
        }
        let body = Array(bytes[Self.headerSize...])
        guard Checksum.of(body) == checksum else { throw Refusal(description: "shard damaged (checksum mismatch)") }
        var r = BinaryReader(body)
        do {
            let layout = try r.varint()
            guard layout == CachedFile.layoutVersion else {
                throw Refusal(
                    description: "shard entries of layout version \(layout); this usagelens reads version \(CachedFile.layoutVersion) (write the shard again with this usagelens)")
            }
            var entries: [Entry] = []
            for _ in 0..<(try r.count(minimumSize: 4)) {
                let path = try r.string()
                let pathBytes = try r.data()
                let size = try r.signed()
                let entry = try CachedFile(serialized: try r.data())
                var file = InputFile(FileSystemPath(bytes: pathBytes), size: size)
                file.path = path
                entries.append(Entry(file: file, entry: entry))
            }
            guard r.isAtEnd else { throw BinaryReader.Truncated() }
            self.entries = entries
        } catch let refusal as Refusal {
            throw refusal
        } catch {
            throw Refusal(description: "shard damaged (an entry cannot be decoded)")
        }
    }

    /// Whether `file` starts with the shard magic (standard input and inputs with a problem never do).
    static func sniff(_ file: InputFile) -> Bool {
        guard !file.isStandardInput, file.problem == nil, file.size >= Int64(magic.count),
            let fd = try? file.openRegularFile()
        else { return false }
        defer { close(fd) }
        // Read into a word on the stack: no allocation per input.
        var head: UInt64 = 0
        let n = withUnsafeMutableBytes(of: &head) { pread(fd, $0.baseAddress, 8, 0) }
        return n == 8 && UInt64(littleEndian: head) == magicWord
    }

    /// `magic` as the little-endian word its 8 bytes make.
    private static let magicWord: UInt64 = magic.reversed().reduce(0) { $0 << 8 | UInt64($1) }

    /// Reads and decodes the shard `file`.
    /// - Throws: `Refusal` (see `init(serialized:)`), or when the file cannot be read.
    static func read(_ file: InputFile) throws -> ShardFile {
        let fd: Int32
        do {
            fd = try file.openRegularFile()
        } catch {
            throw Refusal(description: (error as? UsageLensError)?.message ?? "\(error)")
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Refusal(description: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
        }
        return try ShardFile(serialized: bytes)
    }

    /// Writes the shard to `path` whole or not at all: to a temporary file beside it, then renamed over it.
    /// - Throws: `UsageLensError` (`.io`) naming `path`.
    func write(to path: String) throws {
        let bytes = serialized()
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw UsageLensError(.io, String(cString: strerror(errno)), file: path) }
        var written = 0
        var failure: Int32 = 0
        bytes.withUnsafeBytes { raw in
            while written < raw.count {
                let n = systemWrite(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                written += n
            }
        }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure == 0 && rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw UsageLensError(.io, String(cString: strerror(failure)), file: path)
        }
    }
}
