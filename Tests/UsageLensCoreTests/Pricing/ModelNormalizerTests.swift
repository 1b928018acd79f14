import Testing

@testable import UsageLensCore

@Suite("ModelNormalizer")
struct ModelNormalizerTests {
    @Test(
        "provider aliases map to canonical providers",
        arguments: [
            ("claude", "anthropic"), ("codex", "openai"), ("gemini", "google"), ("local", "ollama"),
            ("anthropic", "anthropic"), ("openai", "openai"), ("google", "google"), ("ollama", "ollama"),
            ("Claude", "anthropic"), ("  CODEX ", "openai"), ("vertex_ai", "google"), ("bedrock", "bedrock"),
            ("azure", "azure"),  // resellers price differently: no alias
        ])
    func providerAlias(raw: String, expected: String) {
        #expect(ModelNormalizer.provider(raw) == expected)
    }

    @Test("an unknown provider is kept, lower-cased; an empty one is 'unknown'")
    func providerUnknownAndEmpty() {
        #expect(ModelNormalizer.provider("Mistral") == "mistral")
        #expect(ModelNormalizer.provider("xai") == "xai")
        #expect(ModelNormalizer.provider("") == "unknown")
        #expect(ModelNormalizer.provider("   ") == "unknown")
    }

    @Test(
        "model names are normalised to the canonical slug and the provider they name",
        arguments: [
            ("claude-sonnet-4-5-20250929", nil, "claude-sonnet-4-5"),
            ("anthropic/claude-sonnet-4-5", "anthropic", "claude-sonnet-4-5"),
            ("claude-sonnet-4-5@20250929", nil, "claude-sonnet-4-5"),
            ("us.anthropic.claude-sonnet-4-20250514-v1:0", "anthropic", "claude-sonnet-4"),
            ("anthropic.claude-3-5-sonnet-20240620-v1:0", "anthropic", "claude-3-5-sonnet"),
            ("openrouter/anthropic/claude-opus-4-1", "anthropic", "claude-opus-4-1"),
            ("gpt-4o-mini-2024-07-18", nil, "gpt-4o-mini"),
            ("gemini-2.5-pro-preview", nil, "gemini-2.5-pro"),
            ("claude-3-5-sonnet-latest", nil, "claude-3-5-sonnet"),
            ("llama3:8b", nil, "llama3:8b"),
            ("gpt-4.1", nil, "gpt-4.1"),
            ("gpt-5-codex", nil, "gpt-5-codex"),
            ("Claude-Sonnet-4-5-20250929", nil, "claude-sonnet-4-5"),
            ("  claude-opus-4-1  ", nil, "claude-opus-4-1"),
            ("claude/claude-opus-4-1", "anthropic", "claude-opus-4-1"),
            ("gemini/gemini-2.5-pro", "google", "gemini-2.5-pro"),
            ("openrouter/claude-opus-4-1", nil, "claude-opus-4-1"),
            ("eu.anthropic.claude-3-7-sonnet-20250219-v1:0", "anthropic", "claude-3-7-sonnet"),
            // Suffixes stack and are stripped until none is left.
            ("claude-3-5-sonnet-20240620-latest", nil, "claude-3-5-sonnet"),
            ("gemini-2.5-flash-preview-2025-09-25", nil, "gemini-2.5-flash"),
        ] as [(String, String?, String)])
    func split(raw: String, provider: String?, model: String) {
        let result = ModelNormalizer.split(raw)
        #expect(result.provider == provider)
        #expect(result.model == model)
    }

    @Test(
        "suffix stripping leaves names without a date or channel suffix alone",
        arguments: ["gpt-4-0613", "gpt-4.1", "o3-mini", "qwen2.5-coder:7b", "deepseek-r1:14b", "latest", "gpt-5"])
    func stripSuffixesKeepsPlainNames(name: String) {
        #expect(ModelNormalizer.stripSuffixes(name) == name)
    }

    @Test(
        "suffix stripping removes each documented form",
        arguments: [
            ("claude-opus-4-1-20250805", "claude-opus-4-1"), ("claude-opus-4-1@20250805", "claude-opus-4-1"),
            ("gpt-4o-2024-08-06", "gpt-4o"), ("o3-mini-latest", "o3-mini"), ("gemini-3-pro-preview", "gemini-3-pro"),
            ("claude-3-haiku-20240307-v1:0", "claude-3-haiku"), ("claude-instant-v1:2", "claude-instant"),
        ])
    func stripSuffixesRemoves(name: String, expected: String) {
        #expect(ModelNormalizer.stripSuffixes(name) == expected)
    }

    @Test(
        "the log format decides the provider when the log names none",
        arguments: [
            ("gpt-5", LogFormat.claudeCode, "anthropic"), ("claude-sonnet-4-5", LogFormat.codex, "openai"),
            ("anything", LogFormat.claudeCode, "anthropic"), ("anything", LogFormat.codex, "openai"),
        ])
    func inferProviderFromFormat(model: String, format: LogFormat, expected: String) {
        #expect(ModelNormalizer.inferProvider(model: model, format: format.providerHint) == expected)
    }

    @Test(
        "without a format, the model family decides the provider",
        arguments: [
            ("claude-sonnet-4-5", "anthropic"), ("claude-3-haiku", "anthropic"), ("gpt-4o", "openai"),
            ("gpt-5-codex", "openai"), ("o1", "openai"), ("o3-mini", "openai"), ("o4-mini", "openai"),
            ("chatgpt-4o", "openai"), ("gemini-2.5-pro", "google"), ("gemma-3", "google"), ("grok-4", "xai"),
            ("deepseek-chat", "deepseek"), ("mistral-large", "mistral"), ("codestral", "mistral"),
            ("llama3:8b", "ollama"), ("qwen2.5-coder:7b", "ollama"), ("my-model", "unknown"), ("", "unknown"),
        ])
    func inferProviderFromFamily(model: String, expected: String) {
        #expect(ModelNormalizer.inferProvider(model: model, format: nil) == expected)
    }

    @Test("normalising twice changes nothing more", arguments: [
        "claude-sonnet-4-5-20250929", "us.anthropic.claude-sonnet-4-20250514-v1:0", "openrouter/anthropic/claude-opus-4-1",
        "gpt-4o-mini-2024-07-18", "gemini-2.5-pro-preview", "llama3:8b",
    ])
    func idempotent(raw: String) {
        let once = ModelNormalizer.split(raw).model
        #expect(ModelNormalizer.split(once).model == once)
    }

    @Test(
        "surrounding spaces, ASCII or not, are trimmed; names without them are kept as they are",
        arguments: [
            ("  claude-sonnet-4-5\n", "claude-sonnet-4-5"), ("\u{00A0}gpt-4o\u{2003}", "gpt-4o"),
            ("\tgpt-4o", "gpt-4o"), ("gpt-4o\r\n", "gpt-4o"), ("gpt-4o", "gpt-4o"), ("é-model ", "é-model"),
            ("llama3:8b", "llama3:8b"), ("", ""), (" ", ""),
        ])
    func trimming(raw: String, trimmed: String) {
        #expect(raw.trimmingSpaces() == trimmed)
    }
}
