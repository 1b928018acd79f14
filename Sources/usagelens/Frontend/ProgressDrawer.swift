import Foundation
import UsageLensCore

/// Draws a run's progress line on stderr from a thread of its own, so that the workers only count: the first
/// frame after half a second (a quick run shows none), then at most ten a second, each redrawn in place
/// (`\r`, the line, erase to its end); `stop()` erases it before anything else is printed.
final class ProgressDrawer: @unchecked Sendable {
    /// What the workers count into.
    let progress = IngestProgress()
    private let lock = NSLock()
    private let wake = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private var stopped = false
    private var drawn = false
    private let started = DispatchTime.now()

    /// A drawer that has started, or nil when `mode` (and stderr) say none.
    static func start(_ mode: ProgressMode) -> ProgressDrawer? {
        switch mode {
        case .never: return nil
        case .auto: guard isatty(STDERR_FILENO) != 0 else { return nil }
        case .always: break
        }
        let drawer = ProgressDrawer()
        let thread = Thread { drawer.loop() }
        thread.name = "usagelens progress"
        thread.start()
        return drawer
    }

    /// Erases the line, if one was drawn, and ends the thread.
    func stop() {
        lock.lock()
        stopped = true
        if drawn { Output.writeError("\r\u{1B}[K") }
        lock.unlock()
        wake.signal()
        done.wait()
    }

    private var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9 }

    private func loop() {
        defer { done.signal() }
        if wake.wait(timeout: started + .milliseconds(500)) == .success { return }
        while true {
            lock.lock()
            if stopped {
                lock.unlock()
                return
            }
            let width = Output.terminalWidth(of: STDERR_FILENO) ?? 80
            let line = ProgressLine.text(progress.snapshot, elapsedSeconds: elapsed, width: width)
            Output.writeError("\r" + line + "\u{1B}[K")
            drawn = true
            lock.unlock()
            if wake.wait(timeout: .now() + .milliseconds(100)) == .success { return }
        }
    }
}
