/// A log format usagelens understands: its stored code, its name, and the provider it implies.
///
/// Each adapter declares its own (`extension LogFormat { static let codex = ... }` in its file) and
/// `FormatRegistry` lists them all; the code is what the `format` column stores, so a format keeps its code for
/// as long as a cache or shard file may hold it.
public struct LogFormat: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The code stored in `UsageTable.format` (and in dedup key namespaces).
    public let rawValue: UInt8
    /// The name shown in `check` and in JSON.
    public let name: String
    /// The provider a format implies when a line names none: the formats of a provider's own client or API.
    /// nil: it follows from the model (an OpenAI-shaped response may come from any OpenAI-compatible server).
    public let impliedProvider: String?
    /// The provider when neither the line, the format nor the model family names one.
    public let fallbackProvider: String

    init(code: UInt8, name: String, impliedProvider: String? = nil, fallbackProvider: String = "unknown") {
        self.rawValue = code
        self.name = name
        self.impliedProvider = impliedProvider
        self.fallbackProvider = fallbackProvider
    }

    /// What pricing needs of the format to name a provider (`ModelNormalizer.inferProvider`).
    public var providerHint: ProviderHint { ProviderHint(implied: impliedProvider, fallback: fallbackProvider) }

    /// The registered format with this code, if any.
    public init?(rawValue: UInt8) {
        guard let known = FormatRegistry.format(code: rawValue) else { return nil }
        self = known
    }

    public static func == (a: LogFormat, b: LogFormat) -> Bool { a.rawValue == b.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
    public static func < (a: LogFormat, b: LogFormat) -> Bool { a.rawValue < b.rawValue }
    public var description: String { name }
}
