// Fuzz target: the shard file decoder (`ShardFile(serialized:)`), on bytes as a damaged, truncated or hostile
// `.ulshard` file could hold them.
//
// The checksum stops almost every random change at the door, so an input that does not start with the magic's
// first byte (0x89) is taken, after its first byte, as a shard body and given a valid header and checksum (the
// decoder behind the checksum is then reached); an input that does is decoded as the whole file.
// Invariants: no crash, trap or unbounded allocation; a shard that decodes serialises again to bytes that
// decode to the same serialisation; every decoded entry's string codes are inside its dictionary.
// Seeds: "\x01" + the bodies of the shards of samples/ directories (Fuzz/README.md says how to remake them).
@testable import UsageLensCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    var bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let first = bytes.first, first != ShardFile.magic[0] {
        let body = Array(bytes.dropFirst())
        var w = BinaryWriter()
        w.raw(ShardFile.magic)
        w.raw([UInt8(truncatingIfNeeded: ShardFile.version), 0, 0, 0])
        w.fixed64(UInt64(body.count))
        w.fixed64(Checksum.of(body))
        w.raw(body)
        bytes = w.bytes
    }
    guard let shard = try? ShardFile(serialized: bytes) else { return 0 }
    for e in shard.entries {
        let t = e.entry.table
        for i in 0..<t.count {
            for code in [t.model[i], t.provider[i], t.session[i], t.project[i]] {
                fuzzCheck(Int(code) < t.strings.count, "row \(i) has string code \(code) of \(t.strings.count)")
            }
        }
    }
    let again = shard.serialized()
    let decoded = try? ShardFile(serialized: again)
    fuzzCheck(decoded != nil, "a shard that decoded does not decode after serialising")
    fuzzCheck(decoded?.serialized() == again, "serialise -> decode -> serialise changed the bytes")
    return 0
}
