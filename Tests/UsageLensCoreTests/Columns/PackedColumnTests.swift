import Testing

@testable import UsageLensCore

@Suite("PackedColumn")
struct PackedColumnTests {
    static let block = PackedColumn<Int64>.blockSize

    /// Values of every width: constant runs, small counts, negative numbers, the extremes.
    static func values(_ n: Int, seed: UInt64) -> [Int64] {
        var g = SeededGenerator(seed: seed)
        return (0..<n).map { i in
            switch (i / 700) % 6 {
            case 0: return 7
            case 1: return Int64.random(in: 0...255, using: &g)
            case 2: return Int64.random(in: -40_000...40_000, using: &g)
            case 3: return 1_760_000_000_000 + Int64.random(in: 0...(1 << 36), using: &g)
            case 4: return [Int64.min, Int64.max, 0, -1][Int.random(in: 0...3, using: &g)]
            default: return Int64(bitPattern: g.next())
            }
        }
    }

    @Test("every value reads back, across sealed blocks and the open one", arguments: [0, 1, 1023, 1024, 1025, 5_000, 9_000])
    func roundTrip(n: Int) {
        let values = Self.values(n, seed: UInt64(n))
        let column = PackedColumn(values)
        #expect(column.count == n)
        #expect(Array(column) == values)
        for i in stride(from: 0, to: n, by: 97) { #expect(column[i] == values[i]) }
    }

    @Test("a block takes the fewest whole bytes its range needs")
    func widths() {
        let b = Self.block
        var column = PackedColumn<UInt32>()
        column += repeatElement(5, count: b)                          // constant: 0 bytes
        column += (0..<b).map { UInt32(100 + $0 % 200) }              // range 199: 1 byte
        column += (0..<b).map { UInt32(70_000 + $0 * 100) }           // range < 2^24: 3 bytes
        column += (0..<b).map { $0 == 0 ? 0 : UInt32.max }            // 4 bytes
        #expect(column.blockWidths == [0, 1, 3, 4])
        var costs = PackedColumn<Double>(repeating: .nan, count: b)
        costs.append(0.25)
        #expect(costs.blockWidths == [0])
        #expect(costs[0].isNaN && costs[b] == 0.25)
        // The packed bytes plus 8 of padding per block.
        #expect(column.sealedByteCount == (0 + 1 + 3 + 4) * b + 4 * 8)
    }

    @Test("removeLast reopens a sealed block and appends continue correctly")
    func removeLastAcrossBlocks() {
        var values = Self.values(3 * Self.block + 10, seed: 3)
        var column = PackedColumn(values)
        for cut in [5, 20, Self.block, Self.block + 1, 0] {
            column.removeLast(cut)
            values.removeLast(cut)
            #expect(Array(column) == values)
        }
        column += [1, 2, 3]
        values += [1, 2, 3]
        #expect(Array(column) == values)
        column.removeLast(column.count)
        #expect(column.isEmpty)
    }

    @Test("update rewrites exactly the given rows, in sealed and open blocks")
    func update() {
        var values = (0..<(2 * Self.block + 300)).map { UInt32($0 % 1000) }
        var column = PackedColumn(values)
        for rows in [10..<20, (Self.block - 5)..<(Self.block + 5), (2 * Self.block + 1)..<(2 * Self.block + 200), 0..<0] {
            column.update(rows) { $0 + 1_000_000 }
            for i in rows { values[i] += 1_000_000 }
            #expect(Array(column) == values)
        }
    }

    @Test("filtered keeps exactly the masked values, in order, across blocks")
    func filtered() {
        let values = Self.values(3 * Self.block + 77, seed: 21)
        var g = SeededGenerator(seed: 22)
        let mask = values.map { _ in Bool.random(using: &g) }
        let kept = zip(values, mask).filter(\.1).map(\.0)
        #expect(Array(PackedColumn(values).filtered(mask, count: kept.count)) == kept)
        #expect(PackedColumn(values).filtered(values.map { _ in false }, count: 0).isEmpty)
    }

    @Test("copies are independent: appending to one leaves the other as it was")
    func valueSemantics() {
        let values = Self.values(Self.block + 3, seed: 9)
        var a = PackedColumn(values)
        let b = a
        a.removeLast(10)
        a += repeatElement(42, count: Self.block)
        #expect(Array(b) == values)
        #expect(Array(a) == Array(values.dropLast(10)) + Array(repeating: 42, count: Self.block))
    }
}
