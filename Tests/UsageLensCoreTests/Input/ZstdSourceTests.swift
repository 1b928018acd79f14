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
