import Testing

@testable import UsageLensCore

/// Drains a source through a small buffer.
func drain(_ source: ByteSource, bufferSize: Int = 1000) throws -> [UInt8] {
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: bufferSize)
    while true {
        let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
        if n == 0 { return out }
        out += buffer[0..<n]
    }
}

@Suite struct ZstdSourceTests {
    static let text: [UInt8] = Array((0..<3000).map { "line \($0) {\"usage\":\($0)}\n" }.joined().utf8)

    @Test(arguments: Chunking.allCases)
    func multipleFramesWithASkippableFrameDecodeToTheOriginal(chunking: Chunking) throws {
        let half = Self.text.count / 2
        let bytes = Zstd.compress(Array(Self.text[..<half])) + Zstd.skippableFrame([1, 2, 3, 4, 5])
            + Zstd.compress(Array(Self.text[half...]), frames: 3)
        var source: ByteSource = MemorySource(bytes)
        if let size = chunking.readSize { source = ChunkingSource(source, maxRead: size) }
        let (decoded, compression) = try Compression.sniff(source, name: "t.zst")
        #expect(compression == .zstd)
        #expect(try drain(decoded) == Self.text)
        #expect(!decoded.isTruncated)
    }

    @Test func aStreamThatStartsWithASkippableFrameIsZstd() throws {
        let bytes = Zstd.skippableFrame([9, 9]) + Zstd.compress(Self.text)
        let (decoded, compression) = try Compression.sniff(MemorySource(bytes), name: "t")
        #expect(compression == .zstd)
        #expect(try drain(decoded) == Self.text)
    }

    @Test(arguments: Chunking.allCases)
    func aTruncatedStreamDeliversWhatCameBeforeAndSaysSo(chunking: Chunking) throws {
        let full = Zstd.compress(Self.text, frames: 4)
        let cut = Array(full[..<(full.count * 3 / 4)])
        var source: ByteSource = MemorySource(cut)
        if let size = chunking.readSize { source = ChunkingSource(source, maxRead: size) }
        let (decoded, _) = try Compression.sniff(source, name: "t.zst")
        let out = try drain(decoded)
        #expect(decoded.isTruncated)
        #expect(out.count >= Self.text.count / 2)
        #expect(Array(Self.text[..<out.count]) == out)
    }

    /// A frame header cut after its magic number, then a skippable frame's bytes where the header goes on (the
    /// ZstdSource fuzzer's finding `skippable-frame-then-frame-differs-by-chunking`, read behind a zstd magic).
    /// libzstd 1.5.4 decoded it as empty with no error when the header reached it in two calls and the output
    /// buffer was 64 KiB, and as 17 bytes of a cut stream otherwise; `ZstdSource.refill` hands it whole headers.
    static let splitHeaderFrame: [UInt8] = [
        0x28, 0xB5, 0x2F, 0xFD, 0x50, 0x2A, 0x4D, 0x18, 0x04, 0x00, 0x00, 0x00, 0x1B, 0x00, 0x69, 0x70,
        0x28, 0xB5, 0x2F, 0xFD, 0x04, 0x58, 0x11, 0x00, 0x00, 0x7B, 0x0A, 0xB1, 0xCB, 0xAE, 0xE5,
    ]

    @Test(arguments: Chunking.allCases, [4096, 1 << 16])
    func aFrameHeaderSplitAfterTheMagicReadsTheSameWhateverTheChunkingAndBuffer(chunking: Chunking, buffer: Int) throws {
        var source: ByteSource = MemorySource(Self.splitHeaderFrame)
        if let size = chunking.readSize { source = ChunkingSource(source, maxRead: size) }
        let (decoded, compression) = try Compression.sniff(source, name: "t.zst")
        #expect(compression == .zstd)
        // What libzstd gives in streaming mode: the frame's blocks, and a frame that never closes.
        #expect(try drain(decoded, bufferSize: buffer).count == 17)
        #expect(decoded.isTruncated)
    }

    /// What a decoder gives for `bytes`: the byte count and whether it was cut, or the error.
    static func outcome(_ bytes: [UInt8], _ decoder: ZstdDecoder) -> String {
        do {
            let source = try ZstdSource(MemorySource(bytes), name: "t.zst", decoder: decoder)
            let n = try drain(source, bufferSize: 1 << 16).count
            return "\(n) \(source.isTruncated)"
        } catch { return "error" }
    }

