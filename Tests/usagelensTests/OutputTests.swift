import Foundation
import Testing

/// What the binary does when stdout or stderr cannot be written: closed or full (cron jobs, daemons, `> /dev/full`)
/// or a pipe whose reader has gone (`| head`). Nothing may trap (DESIGN 7).
@Suite struct OutputTests {
    /// samples/ holds three malformed lines, so every report on it warns on stderr.
    static let report = ["daily", "--json", "--tz", "UTC", "samples/"]

    @Test("a closed or full stderr loses the warnings and nothing else", arguments: ["2>&-", "2>/dev/full"])
    func lostWarningsAreIgnored(redirection: String) throws {
        let expected = try CLI.run(Self.report)
        #expect(expected.stderr.contains("malformed"))
        let result = try CLI.run(Self.report, redirections: redirection)
        #expect(result.signal == nil)
        #expect(result.status == 0)
        #expect(result.stdout == expected.stdout)
    }

    @Test(
        "usage errors exit 2 with stderr closed, from usagelens and from the argument parser",
        arguments: [
            ["daily", "--tz", "Bad/Zone", "samples/"], ["--bogus"], ["daily", "--threads", "0", "samples/"],
            ["top", "nothing"],
        ])
    func usageErrorsWithoutStderr(arguments: [String]) throws {
        let result = try CLI.run(arguments, redirections: "2>&-")
        #expect(result.signal == nil)
        #expect(result.status == 2)
    }

    @Test(
        "a failed write to stdout says why on stderr and exits 1",
        arguments: [(">/dev/full", "No space left on device"), (">&-", "Bad file descriptor")])
    func failedOutputIsReported(redirection: String, reason: String) throws {
        for arguments in [Self.report, ["daily", "--tz", "UTC", "samples/"], ["--help"], ["models", "--help"], ["--version"]] {
            let result = try CLI.run(arguments, redirections: redirection)
            #expect(result.signal == nil, "\(arguments)")
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.hasPrefix("usagelens: cannot write output: \(reason)\n"), "\(arguments): \(result.stderr)")
        }
    }

    @Test("help and version still print on stdout and exit 0")
    func helpAndVersion() throws {
        let help = try CLI.run(["--help"], redirections: "2>&-")
        #expect(help.status == 0)
        #expect(help.stdout.hasPrefix("OVERVIEW: "))
        let version = try CLI.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == "0.1.0\n")
    }

    @Test("a pipe whose reader has gone ends the run quietly with 0")
    func brokenPipeExitsQuietly() throws {
        for arguments in [Self.report, ["export", "samples/"], ["--help"]] {
            let result = try CLI.run(arguments, brokenPipe: true)
            #expect(result.signal == nil, "\(arguments)")
            #expect(result.status == 0, "\(arguments)")
            #expect(!result.stderr.contains("cannot write"), "\(arguments): \(result.stderr)")
        }
    }
}
