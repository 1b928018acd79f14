/// A Python `dict` with string keys: insertion-ordered, keys compared by code points.
public struct PythonDict: Sendable, Equatable, Sequence {
    public private(set) var keys: [String] = []
    public private(set) var values: [PythonJSON] = []
    private var positions: [CodePointKey: Int] = [:]

    public init() {}

    /// Builds a dictionary as `dict(pairs)` does: a repeated key keeps its first position and its last value.
    public init(_ pairs: [(String, PythonJSON)]) {
        for (key, value) in pairs { self[key] = value }
    }

    public var count: Int { keys.count }

    /// `d.get(key)`; assigning keeps an existing key's position (`d[key] = value`).
    public subscript(key: String) -> PythonJSON? {
        get { positions[CodePointKey(text: key)].map { values[$0] } }
        set {
            let k = CodePointKey(text: key)
            if let i = positions[k] {
                if let newValue {
                    values[i] = newValue
                } else {
                    keys.remove(at: i)
                    values.remove(at: i)
                    positions = [:]
                    for (j, key) in keys.enumerated() { positions[CodePointKey(text: key)] = j }
                }
            } else if let newValue {
                positions[k] = keys.count
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    /// `key in d`.
    public func contains(_ key: String) -> Bool { positions[CodePointKey(text: key)] != nil }

    /// `d.update(other)`, which is also what `{**d, **other}` builds.
    public mutating func update(with other: PythonDict) {
        for (key, value) in other { self[key] = value }
    }

    public func makeIterator() -> Zip2Sequence<[String], [PythonJSON]>.Iterator {
        zip(keys, values).makeIterator()
    }

    /// Same keys in the same order with equal values.
    public static func == (a: PythonDict, b: PythonDict) -> Bool {
        a.keys.count == b.keys.count && zip(a.keys, b.keys).allSatisfy { PythonText.equal($0, $1) }
            && a.values == b.values
    }
}
