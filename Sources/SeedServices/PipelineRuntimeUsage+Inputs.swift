import UsageLensCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How saved gateway replies on disk become the `Replies` the service computes from (docs/endpoints.md,
/// "How inputs become gateway replies").
extension PipelineRuntimeUsage {
    /// One JSON value of an input file, and where it starts.
    public struct InputValue: Sendable {
        public var value: PythonJSON
        public var file: String
        public var line: Int

        public init(_ value: PythonJSON, file: String, line: Int) {
            self.value = value
            self.file = file
            self.line = line
        }
    }

    /// Reads an input (`-` is standard input; zstd is detected from the bytes): the whole text as one JSON
    /// document when it is one, else one JSON value per non-blank line. A leading UTF-8 byte order mark is
    /// skipped. Lines that are not JSON come back as errors and are otherwise skipped.
    /// - Throws: `UsageLensError` (`.io`) when the input cannot be read or decompressed.
    public static func readInput(path: String) throws -> (values: [InputValue], errors: [UsageLensError]) {
        let (bytes, truncated) = try readAll(path: path)
        var (values, errors) = inputValues(bytes, file: path)
        if truncated { errors.append(UsageLensError(.io, "the zstd stream ends in the middle of a frame", file: path)) }
        return (values, errors)
    }

    /// The JSON values in an input's bytes (see `readInput(path:)`).
    public static func inputValues(_ bytes: [UInt8], file: String) -> (values: [InputValue], errors: [UsageLensError]) {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
        guard let first = body.firstIndex(where: { !isBlank($0) }) else { return ([], []) }
        if let document = try? PythonJSON.parse(body) {
            let line = body[..<first].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            return ([InputValue(document, file: file, line: line)], [])
        }
        var values: [InputValue] = []
        var errors: [UsageLensError] = []
        for (index, line) in body.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            guard line.contains(where: { !isBlank($0) }) else { continue }
            do {
                values.append(InputValue(try PythonJSON.parse(line), file: file, line: index + 1))
            } catch {
                errors.append(UsageLensError(.data, "\(error.message) (byte \(error.offset + 1))", file: file, line: index + 1))
            }
        }
        return (values, errors)
    }

    /// Reads a JSON document given by an option (`--status`, `--pricing`): the file's bytes as they are (no
    /// decompression, no byte order mark skipped), parsed as one value.
    /// - Returns: the value, or the reason it is not JSON.
    /// - Throws: `UsageLensError` (`.usage`) when the file cannot be read.
    public static func readDocument(path: String) throws -> Swift.Result<PythonJSON, UsageLensError> {
        let bytes: [UInt8]
        do {
            bytes = try readAll(path: path, decompress: false).bytes
        } catch {
            throw UsageLensError(.usage, "cannot read the file: \(error.message)", file: path)
        }
        do {
            return .success(try PythonJSON.parse(bytes))
        } catch {
            return .failure(UsageLensError(.data, "not JSON: \(error.message) (byte \(error.offset + 1))", file: path))
        }
    }

    /// Sorts input values into gateway replies:
    /// - an array, or an object with a `sessions` key, is a `sessions.list` reply: its elements (the array's, or
    ///   the `sessions` array's) are listed sessions, in order, objects or not;
    /// - an object with one of `usage.cost`'s window keys (`5hour`, `5h`, `today`, `week`, `7day`, `data`) is a
    ///   `usage.cost` reply: its keys are merged into the cost reply in order (a later value's key wins, in the
    ///   first one's position) and its sessions are found as `_parse_sessions` finds them;
    /// - any other object is one session (a line of a sessions.list dump);
    /// - anything else is reported and skipped.
    /// The status reply is `status` when it is an object; anything else reads as `{}`, as `_safe_call` makes it.
    public static func replies(from values: [InputValue], status: PythonJSON?) -> (Replies, [UsageLensError]) {
        var listed: [PythonJSON] = []
        var cost = PythonDict()
        var costSessions: [PythonDict] = []
        var problems: [UsageLensError] = []
        for input in values {
            switch input.value {
            case .array(let items):
                listed += items
            case .object(let object) where object.contains("sessions"):
                if case .array(let items)? = object["sessions"] {
                    listed += items
                } else {
                    problems.append(
                        UsageLensError(
                            .data, "\"sessions\" is not an array; this sessions.list reply is skipped", file: input.file,
                            line: input.line))
                }
            case .object(let object) where costWindowKeys.contains(where: object.contains):
                cost.update(with: object)
                costSessions += sessions(inCostReply: object)
            case .object:
                listed.append(input.value)
            default:
                problems.append(
                    UsageLensError(
                        .data, "a JSON \(kind(input.value)) is not a session, a sessions.list reply or a usage.cost reply; skipped",
                        file: input.file, line: input.line))
            }
        }
        var statusReply = PythonDict()
        if let status {
            if case .object(let object) = status {
                statusReply = object
            } else {
                problems.append(
                    UsageLensError(.data, "the status reply is a JSON \(kind(status)), not an object; the service reads it as {}"))
            }
        }
        return (Replies(cost: cost, costSessions: costSessions, listedSessions: listed, status: statusReply), problems)
    }

    static func kind(_ value: PythonJSON) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "boolean"
        case .int, .bigInt, .float: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// All bytes of a file or standard input, decompressed when they start a zstd frame.
    static func readAll(path: String, decompress: Bool = true) throws(UsageLensError) -> (bytes: [UInt8], truncated: Bool) {
        do {
            let raw: ByteSource =
                path == "-" ? FileDescriptorSource(descriptor: STDIN_FILENO, name: "-") : try FileDescriptorSource(path: path)
            let source = decompress ? try Compression.sniff(raw, name: path).0 : raw
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
                if n == 0 { break }
                bytes += buffer[0..<n]
            }
            return (bytes, source.isTruncated)
        } catch let error as UsageLensError {
            throw error
        } catch {
            throw UsageLensError(.io, "\(error)", file: path)
        }
    }
}
