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
            #expect(error.description.hasPrefix("logs/bad.zst: zstd:"))
        }
    }

    @Test(arguments: [[], [0x7B], [0x28, 0xB5], Array("{\"a\":1}\n".utf8)] as [[UInt8]])
    func shortAndPlainStreamsPassThrough(bytes: [UInt8]) throws {
        let (decoded, compression) = try Compression.sniff(MemorySource(bytes, maxRead: 1), name: "t")
        #expect(compression == .none)
        #expect(try drain(decoded) == bytes)
    }
}
