import Foundation

/// Runs the built binary on a real terminal: a pty from `script(1)`, sized with `stty`, so that the binary sees
/// a tty on stdout and stderr and asks it for its width (`TIOCGWINSZ`), as in a user's terminal.
enum Terminal {
    /// Quotes `text` for `/bin/sh`.
    static func quoted(_ text: String) -> String { "'" + text.replacing("'", with: "'\\''") + "'" }

    /// What the terminal showed (stdout and stderr, as they came, with the pty's CR LF turned back into LF) when
    /// `arguments` ran on a terminal `columns` wide. `shellSuffix` is appended to the command line inside the pty
    /// (a redirection such as `> out.txt`).
    static func run(
        _ arguments: [String], columns: Int, environment extra: [String: String] = [:], shellSuffix: String = ""
    ) throws -> (status: Int32, screen: String) {
        let command = "exec " + ([CLI.binary] + arguments).map(quoted).joined(separator: " ") + shellSuffix
        return try run(shell: command, columns: columns, environment: extra)
    }

    /// What the terminal showed when the shell command line `command` ran on it (`$USAGELENS` names the binary).
    static func run(shell command: String, columns: Int, environment extra: [String: String] = [:]) throws -> (
        status: Int32, screen: String
    ) {
        let command = "stty cols \(columns) rows 50 && " + command
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qefc", command, "/dev/null"]
        process.currentDirectoryURL = URL(fileURLWithPath: CLI.root)
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["TZ"] = "UTC"
        environment.removeValue(forKey: "COLUMNS")
        environment.removeValue(forKey: "USAGELENS_PRICING_FILE")
        environment.removeValue(forKey: "XDG_CACHE_HOME")
        environment["USAGELENS_CACHE_DIR"] = CLI.cacheDirectory
        environment["USAGELENS"] = CLI.binary
        for (k, v) in extra { environment[k] = v }
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self).replacing("\r\n", with: "\n"))
    }
}
