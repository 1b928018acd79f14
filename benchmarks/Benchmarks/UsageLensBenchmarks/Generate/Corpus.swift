import Foundation

/// Generated JSONL and the counts every benchmark checks its result against.
struct Corpus: Sendable {
    var bytes: [UInt8]
    var stats: CorpusStats

    /// One input file of a generated archive.
    struct File: Sendable {
        /// Path relative to the archive root, laid out like `~/.claude/projects` and `~/.codex/sessions`.
        var path: String
        var bytes: [UInt8]
    }

    /// Claude Code sessions, one after another, until about `bytes`.
    static func claudeCode(bytes: Int, seed: UInt64) -> Corpus {
        let pools = TextPools(seed: seed)
        var w = JSONLWriter(capacity: bytes + (1 << 20))
        var stats = CorpusStats()
        var session = seed
        while w.count < bytes {
            session += 1
            var generator = ClaudeCodeSession(pools: pools, seed: session)
            generator.write(into: &w, targetBytes: min(bytes - w.count, 512 << 10 + Int(session % 7) * (512 << 10)))
            stats = stats + generator.stats
        }
        return Corpus(bytes: w.bytes, stats: stats)
    }

    /// Claude Code sessions, then Codex rollouts (about `codexShare` of the bytes), in one stream.
    static func mixed(bytes: Int, codexShare: Double, seed: UInt64) -> Corpus {
        let claudeBytes = Int(Double(bytes) * (1 - codexShare))
        var corpus = claudeCode(bytes: claudeBytes, seed: seed)
        let pools = TextPools(seed: seed)
        var w = JSONLWriter(capacity: bytes - claudeBytes + (1 << 20))
        var rollout = seed &+ 10_000
        while w.count < bytes - claudeBytes {
            rollout += 1
            var generator = CodexRollout(pools: pools, seed: rollout)
            generator.write(into: &w, targetBytes: min(bytes - claudeBytes - w.count, 2 << 20))
            corpus.stats = corpus.stats + generator.stats
        }
        corpus.bytes += w.bytes
        return corpus
    }

    /// An archive of whole sessions, one per file: Claude Code sessions of `claudeSizes` bytes and Codex
    /// rollouts of `codexSizes` bytes.
    static func archive(claudeSizes: [Int], codexSizes: [Int], seed: UInt64) -> (files: [File], stats: CorpusStats) {
        let pools = TextPools(seed: seed)
        var files: [File] = []
        var stats = CorpusStats()
        for (i, size) in claudeSizes.enumerated() {
            var w = JSONLWriter(capacity: size + (1 << 20))
            var generator = ClaudeCodeSession(pools: pools, seed: seed &+ UInt64(i) + 1)
            generator.write(into: &w, targetBytes: size)
            stats = stats + generator.stats
            let project = generator.cwd.replacingOccurrences(of: "/", with: "-")
            files.append(File(path: "claude/projects/\(project)/\(generator.session).jsonl", bytes: w.bytes))
        }
        for (i, size) in codexSizes.enumerated() {
            var w = JSONLWriter(capacity: size + (1 << 20))
            var generator = CodexRollout(pools: pools, seed: seed &+ 20_000 &+ UInt64(i))
            generator.write(into: &w, targetBytes: size)
            stats = stats + generator.stats
            let (y, m, d) = JSONLWriter.civil(days: Int(generator.startMs / 86_400_000))
            let day = String(format: "%04d/%02d/%02d", y, m, d)
            let second = generator.startMs / 1000 % 86400
            let time = String(
                format: "%04d-%02d-%02dT%02d-%02d-%02d", y, m, d, second / 3600, second / 60 % 60, second % 60)
            files.append(File(path: "codex/sessions/\(day)/rollout-\(time)-\(generator.session).jsonl", bytes: w.bytes))
        }
        return (files, stats)
    }
}
