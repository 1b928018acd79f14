// Fuzz target: the cache entry decoder (`CachedFile(serialized:)`), on bytes as a damaged or hostile cache
// file could hold them (the entry checksum is checked before, but a bug or a collision must not crash a run).
//
// Invariants: no crash, trap or unbounded allocation (libFuzzer's memory limit); an entry that decodes has
// string codes inside its dictionary and token counts within 0...TokenCount.limit; it serialises again to
// bytes that decode to the same serialisation (a round trip is stable).
// Seeds: the entries `usagelens daily samples/` writes (Fuzz/README.md says how to remake them).
@testable import UsageLensCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let entry = try? CachedFile(serialized: bytes) else { return 0 }
    let t = entry.table
    for i in 0..<t.count {
        for count in [
            t.inputTokens[i], t.outputTokens[i], t.reasoningTokens[i], t.cacheReadTokens[i], t.cacheWrite5mTokens[i],
            t.cacheWrite1hTokens[i],
        ] {
            fuzzCheck(count >= 0 && count <= TokenCount.limit, "row \(i) holds token count \(count)")
        }
        for code in [t.model[i], t.provider[i], t.session[i], t.project[i]] {
            fuzzCheck(Int(code) < t.strings.count, "row \(i) has string code \(code) of \(t.strings.count)")
        }
    }
    let again = entry.serialized()
    let decoded = try? CachedFile(serialized: again)
    fuzzCheck(decoded != nil, "an entry that decoded does not decode after serialising")
    fuzzCheck(decoded?.serialized() == again, "serialise -> decode -> serialise changed the bytes")
    return 0
}
