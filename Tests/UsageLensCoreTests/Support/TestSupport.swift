import CZstd
import Foundation
import Testing

@testable import UsageLensCore

/// How a test input is delivered: every input and parse test runs under each of these read sizes.
enum Chunking: CaseIterable, CustomStringConvertible, Sendable {
    case oneByte, sevenBytes, fourKiB, whole

    var readSize: Int? {
        switch self {
        case .oneByte: return 1
        case .sevenBytes: return 7
        case .fourKiB: return 4096
        case .whole: return nil
        }
    }

    var description: String {
        switch self {
        case .oneByte: return "1 byte"
        case .sevenBytes: return "7 bytes"
        case .fourKiB: return "4 KiB"
        case .whole: return "whole"
        }
    }
}

/// Plain or zstd: every input and parse test runs under both.
enum Encoding: CaseIterable, CustomStringConvertible, Sendable {
    case plain, zstd

    var description: String { self == .plain ? "plain" : "zstd" }

    func encode(_ bytes: [UInt8]) -> [UInt8] {
        self == .plain ? bytes : Zstd.compress(bytes, frames: 2)
    }
}

enum Zstd {
    /// Compresses `bytes` into `frames` consecutive zstd frames (split at byte boundaries, not lines).
    static func compress(_ bytes: [UInt8], frames: Int = 1, level: Int32 = 3) -> [UInt8] {
        var out: [UInt8] = []
        let n = max(1, frames)
        let step = max(1, (bytes.count + n - 1) / n)
        var start = 0
        repeat {
            let end = min(bytes.count, start + step)
            let part = Array(bytes[start..<end])
            let bound = ZSTD_compressBound(part.count)
            var frame = [UInt8](repeating: 0, count: bound)
            let written = frame.withUnsafeMutableBytes { dst in
                part.withUnsafeBytes { src in
                    ZSTD_compress(dst.baseAddress, bound, src.baseAddress, part.count, level)
                }
            }
            precondition(ZSTD_isError(written) == 0)
            out += frame[0..<written]
            start = end
        } while start < bytes.count
        return out
    }

    /// A skippable frame (magic 0x184D2A50) holding `payload`.
    static func skippableFrame(_ payload: [UInt8]) -> [UInt8] {
        let size = UInt32(payload.count)
        return [0x50, 0x2A, 0x4D, 0x18] + withUnsafeBytes(of: size.littleEndian, Array.init) + payload
    }
}

/// A fresh temporary directory, removed when the value is dropped by the test (best effort).
final class TempDir {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "usagelens-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes a file (creating folders) and returns its path.
    @discardableResult
    func write(_ relative: String, _ bytes: [UInt8]) -> String {
        let full = path + "/" + relative
        try! FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: full, contents: Data(bytes))
        return full
    }

    @discardableResult
    func write(_ relative: String, lines: [String], encoding: Encoding = .plain) -> String {
        write(relative, encoding.encode(Array((lines.joined(separator: "\n") + "\n").utf8)))
    }
}

/// Reads every file under `dir` with the given options.
func ingest(
    _ dir: TempDir, threads: Int = 1, chunking: Chunking = .whole, bufferCapacity: Int = 1 << 20,
    splitThreshold: Int64 = 32 << 20
) -> IngestResult {
    let files = try! InputDiscovery.discover([dir.path])
    return Ingestor.run(
        files,
        options: IngestOptions(
            threads: threads, bufferCapacity: bufferCapacity, readChunk: chunking.readSize, splitThreshold: splitThreshold))
}

/// Collects lines from a `LineReader` for assertions.
struct CollectedLines: LineConsumer {
    var lines: [(Int, String)] = []
    var longSegments = 0
    var longBytes = 0
    /// The largest piece handed out at once: what the reader had to hold.
    var maxPiece = 0
    private var longLine: [UInt8] = []
    let keepLong: Bool

    init(keepLong: Bool = true) { self.keepLong = keepLong }

    mutating func line(_ bytes: UnsafeRawBufferPointer, number: Int) {
        maxPiece = max(maxPiece, bytes.count)
        lines.append((number, String(decoding: bytes, as: UTF8.self)))
    }

