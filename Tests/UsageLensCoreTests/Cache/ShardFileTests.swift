import Foundation
import Testing

@testable import UsageLensCore

/// Shard files (DESIGN 10, docs/shards.md): a shard's files give what reading them gives, whichever way they
/// were read (split in pieces, through the cache with a torn last line); damaged bytes are refused, never
/// trusted.
@Suite struct ShardFileTests {
    static func rows(_ r: IngestResult) -> [EventRow] { (0..<r.table.count).map { r.table.row($0) } }

    static func expectSame(_ a: IngestResult, _ b: IngestResult, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.accounts == b.accounts, sourceLocation: sourceLocation)
        #expect(a.files.map(\.path) == b.files.map(\.path), sourceLocation: sourceLocation)
        #expect(rows(a) == rows(b), sourceLocation: sourceLocation)
        #expect(a.table.strings.strings == b.table.strings.strings, sourceLocation: sourceLocation)
        #expect(a.table.limits == b.table.limits, sourceLocation: sourceLocation)
        #expect(a.duplicateEvents == b.duplicateEvents, sourceLocation: sourceLocation)
    }

    @Test func splitFilesTornLinesAndCachedFilesGiveWhatReadingGives() throws {
        let logs = TempDir()
        let out = TempDir()
        let cache = CacheLocation(directory: out.path + "/cache")
        logs.write("projects/p/big.jsonl", lines: (0..<300).map { Lines.claude(id: "m\($0 % 250)") })
        logs.write(
            "sessions/rollout-1.jsonl",
            lines: [Lines.codexMeta(id: "s"), Lines.codexTurn(model: "gpt-5")] + FileCacheTests.codexLines(from: 0..<12))
        // A torn last line: part of this run's reading, so part of the shard.
        logs.write("projects/q/torn.jsonl", Array((Lines.claude(id: "t1") + "\n" + Lines.claude(id: "t2")).utf8))
        let files = try InputDiscovery.discover([logs.path])
        let cold = Ingestor.run(files, options: IngestOptions(threads: 1))
        let split = IngestOptions(threads: 4, splitThreshold: 4096)
        for (name, location) in [("plain.ulshard", nil), ("cold.ulshard", cache), ("warm.ulshard", cache)] {
            let path = out.path + "/" + name
            let written = try Ingestor.writeShard(files, to: path, options: split, cache: location)
            #expect(written.accounts.count == 3)
            let shard = try InputDiscovery.discover([path])
            #expect(ShardInputs(shard).files.map(\.path) == files.map(\.path))
            Self.expectSame(Ingestor.run(shard, options: IngestOptions(threads: 2)), cold)
        }
        // The file column is the run's: a shard's files mixed with a log sort among it.
        let partial = out.path + "/partial.ulshard"
        _ = try Ingestor.writeShard([files[0], files[2]], to: partial)
        let mixed = try InputDiscovery.discover([partial, files[1].path])
        Self.expectSame(Ingestor.run(mixed), cold)
    }

    @Test func damagedBytesAreRefusedSayingWhy() throws {
        let logs = TempDir()
        logs.write("projects/p/a.jsonl", lines: (0..<5).map { Lines.claude(id: "m\($0)") })
        let path = logs.path + "/a.ulshard"
        _ = try Ingestor.writeShard(try InputDiscovery.discover([logs.path]), to: path)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(try ShardFile(serialized: bytes).entries.count == 1)
        func refusal(_ b: [UInt8]) -> String {
            do {
                _ = try ShardFile(serialized: b)
                return "accepted"
            } catch {
                return "\(error)"
            }
        }
        #expect(refusal([]) == "not a usagelens shard (no shard magic)")
        #expect(refusal(Array(bytes[..<20])).hasPrefix("shard truncated (20 bytes"))
        #expect(refusal(Array(bytes.dropLast())).hasPrefix("shard truncated ("))
        var v = bytes
        v[8] = 9
        #expect(refusal(v).hasPrefix("shard format version 9;"))
        // Every single-byte change after the header fails the checksum; every cut fails the length.
        for i in stride(from: ShardFile.headerSize, to: bytes.count, by: max(1, bytes.count / 97)) {
            var b = bytes
            b[i] ^= 0x01
            #expect(refusal(b) == "shard damaged (checksum mismatch)", "byte \(i)")
            #expect(refusal(Array(bytes[..<i])).hasPrefix("shard truncated"), "cut at \(i)")
        }
        // A body that passes its checksum but holds a broken entry.
        var body = BinaryWriter()
        body.varint(CachedFile.layoutVersion)
        body.varint(1)
        body.string("x.jsonl")
        body.data(Array("x.jsonl".utf8))
        body.signed(10)
        body.data([1, 2, 3])
        var w = BinaryWriter()
        w.raw(ShardFile.magic)
        w.raw([1, 0, 0, 0])
        w.fixed64(UInt64(body.bytes.count))
        w.fixed64(Checksum.of(body.bytes))
        w.raw(body.bytes)
        #expect(refusal(w.bytes) == "shard damaged (an entry cannot be decoded)")
        // As an input: the shard's file error, and the run goes on.
        _ = FileManager.default.createFile(atPath: path, contents: Data(v))
        let run = Ingestor.run(try InputDiscovery.discover([path, logs.path + "/projects"]))
        #expect(run.accounts.map(\.path) == [logs.path + "/a.ulshard", logs.path + "/projects/p/a.jsonl"])
        #expect(run.accounts[0].fileErrors.first?.hasPrefix("shard format version 9;") == true)
        #expect(run.table.count == 5)
    }
}
