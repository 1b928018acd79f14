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
        var writer = JSONWriter(indent: indent)
        write(to: &writer, double: Self.number)
        return writer.text
    }

    /// Writes the value through `writer`, each double as `double` formats it (the seed replicas write Python's
    /// or Rust's float text; usagelens's own is `number(_:)`).
    public func write(to writer: inout JSONWriter, double: (Double) -> String) {
        switch self {
        case .object(let members):
            writer.beginObject()
            for (key, value) in members {
                writer.key(key)
                value.write(to: &writer, double: double)
            }
            writer.endObject()
        case .array(let items):
            writer.beginArray()
            for item in items { item.write(to: &writer, double: double) }
            writer.endArray()
        case .string(let s): writer.string(s)
        case .int(let v): writer.raw(String(v))
        case .double(let d): writer.raw(double(d))
        case .bool(let b): writer.raw(b ? "true" : "false")
        case .null: writer.raw("null")
        }
    }

    /// A double as JSON: shortest round-trip text, integers without a fraction, non-finite as null.
    public static func number(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded() && abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    /// Appends `s` as a quoted JSON string (`JSONWriter.Escaping.json`).
    static func writeString(_ s: String, to out: inout String) {
        out += JSONWriter.quoted(s)
    }
}