    mutating func longLineSegment(_ bytes: UnsafeRawBufferPointer, number: Int, isFirst: Bool) {
        longSegments += 1
        longBytes += bytes.count
        maxPiece = max(maxPiece, bytes.count)
        if keepLong { longLine += bytes }
    }

    mutating func endLongLine(number: Int) {
        lines.append((number, keepLong ? String(decoding: longLine, as: UTF8.self) : "<\(longBytes) bytes>"))
        longLine = []
    }
}

// MARK: Log line builders

enum Lines {
    /// A Claude Code assistant line in the real key order.
    static func claude(
        id: String, requestId: String? = "req_1", model: String = "claude-sonnet-4-5-20250929",
        time: String = "2025-10-14T09:00:00.000Z", session: String = "s1", input: Int = 10, output: Int = 20,
        cacheRead: Int = 0, cacheCreation: Int = 0, cache5m: Int? = nil, cache1h: Int? = nil, sidechain: Bool = false,
        extra: String = ""
    ) -> String {
        var usage = "\"input_tokens\":\(input),\"cache_creation_input_tokens\":\(cacheCreation),\"cache_read_input_tokens\":\(cacheRead)"
        if cache5m != nil || cache1h != nil {
            usage += ",\"cache_creation\":{\"ephemeral_5m_input_tokens\":\(cache5m ?? 0),\"ephemeral_1h_input_tokens\":\(cache1h ?? 0)}"
        }
        usage += ",\"output_tokens\":\(output),\"service_tier\":\"standard\""
        let req = requestId.map { ",\"requestId\":\"\($0)\"" } ?? ""
        return "{\"parentUuid\":null,\"isSidechain\":\(sidechain),\"cwd\":\"/home/dev/app\",\"sessionId\":\"\(session)\"\(extra),"
            + "\"message\":{\"id\":\"\(id)\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"\(model)\","
            + "\"content\":[{\"type\":\"text\",\"text\":\"hello \\\"usage\\\" world\"}],\"usage\":{\(usage)}}\(req),"
            + "\"type\":\"assistant\",\"uuid\":\"u-\(id)\",\"timestamp\":\"\(time)\"}"
    }

    static func user(_ text: String = "please fix the bug", time: String = "2025-10-14T08:59:00.000Z") -> String {
        "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"\(text)\"},\"timestamp\":\"\(time)\"}"
    }

    static func codexTurn(model: String, time: String = "2025-10-14T10:00:00.000Z") -> String {
        "{\"timestamp\":\"\(time)\",\"type\":\"turn_context\",\"payload\":{\"cwd\":\"/home/dev/cli\",\"model\":\"\(model)\",\"effort\":\"medium\"}}"
    }

    static func codexMeta(id: String, time: String = "2025-10-14T10:00:00.000Z") -> String {
        "{\"timestamp\":\"\(time)\",\"type\":\"session_meta\",\"payload\":{\"id\":\"\(id)\",\"cwd\":\"/home/dev/cli\"}}"
    }

    static func usage(_ input: Int, _ cached: Int, _ output: Int, _ reasoning: Int) -> String {
        "{\"input_tokens\":\(input),\"cached_input_tokens\":\(cached),\"output_tokens\":\(output),\"reasoning_output_tokens\":\(reasoning),\"total_tokens\":\(input + output)}"
    }

    /// A Codex token_count; `last` nil omits last_token_usage; `info` false writes `"info":null`.
    static func codexTokens(
        total: (Int, Int, Int, Int)?, last: (Int, Int, Int, Int)?, time: String = "2025-10-14T10:01:00.000Z",
        info: Bool = true, rateLimits: String = ""
    ) -> String {
        var body = "null"
        if info {
            var parts: [String] = []
            if let t = total { parts.append("\"total_token_usage\":" + usage(t.0, t.1, t.2, t.3)) }
            if let l = last { parts.append("\"last_token_usage\":" + usage(l.0, l.1, l.2, l.3)) }
            parts.append("\"model_context_window\":272000")
            body = "{" + parts.joined(separator: ",") + "}"
        }
        let limits = rateLimits.isEmpty ? "" : ",\"rate_limits\":" + rateLimits
        return "{\"timestamp\":\"\(time)\",\"type\":\"event_msg\",\"payload\":{\"type\":\"token_count\",\"info\":\(body)\(limits)}}"
    }
}

