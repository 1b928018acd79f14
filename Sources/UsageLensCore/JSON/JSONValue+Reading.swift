extension JSONValue {
    /// The member `key` of an object (the last one, as JSON parsers that keep one copy do), else nil.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.0 == key }?.1
    }

    /// The first of `keys` whose value is not null.
    public func first(_ keys: String...) -> JSONValue? {
        for key in keys {
            guard let v = self[key] else { continue }
            if case .null = v { continue }
            return v
        }
        return nil
    }

    public var isObject: Bool {
        if case .object = self { return true }
        return false
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// A non-empty string (trimmed), else nil.
    public var stringValue: String? {
        guard case .string(let s) = self else { return nil }
        let t = s.trimmingSpaces()
        return t.isEmpty ? nil : t
    }

    /// A number, or a string holding one.
    public var doubleValue: Double? {
        switch self {
        case .int(let v): return Double(v)
        case .double(let d): return d.isFinite ? d : nil
        case .string(let s):
            var copy = s.trimmingSpaces()
            return copy.withUTF8 { NumberParser.parse(UnsafeRawBufferPointer($0)).validDouble }
        default: return nil
        }
    }

    /// A token count: a non-negative whole number (decimals truncated; negative reads as 0), else nil. A
    /// number too large for 64 bits reads as `Int64.max`, which no event may hold (`TokenCount.limit`).
    public var countValue: Int64? {
        switch self {
        case .int(let v): return max(0, v)
        case .double(let d) where d.isInfinite: return d > 0 ? .max : 0
        default:
            guard let d = doubleValue else { return nil }
            return d <= 0 ? 0 : d < 9.2e18 ? Int64(d) : .max
        }
    }
}
