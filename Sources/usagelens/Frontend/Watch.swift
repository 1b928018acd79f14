import Foundation

/// Redraws a report in place on the terminal until Ctrl-C: the alternate screen (so the shell's screen comes
/// back as it was), the cursor hidden, each frame written over the last from the top-left corner, each line
/// erased to its end and the rest of the screen below the frame. SIGINT and SIGTERM end the loop; the terminal is
/// restored before the process exits.
enum Watch {
    /// Calls `frame` now and every `interval` seconds and shows what it returns, until a signal; then exits 0.
    static func run(every interval: Double, _ frame: () throws -> String) throws -> Never {
        let stop = DispatchSemaphore(value: 0)
        var sources: [DispatchSourceSignal] = []
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop.signal() }
            source.resume()
            sources.append(source)
        }
        let terminal = isatty(STDOUT_FILENO) != 0
        if terminal { Output.write("\u{1B}[?1049h\u{1B}[?25l") }
        defer { if terminal { Output.write("\u{1B}[?25h\u{1B}[?1049l") } }
        repeat {
            let text = try frame()
            if terminal {
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0 + "\u{1B}[K" }
                Output.write("\u{1B}[H" + lines.joined(separator: "\n") + "\u{1B}[J")
            } else {
                Output.write(text)
            }
        } while stop.wait(timeout: .now() + interval) == .timedOut
        if terminal { Output.write("\u{1B}[?25h\u{1B}[?1049l") }
        exit(0)
    }
}
