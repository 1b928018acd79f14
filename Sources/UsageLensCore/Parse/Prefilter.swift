internal import CYajl

/// Decides from raw bytes whether a line can matter, before any JSON parsing.
///
/// A line that holds none of the needles of `FormatTable` carries nothing any format reads, so it is counted as
/// ignored unparsed. Most bytes of a real archive are prompts and tool output; skipping them is most of the speed.
/// - Complexity: O(n · needles) with `memmem`.
public struct Prefilter: @unchecked Sendable {
    private let needles: [UnsafeMutableRawBufferPointer]

    public init(needles: [String] = FormatTable.needles) {
        self.needles = needles.map { needle in
            let bytes = Array(needle.utf8)
            let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
            storage.copyBytes(from: bytes)
            return storage
        }
    }

    /// Whether the line may carry something a format reads.
    @inline(__always)
    public func matches(_ line: UnsafeRawBufferPointer) -> Bool {
        guard let base = line.baseAddress else { return false }
        for needle in needles where usagelens_memmem(base, line.count, needle.baseAddress!, needle.count) != nil {
            return true
        }
        return false
    }
}
