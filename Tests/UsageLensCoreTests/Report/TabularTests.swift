import Testing

@testable import UsageLensCore

@Suite("Tabular and Formatting")
struct TabularTests {
    @Test(
        "grouped puts a comma every three digits",
        arguments: [
            (0, "0"), (7, "7"), (999, "999"), (1000, "1,000"), (1234, "1,234"), (12_345, "12,345"),
            (999_999, "999,999"), (1_000_000, "1,000,000"), (1_234_567, "1,234,567"), (-1, "-1"), (-999, "-999"),
            (-1000, "-1,000"), (-1_234_567, "-1,234,567"),
            (Int64.max, "9,223,372,036,854,775,807"), (Int64.min, "-9,223,372,036,854,775,808"),
        ] as [(Int64, String)])
    func grouped(value: Int64, expected: String) {
        #expect(Formatting.grouped(value) == expected)
    }

    @Test(
        "dollars round to cents, half away from zero, with grouping",
        arguments: [
            (0, "$0.00"), (0.005, "$0.01"), (0.004, "$0.00"), (0.015, "$0.02"), (0.125, "$0.13"), (1, "$1.00"),
            (12.3, "$12.30"), (999.999, "$1,000.00"), (1234.5, "$1,234.50"), (1_234_567.891, "$1,234,567.89"),
            (-0.005, "-$0.01"), (-1234.5, "-$1,234.50"),
        ] as [(Double, String)])
    func dollars(value: Double, expected: String) {
        #expect(Formatting.dollars(value) == expected)
    }

    @Test("a cell's raw text defaults to its display text")
    func cellRaw() {
        let plain = Tabular.Cell("1,234")
        #expect(plain.raw == "1,234")
        let raw = Tabular.Cell("1,234", raw: "1234")
        #expect(raw.display == "1,234")
        #expect(raw.raw == "1234")
    }

    @Test("columns are right-aligned unless asked otherwise")
    func columnAlignment() {
        #expect(Tabular.Column("Cost").alignment == .right)
        #expect(Tabular.Column("Model", .left).alignment == .left)
        let t = Tabular(title: "T", columns: [.init("A")])
        #expect(t.rows.isEmpty)
        #expect(t.totals == nil)
        #expect(t.notes.isEmpty)
        #expect(t.detailRows.isEmpty)
    }

    @Test("dollars: no sign on a cost that rounds to zero, a marker for non-finite values")
    func dollarEdges() {
        #expect(Formatting.dollars(-0.001) == "$0.00")
        #expect(Formatting.dollars(-0.01) == "-$0.01")
        #expect(Formatting.dollars(.nan) == "$?")
        #expect(Formatting.dollars(.infinity) == "$?")
    }
}
