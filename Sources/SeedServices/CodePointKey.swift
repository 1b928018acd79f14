/// A string compared and hashed by its Unicode code points, as Python compares `str` (Swift's `String`
/// compares by canonical equivalence: `"\u{212A}" == "K"` there, not in Python).
struct CodePointKey: Hashable, Sendable {
    let text: String

    static func == (a: CodePointKey, b: CodePointKey) -> Bool { PythonText.equal(a.text, b.text) }

    func hash(into hasher: inout Hasher) {
        for scalar in text.unicodeScalars { hasher.combine(scalar.value) }
    }
}
