import Foundation

/// One input of a run: a file on disk or standard input.
public struct InputFile: Hashable, Sendable {
    /// The path as shown to the user (`-` for standard input).
    public var path: String
    /// Size on disk in bytes (0 for standard input); used to hand out the largest files first.
    public var size: Int64

    public init(path: String, size: Int64) {
        self.path = path
        self.size = size
    }

    public var isStandardInput: Bool { path == "-" }
}

/// Turns command-line paths into the sorted list of files to read.
///
/// Directories are searched recursively for `*.jsonl`, `*.jsonl.zst`, `*.zst`, `*.json` and `*.ndjson`; files
/// named explicitly are read whatever their name. The result is sorted by path and free of repeats, so that the
/// same arguments in any order give the same run.
public enum InputDiscovery {
    /// File name endings searched for inside directories.
    public static let suffixes = [".jsonl", ".jsonl.zst", ".zst", ".json", ".ndjson"]

    /// Expands `paths`; with no paths, the default locations of Claude Code and Codex.
    /// - Throws: `UsageLensError` (`.io`) for a path that does not exist.
    public static func discover(
        _ paths: [String], environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> [InputFile] {
        let roots = paths.isEmpty ? defaultRoots(environment: environment) : paths
        var found: [String: InputFile] = [:]
        let fm = FileManager.default
        for root in roots {
            if root == "-" {
                found["-"] = InputFile(path: "-", size: 0)
                continue
            }
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: root, isDirectory: &isDirectory) else {
                if paths.isEmpty { continue }  // default locations are optional
                throw UsageLensError(.io, "no such file or directory", file: root)
            }
            if !isDirectory.boolValue {
                found[root] = InputFile(path: root, size: fileSize(root))
                continue
            }
            for file in try walk(root) {
                found[file.path] = file
            }
        }
        return found.values.sorted { $0.path < $1.path }
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

    static func matchesSuffix(_ name: String) -> Bool {
        suffixes.contains { name.hasSuffix($0) }
    }

    private static func walk(_ root: String) throws -> [InputFile] {
        let fm = FileManager.default
        guard let enumerator = fm.enumerator(atPath: root) else {
            throw UsageLensError(.io, "cannot list directory", file: root)
        }
        var files: [InputFile] = []
        let base = root.hasSuffix("/") ? root : root + "/"
        while let relative = enumerator.nextObject() as? String {
            guard matchesSuffix(relative) else { continue }
            let path = base + relative
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            files.append(InputFile(path: path, size: fileSize(path)))
        }
        return files
    }

    private static func fileSize(_ path: String) -> Int64 {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return (attributes?[.size] as? NSNumber)?.int64Value ?? 0
    }
}
