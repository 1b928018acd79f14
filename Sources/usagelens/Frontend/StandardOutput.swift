/// The stream reports render into: stdout, written in pieces of 64 KiB so that no report (an export of
/// millions of events) is ever one string. `flush()` before anything goes to stderr.
struct StandardOutput: TextOutputStream {
    private var buffer = ""

    mutating func write(_ text: String) {
        buffer += text
        if buffer.utf8.count > 1 << 16 { flush() }
    }

    /// Writes what is buffered (`Output.write`: a reader that has gone ends the run quietly).
    mutating func flush() {
        guard !buffer.isEmpty else { return }
        Output.write(buffer)
        buffer = ""
    }
}
