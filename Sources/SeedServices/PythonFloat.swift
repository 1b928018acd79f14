/// Python's number semantics where they differ from Swift's: `float(str)`, `repr(float)`, `round(x, n)`,
/// `//`, and `int / int`. Each gives CPython's result bit for bit.
enum PythonFloat {
    // MARK: float(text)

    /// `float(text)` for a `str`, nil where Python raises `ValueError`.
    ///
    /// CPython first maps non-ASCII whitespace to spaces and Unicode decimal digits (`٣`, `３`) to ASCII digits,
    /// strips ASCII whitespace (not `\x1c`...`\x1f`, which `str.strip()` would remove), then reads `[sign] (inf | infinity | nan | digits[.digits][e[sign]digits])` with
    /// case-insensitive words and single underscores allowed between digits (`1_000.5`). Hexadecimal is not
    /// read. Overflow gives ±infinity, as in Python.
    static func parse(_ text: String) -> Double? {
        var ascii: [UInt8] = []
        for scalar in text.unicodeScalars {
            if scalar.value < 0x7F {
                ascii.append(UInt8(scalar.value))
            } else if PythonText.isSpace(scalar) {
                ascii.append(0x20)
            } else if scalar.properties.generalCategory == .decimalNumber, let digit = scalar.properties.numericValue {
                ascii.append(0x30 + UInt8(digit))
            } else {
                return nil
            }
        }
        var start = 0
        var end = ascii.count
        while start < end, isASCIISpace(ascii[start]) { start += 1 }
        while end > start, isASCIISpace(ascii[end - 1]) { end -= 1 }
        var body = Array(ascii[start..<end])
        guard !body.isEmpty, !body.contains(0) else { return nil }
        if body.contains(UInt8(ascii: "_")) {
            // `_Py_string_to_number_with_underscores`: an underscore only between two digits.
            var kept: [UInt8] = []
            var previous: UInt8 = 0
            for c in body {
                if c == UInt8(ascii: "_") {
                    guard isDigit(previous) else { return nil }
                } else {
                    if previous == UInt8(ascii: "_") && !isDigit(c) { return nil }
                    kept.append(c)
                }
                previous = c
            }
            guard previous != UInt8(ascii: "_") else { return nil }
            body = kept
        }
        var i = 0
        var negative = false
        if body[0] == UInt8(ascii: "+") || body[0] == UInt8(ascii: "-") {
            negative = body[0] == UInt8(ascii: "-")
            i = 1
        }
        let word = String(decoding: body[i...], as: UTF8.self).lowercased()
        if word == "inf" || word == "infinity" { return negative ? -.infinity : .infinity }
        if word == "nan" { return negative ? -.nan : .nan }
        var mantissaDigits = 0
        while i < body.count, isDigit(body[i]) {
            i += 1
            mantissaDigits += 1
        }
        if i < body.count, body[i] == UInt8(ascii: ".") {
            i += 1
            while i < body.count, isDigit(body[i]) {
                i += 1
                mantissaDigits += 1
            }
        }
        guard mantissaDigits > 0 else { return nil }
        if i < body.count, body[i] == UInt8(ascii: "e") || body[i] == UInt8(ascii: "E") {
            i += 1
            if i < body.count, body[i] == UInt8(ascii: "+") || body[i] == UInt8(ascii: "-") { i += 1 }
            var exponentDigits = 0
            while i < body.count, isDigit(body[i]) {
                i += 1
                exponentDigits += 1
            }
            guard exponentDigits > 0 else { return nil }
        }
        guard i == body.count else { return nil }
        // The grammar is checked; strtod (behind Double.init) rounds correctly, as Python's dtoa does.
        return Double(String(decoding: body, as: UTF8.self))
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    private static func isASCIISpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }

    // MARK: repr(float)

    /// `repr(x)`: the shortest digits that read back as `x`, in positional notation when the decimal exponent
    /// is between -4 and 16, else as `1.5e-07` / `1e+16`; whole numbers keep `.0`.
    static func repr(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        // Swift's description has the same shortest round-trip digits; only the layout differs.
        let (negative, digits, decimalPoint) = x.shortestDigits
        let sign = negative ? "-" : ""
        if decimalPoint <= -4 || decimalPoint > 16 {
            let exponent = decimalPoint - 1
            let mantissa = digits.count > 1 ? "\(digits.first!).\(digits.dropFirst())" : digits
            let magnitude = String(abs(exponent))
            return "\(sign)\(mantissa)e\(exponent < 0 ? "-" : "+")\(magnitude.count < 2 ? "0" : "")\(magnitude)"
        }
        if decimalPoint <= 0 {
            return "\(sign)0.\(String(repeating: "0", count: -decimalPoint))\(digits)"
        }
        if decimalPoint >= digits.count {
            return "\(sign)\(digits)\(String(repeating: "0", count: decimalPoint - digits.count)).0"
        }
        let cut = digits.index(digits.startIndex, offsetBy: decimalPoint)
        return "\(sign)\(digits[..<cut]).\(digits[cut...])"
    }

