/// Python `str` operations the Pipeline service relies on, over Unicode code points.
///
/// Swift's `String` compares by canonical equivalence and lowercases without context; Python's `str` compares
/// code points and lowercases a final capital sigma to `ς`. These helpers give Python's answers.
enum PythonText {
    /// `a == b` for Python strings.
    static func equal(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.elementsEqual(b.unicodeScalars)
    }

    /// `str.isspace()` for one character: the characters CPython's `Py_UNICODE_ISSPACE` accepts.
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// `str.strip()`.
    static func strip(_ s: String) -> String {
        let scalars = Array(s.unicodeScalars)
        var start = 0
        var end = scalars.count
        while start < end, isSpace(scalars[start]) { start += 1 }
        while end > start, isSpace(scalars[end - 1]) { end -= 1 }
        if start == 0 && end == scalars.count { return s }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }

    /// `str.lower()`: full lowercase mappings, and `Σ` as `ς` at the end of a word (Unicode's Final_Sigma).
    static func lower(_ s: String) -> String {
        let scalars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (i, scalar) in scalars.enumerated() {
            if scalar == "\u{03A3}" {
                out.append(isFinalSigma(scalars, at: i) ? "\u{03C2}" : "\u{03C3}")
            } else {
                out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return String(out)
    }

    /// CPython's `handle_capital_sigma`: a cased letter before (skipping case-ignorables) and none after.
    private static func isFinalSigma(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        var j = index - 1
        while j >= 0, scalars[j].properties.isCaseIgnorable { j -= 1 }
        guard j >= 0, scalars[j].properties.isCased else { return false }
        var k = index + 1
        while k < scalars.count, scalars[k].properties.isCaseIgnorable { k += 1 }
        return k == scalars.count || !scalars[k].properties.isCased
    }

    /// `needle in haystack`.
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        let h = Array(haystack.unicodeScalars)
        let n = Array(needle.unicodeScalars)
        guard !n.isEmpty else { return true }
        guard h.count >= n.count else { return false }
        for start in 0...(h.count - n.count) where h[start..<start + n.count].elementsEqual(n) { return true }
        return false
    }

    /// `s.replace(old, new)` for a one-character `old`.
    static func replace(_ s: String, _ old: Unicode.Scalar, with new: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            if scalar == old { out.append(contentsOf: new.unicodeScalars) } else { out.append(scalar) }
        }
        return String(out)
    }

    /// `s.split(separator, 1)` for a one-character separator: the text before the first one and the rest.
    static func splitOnce(_ s: String, _ separator: Unicode.Scalar) -> (String, String)? {
        let scalars = Array(s.unicodeScalars)
        guard let i = scalars.firstIndex(of: separator) else { return nil }
        var head = String.UnicodeScalarView()
        head.append(contentsOf: scalars[..<i])
        var tail = String.UnicodeScalarView()
        tail.append(contentsOf: scalars[(i + 1)...])
        return (String(head), String(tail))
    }
}
