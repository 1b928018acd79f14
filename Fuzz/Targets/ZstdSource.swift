// Fuzz target: the compression sniffer and the zstd source, read to the end or to a cap.
//
// Invariants: no crash; a read never returns more than asked; reads make progress (every call either gives
// bytes, ends the stream or throws); a reused decoder gives the same bytes as a fresh one, whatever stream it
// decoded before; memory stays bounded (the output is only counted and hashed, up to a cap).
@testable import UsageLensCore

private let reused = try! ZstdDecoder(name: "fuzz")
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
        return "error after \(total) \(hash): \(error.message)"
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
        let fresh = drain(input, maxRead: .max, buffer: 1 << 16, decoder: nil)
        let chunked = drain(input, maxRead: 3, buffer: 4096, decoder: reused)
        // Output sizes differ when capped; otherwise the same bytes and the same ending.
        if !fresh.contains("capped") && !chunked.contains("capped") {
            fuzzCheck(
                fresh.hasPrefix("error") == chunked.hasPrefix("error"),
                "fresh decoder: \(fresh); reused decoder, 3-byte reads: \(chunked)")
            if !fresh.hasPrefix("error") { fuzzCheck(fresh == chunked, "fresh: \(fresh); chunked: \(chunked)") }
        }
    }
    return 0
}
