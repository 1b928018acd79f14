import UsageLensCore

extension PipelineRuntimeUsage {
    /// One price entry as the seed's `estimate_cost` reads it: USD per million tokens.
    public struct Rates: Sendable, Equatable {
        /// A rate keeps Python's type: an integer rate multiplies exactly (`tokens * 3 / 1_000_000` is one
        /// correctly rounded division), a float rate goes through float arithmetic.
        public enum Rate: Sendable, Equatable {
            case int(Int64)
            case float(Double)
        }

        public var input: Rate
        public var output: Rate
        public var cacheRead: Rate
        public var cacheWrite: Rate

        public init(input: Rate, output: Rate, cacheRead: Rate, cacheWrite: Rate) {
            self.input = input
            self.output = output
            self.cacheRead = cacheRead
            self.cacheWrite = cacheWrite
        }

        /// Reads an override entry; a missing rate is `0.0` (`entry.get("input", 0.0)`). nil when a rate is not
        /// a number or a bool: the seed would multiply a string or `None` and fail.
        init?(_ entry: PythonDict) {
            func rate(_ key: String) -> Rate? {
                switch entry[key] {
                case nil: return .float(0)
                case .int(let i)?: return .int(i)
                case .bool(let b)?: return .int(b ? 1 : 0)
                case .float(let d)?: return .float(d)
                case .bigInt(let text)?: return Double(text).map(Rate.float)
                default: return nil
                }
            }
            guard let input = rate("input"), let output = rate("output"), let cacheRead = rate("cache_read"),
                let cacheWrite = rate("cache_write")
            else { return nil }
            self.init(input: input, output: output, cacheRead: cacheRead, cacheWrite: cacheWrite)
        }
    }

    /// The seed's price table: `DEFAULT_MODEL_PRICING`, merged with an override file as `load_pricing` does.
    ///
    /// Keys are `provider/model` exactly as written (overrides are not normalised; a key is matched against the
    /// service's normalised `provider/model`). An override whose value is `null` makes its model unpriced, as
    /// `entry is None` does in the seed.
    public struct Prices: Sendable {
        private var entries: [CodePointKey: Rates?] = [:]

        /// The seed's default rates, embedded as data: usagelens's own built-in table (LiteLLM's prices) gives
        /// different numbers for several of these keys (Claude Opus 4.5 and 4.7, Haiku 4.5, ...), so it is not used.
        public static let seedDefaults: Prices = {
            var prices = Prices()
            for (key, input, output, cacheRead, cacheWrite) in defaultRates {
                prices.entries[CodePointKey(text: key)] = Rates(
                    input: .float(input), output: .float(output), cacheRead: .float(cacheRead),
                    cacheWrite: .float(cacheWrite))
            }
            return prices
        }()

