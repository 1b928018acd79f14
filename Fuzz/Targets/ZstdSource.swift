// Fuzz target: the compression sniffer and the zstd source, read to the end or to a cap.
//
// Invariants: no crash; a read never returns more than asked; reads make progress (every call either gives
// bytes, ends the stream or throws); the same bytes read twice give the same outcome (no state outlives a
// stream); streams read without error give the same bytes for whole and 3-byte reads, with 64 KiB and 4 KiB
// output buffers; memory stays bounded (the output is only counted and hashed, up to a cap).
// (A decoder is made per stream: a reused one read corrupt frames otherwise, see `FileIngestor.zstdDecoder`.)
@testable import UsageLensCore

private let cap = 16 << 20

/// The bytes the sniffer's source gives (hash, count, truncated?) or the error it threw.
private func drain(_ bytes: [UInt8], maxRead: Int, buffer: Int) -> String {
    var out = [UInt8](repeating: 0, count: buffer)
    var total = 0
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    do {
        let (source, compression) = try Compression.sniff(
            MemorySource(bytes, maxRead: maxRead), name: "fuzz")
        var reads = 0
        while total < cap {
            let n = try out.withUnsafeMutableBytes { try source.read(into: $0) }
            fuzzCheck(n >= 0 && n <= buffer, "read returned \(n) for a buffer of \(buffer)")
            if n == 0 { break }
            for i in 0..<n { hash = (hash ^ UInt64(out[i])) &* 0x0000_0100_0000_01B3 }
            total += n
            reads += 1
            fuzzCheck(reads <= cap, "no end after \(reads) reads")
        }
        if compression == .none { fuzzCheck(total == bytes.count, "plain input of \(bytes.count) gave \(total) bytes") }
        return "\(compression) \(total) \(hash) \(total >= cap ? "capped" : "\(source.isTruncated)")"
    } catch let error as UsageLensError {
        // Only where it failed: libzstd's message for one broken stream depends on what the context held before
        // ("Destination buffer is too small" fresh, "Data corruption detected" after another stream).
        _ = error
        return "error after \(total) \(hash)"
    } catch {
        fuzzFail("threw something else than a UsageLensError: \(error)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // Also as a zstd stream, so that mutations of plain corpus entries reach the decoder.
    let inputs = size >= 4 && bytes[0] == 0x28 ? [bytes] : [bytes, Compression.zstdMagic + bytes]
    for input in inputs {
        let whole = drain(input, maxRead: .max, buffer: 1 << 16)
        fuzzCheck(whole == drain(input, maxRead: .max, buffer: 1 << 16), "read twice: \(whole)")
        let chunked = drain(input, maxRead: 3, buffer: 4096)
        let smallBuffer = drain(input, maxRead: .max, buffer: 4096)
        // Across chunkings only streams both read without error compare: on a broken stream libzstd's verdict
        // depends on how the input arrives (Fuzz/README.md).
        for (name, other) in [("3-byte reads", chunked), ("a 4 KiB buffer", smallBuffer)] {
            if !whole.contains("capped") && !other.contains("capped") && !whole.hasPrefix("error") && !other.hasPrefix("error") {
                fuzzCheck(whole == other, "whole reads: \(whole); \(name): \(other)")
            }
        }
    }
    return 0
}
