// Fuzz target: the compression sniffer and the zstd source, read to the end or to a cap.
//
// Invariants: no crash; a read never returns more than asked; reads make progress (every call either gives
// bytes, ends the stream or throws); a reused decoder gives what a fresh one gives (bytes, ending, error),
// whatever stream it decoded before; streams read without error give the same bytes for whole and 3-byte reads;
// memory stays bounded (the output is only counted and hashed, up to a cap).
@testable import UsageLensCore

/// Made per input (so that every failure reproduces from its input alone), then reused for each stream of it.
private var reused = try! ZstdDecoder(name: "fuzz")
/// A small valid stream, read with the reused decoder after each input: what a broken stream leaves behind in
/// the decoder must not reach the next file.
private let valid: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD, 0x04, 0x58, 0x11, 0x00, 0x00, 0x7B, 0x0A, 0xB1, 0xCB, 0xAE, 0xE5]
private let cap = 16 << 20

/// The bytes the sniffer's source gives (hash, count, truncated?) or the error it threw.
private func drain(_ bytes: [UInt8], maxRead: Int, buffer: Int, decoder: ZstdDecoder?) -> String {
    var out = [UInt8](repeating: 0, count: buffer)
    var total = 0
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    do {
        let (source, compression) = try Compression.sniff(
            MemorySource(bytes, maxRead: maxRead), name: "fuzz", decoder: decoder.map { d in { d } })
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
    reused = try! ZstdDecoder(name: "fuzz")
    // Also as a zstd stream, so that mutations of plain corpus entries reach the decoder.
    let inputs = size >= 4 && bytes[0] == 0x28 ? [bytes] : [bytes, Compression.zstdMagic + bytes]
    for input in inputs {
        // A decoder reused from stream to stream must give what a fresh one gives, for every chunking.
        let whole = drain(input, maxRead: .max, buffer: 1 << 16, decoder: nil)
        fuzzCheck(whole == drain(input, maxRead: .max, buffer: 1 << 16, decoder: reused), "reused decoder differs: \(whole)")
        let chunked = drain(input, maxRead: 3, buffer: 4096, decoder: nil)
        fuzzCheck(chunked == drain(input, maxRead: 3, buffer: 4096, decoder: reused), "reused decoder differs, 3-byte reads: \(chunked)")
        // Across chunkings only streams both read without error compare: on a broken stream libzstd's verdict
        // depends on how the input arrives (Fuzz/README.md).
        if !whole.contains("capped") && !chunked.contains("capped") && !whole.hasPrefix("error") && !chunked.hasPrefix("error") {
            fuzzCheck(whole == chunked, "whole reads: \(whole); 3-byte reads: \(chunked)")
        }
        let next = drain(valid, maxRead: .max, buffer: 1 << 16, decoder: reused)
        fuzzCheck(next == drain(valid, maxRead: .max, buffer: 1 << 16, decoder: nil), "the next stream reads as \(next)")
    }
    return 0
}