    // MARK: round(x, n)

    /// `round(x, ndigits)` for a float: the exact binary value rounded half-to-even at `ndigits` decimals
    /// (CPython's `double_round` through dtoa), then the nearest double. `ndigits` is 0...17 here.
    static func round(_ x: Double, _ ndigits: Int) -> Double {
        guard x.isFinite, x != 0 else { return x }
        // x = significand × 2^exponent with an integral significand.
        let exponent = Int(x.exponent) - Double.significandBitCount
        guard exponent < 0 else { return x }  // an integer already
        let significand = UInt128(x.significandBitPattern | (x.isNormal ? 1 << 52 : 0))
        var power: UInt128 = 1
        for _ in 0..<ndigits { power *= 10 }
        let scaled = significand * power  // < 2^53 · 10^17 < 2^110
        let shift = -(x.isNormal ? exponent : Int(Double.leastNormalMagnitude.exponent) - Double.significandBitCount)
        let rounded: UInt128
        if shift >= 120 {
            rounded = 0
        } else {
            let quotient = scaled >> shift
            let remainder = scaled - (quotient << shift)
            let half = UInt128(1) << (shift - 1)
            rounded = remainder > half || (remainder == half && quotient & 1 == 1) ? quotient + 1 : quotient
        }
        let result = Double("\(rounded)e-\(ndigits)")!
        return x < 0 ? -result : result
    }

    // MARK: Division

    /// Python's `a // b` for floats (`float_floor_div`): through `fmod`, then snapped to an integral value.
    /// `b` must not be zero (Python raises `ZeroDivisionError`).
    static func floorDivide(_ a: Double, _ b: Double) -> Double {
        var mod = fmod(a, b)
        var div = (a - mod) / b
        if mod != 0 {
            if (b < 0) != (mod < 0) {
                mod += b
                div -= 1
            }
        }
        if div != 0 {
            var floored = div.rounded(.down)
            if div - floored > 0.5 { floored += 1 }
            return floored
        }
        return Double(signOf: a / b, magnitudeOf: 0)
    }

    /// C's `fmod`, spelled out so that no libm import is needed: `a - trunc(a / b) · b`, computed exactly.
    private static func fmod(_ a: Double, _ b: Double) -> Double {
        a.truncatingRemainder(dividingBy: b)
    }

    /// Python's `a / b` for integers: the exact quotient correctly rounded (half to even). `b` must be positive.
    static func trueDivide(_ a: Int128, _ b: Int128) -> Double {
        precondition(b > 0, "trueDivide needs a positive divisor")
        let negative = a < 0
        let magnitude = UInt128(a.magnitude)
        let divisor = UInt128(b)
        guard magnitude != 0 else { return 0 }
        // Scale the dividend so the quotient has at least 55 bits, then round those to 53 with a sticky bit.
        let shift = max(0, 55 + bitLength(divisor) - bitLength(magnitude))
        let numerator = magnitude << shift
        let quotient = numerator / divisor
        let sticky = numerator % divisor != 0
        let extra = bitLength(quotient) - 53
        var mantissa = quotient >> extra
        let dropped = quotient - (mantissa << extra)
        let half = UInt128(1) << (extra - 1)
        if dropped > half || (dropped == half && (sticky || mantissa & 1 == 1)) { mantissa += 1 }
        let value = Double(sign: negative ? .minus : .plus, exponent: extra - shift, significand: Double(mantissa))
        return value
    }

    private static func bitLength(_ v: UInt128) -> Int { 128 - v.leadingZeroBitCount }

    // MARK: int(x)

    /// `int(x)` for a finite float, truncated toward zero and held to 64 bits (Python's integers are unbounded;
    /// values past ±2^63 saturate).
    static func truncatedInt(_ x: Double) -> Int64 {
        if x.isNaN { return 0 }
        if x >= 9_223_372_036_854_775_807.0 { return .max }
        if x <= -9_223_372_036_854_775_808.0 { return .min }
        return Int64(x.rounded(.towardZero))
    }
}
