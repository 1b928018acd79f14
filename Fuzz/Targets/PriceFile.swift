// Fuzz target: the `--pricing FILE` reader (`PriceTable.applyOverrides`), then a lookup and a cost per entry.
//
// Invariants: no crash or trap, whatever the file holds: it is used or refused with a `UsageLensError`.
@testable import UsageLensCore

private let builtin = PriceTable.builtin()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let path = writeScratch(UnsafeRawBufferPointer(start: data, count: size), suffix: "-prices.json")
    var table = builtin
    do {
        try table.applyOverrides(file: path)
    } catch let error as UsageLensError {
        fuzzCheck(!error.message.isEmpty, "an empty error message")
        return 0
    } catch {
        fuzzFail("applyOverrides threw something else than a UsageLensError: \(error)")
    }
    for (key, price) in table.entries where price.source.hasPrefix(path) {
        let (provider, model) = ModelNormalizer.split(key)
        _ = table.lookup(provider: provider ?? "unknown", model: model)
        for counts: (Int64, Int64) in [(0, 0), (1, 1), (200_000, 1_000), (TokenCount.limit, TokenCount.limit)] {
            _ = price.cost(input: counts.0, output: counts.1, cacheRead: counts.0, cacheWrite5m: counts.0, cacheWrite1h: counts.0)
        }
    }
    return 0
}
