import Foundation
import UsageLensCore

extension PipelineRuntimeUsage {
    /// Input problems shown before the rest are summed up in one line.
    static let shownInputProblems = 20

    /// `endpoint pipeline.runtime-usage`: resolves the clock, the prices (the service's own, with the
    /// `pricing` overrides) and the status reply, reads the saved replies, computes. The warnings are the input
    /// problems (the first 20, then a count), the problems of the price and status files, then the notes.
    /// - Throws: `UsageLensError` when the price file, the status file or an input cannot be read.
    static func respond(to request: SeedEndpoint.Request) throws -> SeedEndpoint.Response {
        let label = SeedEndpoint.pipelineRuntimeUsage.rawValue
        var parameters = Parameters(
            now: request.now.flatMap(PythonDateTime.rfc3339)
                ?? PythonDateTime(unixMicroseconds: Int64(Date().timeIntervalSince1970 * 1e6)),
            accountKey: request.accountKey,
            gatewayID: canonicalUUID(request.gatewayID) ?? request.gatewayID)
        var warnings: [String] = []
        if let pricing = request.pricing {
            switch try readDocument(path: pricing) {
            case .success(let document):
                warnings += parameters.prices.merge(overrides: document).map { "\(pricing): \($0)" }
            case .failure(let error):
                warnings.append("\(error); the service's default prices apply")
            }
        }
        var statusReply: PythonJSON?
        if let status = request.status {
            switch try readDocument(path: status) {
            case .success(let document): statusReply = document
            case .failure(let error): warnings.append("\(error); the status reply reads as {}")
            }
        }
        var values: [InputValue] = []
        var inputErrors: [UsageLensError] = []
        for path in request.paths {
            let (read, errors) = try readInput(path: path)
            values += read
            inputErrors += errors
        }
        let (replies, problems) = replies(from: values, status: statusReply)
        inputErrors += problems
        let result = compute(replies, parameters)

        var shown = inputErrors.prefix(shownInputProblems).map(\.description)
        if inputErrors.count > shownInputProblems {
            shown.append("\(inputErrors.count - shownInputProblems) more input problems not shown")
        }
        return SeedEndpoint.Response(
            body: result.response.json.dumps() + "\n",
            warnings: shown + warnings + result.notes.map { "\(label): \($0)" },
            failed: request.strict && !inputErrors.isEmpty)
    }
}
