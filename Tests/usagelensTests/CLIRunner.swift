import Foundation
import Testing

/// Runs the built `usagelens` binary from the package root and captures what it prints.
enum CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// The signal that ended the binary (SIGILL for a Swift trap), nil when it exited.
        var signal: Int32? = nil
    }

    /// The package root (so that paths in outputs read `samples/...`).
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The binary built next to this test bundle.
    static let binary: String = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("usagelens").path,
            Bundle.main.bundleURL.appendingPathComponent("usagelens").path,
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("usagelens").path,
            root + "/.build/debug/usagelens",
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }()

    /// The cache every run of this test process shares (never the user's ~/.cache): one directory, so that
    /// the suite also runs warm and concurrently; a run may set USAGELENS_CACHE_DIR itself.
    static let cacheDirectory: String = {
        let dir = NSTemporaryDirectory() + "usagelens-cli-cache-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }()

    /// Runs the binary with `arguments`. `redirections` are shell redirections applied to the binary itself
    /// (`/bin/sh -c 'exec usagelens ARGS... 2>&-'`), to close or fill its stdout and stderr as cron jobs and
    /// daemons do; what goes elsewhere is not captured. `brokenPipe` makes stdout a pipe nobody reads (EPIPE).
    static func run(
        _ arguments: [String], environment extra: [String: String] = [:], stdin: Data? = nil, redirections: String? = nil,
        brokenPipe: Bool = false
    ) throws -> Result {
        let process = Process()
        if let redirections {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "exec \"$0\" \"$@\" " + redirections, binary] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
        }
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["TZ"] = "UTC"
        environment["COLUMNS"] = "100"
        environment.removeValue(forKey: "USAGELENS_PRICING_FILE")
        environment.removeValue(forKey: "XDG_CACHE_HOME")
        environment["USAGELENS_CACHE_DIR"] = cacheDirectory
        for (k, v) in extra { environment[k] = v }
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        if brokenPipe {
            // The read end closes before the child starts, so its first write fails with EPIPE.
            try out.fileHandleForReading.close()
            process.standardOutput = out.fileHandleForWriting
        } else {
            process.standardOutput = out
        }
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        // Read both pipes to the end before waiting, so a large output cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        if brokenPipe { try out.fileHandleForWriting.close() }
        let outData = brokenPipe ? Data() : out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        let signaled = process.terminationReason == .uncaughtSignal
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), signal: signaled ? process.terminationStatus : nil)
    }

    /// Parses stdout as JSON.
    static func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    }
}

/// Golden files next to the tests; `USAGELENS_RECORD_GOLDEN=1` (make golden) rewrites them.
enum Golden {
    static let directory = CLI.root + "/Tests/usagelensTests/Golden"
    static var recording: Bool { ProcessInfo.processInfo.environment["USAGELENS_RECORD_GOLDEN"] == "1" }

    static func check(_ name: String, _ actual: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let path = directory + "/" + name
        if recording {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try! actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record("missing golden file \(name); run 'make golden'", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "output differs from golden \(name); run 'make golden' and review the diff",
                sourceLocation: sourceLocation)
    }
}
