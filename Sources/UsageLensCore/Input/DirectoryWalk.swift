#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Collects the inputs of a run from its roots: log files found in directories, files named outright, and the
/// paths that could not be read.
///
/// Directories are listed with `opendir`/`readdir` on byte paths, so that a name that is not UTF-8 is found and
/// opened by its real bytes. Symbolic links are followed, to directories as well as to files; every directory
/// is searched once (by device and inode), which also stops link loops, and a file reached by several paths
/// (links, overlapping roots, hard links) is read once, under the path that sorts first. Inside directories only
/// regular files are taken: a FIFO or a device would block or never end. A directory that cannot be listed or an
/// entry that cannot be examined becomes an input with a `problem`, reported like an unreadable file.
/// - Complexity: one `stat` per directory and per entry whose name is a log name or whose type `readdir` does
///   not tell (links, some file systems); entries are sorted per directory, so the walk is deterministic.
struct DirectoryWalk {
    /// A file's identity on this machine: two paths with the same identity are the same file.
    struct Identity: Hashable {
        var device: UInt64
        var inode: UInt64

        init(_ status: stat) {
            device = UInt64(truncatingIfNeeded: status.st_dev)
            inode = UInt64(truncatingIfNeeded: status.st_ino)
        }
    }

    /// Regular files by identity, each under the first of its paths.
    private var files: [Identity: InputFile] = [:]
    /// Inputs that could not be read, by path.
    private var problems: [FileSystemPath: InputFile] = [:]
    /// Directories already searched (or about to be: the roots).
    private var visited: Set<Identity> = []
    /// Directories to search next, the next one last.
    private var pending: [FileSystemPath] = []
    private let matches: (UnsafeRawBufferPointer) -> Bool

    /// - Parameter matches: whether a file name found inside a directory is a log name.
    init(matches: @escaping (UnsafeRawBufferPointer) -> Bool) {
        self.matches = matches
    }

    /// Every input found, sorted by path.
    var inputs: [InputFile] {
        (Array(files.values) + Array(problems.values)).sorted(by: InputFile.pathOrder)
    }

    /// Adds a file named outright: read whatever its name, if it is a regular file.
    mutating func addNamedFile(_ path: FileSystemPath, _ status: stat) {
        if let refusal = InputFile.refusal(mode: status.st_mode) {
            addProblem(path, refusal)
        } else {
            addFile(path, status)
        }
    }

    /// Marks a root directory as taken before any search, so that a link to it from another root does not
    /// search it under a second name.
    mutating func reserveRoot(_ status: stat) -> Bool {
        visited.insert(Identity(status)).inserted
    }

    /// Searches a directory (already reserved) and everything below it.
    mutating func search(_ root: FileSystemPath) {
        pending.append(root)
        while let directory = pending.popLast() {
            list(directory)
        }
    }

    mutating func addProblem(_ path: FileSystemPath, _ message: String) {
        problems[path] = InputFile(path, size: 0, problem: message)
    }

    private mutating func addFile(_ path: FileSystemPath, _ status: stat) {
        let identity = Identity(status)
        let file = InputFile(path, size: Int64(status.st_size))
        if let known = files[identity], InputFile.pathOrder(known, file) { return }
        files[identity] = file
    }

    /// One entry of a directory listing: its name and what `readdir` says it is.
    private struct Entry {
        var name: [UInt8]
        var type: UInt8
    }

    /// Lists one directory: files are taken, subdirectories queued (in name order, so the walk is depth-first
    /// in sorted order).
    private mutating func list(_ directory: FileSystemPath) {
        var entries: [Entry] = []
        guard let stream = directory.withCString({ opendir($0) }) else {
            addProblem(directory, "cannot list directory: " + String(cString: strerror(errno)))
            return
        }
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 { addProblem(directory, "cannot list directory: " + String(cString: strerror(errno))) }
                break
            }
            let name = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                Array(raw.prefix { $0 != 0 })
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            entries.append(Entry(name: name, type: entry.pointee.d_type))
        }
        closedir(stream)  // before descending: a deep tree holds no descriptor per level
        entries.sort { $0.name.lexicographicallyPrecedes($1.name) }
        var subdirectories: [FileSystemPath] = []
        for entry in entries {
            let isLogName = entry.name.withUnsafeBytes { matches($0) }
            let path = entry.name.withUnsafeBytes { directory.appending($0) }
            switch Int(entry.type) {
            case Int(DT_REG):
                guard isLogName else { continue }
            case Int(DT_DIR), Int(DT_LNK), Int(DT_UNKNOWN):
                break
            default:
                continue  // FIFOs, devices, sockets: never opened from a directory
            }
            var status = stat()
            guard path.withCString({ stat($0, &status) }) == 0 else {
                let error = errno
                // A vanished entry or a link to nothing is no input; a log name that cannot be examined is.
                if isLogName && error != ENOENT {
                    addProblem(path, String(cString: strerror(error)))
                } else if isLogName && entry.type == UInt8(DT_LNK) {
                    addProblem(path, "a symbolic link to nothing")
                } else if Int(entry.type) == Int(DT_DIR) && error != ENOENT {
                    addProblem(path, "cannot list directory: " + String(cString: strerror(error)))
                }
                continue
            }
            switch status.st_mode & S_IFMT {
            case S_IFDIR:
                if visited.insert(Identity(status)).inserted { subdirectories.append(path) }
            case S_IFREG where isLogName:
                addFile(path, status)
            default:
                continue
            }
        }
        pending += subdirectories.reversed()
    }
}
