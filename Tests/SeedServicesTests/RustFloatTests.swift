import Testing

@testable import SeedServices

/// serde_json's float text (ryu's `format64` layout), which distri's `GET /v1/usage/stats` writes.
@Suite struct RustFloatTests {
    @Test func layoutIsRyus() {
        let cases: [(Double, String)] = [
            (0, "0.0"), (-0.0, "-0.0"), (1, "1.0"), (1.5, "1.5"), (123.456, "123.456"), (1e15, "1000000000000000.0"),
            (1e16, "1e16"), (1.5e16, "1.5e16"), (123456789012345680, "1.2345678901234568e17"), (0.0001, "0.0001"),
            (1e-5, "0.00001"), (1.25e-5, "0.0000125"), (1e-6, "1e-6"), (1.5e-7, "1.5e-7"), (-2.5e-9, "-2.5e-9"),
            (0.1 + 0.2, "0.30000000000000004"), (Double.leastNonzeroMagnitude, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e308"),
        ]
        for (value, expected) in cases { #expect(RustFloat.text(value) == expected, "\(value)") }
    }

    @Test func nonFiniteIsNull() {
        #expect(RustFloat.text(.nan) == "null")
        #expect(RustFloat.text(.infinity) == "null")
        #expect(RustFloat.text(-.infinity) == "null")
    }
}
