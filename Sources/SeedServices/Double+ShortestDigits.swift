extension Double {
    /// The shortest round-trip digits of a finite value (no leading or trailing zeros, "0" for zero) and where the
    /// decimal point goes: the value is `0.digits × 10^decimalPoint`.
    var shortestDigits: (negative: Bool, digits: String, decimalPoint: Int) {
        let x = self
        let negative = x.sign == .minus
        if x == 0 { return (negative, "0", 1) }
        var text = Substring(abs(x).description)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...])!
            text = text[..<e]
        }
        var integerPart = text
        var fraction: Substring = ""
        if let dot = text.firstIndex(of: ".") {
            integerPart = text[..<dot]
            fraction = text[text.index(after: dot)...]
        }
        var digits = String(integerPart) + String(fraction)
        var decimalPoint = integerPart.count + exponent
        while digits.first == "0" {
            digits.removeFirst()
            decimalPoint -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        return (negative, digits, decimalPoint)
    }
}
