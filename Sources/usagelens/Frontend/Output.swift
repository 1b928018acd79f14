import ArgumentParser
import Foundation
import UsageLensCore

/// Writing results and reporting problems: the only place the command line touches stdout and stderr.
enum Output {
    /// Colour only on a terminal, never with NO_COLOR.
    static var useColor: Bool {
        isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    /// The width of the terminal stdout is, from the terminal itself (`TIOCGWINSZ`), else `COLUMNS`; nil when
    /// neither says.
    static var terminalWidth: Int? { terminalWidth(of: STDOUT_FILENO) }

    /// The width of the terminal `fd` is (`TIOCGWINSZ`), else `COLUMNS`; nil when neither says.
    static func terminalWidth(of fd: Int32) -> Int? {
        var size = winsize()
        if ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
    }

    /// How tables are laid out: on a pipe the full table as it has always been (`--compact` fits it to `COLUMNS`,
    /// else 80); on a terminal fitted to its width (`--wide`: no limit, `--compact`: without the detail columns).
    static func tableLayout(wide: Bool, compact: Bool) -> TableLayout {
        let terminal = isatty(STDOUT_FILENO) != 0
        if compact { return .terminal(width: terminalWidth ?? 80, compact: true) }
        guard terminal else { return .full }
        return .terminal(width: wide ? nil : terminalWidth ?? 80, compact: false)
    }

    /// Keeps the numbers 0, 1 and 2 from being reused when the caller closed them (`2>&-`, `>&-`): the next file,
    /// pipe or event descriptor opened would get the number, and report text or warnings would go into it.
    /// A closed one becomes /dev/null opened the other way round, so that reading stdin or writing stdout and
    /// stderr still fails with EBADF, as on a closed descriptor. Call first, before anything opens a descriptor.
    static func reserveStandardDescriptors() {
        for (fd, flags) in [(STDIN_FILENO, O_WRONLY), (STDOUT_FILENO, O_RDONLY), (STDERR_FILENO, O_RDONLY)] {
            guard fcntl(fd, F_GETFD) == -1, errno == EBADF else { continue }
            let opened = open("/dev/null", flags)
            if opened >= 0 && opened != fd {
                dup2(opened, fd)
                close(opened)
            }
        }
    }

    /// Writes report text to stdout. A pipe whose reader has gone (`| head`) ends the run quietly with 0; any other
    /// failure (closed stdout, a full disk) says why on stderr and ends the run with 1 (DESIGN 7).
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            guard let error = writeAll(STDOUT_FILENO, buffer) else { return }
            if error == EPIPE { exit(0) }
            warn("cannot write output: \(String(cString: strerror(error)))")
            exit(1)
        }
    }

    /// Writes `text` to the file at `path`, atomically (a reader never sees half a report).
    /// - Throws: `UsageLensError` (`.io`) when the file cannot be written.
    static func writeFile(_ path: String, _ text: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw UsageLensError(.io, "cannot write \(path): \((error as NSError).localizedDescription)")
        }
    }

    /// All of standard input (an error reading it ends what was read).
    static func readStandardInput() -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return bytes }
            bytes += chunk[0..<n]
        }
    }

    /// Writes a warning or error to stderr.
    static func warn(_ text: String) {
        writeError("usagelens: " + text + "\n")
    }

    /// Writes `text` to stderr as it is. A closed or full stderr (cron jobs, daemons) loses the text and nothing
    /// else: `write(2)` returns an error that is ignored, where `FileHandle.write` would trap.
    static func writeError(_ text: String) {
        var text = text
        text.withUTF8 { _ = writeAll(STDERR_FILENO, $0) }
    }

    /// Writes all of `buffer` to `fd`, going on after an interrupted or partial write; nil, or the `errno` of the failure.
    private static func writeAll(_ fd: Int32, _ buffer: UnsafeBufferPointer<UInt8>) -> Int32? {
        var offset = 0
        while offset < buffer.count {
            let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN {
                    // A non-blocking descriptor from the caller: wait until it takes more, as a blocking one would.
                    var ready = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&ready, 1, -1)
                    continue
                }
                return errno
            }
            offset += n
        }
        return nil
    }

    /// Maps library errors to exit codes: usage errors 2, everything else 1.
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as UsageLensError {
            warn(error.description)
            throw ExitCode(error.kind == .usage ? 2 : 1)
        }
    }
}
