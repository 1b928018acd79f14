import Testing

@testable import UsageLensCore

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
}
