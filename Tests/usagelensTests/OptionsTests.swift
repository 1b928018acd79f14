import Foundation
import Testing

/// Option values the shared option groups refuse, and what they say instead.
@Suite struct OptionsTests {
    @Test(
        "--threads takes a whole number of at least 1 and says so for anything else",
        arguments: [["--threads", "-1"], ["--threads", "0"], ["--threads", "abc"], ["--threads", "1.5"], ["--threads", ""],
                    ["--threads=-1"], ["--threads", "99999999999999999999"]])
    func threadsMustBeAWholeNumber(option: [String]) throws {
        let result = try CLI.run(["daily", "--tz", "UTC"] + option + ["samples/"])
        #expect(result.status == 2, "\(option)")
        #expect(result.stderr.contains("--threads must be a whole number of at least 1"), "\(option): \(result.stderr)")
        #expect(!result.stderr.contains("Missing value"), "\(option)")
        #expect(result.stdout.isEmpty)
    }

    @Test("--threads N with N of 1 or more runs, and the result does not depend on it")
    func threadsAccepted() throws {
        let one = try CLI.run(["daily", "--json", "--tz", "UTC", "--threads", "1", "samples/"])
        let three = try CLI.run(["daily", "--json", "--tz", "UTC", "--threads", "3", "samples/"])
        #expect(one.status == 0)
        #expect(three.status == 0)
        #expect(one.stdout == three.stdout)
    }
}

/// Negative numbers for the other numeric options reach their checks too (they read as options before).
@Suite struct NegativeNumberOptionTests {
    @Test(
        "a negative number names the option and the rule, not 'Missing value'",
        arguments: [
            (["top", "users", "--limit", "-1"], "--limit must be at least 1"),
            (["blocks", "--session-length", "-1"], "--session-length must be between 0 and 744 hours"),
            (["blocks", "--token-limit", "-5"], "--token-limit must be a positive number, max or p90"),
            (["blocks", "--output-token-limit", "-5"], "--output-token-limit must be positive"),
            (["status", "--message-limit", "-5"], "--message-limit must be positive"),
            (["status", "--cost-limit", "-0.5"], "--cost-limit must be positive"),
        ])
    func negative(arguments: [String], message: String) throws {
        let result = try CLI.run(arguments + ["samples/"])
        #expect(result.status == 2, "\(arguments)")
        #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        #expect(!result.stderr.contains("Missing value"), "\(arguments)")
    }
}
