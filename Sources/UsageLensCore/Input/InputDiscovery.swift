import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns command-line paths into the sorted list of files to read.
///
/// Directories are searched recursively for `*.jsonl`, `*.jsonl.zst`, `*.zst`, `*.json` and `*.ndjson`
/// (regular files only, following symbolic links; see `DirectoryWalk`); files named explicitly are read whatever
/// their name, if they are regular files. The result is sorted by path and free of repeats (a file reached by
/// two paths is one input), so that the same arguments in any order give the same run. What cannot be read (a
/// directory that cannot be listed, a FIFO or device named outright) is an input with a `problem`: it is
/// reported as that path's file error, and the run goes on.
public enum InputDiscovery {
    /// File name endings searched for inside directories.
    public static let suffixes = [".jsonl", ".jsonl.zst", ".zst", ".json", ".ndjson"]

    /// Expands `paths`; with no paths, the default locations of Claude Code and Codex.
    /// - Throws: `UsageLensError` (`.io`) for a named path that does not exist (a missing default location is
    ///   skipped).
    public static func discover(
        _ paths: [String], environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> [InputFile] {
        let roots =
            paths.isEmpty ? defaultRoots(environment: environment).map(FileSystemPath.init) : FileSystemPath.commandLine(paths)
        var walk = DirectoryWalk(matches: matchesSuffix)
        var standardInput = false
        var directories: [FileSystemPath] = []
        for root in roots.sorted() {
            if root.bytes == [UInt8(ascii: "-")] {
                standardInput = true
                continue
            }
            var status = stat()
            guard root.withCString({ stat($0, &status) }) == 0 else {
                let error = errno
                if error == ENOENT || error == ENOTDIR {
                    if paths.isEmpty { continue }  // default locations are optional
                    throw UsageLensError(.io, "no such file or directory", file: root.display)
                }
                walk.addProblem(root, String(cString: strerror(error)))
                continue
            }
            if status.st_mode & S_IFMT != S_IFDIR {
                walk.addNamedFile(root, status)
            } else if walk.reserveRoot(status) {
                directories.append(root)
            }
        }
        for directory in directories { walk.search(directory) }
        var inputs = walk.inputs
        if standardInput {
            inputs.append(InputFile(path: "-", size: 0))
            inputs.sort(by: InputFile.pathOrder)
        }
        return inputs
    }

    /// The default roots: every entry of `CLAUDE_CONFIG_DIR` (comma-separated) or `~/.config/claude` and
    /// `~/.claude`, each with `projects/`; plus `${CODEX_HOME:-~/.codex}` `sessions/` and `archived_sessions/`.
    public static func defaultRoots(environment: [String: String]) -> [String] {
        let home = environment["HOME"] ?? NSHomeDirectory()
        var roots: [String] = []
        if let configured = environment["CLAUDE_CONFIG_DIR"], !configured.isEmpty {
            for dir in configured.split(separator: ",") {
                let trimmed = dir.trimmingCharacters(in: .whitespaces)
                if !trimmed.isEmpty { roots.append(trimmed + "/projects") }
            }
        } else {
            roots.append(home + "/.config/claude/projects")
            roots.append(home + "/.claude/projects")
        }
        let codexHome = environment["CODEX_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.codex"
        roots.append(codexHome + "/sessions")
        roots.append(codexHome + "/archived_sessions")
        return roots
    }

    /// Whether a file name's bytes end in one of `suffixes`.
    static func matchesSuffix(_ name: UnsafeRawBufferPointer) -> Bool {
        suffixBytes.contains { suffix in
            name.count >= suffix.count && name.suffix(suffix.count).elementsEqual(suffix)
        }
    }

    private static let suffixBytes = suffixes.map { Array($0.utf8) }
}
