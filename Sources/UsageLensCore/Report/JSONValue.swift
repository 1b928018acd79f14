/// A JSON value with ordered keys, so that output is stable byte for byte.
public indirect enum JSONValue: Equatable, Sendable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case null

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        a.rendered() == b.rendered()
    }

    /// Renders the value; `indent` > 0 pretty-prints.
    public func rendered(indent: Int = 2) -> String {
        var out = ""
        write(to: &out, indent: indent, level: 0, python: false)
        return out
    }

    /// Renders the value as Python's `json.dumps` does, for endpoints that reproduce a Python service: every
    /// double with a fraction or exponent (`0.0`, `1e-05`), `, `/`: ` separators when indented, and `,`/`:`
    /// (FastAPI's compact form) when not.
    public func renderedAsPython(indent: Int = 0) -> String {
        var out = ""
        write(to: &out, indent: indent, level: 0, python: true)
        return out
    }

    private func write(to out: inout String, indent: Int, level: Int, python: Bool) {
        let newline = indent > 0 ? "\n" : ""
        let pad = String(repeating: " ", count: indent * (level + 1))
        let closePad = String(repeating: " ", count: indent * level)
        switch self {
        case .object(let members):
            if members.isEmpty {
                out += "{}"
                return
            }
            out += "{" + newline
            for (i, (key, value)) in members.enumerated() {
                out += pad
                Self.writeString(key, to: &out)
                out += indent > 0 ? ": " : ":"
                value.write(to: &out, indent: indent, level: level + 1, python: python)
                out += (i + 1 < members.count ? "," : "") + newline
            }
            out += closePad + "}"
        case .array(let items):
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "[" + newline
            for (i, item) in items.enumerated() {
                out += pad
                item.write(to: &out, indent: indent, level: level + 1, python: python)
                out += (i + 1 < items.count ? "," : "") + newline
            }
            out += closePad + "]"
        case .string(let s): Self.writeString(s, to: &out)
        case .int(let v): out += String(v)
        case .double(let d): out += python ? PythonFloat.repr(d) : Self.number(d)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        }
    }

    /// A double as JSON: shortest round-trip text, integers without a fraction, non-finite as null.
    static func number(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded() && abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
