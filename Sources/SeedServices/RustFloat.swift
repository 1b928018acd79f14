/// Rust's float text where a Rust seed writes one: serde_json writes an `f64` with the `ryu` crate
/// (`ryu::Buffer::format_finite`, `pretty::format64`), and a non-finite one as `null`.
///
/// The digits are the shortest that read back (as Python's `repr` and Swift's `description` choose them); the
/// layout differs from Python's: positional while the decimal exponent `kk` (the value is `0.digits × 10^kk`)
/// is in -4...16, so `0.00001` where Python writes `1e-05`; otherwise `1e-7`, `1.5e16` (no `+`, no padded
/// exponent digits); whole numbers keep `.0`.
enum RustFloat {
    /// serde_json's text of `x`: ryu's for a finite value, `null` otherwise.
    static func text(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        let (negative, digits, kk) = x.shortestDigits
        let sign = negative ? "-" : ""
        if x == 0 { return sign + "0.0" }
        let length = digits.count
        if kk >= length && kk <= 16 {
            // 1234e7 -> 12340000000.0
            return sign + digits + String(repeating: "0", count: kk - length) + ".0"
        }
        if kk > 0 && kk <= 16 {
            // 1234e-2 -> 12.34
            let cut = digits.index(digits.startIndex, offsetBy: kk)
            return sign + digits[..<cut] + "." + digits[cut...]
        }
        if kk > -5 && kk <= 0 {
            // 1234e-6 -> 0.001234
            return sign + "0." + String(repeating: "0", count: -kk) + digits
        }
        let exponent = String(kk - 1)
        if length == 1 { return sign + digits + "e" + exponent }
        return sign + String(digits.first!) + "." + digits.dropFirst() + "e" + exponent
    }
}
