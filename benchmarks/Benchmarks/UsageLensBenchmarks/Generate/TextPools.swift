import Foundation

/// Large pools of text that prompts, answers and tool output are sliced from, built once per seed.
///
/// The shapes follow `shared/bench/gen.py`: Zipf-weighted English-ish prose with some Markdown, backticks, quotes
/// and non-ASCII; code lines with quotes, backslashes and tabs; Read-tool listings (`     1→...`); base64.
/// None of the pools holds a prefilter needle (`token_count`, `turn_context`, `session_meta`), and `"usage"` in
/// text is always escaped, so the prefilter's true candidates are known from the generator alone.
struct TextPools {
    enum Kind { case prose, code, numbered, base64 }

    let prose: [UInt8]
    let code: [UInt8]
    let numbered: [UInt8]
    let base64: [UInt8]

    static let words = """
        the of and to in is that for it with as was on be by this are or from at an which have not but they has had \
        were all their one can more if will would there function return value error file test build module import \
        export class struct const let var self async await string int array map filter reduce config path request \
        response server client token usage model cache input output stream parse json line buffer read write open \
        close update delete create fix bug issue refactor commit branch merge diff patch review check lint format type \
        interface protocol swift python rust typescript node package dependency version release deploy docker \
        database query index table column row schema migration api endpoint handler route please can you make sure we \
        should also need to add remove change implement let's now look at the following first then after that finally \
        here's what I found performance memory latency throughput benchmark profile optimize allocation copy thread \
        queue lock mutex channel worker pool task job schedule timer event loop user session message content text role \
        assistant system tool result summary directory folder project workspace source tests docs readme changelog \
        license
        """.split(separator: " ").map(String.init)

    static let unicodeWords = [
        "café", "naïve", "→", "—", "✓", "✗", "…", "日本語", "中文", "🚀", "“quoted”", "µs", "±", "≥", "€", "Ω", "ß", "ö", "é",
    ]

    static let codeLines = [
        "import Foundation",
        "from pathlib import Path",
        "def parse_line(line: str) -> dict:",
        "    \"\"\"Parse a single JSONL record.\"\"\"",
        "    return json.loads(line)",
        "func aggregate(_ records: [Record]) -> [String: Totals] {",
        "    var totals: [String: Totals] = [:]",
        "    for r in records where r.type == \"assistant\" {",
        "        totals[r.model, default: Totals()].add(r.usage)",
        "    }",
        "}",
        "const usage = msg?.message?.usage ?? {};",
        "if (line.includes('\"type\":\"assistant\"')) {",
        "    console.log(`processed ${count} lines in ${ms}ms`);",
        "fn main() -> Result<(), Box<dyn Error>> {",
        "    let path = std::env::args().nth(1).expect(\"path\");",
        "    let re = Regex::new(r\"^\\d{4}-\\d{2}-\\d{2}T\").unwrap();",
        "SELECT model, sum(input_tokens) FROM usage GROUP BY 1;",
        "#include <yajl/yajl_parse.h>",
        "\tstatic int on_key(void *ctx, const unsigned char *k, size_t n) {",
        "\t\treturn 1;",
        "\t}",
        "echo \"done\" && exit 0",
        "let pattern = \"C:\\\\Users\\\\dev\\\\proj\";",
        "  \"scripts\": { \"build\": \"tsc -p .\", \"test\": \"vitest run\" },",
        "",
    ]

    init(seed: UInt64) {
        var rng = SeededGenerator(seed: seed ^ 0xC0_4B05)
        prose = Self.makeProse(&rng, bytes: 2 << 20)
        var code: [UInt8] = []
        var lines: [String] = []
        while code.count < 1 << 20 {
            let line = rng.pick(Self.codeLines)
            lines.append(line)
            code.append(contentsOf: line.utf8)
            code.append(0x0A)
        }
        self.code = code
        var numbered: [UInt8] = []
        for (i, line) in lines.enumerated() {
            let n = String(i % 900 + 1)
            numbered.append(contentsOf: String(repeating: " ", count: 6 - n.count).utf8)
            numbered.append(contentsOf: (n + "→" + line + "\n").utf8)
        }
        self.numbered = numbered
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        base64 = (0..<400_000).map { _ in alphabet[Int(rng.next() % 64)] }
    }

    private static func makeProse(_ rng: inout SeededGenerator, bytes: Int) -> [UInt8] {
        // Zipf-like: word i has weight 1 / (i + 1)^0.9.
        var cumulative: [Double] = []
        var sum = 0.0
        for i in words.indices {
            sum += 1 / pow(Double(i + 1), 0.9)
            cumulative.append(sum)
        }
        func word(_ rng: inout SeededGenerator) -> String {
            let x = rng.unit() * sum
            var lo = 0
            var hi = cumulative.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] < x { lo = mid + 1 } else { hi = mid }
            }
            return words[lo]
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes + 512)
        while out.count < bytes {
            var sentence = (0..<rng.int(6...22)).map { _ in word(&rng) }
            if rng.chance(0.04) { sentence.insert(rng.pick(unicodeWords), at: rng.int(0...sentence.count)) }
            if rng.chance(0.08) {
                let j = rng.int(0...sentence.count - 1)
                sentence[j] = "`" + sentence[j] + "`"
            }
            if rng.chance(0.03) {
                let j = rng.int(0...sentence.count - 1)
                sentence[j] = "\"" + sentence[j] + "\""
            }
            var s = sentence.joined(separator: " ")
            s = s.prefix(1).uppercased() + s.dropFirst() + rng.pick([".", ".", ".", "?", ":", "!"])
            let r = rng.unit()
            if r < 0.12 {
                s += "\n\n"
            } else if r < 0.18 {
                s = "\n- " + s
            } else if r < 0.2 {
                s = "\n## " + s + "\n"
            } else {
                s += " "
            }
            out.append(contentsOf: s.utf8)
        }
        return out
    }

    func pool(_ kind: Kind) -> [UInt8] {
        switch kind {
        case .prose: return prose
        case .code: return code
        case .numbered: return numbered
        case .base64: return base64
        }
    }

    /// About `length` bytes of one pool from a random place, cut at UTF-8 character boundaries.
    func slice(_ kind: Kind, _ length: Int, _ rng: inout SeededGenerator) -> ArraySlice<UInt8> {
        let pool = pool(kind)
        let n = max(1, min(length, pool.count - 8))
        var start = Int(rng.next() % UInt64(pool.count - n))
        while start > 0 && pool[start] & 0xC0 == 0x80 { start -= 1 }
        var end = start + n
        while end < pool.count && pool[end] & 0xC0 == 0x80 { end += 1 }
        return pool[start..<end]
    }

    /// At most `count` bytes of `text`, not cutting a UTF-8 character.
    static func characterPrefix(_ text: ArraySlice<UInt8>, _ count: Int) -> ArraySlice<UInt8> {
        var end = min(count, text.count) + text.startIndex
        while end < text.endIndex && text[end] & 0xC0 == 0x80 { end -= 1 }
        return text[text.startIndex..<end]
    }

    /// A prompt or answer: prose, sometimes with a fenced code block.
    func mixed(_ length: Int, _ rng: inout SeededGenerator) -> [UInt8] {
        if length > 400 && rng.chance(0.35) {
            let k = rng.int(length / 4...length / 2)
            return Array(slice(.prose, length - k, &rng)) + Array("\n\n```\n".utf8) + slice(.code, k, &rng)
                + Array("\n```\n".utf8)
        }
        return Array(slice(.prose, length, &rng))
    }
}
