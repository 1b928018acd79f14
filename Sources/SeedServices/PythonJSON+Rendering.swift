import UsageLensCore

extension PythonJSON {
    /// `json.dumps(value, indent=2, ensure_ascii=False)`: floats as Python's `repr`, strings with Python's
    /// escapes (`JSONWriter.Escaping.python`), `: ` after every key. A non-finite float, which Starlette's
    /// `allow_nan=False` refuses, is written `null`.
    public func dumps(indent: Int = 2) -> String {
        var writer = JSONWriter(indent: indent, keySeparator: ": ", escaping: .python)
        write(to: &writer)
        return writer.text
    }

    private func write(to writer: inout JSONWriter) {
        switch self {
        case .null: writer.raw("null")
        case .bool(let b): writer.raw(b ? "true" : "false")
        case .int(let i): writer.raw(String(i))
        case .bigInt(let text): writer.raw(text)
        case .float(let d): writer.raw(d.isFinite ? PythonFloat.repr(d) : "null")
        case .string(let s): writer.string(s)
        case .array(let items):
            writer.beginArray()
            for item in items { item.write(to: &writer) }
            writer.endArray()
        case .object(let dict):
            writer.beginObject()
            for (key, value) in dict {
                writer.key(key)
                value.write(to: &writer)
            }
            writer.endObject()
        }
    }
}
