import Testing

@testable import UsageLensCore

/// A column written as its packed blocks reads back as the same values, sealed blocks and open block alike, and a
/// damaged one is refused (`Cache/ColumnCoding.swift`).
@Suite struct ColumnCodingTests {
    /// Values that need 0, 1, 3 and 8 bytes in different blocks, and an open block at the end.
    static func values(_ count: Int) -> [UInt64] {
        (0..<count).map { i in
            switch i / 1024 {
            case 0: 7  // one value: a block of width 0
            case 1: UInt64(i % 200)
            case 2: 1_000_000 + UInt64(i * 37 % 5_000_000)
            default: UInt64(i) &* 0x9E37_79B9_7F4A_7C15
            }
        }
    }

    @Test(arguments: [0, 1, 1023, 1024, 1025, 3 * 1024, 4 * 1024 + 17])
    func aColumnReadsBackAsItWasWritten(count: Int) throws {
        let column = PackedColumn(Self.values(count))
        var w = BinaryWriter()
        column.write(to: &w)
        var r = BinaryReader(w.bytes)
        let back = try PackedColumn<UInt64>(reading: &r, count: count)
        #expect(r.isAtEnd)
        #expect((0..<count).map { back[$0] } == Self.values(count))
        // Read back, it can be written again to the same bytes (the blocks are the same blocks).
        var again = BinaryWriter()
        back.write(to: &again)
        #expect(again.bytes == w.bytes)
    }

    @Test func aValueOutsideWhatTheColumnMayHoldIsRefusedInASealedBlockAndInTheOpenOne() throws {
        for count in [2048, 100] {
            let values = (0..<count).map { UInt64($0 % 50) }
            var w = BinaryWriter()
            PackedColumn(values).write(to: &w)
            var fits = BinaryReader(w.bytes)
            #expect((try? PackedColumn<UInt64>(reading: &fits, count: count, allowed: 0...49)) != nil)
            var tooLarge = BinaryReader(w.bytes)
            #expect(throws: BinaryReader.Truncated.self) {
                _ = try PackedColumn<UInt64>(reading: &tooLarge, count: count, allowed: 0...48)
            }
        }
    }

    @Test func aDamagedWidthOrACutColumnIsRefused() throws {
        let count = 1500
        var w = BinaryWriter()
        PackedColumn(Self.values(count)).write(to: &w)
        var bytes = w.bytes
        bytes[8] = 9  // the first block's width: at most 8
        var r = BinaryReader(bytes)
        #expect(throws: BinaryReader.Truncated.self) { _ = try PackedColumn<UInt64>(reading: &r, count: count) }
        var cut = BinaryReader(Array(w.bytes.dropLast(5)))
        #expect(throws: BinaryReader.Truncated.self) { _ = try PackedColumn<UInt64>(reading: &cut, count: count) }
        // A base so large that base + offset would wrap: the second block's (the first, of width 0, is 9 bytes).
        var wrap = w.bytes
        for k in 9..<17 { wrap[k] = 0xFF }
        var r2 = BinaryReader(wrap)
        #expect(throws: BinaryReader.Truncated.self) { _ = try PackedColumn<UInt64>(reading: &r2, count: count) }
    }
}
