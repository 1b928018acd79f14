// Fuzz target: the `--status FILE` reader (`StatusFile.load`, reset headers and times included).
//
// Invariants: no crash or trap: the file is read or refused with a `UsageLensError`.
@testable import UsageLensCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let path = writeScratch(UnsafeRawBufferPointer(start: data, count: size), suffix: "-status.json")
    for now: Int64 in [1_760_000_000_000, 0, Int64.max / 2] {
        do {
            let status = try StatusFile.load(path: path, now: now)
            fuzzCheck(
                status.limitSource == "configured_limit" || status.limitSource == "provider_api_rate_limit",
                "limit source \(status.limitSource)")
        } catch let error as UsageLensError {
            fuzzCheck(!error.message.isEmpty, "an empty error message")
        } catch {
            fuzzFail("load threw something else than a UsageLensError: \(error)")
        }
    }
    return 0
}
