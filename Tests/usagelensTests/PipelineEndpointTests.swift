import Foundation
import Testing

/// `usagelens endpoint pipeline.runtime-usage` against snapshots recorded by running the Pipeline service's own
/// code (scripts/ref/pipeline_runtime_usage_ref.py) on the same inputs. Each snapshot directory holds the inputs,
/// case.json (now, input list, status and pricing files, account key, gateway id) and expected.json.
@Suite struct PipelineEndpointTests {
    static let directory = "Tests/usagelensTests/Fixtures/pipeline-endpoint"

    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: CLI.root + "/" + directory)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: CLI.root + "/\(directory)/\($0)/case.json") }.sorted()
    }()

    /// The command line a snapshot stands for, with paths from the package root.
    static func arguments(for name: String) throws -> [String] {
        let dir = "\(directory)/\(name)/"
        let data = try Data(contentsOf: URL(fileURLWithPath: CLI.root + "/" + dir + "case.json"))
        let spec = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var args = ["endpoint", "pipeline.runtime-usage", "--now", try #require(spec["now"] as? String)]
        if let status = spec["status"] as? String { args += ["--status", dir + status] }
        if let pricing = spec["pricing"] as? String { args += ["--pricing", dir + pricing] }
        if let key = spec["account_key"] as? String { args += ["--account-key", key] }
        if let id = spec["gateway_id"] as? String { args += ["--gateway-id", id] }
        args += (spec["inputs"] as? [String] ?? []).map { dir + $0 }
        return args
    }

    static func expected(_ name: String) throws -> OrderedJSON {
        try OrderedJSON.parse(String(contentsOfFile: CLI.root + "/\(directory)/\(name)/expected.json", encoding: .utf8))
    }

    @Test func everyScenarioHasASnapshot() {
        #expect(Self.cases.count >= 25, "snapshots missing under \(Self.directory)")
    }

    @Test(arguments: cases)
    func snapshot(name: String) throws {
        let result = try CLI.run(try Self.arguments(for: name))
        #expect(result.status == 0, "\(name): \(result.stderr)")
        let actual = try OrderedJSON.parse(result.stdout)
        if let difference = OrderedJSON.difference(actual, try Self.expected(name)) {
            Issue.record("\(name): \(difference)")
        }
    }

    @Test func standardInputReadsLikeAFile() throws {
        let dir = CLI.root + "/\(Self.directory)/sessions-no-limits/"
        let stdin = try Data(contentsOf: URL(fileURLWithPath: dir + "sessions.jsonl"))
        let result = try CLI.run(
            ["endpoint", "pipeline.runtime-usage", "--now", "2026-11-20T10:00:00Z", "-"], stdin: stdin)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(OrderedJSON.difference(try OrderedJSON.parse(result.stdout), try Self.expected("sessions-no-limits")) == nil)
    }

    @Test func malformedLinesAreReportedWithFileAndLine() throws {
        let args = try Self.arguments(for: "pretty-and-zstd")
        let result = try CLI.run(args)
        #expect(result.status == 0)
        #expect(result.stderr.contains("pretty-and-zstd/bad-lines.jsonl:2: unterminated string"))
        #expect(result.stderr.contains("pretty-and-zstd/bad-lines.jsonl:5: expecting a value"))
        let strict = try CLI.run(args + ["--strict"])
        #expect(strict.status == 1)
        #expect(OrderedJSON.difference(try OrderedJSON.parse(strict.stdout), try Self.expected("pretty-and-zstd")) == nil)
    }

    @Test func unknownEndpointListsTheValidNames() throws {
        let result = try CLI.run(["endpoint", "agentkit.nope", "--now", "2026-11-20T10:00:00Z"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown endpoint 'agentkit.nope'; valid names: pipeline.runtime-usage, agentkit.summary"))
        #expect(result.stderr.contains("distri.usage-stats"))
    }

    @Test(arguments: [
        ["--now", "yesterday"], ["--now", "0500-01-01T00:00:00Z"], ["--gateway-id", "not-a-uuid"],
        ["--status", "Tests/usagelensTests/Fixtures/pipeline-endpoint/no-such-file.json"],
    ])
    func badOptionsAreUsageErrors(extra: [String]) throws {
        let result = try CLI.run(["endpoint", "pipeline.runtime-usage", "--now", "2026-11-20T10:00:00Z"] + extra)
        #expect(result.status == 2, "\(extra): \(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    /// The comparison is strict enough to fail: a changed number, a float written as an int, reordered keys.
    @Test func comparisonDetectsDifferences() throws {
        let base = try OrderedJSON.parse(#"{"a": 1, "b": 0.5, "c": [true, null, "x"]}"#)
        #expect(OrderedJSON.difference(base, try OrderedJSON.parse(#"{"a":1,"b":0.5000000000001,"c":[true,null,"x"]}"#)) == nil)
        #expect(OrderedJSON.difference(base, try OrderedJSON.parse(#"{"a": 2, "b": 0.5, "c": [true, null, "x"]}"#)) != nil)
        #expect(OrderedJSON.difference(base, try OrderedJSON.parse(#"{"a": 1.0, "b": 0.5, "c": [true, null, "x"]}"#)) != nil)
        #expect(OrderedJSON.difference(base, try OrderedJSON.parse(#"{"b": 0.5, "a": 1, "c": [true, null, "x"]}"#)) != nil)
        #expect(OrderedJSON.difference(base, try OrderedJSON.parse(#"{"a": 1, "b": 0.51, "c": [true, null, "x"]}"#)) != nil)
        #expect(OrderedJSON.difference(base, try OrderedJSON.parse(#"{"a": 1, "b": 0.5, "c": [true, null]}"#)) != nil)
    }
}

/// A JSON tree that keeps key order and tells integers from floats, parsed independently of the code under test.
indirect enum OrderedJSON {
    case object([(String, OrderedJSON)])
    case array([OrderedJSON])
    case string(String)
    case int(String)
    case float(Double)
    case bool(Bool)
    case null

    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ text: String) throws -> OrderedJSON {
        var scalars = Substring(text).unicodeScalars[...]
        let value = try parseValue(&scalars)
        skipSpace(&scalars)
        guard scalars.isEmpty else { throw ParseError(description: "trailing text") }
        return value
    }

    private static func skipSpace(_ s: inout Substring.UnicodeScalarView.SubSequence) {
        while let c = s.first, c == " " || c == "\n" || c == "\t" || c == "\r" { s.removeFirst() }
    }

    private static func parseValue(_ s: inout Substring.UnicodeScalarView.SubSequence) throws -> OrderedJSON {
        skipSpace(&s)
        guard let c = s.first else { throw ParseError(description: "unexpected end") }
        switch c {
        case "{":
            s.removeFirst()
            var members: [(String, OrderedJSON)] = []
            skipSpace(&s)
            if s.first == "}" {
                s.removeFirst()
                return .object(members)
            }
            repeat {
                skipSpace(&s)
                guard case .string(let key) = try parseValue(&s) else { throw ParseError(description: "key") }
                skipSpace(&s)
                guard s.popFirst() == ":" else { throw ParseError(description: "expected ':'") }
                members.append((key, try parseValue(&s)))
                skipSpace(&s)
            } while s.first == "," && s.popFirst() != nil
            guard s.popFirst() == "}" else { throw ParseError(description: "expected '}'") }
            return .object(members)
        case "[":
            s.removeFirst()
            var items: [OrderedJSON] = []
            skipSpace(&s)
            if s.first == "]" {
                s.removeFirst()
                return .array(items)
            }
            repeat {
                items.append(try parseValue(&s))
                skipSpace(&s)
            } while s.first == "," && s.popFirst() != nil
            guard s.popFirst() == "]" else { throw ParseError(description: "expected ']'") }
            return .array(items)
        case "\"":
            s.removeFirst()
            var out = String.UnicodeScalarView()
            while let c = s.popFirst() {
                if c == "\"" { return .string(String(out)) }
                if c == "\\" {
                    guard let e = s.popFirst() else { break }
                    switch e {
                    case "n": out.append("\n")
                    case "t": out.append("\t")
                    case "r": out.append("\r")
                    case "b": out.append("\u{08}")
                    case "f": out.append("\u{0C}")
                    case "u":
                        let hex = String(String.UnicodeScalarView(s.prefix(4)))
                        s.removeFirst(4)
                        out.append(Unicode.Scalar(UInt32(hex, radix: 16)!) ?? "\u{FFFD}")
                    default: out.append(e)
                    }
                } else {
                    out.append(c)
                }
            }
            throw ParseError(description: "unterminated string")
        default:
            var token = ""
            while let c = s.first, !" \n\t\r,]}".unicodeScalars.contains(c) {
                token.unicodeScalars.append(c)
                s.removeFirst()
            }
            switch token {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "null": return .null
            default:
                if token.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
                    guard let d = Double(token) else { throw ParseError(description: "bad number \(token)") }
                    return .float(d)
                }
                guard Int(token) != nil else { throw ParseError(description: "bad token \(token)") }
                return .int(token)
            }
        }
    }

    /// Where `a` and `b` differ: key order, kinds (int vs float), and floats beyond 1e-9 relative; nil if equal.
    static func difference(_ a: OrderedJSON, _ b: OrderedJSON, path: String = "$") -> String? {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            guard x.map(\.0) == y.map(\.0) else { return "\(path): keys \(x.map(\.0)) vs \(y.map(\.0))" }
            for ((key, u), (_, v)) in zip(x, y) {
                if let d = difference(u, v, path: "\(path).\(key)") { return d }
            }
            return nil
        case (.array(let x), .array(let y)):
            guard x.count == y.count else { return "\(path): \(x.count) vs \(y.count) elements" }
            for (i, (u, v)) in zip(x, y).enumerated() {
                if let d = difference(u, v, path: "\(path)[\(i)]") { return d }
            }
            return nil
        case (.float(let x), .float(let y)):
            let scale = max(abs(x), abs(y))
            return x == y || abs(x - y) <= 1e-9 * scale ? nil : "\(path): \(x) vs \(y)"
        case (.int(let x), .int(let y)): return x == y ? nil : "\(path): \(x) vs \(y)"
        case (.string(let x), .string(let y)):
            return x.unicodeScalars.elementsEqual(y.unicodeScalars) ? nil : "\(path): \"\(x)\" vs \"\(y)\""
        case (.bool(let x), .bool(let y)): return x == y ? nil : "\(path): \(x) vs \(y)"
        case (.null, .null): return nil
        default: return "\(path): \(a) vs \(b)"
        }
    }
}
