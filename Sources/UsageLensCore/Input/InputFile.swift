#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One input of a run: a file on disk, standard input, or a path discovery could not read.
public struct InputFile: Hashable, Sendable {
    /// The path as shown to the user (`-` for standard input); invalid UTF-8 in a name shows as U+FFFD.
    public var path: String
    /// Size on disk in bytes (0 for standard input); used to hand out the largest files first.
    public var size: Int64
    /// The path as the file system spells it; files are opened by these bytes, never by `path`.
    public var fileSystemPath: FileSystemPath
    /// Why this input cannot be read, when discovery already knows (a directory that cannot be listed, a
    /// special file named on the command line). It is reported as the input's file error; nothing is opened.
    public var problem: String?

    public init(path: String, size: Int64) {
        self.init(FileSystemPath(path), size: size)
    }

    public init(_ fileSystemPath: FileSystemPath, size: Int64, problem: String? = nil) {
        self.path = fileSystemPath.display
        self.size = size
        self.fileSystemPath = fileSystemPath
        self.problem = problem
    }

    public var isStandardInput: Bool { path == "-" }

    /// The order of a run's inputs: by the path shown, then by the real bytes (two names that show alike).
    static func pathOrder(_ a: InputFile, _ b: InputFile) -> Bool {
        a.path != b.path ? a.path < b.path : a.fileSystemPath.bytes.lexicographicallyPrecedes(b.fileSystemPath.bytes)
    }

    /// Opens the file for reading, refusing anything but a regular file.
    ///
    /// The open does not wait (`O_NONBLOCK`), so that a FIFO without a writer is refused instead of blocking
    /// the run forever; the check is made on the opened descriptor, so a file swapped after discovery cannot
    /// slip through. Regular files read the same with or without the flag, so it is left set.
    /// - Throws: `UsageLensError` (`.io`) with the system's message, or saying what kind of file it is.
    func openRegularFile() throws -> Int32 {
        let fd = fileSystemPath.withCString { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard fd >= 0 else { throw UsageLensError(.io, String(cString: strerror(errno)), file: path) }
        var status = stat()
        guard fstat(fd, &status) == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw UsageLensError(.io, message, file: path)
        }
        if let refusal = Self.refusal(mode: status.st_mode) {
            close(fd)
            throw UsageLensError(.io, refusal, file: path)
        }
        // No fcntl to clear O_NONBLOCK: two system calls per open, and a warm run opens every input twice.
        return fd
    }

    /// Why a file of this mode is not read, or nil for a regular file.
    ///
    /// A FIFO, a device or a socket has no end a log file would have (`/dev/zero` never ends, a FIFO without a
    /// writer never starts); standard input (`-`) is the way to read a stream.
    static func refusal(mode: mode_t) -> String? {
        let kind: String
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFIFO: kind = "a FIFO"
        case S_IFCHR: kind = "a character device"
        case S_IFBLK: kind = "a block device"
        case S_IFSOCK: kind = "a socket"
        case S_IFDIR: kind = "a directory"
        default: kind = "not a file"
        }
        return "not a regular file (\(kind)); to read a stream, pipe it to standard input and name '-'"
    }
}