extension Lines {
    /// A Gemini CLI chat line (`chats/session-*.jsonl`): one reply with its tokens.
    static func gemini(
        id: String, time: String = "2025-10-15T09:42:39.159Z", model: String = "gemini-2.5-pro", input: Int = 100,
        output: Int = 20, cached: Int = 0, thoughts: Int = 0
    ) -> String {
        "{\"id\":\"\(id)\",\"timestamp\":\"\(time)\",\"type\":\"gemini\",\"content\":\"ok\","
            + "\"tokens\":{\"input\":\(input),\"output\":\(output),\"cached\":\(cached),\"thoughts\":\(thoughts),\"tool\":0,"
            + "\"total\":\(input + output + thoughts)},\"model\":\"\(model)\"}"
    }

    /// A Gemini CLI session document (`chats/session-*.json`) holding `messages` (`gemini` lines).
    static func geminiDocument(session: String, messages: [String]) -> String {
        "{\n  \"sessionId\": \"\(session)\",\n  \"projectHash\": \"h\",\n  \"startTime\": \"2025-10-16T07:12:40.000Z\",\n"
            + "  \"messages\": [\n" + messages.joined(separator: ",\n") + "\n  ]\n}\n"
    }
}

// MARK: Seeded randomness

/// A small deterministic generator (SplitMix64) for seeded property tests.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

// MARK: Hand-built tables

/// Builds a `UsageTable` row by row, with strings and RFC 3339 times spelled out, for aggregate and report tests.
struct TableBuilder {
    var table = UsageTable()
    private var nextLine: [UInt32: UInt32] = [:]

    /// Milliseconds of an RFC 3339 instant (traps on a typo in a test).
    static func ms(_ rfc3339: String) -> Int64 { Timestamp.parse(rfc3339)! }

    mutating func add(
        _ time: String, model: String, provider: String = "", session: String = "", project: String = "",
        format: LogFormat = .claudeCode, input: Int64 = 0, output: Int64 = 0, reasoning: Int64 = 0,
        cacheRead: Int64 = 0, cache5m: Int64 = 0, cache1h: Int64 = 0, calls: UInt32 = 1, cost: Double = .nan,
        key: (UInt64, UInt64) = (0, 0), file: UInt32 = 0, line: UInt32? = nil, sidechain: Bool = false
    ) {
        let lineNumber = line ?? (nextLine[file, default: 0] + 1)
        nextLine[file] = max(nextLine[file, default: 0], lineNumber)
        let row = EventRow(
            time: Self.ms(time), format: format.rawValue, flags: sidechain ? [.sidechain] : [],
            model: table.strings.intern(model), provider: table.strings.intern(provider),
            session: table.strings.intern(session), project: table.strings.intern(project), file: file,
            line: lineNumber, inputTokens: input, outputTokens: output, reasoningTokens: reasoning,
            cacheReadTokens: cacheRead, cacheWrite5mTokens: cache5m, cacheWrite1hTokens: cache1h, calls: calls,
            loggedCostUSD: cost, dedupHigh: key.0, dedupLow: key.1)
        table.append(row)
    }

    func priced(_ prices: PriceTable = TableBuilder.prices, mode: CostMode = .calculate) -> PricedEvents {
        PricedEvents(table, prices: prices, mode: mode)
    }

    /// Round prices (USD per million) so that expected costs are easy to write down.
    static let prices = PriceTable(entries: [
        "anthropic/claude-sonnet-4-5": ModelPrice(
            input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75, cacheWrite1h: 6, source: "test"),
        "anthropic/claude-opus-4-1": ModelPrice(
            input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75, cacheWrite1h: 30, source: "test"),
        "openai/gpt-5-codex": ModelPrice(input: 1.25, output: 10, cacheRead: 0.125, source: "test"),
    ])
}
