import Foundation

/// A diagnostic: with `USAGELENS_PHASES` set, each stage of a run prints its wall-clock time to stderr
/// (`usagelens: phase cache lookup 3.1 ms`), which is how docs/performance.md and docs/cache.md split a run.
/// Off by default; when off a mark costs one load of a constant.
public enum PhaseClock {
    public static let enabled = ProcessInfo.processInfo.environment["USAGELENS_PHASES"] != nil
    nonisolated(unsafe) private static var last = DispatchTime.now().uptimeNanoseconds
    private static let lock = NSLock()

    /// Ends the phase `name`, which began at the previous mark (or at the start of the process).
    public static func mark(_ name: @autoclosure () -> String) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        // `last` first: a lazily set static read after `now` would be the later of the two.
        let previous = last
        let now = DispatchTime.now().uptimeNanoseconds
        let elapsed = Double(Int64(bitPattern: now &- previous)) / 1e6
        let line = "usagelens: phase \(name()) \(String(format: "%.1f", max(0, elapsed))) ms\n"
        last = now
        FileHandle.standardError.write(Data(line.utf8))
    }
}
