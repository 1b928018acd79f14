import UsageLensCore

extension JSONValue {
    /// Renders the value as the agentkit replica has always written it: doubles as Python's `repr` (`0.0`,
    /// `1e-05`), `: ` after keys when indented and `:` (FastAPI's compact form) when not, strings with
    /// usagelens's escapes (`JSONWriter.Escaping.json`).
    public func renderedAsPython(indent: Int = 0) -> String {
        var writer = JSONWriter(indent: indent)
        write(to: &writer, double: PythonFloat.repr)
        return writer.text
    }

    /// Renders the value as serde_json's `to_string` writes it (distri is a Rust service): compact, doubles as
    /// Rust's shortest round-trip text (`RustFloat.text`: `0.0`, `0.00001`, `1e-7`, `1e16`), non-finite as
    /// `null`, strings with usagelens's escapes (`JSONWriter.Escaping.json`).
    public func renderedAsSerdeJSON() -> String {
        var writer = JSONWriter(indent: 0)
        write(to: &writer, double: RustFloat.text)
        return writer.text
    }
}
