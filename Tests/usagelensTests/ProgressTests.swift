import Foundation
import Testing

/// The progress line on stderr: drawn in place on a terminal for a run over half a second, erased at the end,
/// never in stdout, never on a pipe unless asked.
@Suite struct ProgressTests {
    /// A shell command that writes samples/openai/responses.jsonl 20 times, a tenth of a second apart: a
    /// run that reads it takes two seconds whatever the machine.
    static let slowInput =
        "(for i in $(seq 20); do cat samples/openai/responses.jsonl; sleep 0.1; done)"

    static var expectedReport: String {
        get throws {
            let sample = try Data(contentsOf: URL(fileURLWithPath: CLI.root + "/samples/openai/responses.jsonl"))
            return try CLI.run(["models", "--no-cache", "-"], stdin: Data((0..<20).flatMap { _ in sample })).stdout
        }
    }

    /// The frames a screen shows: each `\r`-started redraw of the line.
    static func frames(_ screen: String) -> [Substring] {
        screen.split(separator: "\r").filter { $0.hasPrefix("reading ") }
    }

    @Test("on a terminal: frames on stderr, redrawn in place, erased at the end; stdout is the report alone")
    func terminal() throws {
        let out = NSTemporaryDirectory() + "usagelens-progress-\(getpid()).txt"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let run = try Terminal.run(
            shell: "\(Self.slowInput) | \"$USAGELENS\" models --no-cache - > \(Terminal.quoted(out))", columns: 100)
        #expect(run.status == 0)
        let frames = Self.frames(run.screen)
        #expect(frames.count >= 2, "\(run.screen.debugDescription)")
        #expect(frames.count <= 30, "at most ~10 frames a second over ~2 s")
        for frame in frames {
            // 1/1 once standard input has ended and the report is still being made (seen under ASan, where
            // that takes over a tenth of a second).
            let counted = frame.hasPrefix("reading 0/1 files · ") || frame.hasPrefix("reading 1/1 files · ")
            #expect(counted && frame.hasSuffix(" MB/s\u{1B}[K"), "\(frame.debugDescription)")
        }
        #expect(run.screen.hasSuffix("\r\u{1B}[K"), "the line is erased at the end")
        let report = try String(contentsOfFile: out, encoding: .utf8)
        #expect(report == (try Self.expectedReport))
        #expect(!report.contains("reading") && !report.contains("\u{1B}"))
    }

    @Test("--progress never on a terminal: no frame")
    func never() throws {
        let run = try Terminal.run(
            shell: "\(Self.slowInput) | \"$USAGELENS\" models --no-cache --progress never - > /dev/null", columns: 100)
        #expect(run.status == 0)
        #expect(Self.frames(run.screen).isEmpty)
        #expect(run.screen.isEmpty)
    }

    /// Runs `command` with stdout and stderr as pipes.
    static func piped(_ command: String) throws -> (stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = URL(fileURLWithPath: CLI.root)
        var environment = ProcessInfo.processInfo.environment
        environment["USAGELENS"] = CLI.binary
        environment["USAGELENS_CACHE_DIR"] = CLI.cacheDirectory
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = NSTemporaryDirectory() + "usagelens-progress-piped-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: out + ".out"); try? FileManager.default.removeItem(atPath: out + ".err") }
        process.arguments = ["-c", command + " > \(Terminal.quoted(out + ".out")) 2> \(Terminal.quoted(out + ".err"))"]
        try process.run()
        process.waitUntilExit()
        return (try String(contentsOfFile: out + ".out", encoding: .utf8), try String(contentsOfFile: out + ".err", encoding: .utf8))
    }

    @Test("on a pipe: none by default, frames with --progress always; stdout the same either way")
    func pipe() throws {
        let auto = try Self.piped("\(Self.slowInput) | \"$USAGELENS\" models --no-cache -")
        #expect(!auto.stderr.contains("reading"))
        let always = try Self.piped("\(Self.slowInput) | \"$USAGELENS\" models --no-cache --progress always -")
        #expect(Self.frames(always.stderr).count >= 2)
        #expect(always.stderr.hasSuffix("\r\u{1B}[K"))
        #expect(always.stdout == auto.stdout)
        #expect(auto.stdout == (try Self.expectedReport))
    }
}