    /// A frame that holds more than its header declares (the ZstdSource fuzzer's `finding-reused-decoder-differs`
    /// family): a fresh context fails; one that decoded a stream before decoded 11,794 bytes of garbage. Decoders
    /// made from a pool recycle memory, not state, so the second one still behaves as a fresh one.
    @Test func aDecoderFromThePoolReadsALyingFrameAsAFreshOneDoes() throws {
        let valid: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD, 0x04, 0x58, 0x11, 0x00, 0x00, 0x7B, 0x0A, 0xB1, 0xCB, 0xAE, 0xE5]
        let lying: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD, 0x50, 0x28, 0x94, 0x00, 0x92, 0x70, 0x01, 0xEB, 0x8C, 0x00]
        let fresh = Self.outcome(lying, try ZstdDecoder())
        #expect(fresh == "error")
        let pool = ZstdDecoder.Pool()
        #expect(Self.outcome(Zstd.compress(Self.text), try ZstdDecoder(pool: pool)) == "\(Self.text.count) false")
        #expect(pool.freeBlocks > 0)
        #expect(Self.outcome(lying, try ZstdDecoder(pool: pool)) == fresh)
        // The reuse this replaced: the same context, after a valid stream.
        let reused = try ZstdDecoder()
        _ = Self.outcome(valid, reused)
        #expect(Self.outcome(lying, reused) != fresh)
    }

    @Test func corruptDataIsAnIOErrorNamingTheFile() throws {
        var bytes = Zstd.compress(Self.text)
        for i in 20..<60 { bytes[i] ^= 0xA5 }
        let (decoded, _) = try Compression.sniff(MemorySource(bytes), name: "logs/bad.zst")
        #expect(throws: UsageLensError.self) { _ = try drain(decoded) }
        do {
            _ = try drain(try Compression.sniff(MemorySource(bytes), name: "logs/bad.zst").0)
        } catch let error as UsageLensError {
            #expect(error.file == "logs/bad.zst")
            #expect(error.description.hasPrefix("logs/bad.zst: zstd: corrupt data after byte "))
        }
    }

    @Test(arguments: [[], [0x7B], [0x28, 0xB5], Array("{\"a\":1}\n".utf8)] as [[UInt8]])
    func shortAndPlainStreamsPassThrough(bytes: [UInt8]) throws {
        let (decoded, compression) = try Compression.sniff(MemorySource(bytes, maxRead: 1), name: "t")
        #expect(compression == .none)
        #expect(try drain(decoded) == bytes)
    }

    /// What can follow a valid frame and stop the decoder: trailing garbage, zero padding, a damaged frame.
    static let corruptTails: [(String, [UInt8])] = [
        ("garbage", Array("GARBAGE".utf8)),
        ("zero padding", [UInt8](repeating: 0, count: 512)),
        ("damaged frame", Compression.zstdMagic + [0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]),
    ]

    /// The decoded bytes before a zstd error all reach the lines, the last one without a newline too, and the
    /// file says where the damage starts.
    @Test(arguments: Chunking.allCases, corruptTails.indices)
    func corruptDataAfterAFrameKeepsEveryDecodedLineAndIsAFileError(chunking: Chunking, tail: Int) throws {
        let dir = TempDir()
        let first = Lines.claude(id: "m1", requestId: "r1", input: 100)
        let last = Lines.claude(id: "m2", requestId: "r2", input: 200)
        let frame = Zstd.compress(Array((first + "\n" + last).utf8))
        dir.write("logs/s.jsonl.zst", frame + Self.corruptTails[tail].1)
        let result = ingest(dir, chunking: chunking)
        let account = try #require(result.accounts.first)
        #expect(account.lines == 2, "\(Self.corruptTails[tail].0)")
        #expect(account.used == 2)
        #expect(result.table.inputTokens.reduce(0, +) == 300)
        #expect(account.fileErrors.count == 1)
        // The offset is where the failing decoder call started: the frame's end, or a little after it when the
        // decoder took the damaged frame's first bytes in earlier reads.
        let message = account.fileErrors.first ?? ""
        let prefix = "zstd: corrupt data after byte "
        #expect(message.hasPrefix(prefix), "\(account.fileErrors)")
        let offset = Int(message.dropFirst(prefix.count).prefix { $0.isNumber }) ?? -1
        #expect((frame.count...(frame.count + Self.corruptTails[tail].1.count)).contains(offset), "\(message)")
    }
}
