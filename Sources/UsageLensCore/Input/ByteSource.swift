#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A stream of bytes that fills caller-owned memory, one read at a time.
///
/// Sources are reference types because they own OS handles or decoder state. A `read` returning 0 means the end
/// of the stream. Sources never hold more than one fixed-size buffer, whatever the input looks like.
public protocol ByteSource: AnyObject {
    /// Reads at most `buffer.count` bytes into `buffer` and returns how many were written; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// Set at the end of the stream when it ended in the middle of a compressed frame.
    var isTruncated: Bool { get }
}

extension ByteSource {
    public var isTruncated: Bool { false }
}

/// Reads a file descriptor with `read(2)`.
public final class FileDescriptorSource: ByteSource {
    private let fd: Int32
    private let ownsDescriptor: Bool
    private let path: String

    /// Opens `path` for reading.
    public init(path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw UsageLensError(.io, String(cString: strerror(errno)), file: path)
        }
        #if os(Linux)
            _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
        #endif
        self.fd = fd
        self.ownsDescriptor = true
        self.path = path
    }

    /// Opens a discovered input: by its real bytes, and only if it is a regular file (see
    /// `InputFile.openRegularFile`).
    public init(file: InputFile) throws {
        let fd = try file.openRegularFile()
        #if os(Linux)
            _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
        #endif
        self.fd = fd
        self.ownsDescriptor = true
        self.path = file.path
    }

    /// Wraps an already open descriptor (standard input) without taking ownership.
    public init(descriptor: Int32, name: String) {
        self.fd = descriptor
        self.ownsDescriptor = false
        self.path = name
    }

    deinit {
        if ownsDescriptor { close(fd) }
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            #if canImport(Glibc)
                let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            #else
                let n = Darwin.read(fd, buffer.baseAddress, buffer.count)
            #endif
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw UsageLensError(.io, String(cString: strerror(errno)), file: path)
        }
    }
}

/// Serves bytes from memory; used for tests and for the bytes a sniffer already read.
public final class MemorySource: ByteSource {
    private let bytes: [UInt8]
    private var position = 0
    private let maxRead: Int

    /// - Parameter maxRead: the most bytes one `read` returns, to exercise every chunking in tests.
    public init(_ bytes: [UInt8], maxRead: Int = .max) {
        self.bytes = bytes
        self.maxRead = max(1, maxRead)
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, bytes.count - position, maxRead)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { src in
            buffer.baseAddress!.copyMemory(from: src.baseAddress! + position, byteCount: n)
        }
        position += n
        return n
    }
}

/// Limits every read of another source to `maxRead` bytes (tests run each input under several chunkings).
public final class ChunkingSource: ByteSource {
    private let base: ByteSource
    private let maxRead: Int

    public init(_ base: ByteSource, maxRead: Int) {
        self.base = base
        self.maxRead = max(1, maxRead)
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, maxRead)
        return try base.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<n]))
    }

    public var isTruncated: Bool { base.isTruncated }
}

/// Replays bytes already read from a stream (for sniffing), then continues with the stream itself.
final class PrefixedSource: ByteSource {
    private var prefix: [UInt8]
    private var prefixPosition = 0
    private let base: ByteSource

    init(prefix: [UInt8], base: ByteSource) {
        self.prefix = prefix
        self.base = base
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if prefixPosition < prefix.count {
            let n = min(buffer.count, prefix.count - prefixPosition)
            prefix.withUnsafeBytes { src in
                buffer.baseAddress!.copyMemory(from: src.baseAddress! + prefixPosition, byteCount: n)
            }
            prefixPosition += n
            return n
        }
        return try base.read(into: buffer)
    }

    var isTruncated: Bool { base.isTruncated }
}

/// Reads one byte range of a file with `pread(2)`: a worker's share of a large file split at newlines.
public final class FileRangeSource: ByteSource {
    private let fd: Int32
    private var position: Int64
    private let end: Int64
    private let path: String

    /// Opens `range` of a discovered input (a regular file, by its real bytes).
    public init(file: InputFile, range: Range<Int64>) throws {
        self.fd = try file.openRegularFile()
        self.position = range.lowerBound
        self.end = range.upperBound
        self.path = file.path
    }

    deinit { close(fd) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let want = Int(min(Int64(buffer.count), end - position))
        guard want > 0 else { return 0 }
        while true {
            let n = pread(fd, buffer.baseAddress, want, off_t(position))
            if n >= 0 {
                position += Int64(n)
                return n
            }
            if errno == EINTR { continue }
            throw UsageLensError(.io, String(cString: strerror(errno)), file: path)
        }
    }

    /// Splits a file into about `parts` ranges that each start at a line start (just after a `\n`).
    public static func lineAlignedRanges(file: InputFile, parts: Int) throws -> [Range<Int64>] {
        let size = file.size
        guard parts > 1, size > 0 else { return [0..<size] }
        let fd = try file.openRegularFile()
        defer { close(fd) }
        var cuts: [Int64] = [0]
        var probe = [UInt8](repeating: 0, count: 64 * 1024)
        for k in 1..<parts {
            var at = max(cuts.last!, size * Int64(k) / Int64(parts))
            // Move to just after the next newline; a line longer than the share makes the ranges fewer.
            search: while at < size {
                let n = probe.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(at)) }
                guard n > 0 else { at = size; break }
                if let i = probe[0..<n].firstIndex(of: 0x0A) {
                    at += Int64(i) + 1
                    break search
                }
                at += Int64(n)
            }
            if at < size && at > cuts.last! { cuts.append(at) }
        }
        cuts.append(size)
        return zip(cuts, cuts.dropFirst()).map { $0..<$1 }
    }
}
