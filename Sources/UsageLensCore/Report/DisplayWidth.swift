/// How many terminal columns text takes: East Asian wide and fullwidth characters (CJK, Hangul, fullwidth forms)
/// and emoji take two, combining marks and format characters none, everything else one. This is what
/// `wcwidth(3)` answers per character, computed here so that the answer does not depend on the C library's locale.
public enum DisplayWidth {
    /// The columns `text` takes on a terminal.
    ///
    /// - Complexity: O(n) in the UTF-8 length; ASCII text is its byte count without a look at the characters.
    public static func of(_ text: some StringProtocol) -> Int {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.utf8.count }
        var width = 0
        for character in text { width += of(character) }
        return width
    }

    /// The columns one character (a grapheme cluster) takes: the widest of its scalars, 2 for an emoji
    /// presentation (`❤️` is a narrow heart asked to be an emoji by U+FE0F).
    public static func of(_ character: Character) -> Int {
        var width = 0
        for scalar in character.unicodeScalars {
            if scalar.value == 0xFE0F && width == 1 { return 2 }
            width = max(width, of(scalar))
        }
        return width
    }

    /// The columns one scalar takes alone.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x7F { return value < 0x20 ? 0 : 1 }
        if value < 0xA0 { return 0 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        // Hangul medial vowels and final consonants join the syllable before them.
        if (0x1160...0x11FF).contains(value) { return 0 }
        if scalar.properties.isEmojiPresentation { return 2 }
        return isWide(value) ? 2 : 1
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges of Unicode 15's EastAsianWidth.txt, merged where they touch;
    /// emoji come from the scalar's `isEmojiPresentation` instead.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1AFF0...0x1B2FF,
        0x1F200...0x1F2FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    static func isWide(_ value: UInt32) -> Bool {
        guard value >= 0x1100 else { return false }
        // A binary search over 20 ranges; this runs once per non-ASCII character of a table cell.
        var low = 0
        var high = wideRanges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = wideRanges[mid]
            if value < range.lowerBound {
                high = mid - 1
            } else if value > range.upperBound {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }

    /// `text` in at most `width` columns: itself when it fits, else its start and its end around an ellipsis
    /// (`samples/claude/pro…a7ca7ebc0bc8.jsonl`). The end gets the larger half: it tells paths and ids apart.
    /// A wide character that would straddle the limit is left out, so the result may be a column short.
    public static func middleEllipsis(_ text: String, width: Int) -> String {
        guard of(text) > width else { return text }
        guard width > 1 else { return width == 1 ? "…" : "" }
        let characters = Array(text)
        var head = 0
        var used = 0
        while head < characters.count, used + of(characters[head]) <= (width - 1) / 2 {
            used += of(characters[head])
            head += 1
        }
        // The end takes what the start left, a column the start's wide character could not use included.
        let tailBudget = width - 1 - used
        var tail = characters.count
        used = 0
        while tail > head, used + of(characters[tail - 1]) <= tailBudget {
            used += of(characters[tail - 1])
            tail -= 1
        }
        return String(characters[..<head]) + "…" + String(characters[tail...])
    }

    /// `text` broken into lines of at most `width` columns at spaces; a word longer than a line is cut. Lines after
    /// the first are indented by the first's leading spaces and two more, so a wrapped note reads as one.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard of(text) > width, width > 0 else { return [text] }
        let indentCount = text.prefix { $0 == " " }.count
        // Too narrow a line for an indent (a wide character must still fit after it): none.
        let continuation = String(repeating: " ", count: width < 8 ? 0 : min(indentCount + 2, width / 2))
        var lines: [String] = []
        var line = String(repeating: " ", count: indentCount)
        var lineWidth = indentCount
        let lineStart = { lines.isEmpty ? indentCount : continuation.count }
        for word in text.dropFirst(indentCount).split(separator: " ", omittingEmptySubsequences: false) {
            var rest = Substring(word)
            let wordWidth = of(rest)
            let atStart = lineWidth == lineStart()
            if !atStart && lineWidth + 1 + wordWidth <= width {
                line += " " + rest
                lineWidth += 1 + wordWidth
                continue
            }
            if !atStart {
                lines.append(line)
                line = continuation
                lineWidth = continuation.count
            }
            // Cut a word that does not fit a whole line.
            while of(rest) > width - lineWidth {
                var taken = rest.startIndex
                var takenWidth = 0
                while taken < rest.endIndex, lineWidth + takenWidth + of(rest[taken]) <= width {
                    takenWidth += of(rest[taken])
                    taken = rest.index(after: taken)
                }
                if taken == rest.startIndex { taken = rest.index(after: taken) }
                lines.append(line + rest[..<taken])
                rest = rest[taken...]
                line = continuation
                lineWidth = continuation.count
            }
            line += rest
            lineWidth += of(rest)
        }
        lines.append(line)
        return lines
    }
}