        /// `DEFAULT_MODEL_PRICING` of Pipeline's backend/app/services/openclaw/runtime_usage.py
        /// (/work/shared/seeds/pipeline-runtime-usage-service.py.txt): input, output, cache read, cache write.
        static let defaultRates: [(String, Double, Double, Double, Double)] = [
            ("anthropic/claude-opus-4-7", 15.00, 75.00, 1.50, 18.75),
            ("anthropic/claude-opus-4-5", 15.00, 75.00, 1.50, 18.75),
            ("anthropic/claude-sonnet-4-6", 3.00, 15.00, 0.30, 3.75),
            ("anthropic/claude-sonnet-4-5", 3.00, 15.00, 0.30, 3.75),
            ("anthropic/claude-haiku-4-5", 0.80, 4.00, 0.08, 1.00),
            ("anthropic/claude-3-5-sonnet", 3.00, 15.00, 0.30, 3.75),
            ("anthropic/claude-3-5-haiku", 0.80, 4.00, 0.08, 1.00),
            ("anthropic/claude-3-opus", 15.00, 75.00, 1.50, 18.75),
            ("anthropic/claude-3-sonnet", 3.00, 15.00, 0.30, 3.75),
            ("anthropic/claude-3-haiku", 0.25, 1.25, 0.03, 0.30),
            ("openai/gpt-4.1", 2.00, 8.00, 0.50, 0.00),
            ("openai/gpt-4.1-mini", 0.40, 1.60, 0.10, 0.00),
            ("openai/gpt-4.1-nano", 0.10, 0.40, 0.025, 0.00),
            ("openai/gpt-4o", 2.50, 10.00, 1.25, 0.00),
            ("openai/gpt-4o-mini", 0.15, 0.60, 0.075, 0.00),
            ("openai/gpt-4-5", 75.0, 150.0, 37.50, 0.00),
            ("openai/gpt-4-turbo", 10.00, 30.00, 0.00, 0.00),
            ("openai/gpt-4", 30.00, 60.00, 0.00, 0.00),
            ("openai/gpt-3-5-turbo", 0.50, 1.50, 0.00, 0.00),
            ("openai/o1", 15.00, 60.00, 7.50, 0.00),
            ("openai/o1-mini", 3.00, 12.00, 1.50, 0.00),
            ("openai/o3", 10.00, 40.00, 2.50, 0.00),
            ("openai/o3-mini", 1.10, 4.40, 0.55, 0.00),
            ("openai/o4-mini", 1.10, 4.40, 0.275, 0.00),
            ("openai/codex", 0.00, 0.00, 0.00, 0.00),
        ]

        /// The entry for a key: nil when absent, `.some(nil)` when an override set it to `null`.
        public func entry(_ key: String) -> Rates?? {
            entries[CodePointKey(text: key)]
        }

        /// Merges an override document as `load_pricing` does: a JSON object, unwrapped from
        /// `rates_usd_per_million` when that key is present, whose entries replace the defaults key by key.
        /// Anything else leaves the table as it is. Returns what could not be used.
        ///
        /// An entry that is not an object or `null`, or has a rate that is not a number, would make the seed fail
        /// whenever a session uses that model; it is skipped here (the previous entry stays) and reported.
        public mutating func merge(overrides document: PythonJSON) -> [String] {
            guard case .object(let root) = document else {
                return ["the pricing file does not hold a JSON object; the seed's default prices apply"]
            }
            let unwrapped = root.contains("rates_usd_per_million") ? root["rates_usd_per_million"]! : document
            guard case .object(let overrides) = unwrapped else {
                return ["\"rates_usd_per_million\" is not an object; the seed's default prices apply"]
            }
            var problems: [String] = []
            for (key, value) in overrides {
                switch value {
                case .null:
                    entries[CodePointKey(text: key)] = .some(nil)
                case .object(let fields):
                    if let rates = Rates(fields) {
                        entries[CodePointKey(text: key)] = rates
                    } else {
                        problems.append("price entry \"\(key)\" has a rate that is not a number; skipped")
                    }
                default:
                    problems.append("price entry \"\(key)\" is not an object; skipped")
                }
            }
            return problems
        }

        /// `estimate_cost`: the cost of the tokens rounded to 8 decimals, and whether the model is unpriced.
        /// A missing (or `null`) entry costs 0 and is unpriced, except for the `ollama` provider (free).
        func estimate(
            provider: String, model: String, input: Int64, output: Int64, cacheRead: Int64, cacheWrite: Int64
        ) -> (cost: Double, unpriced: Bool) {
            guard let found = entry(provider + "/" + model), let rates = found else {
                return (0, !PythonText.equal(provider, "ollama"))
            }
            func term(_ tokens: Int64, _ rate: Rates.Rate) -> Double {
                switch rate {
                case .int(let r): return PythonFloat.trueDivide(Int128(tokens) * Int128(r), 1_000_000)
                case .float(let r): return Double(tokens) * r / 1_000_000
                }
            }
            let cost =
                term(input, rates.input) + term(output, rates.output) + term(cacheRead, rates.cacheRead)
                + term(cacheWrite, rates.cacheWrite)
            return (PythonFloat.round(cost, 8), false)
        }
    }
}

