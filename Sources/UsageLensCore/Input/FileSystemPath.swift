#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A path as the file system spells it: bytes, which need not be UTF-8.
///
/// File names on Linux are bytes and Swift strings are Unicode, so a name that is not valid UTF-8 cannot make a
/// round trip through `String`. Discovery keeps the real bytes here and opens files with them; `display` (the
/// bytes decoded with U+FFFD in place of invalid sequences) is only for showing and sorting.
public struct FileSystemPath: Hashable, Sendable {
    /// The path's bytes, without a terminating NUL.
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The path that `string` spells in UTF-8.
    public init(_ string: String) {
        self.bytes = Array(string.utf8)
    }

    /// The path as shown to the user: invalid UTF-8 becomes U+FFFD.
    public var display: String { String(decoding: bytes, as: UTF8.self) }

    /// The path of `name` inside this directory (no doubled `/` when the path already ends with one).
    func appending(_ name: UnsafeRawBufferPointer) -> FileSystemPath {
        var joined = bytes
        joined.reserveCapacity(bytes.count + name.count + 1)
        if joined.last != UInt8(ascii: "/") { joined.append(UInt8(ascii: "/")) }
        joined.append(contentsOf: name)
        return FileSystemPath(bytes: joined)
    }

    /// Calls `body` with the path as a NUL-terminated C string.
    func withCString<R>(_ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        try (bytes + [0]).withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
        }
    }

    /// The real bytes of command-line paths.
    ///
    /// `CommandLine.arguments` (and so ArgumentParser) decodes argv with U+FFFD in place of invalid UTF-8, which
    /// loses the name of a file such as `bad\xFFname.jsonl`. A path that holds U+FFFD is looked up among the
    /// process's raw arguments: the k-th occurrence of a spelling takes the k-th raw argument that decodes to
    /// it. Any other path (and one not found in argv, such as a path a library caller built) is its UTF-8.
    /// - Complexity: O(argv) per path that holds U+FFFD; nothing for the others.
    public static func commandLine(_ paths: [String]) -> [FileSystemPath] {
        var used: [String: Int] = [:]
        return paths.map { path in
            guard path.unicodeScalars.contains("\u{FFFD}") else { return FileSystemPath(path) }
            let candidates = rawArguments().filter { $0.display == path }
            let k = used[path, default: 0]
            used[path] = k + 1
            return k < candidates.count ? candidates[k] : FileSystemPath(path)
        }
    }

    /// The process's arguments after the program name, byte for byte.
    private static func rawArguments() -> [FileSystemPath] {
        let argv = CommandLine.unsafeArgv
        return (1..<Int(CommandLine.argc)).compactMap { i in
            argv[i].map { arg in
                FileSystemPath(bytes: Array(UnsafeRawBufferPointer(start: arg, count: strlen(arg))))
            }
        }
    }
}

extension FileSystemPath: Comparable {
    /// Orders by the displayed path, then by bytes, so that listings read sorted and two names that display
    /// alike still have a fixed order. (Decodes both paths: for a few roots, not for every file.)
    public static func < (a: FileSystemPath, b: FileSystemPath) -> Bool {
        let (x, y) = (a.display, b.display)
        return x != y ? x < y : a.bytes.lexicographicallyPrecedes(b.bytes)
    }
}
