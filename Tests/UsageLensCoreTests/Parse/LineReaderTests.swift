import Testing

@testable import UsageLensCore

@Suite struct LineReaderTests {
    struct Case: Sendable, CustomStringConvertible {
        var chunking: Chunking
        var encoding: Encoding
        var description: String { "\(chunking), \(encoding)" }
        static let all = Chunking.allCases.flatMap { c in Encoding.allCases.map { Case(chunking: c, encoding: $0) } }
    }

    func read(_ text: [UInt8], _ c: Case, bufferCapacity: Int = 64) throws -> (CollectedLines, Int) {
        var source: ByteSource = MemorySource(c.encoding.encode(text))
        if let size = c.chunking.readSize { source = ChunkingSource(source, maxRead: size) }
        let (decoded, _) = try Compression.sniff(source, name: "t")
        let reader = LineReader(bufferCapacity: bufferCapacity)
        defer { reader.deallocate() }
        var lines = CollectedLines()
        let count = try reader.read(decoded, into: &lines)
        return (lines, count)
    }

    @Test(arguments: Case.all)
    func linesSpanningReadsArriveWholeWithTheirNumbers(c: Case) throws {
        let text = "first line\nsecond {\"usage\":1}\n\nfourth after a blank\nlast without newline"
        let (lines, count) = try read(Array(text.utf8), c, bufferCapacity: 32)
        #expect(lines.lines.map(\.0) == [1, 2, 3, 4, 5])
        #expect(lines.lines.map(\.1) == ["first line", "second {\"usage\":1}", "", "fourth after a blank", "last without newline"])
        #expect(count == 5)
    }

    @Test(arguments: Case.all)
    func crlfAndAByteOrderMarkAreTolerated(c: Case) throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("{\"a\":1}\r\n{\"b\":2}\r\n".utf8)
        let (lines, count) = try read(bytes, c)
        #expect(lines.lines.map(\.1) == ["{\"a\":1}", "{\"b\":2}"])
        #expect(count == 2)
    }

    @Test(arguments: Case.all)
    func aLineLongerThanTheBufferArrivesInSegments(c: Case) throws {
        let long = String(repeating: "x", count: 1000)
        let text = "short\n" + long + "\nafter\n"
        let (lines, count) = try read(Array(text.utf8), c, bufferCapacity: 64)
        #expect(lines.lines.map(\.1) == ["short", long, "after"])
        #expect(lines.lines.map(\.0) == [1, 2, 3])
        #expect(lines.longSegments > 1)
        #expect(count == 3)
    }

    @Test func emptyAndNewlineOnlyStreams() throws {
        for c in Case.all {
            #expect(try read([], c).1 == 0)
            let (lines, count) = try read(Array("\n\n".utf8), c)
            #expect(count == 2)
            #expect(lines.lines.map(\.1) == ["", ""])
        }
    }

    /// A source whose bytes end in an error, as corrupt zstd data after a valid frame does.
    final class FailingSource: ByteSource {
        let base: ByteSource
        init(_ base: ByteSource) { self.base = base }
        func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            let n = try base.read(into: buffer)
            if n == 0 { throw UsageLensError(.io, "read failed", file: "t") }
            return n
        }
    }

    @Test(arguments: Chunking.allCases, [16, 64])
    func aFailingSourceStillDeliversItsUnfinishedLastLineThenThrows(chunking: Chunking, bufferCapacity: Int) throws {
        let text = "{\"a\":1}\n{\"b\":2 and a tail longer than sixteen bytes}"
        var source: ByteSource = MemorySource(Array(text.utf8))
        if let size = chunking.readSize { source = ChunkingSource(source, maxRead: size) }
        let reader = LineReader(bufferCapacity: bufferCapacity)
        defer { reader.deallocate() }
        var lines = CollectedLines()
        #expect(throws: UsageLensError(.io, "read failed", file: "t")) {
            try reader.read(FailingSource(source), into: &lines)
        }
        #expect(lines.lines.map(\.0) == [1, 2])
        #expect(lines.lines.map(\.1) == ["{\"a\":1}", "{\"b\":2 and a tail longer than sixteen bytes}"])
    }

    /// A single 64 MiB line: the reader's memory stays its one buffer, the line streams through in segments.
    @Test func aSixtyFourMebibyteLineKeepsTheBufferBounded() throws {
        final class Giant: ByteSource {
            var remaining = 64 << 20
            var sentNewline = false
            func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
                if remaining == 0 {
                    if sentNewline { return 0 }
                    sentNewline = true
                    buffer[0] = 0x0A
                    return 1
                }
                let n = min(buffer.count, remaining)
                memset(buffer.baseAddress!, 0x61, n)
                remaining -= n
                return n
            }
        }
        let reader = LineReader(bufferCapacity: 1 << 20)
        defer { reader.deallocate() }
        var lines = CollectedLines(keepLong: false)
        let count = try reader.read(Giant(), into: &lines)
        #expect(count == 1)
        #expect(lines.longBytes == 64 << 20)
        #expect(lines.longSegments >= 64)
        #expect(lines.maxPiece <= 1 << 20)
    }
}

#if canImport(Glibc)
    import Glibc
#endif
