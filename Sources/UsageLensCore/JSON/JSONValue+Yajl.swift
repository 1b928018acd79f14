/// Values from yajl's tokens, as every parser that builds `JSONValue`s (`JSONDocumentParser`,
/// `JSONMemberReader`) makes them.
extension JSONValue {
    /// A string or key token's text: whole, or in its kept form (`LongString`) when longer than
    /// `LongString.maxLength` bytes; "" for a token without bytes.
    static func yajlString(_ s: UnsafePointer<UInt8>?, _ n: Int) -> String {
        guard let s else { return "" }
        return LongString.string(s, n)
    }

    /// A number token: `.int` when it is an integer that fits, else `.double` (`NumberParser`).
    static func yajlNumber(_ s: UnsafePointer<CChar>?, _ n: Int) -> JSONValue {
        guard let s else { return .null }
        let parsed = s.withMemoryRebound(to: UInt8.self, capacity: n) {
            NumberParser.parse(UnsafeRawBufferPointer(start: $0, count: n))
        }
        return parsed.isInteger ? .int(parsed.integer) : .double(parsed.double)
    }
}
