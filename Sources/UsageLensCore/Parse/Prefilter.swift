#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decides from raw bytes whether a line can matter, before any JSON parsing.
///
/// A line that holds none of its needles (`FormatRegistry.needles`) carries nothing any format reads, so it is counted as
/// ignored unparsed. Most bytes of a real archive are prompts and tool output; skipping them is most of the speed.
///
/// Each needle is anchored on its rarest byte (by the ranking below, made for JSON logs of prose and code);
/// needles sharing an anchor are found together in one `memchr` pass over that byte and checked at their
/// offsets. With the current table that is two `memchr` passes (`g` for `"usage"`, `_` for the Codex needles)
/// instead of four `memmem` passes; `memchr` runs a vector compare, `memmem` a byte-pair hash.
/// - Complexity: O(n) per anchor byte.
public struct Prefilter: @unchecked Sendable {
    private struct Needle {
        var bytes: UnsafeMutableRawBufferPointer
        /// Index of the anchor byte in the needle.
        var anchor: Int
        var first: UInt8
        var last: UInt8
        /// A needle ending in a quote is a key: it matches only when a colon follows (after any blanks), so a
        /// string value that ends with the same word (`"pattern":"input_tokens"`) does not make a candidate.
        var isKey: Bool
    }

    /// Bytes from rarest to most common in JSON logs; a needle is anchored on the first of its bytes found here.
    static let rarity = Array(#"_\qzjxkvwybgpfmcudhlrsniotae:,"{}"#.utf8)
    private let groups: [(anchor: UInt8, needles: [Needle])]
    /// Owns the needles' bytes: freed with the last copy of the prefilter.
    private final class Storage {
        var buffers: [UnsafeMutableRawBufferPointer] = []
        deinit { for buffer in buffers { buffer.deallocate() } }
    }
    private let storage = Storage()

    public init(needles: [String]) {
        var groups: [(anchor: UInt8, needles: [Needle])] = []
        for needle in needles where !needle.isEmpty {
            let bytes = Array(needle.utf8)
            let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
            storage.copyBytes(from: bytes)
            self.storage.buffers.append(storage)
            let anchorByte = Self.rarity.first(where: bytes.contains) ?? bytes[0]
            let entry = Needle(
                bytes: storage, anchor: bytes.firstIndex(of: anchorByte)!, first: bytes[0], last: bytes[bytes.count - 1],
                isKey: bytes.last == UInt8(ascii: "\""))
            if let g = groups.firstIndex(where: { $0.anchor == anchorByte }) {
                groups[g].needles.append(entry)
            } else {
                groups.append((anchorByte, [entry]))
            }
        }
        self.groups = groups
    }

    /// Whether the line may carry something a format reads.
    @inline(__always)
    public func matches(_ line: UnsafeRawBufferPointer) -> Bool {
        guard let base = line.baseAddress else { return false }
        let n = line.count
        for group in groups {
            var from = 0
            while from < n, let hit = memchr(base + from, Int32(group.anchor), n - from) {
                let at = base.distance(to: UnsafeRawPointer(hit))
                for needle in group.needles {
                    let start = at - needle.anchor
                    let count = needle.bytes.count
                    // Most stops fail on the first or last byte; only then is memcmp worth its call.
                    guard start >= 0 && start + count <= n,
                        base.load(fromByteOffset: start, as: UInt8.self) == needle.first,
                        base.load(fromByteOffset: start + count - 1, as: UInt8.self) == needle.last
                    else { continue }
                    if memcmp(base + start, needle.bytes.baseAddress!, count) == 0 {
                        if !needle.isKey || Self.colonFollows(base, start + count, n) { return true }
                    }
                }
                from = at + 1
            }
        }
        return false
    }

    @inline(__always)
    private static func colonFollows(_ base: UnsafeRawPointer, _ from: Int, _ n: Int) -> Bool {
        var i = from
        while i < n {
            switch base.load(fromByteOffset: i, as: UInt8.self) {
            case UInt8(ascii: ":"): return true
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"): i += 1
            default: return false
            }
        }
        return false
    }
}

internal import CScan

extension Prefilter {
    /// Whether a line could be one complete JSON value, by structure alone (one vector pass: strings found as
    /// simdjson's stage 1 finds them, brackets outside them counted). A line skipped unparsed must be complete:
    /// one torn after an inner `}`, or inside a string, ends like a value but does not close. What the check does
    /// not see (a bad literal, a raw control byte in a string) stays unseen in lines no format reads: their
    /// content is never used.
    /// - Complexity: O(n), 64 bytes a step.
    @inline(__always)
    public static func structureCloses(_ line: UnsafeRawBufferPointer) -> Bool {
        guard let base = line.baseAddress else { return true }
        return usagelens_structure_closes(base.assumingMemoryBound(to: UInt8.self), line.count) != 0
    }

    /// The same check without vector instructions beyond SSE2 (tests hold the two to one answer).
    static func structureClosesPortably(_ line: UnsafeRawBufferPointer) -> Bool {
        guard let base = line.baseAddress else { return true }
        return usagelens_structure_closes_portable(base.assumingMemoryBound(to: UInt8.self), line.count) != 0
    }
}
