import Foundation
import Testing

@testable import UsageLensCore

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct InputDiscoveryTests {
    @Test func directoriesAreSearchedRecursivelyForLogSuffixesAndSorted() throws {
        let dir = TempDir()
        dir.write("b/deep/er/x.jsonl", [])
        dir.write("a.jsonl.zst", [])
        dir.write("c.ndjson", [])
        dir.write("d.json", [])
        dir.write("e.zst", [])
        dir.write("notes.txt", [])
        dir.write("f.jsonl.bak", [])
        let files = try InputDiscovery.discover([dir.path])
        #expect(files.map { String($0.path.dropFirst(dir.path.count + 1)) } == ["a.jsonl.zst", "b/deep/er/x.jsonl", "c.ndjson", "d.json", "e.zst"])
    }

    @Test func namedFilesAreReadWhateverTheirNameAndRepeatsCollapse() throws {
        let dir = TempDir()
        let odd = dir.write("log.txt", Array("{}\n".utf8))
        let files = try InputDiscovery.discover([odd, dir.path, odd])
        #expect(files.map(\.path) == [odd])
        #expect(files[0].size == 3)
    }

    @Test func aMissingPathIsAnIOError() {
        #expect(throws: UsageLensError(.io, "no such file or directory", file: "/no/such/path")) {
            try InputDiscovery.discover(["/no/such/path"])
        }
    }

    @Test func defaultRootsFollowTheEnvironment() {
        let plain = InputDiscovery.defaultRoots(environment: ["HOME": "/h"])
        #expect(plain == ["/h/.config/claude/projects", "/h/.claude/projects", "/h/.codex/sessions", "/h/.codex/archived_sessions"])
        let custom = InputDiscovery.defaultRoots(environment: ["HOME": "/h", "CLAUDE_CONFIG_DIR": "/a, /b", "CODEX_HOME": "/c"])
        #expect(custom == ["/a/projects", "/b/projects", "/c/sessions", "/c/archived_sessions"])
    }

    @Test func noPathsScanTheDefaultLocations() throws {
        let dir = TempDir()
        dir.write("claude/projects/p/s.jsonl", [])
        dir.write("codex/sessions/2025/10/01/rollout.jsonl", [])
        let files = try InputDiscovery.discover([], environment: ["HOME": "/nonexistent", "CLAUDE_CONFIG_DIR": dir.path + "/claude", "CODEX_HOME": dir.path + "/codex"])
        #expect(files.count == 2)
    }

    /// A usage-record line: one event per file, so that a file read twice would show.
    static let line = Array("{\"agent_name\":\"a\",\"model\":\"gpt-4o\",\"prompt_tokens\":10,\"completion_tokens\":5,\"timestamp\":\"2025-10-14T10:00:00Z\",\"user_id\":\"u\"}\n".utf8)

    static func link(_ target: String, _ at: String) {
        try! FileManager.default.createSymbolicLink(atPath: at, withDestinationPath: target)
    }

    @Test func symlinkedDirectoriesAreSearchedAsSubdirectoriesAndAsRoots() throws {
        let dir = TempDir()
        dir.write("real/proj/x.jsonl", Self.line)
        try FileManager.default.createDirectory(atPath: dir.path + "/tree", withIntermediateDirectories: true)
        Self.link(dir.path + "/real/proj", dir.path + "/tree/linked")
        Self.link(dir.path + "/real", dir.path + "/rootlink")
        #expect(try InputDiscovery.discover([dir.path + "/tree"]).map(\.path) == [dir.path + "/tree/linked/x.jsonl"])
        #expect(try InputDiscovery.discover([dir.path + "/rootlink"]).map(\.path) == [dir.path + "/rootlink/proj/x.jsonl"])
        #expect(try InputDiscovery.discover([dir.path + "/rootlink/"]).map(\.path) == [dir.path + "/rootlink/proj/x.jsonl"])
    }

    @Test func aSymlinkedDefaultLocationIsSearched() throws {
        let dir = TempDir()
        dir.write("dotfiles/claude/p/s.jsonl", Self.line)
        try FileManager.default.createDirectory(atPath: dir.path + "/home/.claude", withIntermediateDirectories: true)
        Self.link(dir.path + "/dotfiles/claude", dir.path + "/home/.claude/projects")
        let files = try InputDiscovery.discover([], environment: ["HOME": dir.path + "/home", "CODEX_HOME": dir.path + "/none"])
        #expect(files.map(\.path) == [dir.path + "/home/.claude/projects/p/s.jsonl"])
    }

    @Test(.timeLimit(.minutes(1)))
    func linkLoopsEndAndAFileReachedTwiceIsOneInput() throws {
        let dir = TempDir()
        dir.write("a/x.jsonl", Self.line)
        Self.link(dir.path + "/a", dir.path + "/a/loop")  // a/loop/loop/... is a
        Self.link(dir.path, dir.path + "/a/up")  // back to the root, which holds a
        Self.link(dir.path + "/a/x.jsonl", dir.path + "/b.jsonl")  // a second path to the same file
        Self.link(dir.path + "/a", dir.path + "/c")  // and a third through a directory link
        let files = try InputDiscovery.discover([dir.path, dir.path + "/a", dir.path + "/a/x.jsonl"])
        #expect(files.map(\.path) == [dir.path + "/a/x.jsonl"])
        let result = Ingestor.run(files)
        #expect(result.accounts.map(\.used) == [1])
    }

    @Test(.timeLimit(.minutes(1)))
    func specialFilesInADirectoryAreNotInputs() throws {
        let dir = TempDir()
        dir.write("ok.jsonl", Self.line)
        #expect(mkfifo(dir.path + "/stray.jsonl", 0o644) == 0)
        Self.link("/dev/zero", dir.path + "/zero.jsonl")
        let files = try InputDiscovery.discover([dir.path])
        #expect(files.map(\.path) == [dir.path + "/ok.jsonl"])
        #expect(Ingestor.run(files).accounts.map(\.used) == [1])
    }

    @Test(.timeLimit(.minutes(1)))
    func aNamedSpecialFileIsRefusedWithAFileErrorAndNothingBlocks() throws {
        let dir = TempDir()
        let fifo = dir.path + "/pipe.jsonl"
        #expect(mkfifo(fifo, 0o644) == 0)
        let files = try InputDiscovery.discover([fifo, "/dev/zero", "-"])
        #expect(files.map(\.path) == ["-", "/dev/zero", fifo])
        #expect(files[1].problem == "not a regular file (a character device); to read a stream, pipe it to standard input and name '-'")
        #expect(files[2].problem?.hasPrefix("not a regular file (a FIFO)") == true)
        let result = Ingestor.run(Array(files.dropFirst()))
        #expect(result.accounts.map(\.fileErrors) == [[files[1].problem!], [files[2].problem!]])
    }

    @Test(.timeLimit(.minutes(1)))
    func aFileSwappedForAFIFOAfterDiscoveryIsRefusedWhenOpened() throws {
        let dir = TempDir()
        let path = dir.write("s.jsonl", Self.line)
        let files = try InputDiscovery.discover([dir.path])
        try FileManager.default.removeItem(atPath: path)
        #expect(mkfifo(path, 0o644) == 0)
        let account = try #require(Ingestor.run(files).accounts.first)
        #expect(account.fileErrors.first?.hasPrefix("not a regular file (a FIFO)") == true)
    }

    /// Writes a file whose name is given as bytes (which need not be UTF-8).
    static func create(_ dir: TempDir, name: [UInt8], _ bytes: [UInt8]) {
        let path = FileSystemPath(dir.path).appending(name.withUnsafeBytes { UnsafeRawBufferPointer($0) })
        let fd = path.withCString { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        precondition(fd >= 0)
        _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    @Test func namesThatAreNotUTF8AreFoundAndReadByTheirBytes() throws {
        let dir = TempDir()
        Self.create(dir, name: Array("bad".utf8) + [0xFF] + Array("name.jsonl".utf8), Self.line)
        Self.create(dir, name: Array("bad".utf8) + [0xFE] + Array("name.jsonl".utf8), Self.line + Self.line)
        dir.write("ok.jsonl", Self.line)
        let files = try InputDiscovery.discover([dir.path])
        #expect(files.map(\.path) == [dir.path + "/bad\u{FFFD}name.jsonl", dir.path + "/bad\u{FFFD}name.jsonl", dir.path + "/ok.jsonl"])
        #expect(files[0].fileSystemPath.bytes.contains(0xFE))  // equal displays sort by bytes
        let result = Ingestor.run(files)
        #expect(result.accounts.map(\.lines) == [2, 1, 1])
        #expect(result.accounts.allSatisfy { $0.fileErrors.isEmpty })
    }
}