// MARK: Provider and model names

extension PipelineRuntimeUsage {
    static let providerAliases: [String: String] = [
        "anthropic": "anthropic", "claude": "anthropic", "openai": "openai", "codex": "openai",
        "ollama": "ollama", "local": "ollama", "gemini": "google", "google": "google",
    ]

    /// `normalize_provider`: stripped, lowercased, then the seed's aliases (`claude` -> `anthropic`,
    /// `codex` -> `openai`, `local` -> `ollama`, `gemini` -> `google`); empty becomes `unknown`.
    static func normalizeProvider(_ raw: String) -> String {
        let cleaned = PythonText.lower(PythonText.strip(raw))
        // The alias keys are ASCII, so a code-point match is a plain dictionary lookup on ASCII text.
        if cleaned.unicodeScalars.allSatisfy(\.isASCII), let alias = providerAliases[cleaned] { return alias }
        return cleaned.unicodeScalars.isEmpty ? "unknown" : cleaned
    }

    /// `normalize_model`: stripped and lowercased, the part after the first `/`, then one trailing
    /// `-\d{8}`, `-latest`, `-preview`, `-instruct`, `-chat` or `-v\d+(\.\d+)*` removed (`_MODEL_STRIP_RE`).
    /// When nothing is left the whole lowercased name is returned, prefix included.
    static func normalizeModel(_ raw: String) -> String {
        var cleaned = PythonText.lower(PythonText.strip(raw))
        if let (_, rest) = PythonText.splitOnce(cleaned, "/") { cleaned = rest }
        cleaned = removingVersionSuffix(cleaned)
        return cleaned.unicodeScalars.isEmpty ? PythonText.lower(PythonText.strip(raw)) : cleaned
    }

    /// `_MODEL_STRIP_RE.sub("", text)`: the pattern ends in `$`, so it removes the leftmost suffix that matches
    /// one alternative entirely. `\d` is any Unicode decimal digit, as in Python's `re`; IGNORECASE lets `ı`
    /// match `i` and `ſ` match `s` in text that is already lowercase.
    static func removingVersionSuffix(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        for start in scalars.indices where scalars[start] == "-" && isStrippableSuffix(scalars[(start + 1)...]) {
            var kept = String.UnicodeScalarView()
            kept.append(contentsOf: scalars[..<start])
            return String(kept)
        }
        return text
    }

    private static func isStrippableSuffix(_ rest: ArraySlice<Unicode.Scalar>) -> Bool {
        func isDigit(_ s: Unicode.Scalar) -> Bool { s.properties.generalCategory == .decimalNumber }
        if rest.count == 8 && rest.allSatisfy(isDigit) { return true }
        for word in ["latest", "preview", "instruct", "chat"] where rest.count == word.unicodeScalars.count {
            if zip(rest, word.unicodeScalars).allSatisfy(matchesIgnoringCase) { return true }
        }
        // v\d+(\.\d+)*
        guard rest.first == "v" || rest.first == "V" else { return false }
        var digitsInGroup = 0
        for s in rest.dropFirst() {
            if isDigit(s) {
                digitsInGroup += 1
            } else if s == ".", digitsInGroup > 0 {
                digitsInGroup = 0
            } else {
                return false
            }
        }
        return digitsInGroup > 0
    }

    /// Python `re` IGNORECASE for a lowercase ASCII pattern letter: its simple case mapping, plus `sre`'s extra
    /// equivalences for these letters (`i`/`ı`, `s`/`ſ`).
    private static func matchesIgnoringCase(_ text: Unicode.Scalar, _ pattern: Unicode.Scalar) -> Bool {
        if text == pattern || text.properties.lowercaseMapping == String(pattern) { return true }
        return (pattern == "i" && text == "\u{0131}") || (pattern == "s" && text == "\u{017F}")
    }
}
