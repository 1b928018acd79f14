/// Canonical provider and model names, as the Pipeline service forms them, extended to every spelling we meet.
///
/// `anthropic/claude-sonnet-4-5-20250929`, `claude-sonnet-4-5@20250929`, `us.anthropic.claude-sonnet-4-5-20250929-v1:0`
/// and `openrouter/anthropic/claude-sonnet-4-5` all become provider `anthropic`, model `claude-sonnet-4-5`.
/// `scripts/gen_prices.py` applies the same suffix rules to price keys, so the two always meet.
public enum ModelNormalizer {
    /// Provider aliases (lower-cased input).
    public static let providerAliases: [String: String] = [
        "anthropic": "anthropic", "claude": "anthropic", "openai": "openai", "codex": "openai",
        "ollama": "ollama", "local": "ollama", "gemini": "google", "google": "google", "vertex_ai": "google",
    ]
    /// Router and cloud prefixes that name no provider of their own.
    static let routers: Set<String> = ["openrouter", "litellm", "together_ai", "fireworks_ai", "vercel"]
    /// Bedrock region prefixes (`us.anthropic.claude-...`).
    static let bedrockRegions: Set<String> = ["us", "eu", "apac", "global", "au", "jp", "ca"]

    /// The canonical provider of an alias; `unknown` for an empty name.
    public static func provider(_ raw: String) -> String {
        let cleaned = raw.trimmingSpaces().lowercased()
        if cleaned.isEmpty { return "unknown" }
        return providerAliases[cleaned] ?? cleaned
    }

    /// Splits a logged model name into a provider it names (if any) and the normalised model slug.
    public static func split(_ raw: String) -> (provider: String?, model: String) {
        var name = raw.trimmingSpaces().lowercased()
        var provider: String?
        // Path-style prefixes: provider/model, router/provider/model. (Most names have neither `/` nor `.`:
        // they skip the splitting.)
        let parts =
            name.utf8.contains(UInt8(ascii: "/"))
            ? name.split(separator: "/", omittingEmptySubsequences: true).map(String.init) : [name]
        if parts.count >= 2 {
            name = parts.last!
            for part in parts.dropLast() where !routers.contains(part) {
                provider = self.provider(part)
                break
            }
        }
        // Bedrock: [region.]anthropic.claude-...-v1:0
        var dotted =
            name.utf8.contains(UInt8(ascii: ".")) ? name.split(separator: ".", maxSplits: 2).map(String.init) : [name]
        if dotted.count >= 2, bedrockRegions.contains(dotted[0]) { dotted.removeFirst() }
        if dotted.count >= 2, ["anthropic", "meta", "amazon", "mistral", "cohere"].contains(dotted[0]),
            !dotted[1].isEmpty, !(dotted[1].first?.isNumber ?? true)
        {
            provider = self.provider(dotted[0])
            name = dotted.dropFirst().joined(separator: ".")
        }
        let model = stripSuffixes(name)
        return (provider, model.isEmpty ? name : model)
    }

    /// Strips date and channel suffixes until none is left: `-20250929`, `@20250929`, `-2024-07-18`, `-latest`,
    /// `-preview`, and Bedrock's `-v1:0`.
    public static func stripSuffixes(_ model: String) -> String {
        var s = Array(model.utf8)
        func isDigits(_ range: Range<Int>) -> Bool { range.allSatisfy { s[$0] >= 48 && s[$0] <= 57 } }
        func ends(with suffix: StaticString) -> Bool {
            let b = UnsafeBufferPointer(start: suffix.utf8Start, count: suffix.utf8CodeUnitCount)
            return s.count > b.count && s[(s.count - b.count)...].elementsEqual(b)
        }
        while true {
            let n = s.count
            if n > 9, s[n - 9] == UInt8(ascii: "-") || s[n - 9] == UInt8(ascii: "@"), isDigits((n - 8)..<n) {
                s.removeLast(9)
            } else if n > 11, s[n - 11] == UInt8(ascii: "-"), s[n - 6] == UInt8(ascii: "-"),
                s[n - 3] == UInt8(ascii: "-"), isDigits((n - 10)..<(n - 6)), isDigits((n - 5)..<(n - 3)),
                isDigits((n - 2)..<n)
            {
                s.removeLast(11)
            } else if ends(with: "-latest") {
                s.removeLast(7)
            } else if ends(with: "-preview") {
                s.removeLast(8)
            } else if let colon = s.lastIndex(of: UInt8(ascii: ":")), colon > 2, isDigits((colon + 1)..<n),
                colon + 1 < n, let dash = s[..<colon].lastIndex(of: UInt8(ascii: "-")), s[dash + 1] == UInt8(ascii: "v"),
                dash + 2 < colon, isDigits((dash + 2)..<colon)
            {
                s.removeLast(n - dash)
            } else {
                break
            }
        }
        return String(decoding: s, as: UTF8.self)
    }

    /// The provider a model belongs to when the log names none: from the log format's hint (`format`), else the
    /// model family, else the hint's fallback.
    public static func inferProvider(model: String, format: ProviderHint?) -> String {
        if let implied = format?.implied { return implied }
        if model.hasPrefix("claude") { return "anthropic" }
        if model.hasPrefix("gpt-") || model.hasPrefix("chatgpt") || model.hasPrefix("codex")
            || model.hasPrefix("o1") || model.hasPrefix("o3") || model.hasPrefix("o4")
        {
            return "openai"
        }
        if model.hasPrefix("gemini") || model.hasPrefix("gemma") { return "google" }
        if model.hasPrefix("grok") { return "xai" }
        if model.hasPrefix("deepseek") { return "deepseek" }
        if model.hasPrefix("mistral") || model.hasPrefix("codestral") || model.hasPrefix("magistral") {
            return "mistral"
        }
        if model.utf8.contains(UInt8(ascii: ":")) { return "ollama" }
        return format?.fallback ?? "unknown"
    }
}

/// What a log format says about the provider of its events when a line names none (`LogFormat.providerHint`).
/// Pricing takes the hint, not the format, so that it knows no format.
public struct ProviderHint: Hashable, Sendable {
    /// The provider of every event of the format, over the model family: a provider's own client or API.
    public var implied: String?
    /// The provider when neither the format nor the model family says (an OpenAI-shaped response: `openai`).
    public var fallback: String

    public init(implied: String? = nil, fallback: String = "unknown") {
        self.implied = implied
        self.fallback = fallback
    }
}
