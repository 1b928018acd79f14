import MCP
import UsageLensCore

/// A tool call's arguments, read by name with the types the tools' schemas declare; a value of the wrong type
/// is a usage error that names the argument.
struct ToolArguments {
    var values: [String: Value]

    init(_ values: [String: Value]?) {
        self.values = values ?? [:]
    }

    /// A string argument, or nil when absent or null.
    func string(_ name: String) throws -> String? {
        switch values[name] {
        case nil, .null?: return nil
        case .string(let s)?: return s
        default: throw UsageLensError(.usage, "argument '\(name)' must be a string")
        }
    }

    /// A list of strings; a single string counts as a list of one.
    func strings(_ name: String) throws -> [String] {
        switch values[name] {
        case nil, .null?: return []
        case .string(let s)?: return [s]
        case .array(let items)?:
            return try items.map {
                guard case .string(let s) = $0 else { throw UsageLensError(.usage, "argument '\(name)' must be a list of strings") }
                return s
            }
        default: throw UsageLensError(.usage, "argument '\(name)' must be a list of strings")
        }
    }

    func bool(_ name: String) throws -> Bool {
        switch values[name] {
        case nil, .null?: return false
        case .bool(let b)?: return b
        default: throw UsageLensError(.usage, "argument '\(name)' must be true or false")
        }
    }

    /// A number argument (integer or not), or nil.
    func number(_ name: String) throws -> Double? {
        switch values[name] {
        case nil, .null?: return nil
        case .int(let v)?: return Double(v)
        case .double(let v)?: return v
        default: throw UsageLensError(.usage, "argument '\(name)' must be a number")
        }
    }

    /// A positive whole number argument, or nil.
    func positiveInteger(_ name: String) throws -> Int64? {
        guard let v = try number(name) else { return nil }
        guard v > 0, v == v.rounded(), v < 9e18 else { throw UsageLensError(.usage, "argument '\(name)' must be a positive whole number") }
        return Int64(v)
    }

    /// One of `choices`' raw values, or nil.
    func choice<Choice: RawRepresentable & CaseIterable>(_ name: String, _: Choice.Type) throws -> Choice?
    where Choice.RawValue == String {
        guard let text = try string(name) else { return nil }
        guard let value = Choice(rawValue: text) else {
            let list = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw UsageLensError(.usage, "argument '\(name)' must be one of \(list) (got '\(text)')")
        }
        return value
    }
}
