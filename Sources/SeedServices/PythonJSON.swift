/// A JSON value as Python's `json` module holds it, for reproducing Python services field for field.
///
/// The differences from a plain JSON tree are the ones Python code can observe: integers and floats are
/// different types (`1` vs `1.0`), objects keep their keys in first-insertion order with the last duplicate's
/// value (`dict(pairs)`), keys compare by code points rather than by canonical equivalence, and `NaN`,
/// `Infinity` and `-Infinity` are accepted as numbers. Integer literals beyond 64 bits keep their text.
///
/// Why this is not the core's `JSONValue`, read by yajl: the Pipeline replica must give the answers Python code
/// gives, and yajl and `JSONValue` cannot. yajl refuses `NaN`/`Infinity`, which `json.loads` accepts; it reports
/// a raw control character or a bad escape where CPython's scanner has its own rules and offsets; `JSONValue`
/// keeps every duplicate key in order where a `dict` keeps the first position and the last value, and compares
/// keys as Swift strings (canonical equivalence) where Python compares code points. Writing goes through the
/// core's one writer (`JSONWriter`, Python escaping), so only the tree and the reader are Python's own.
public indirect enum PythonJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    /// An integer literal outside the 64-bit range, as written (sign included).
    case bigInt(String)
    case float(Double)
    case string(String)
    case array([PythonJSON])
    case object(PythonDict)

    /// Python truthiness: `None`, `False`, `0`, `0.0`, `""`, `[]` and `{}` are false (NaN is true).
    public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .bigInt: return true
        case .float(let d): return d != 0
        case .string(let s): return !s.unicodeScalars.isEmpty
        case .array(let a): return !a.isEmpty
        case .object(let o): return o.count > 0
        }
    }

    /// The dictionary, when this is an object.
    public var object: PythonDict? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// The string, when this is a string.
    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// Exact equality, floats compared bitwise-equal as Python's `==` would (NaN is unequal to itself).
    public static func == (a: PythonJSON, b: PythonJSON) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.bigInt(let x), .bigInt(let y)): return x == y
        case (.float(let x), .float(let y)): return x == y
        case (.string(let x), .string(let y)): return PythonText.equal(x, y)
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)): return x == y
        default: return false
        }
    }
}
