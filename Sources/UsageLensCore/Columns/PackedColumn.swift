/// A value a `PackedColumn` can store: a fixed-width value with a 64-bit pattern, ordered so that values close
/// to each other have patterns close to each other (what frame-of-reference packing needs).
public protocol Packable: Sendable {
    var packedBits: UInt64 { get }
    init(packedBits: UInt64)
}

extension UInt8: Packable {
    @inlinable public var packedBits: UInt64 { UInt64(self) }
    @inlinable public init(packedBits: UInt64) { self.init(truncatingIfNeeded: packedBits) }
}

extension UInt32: Packable {
    @inlinable public var packedBits: UInt64 { UInt64(self) }
    @inlinable public init(packedBits: UInt64) { self.init(truncatingIfNeeded: packedBits) }
}

extension UInt64: Packable {
    @inlinable public var packedBits: UInt64 { self }
    @inlinable public init(packedBits: UInt64) { self = packedBits }
}

extension Int64: Packable {
    /// The sign bit flipped: the order of patterns is the order of values, so -1 and 1 are 2 apart.
    @inlinable public var packedBits: UInt64 { UInt64(bitPattern: self) ^ (1 << 63) }
    @inlinable public init(packedBits: UInt64) { self.init(bitPattern: packedBits ^ (1 << 63)) }
}

extension Double: Packable {
    /// The IEEE pattern: a block of NaN (no logged cost) packs to nothing; stated values keep every bit.
    @inlinable public var packedBits: UInt64 { bitPattern }
    @inlinable public init(packedBits: UInt64) { self.init(bitPattern: packedBits) }
}

/// One sealed block: `count` values stored as offsets from `base` in `width` bytes each (0 to 8), read with
/// one unaligned 8-byte load and a mask (the allocation has 8 bytes of padding).
@usableFromInline struct PackedBlock: @unchecked Sendable {
    @usableFromInline let pointer: UnsafeRawPointer
    @usableFromInline let base: UInt64
    @usableFromInline let width: Int
    @usableFromInline let mask: UInt64

    @inlinable @inline(__always) func value(_ offset: Int) -> UInt64 {
        base &+ (pointer.loadUnaligned(fromByteOffset: offset &* width, as: UInt64.self) & mask)
    }
}

/// Owns the memory of one sealed block; blocks are never written after sealing, so copies of a column share
/// them and the last copy to go frees them.
@usableFromInline final class PackedBlockMemory: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
    init(byteCount: Int) {
        pointer = UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 8)
    }
    deinit { pointer.deallocate() }
}

/// A column of a `UsageTable`, stored compressed: rows in blocks of 1,024, each block as offsets from its
/// smallest value in the fewest whole bytes that hold them (frame-of-reference packing).
///
/// Columns of usage logs pack well: a block's format, flags and calls are constant (0 bytes), its models and
/// sessions few (1 byte), token counts small (2-3 bytes), times within weeks (5 bytes). Memory per row is what
/// the values need, with no growth slack beyond one open block; reads cost a shift, a load and a mask.
/// Values of the open (last, partial) block are kept unpacked until it fills.
public struct PackedColumn<Element: Packable>: Sendable {
    @usableFromInline static var blockShift: Int { 10 }
    @usableFromInline static var blockSize: Int { 1 << blockShift }

    @usableFromInline var blocks: [PackedBlock] = []
    /// Keeps the blocks' memory alive (index for index with `blocks`).
    @usableFromInline var memory: [PackedBlockMemory] = []
    /// The open block's values as bit patterns.
    @usableFromInline var open: [UInt64] = []

    public init() {}

    public init<S: Sequence>(_ values: S) where S.Element == Element {
        append(contentsOf: values)
    }

    public init(repeating value: Element, count: Int) {
        self.init(count: count) { _ in value }
    }

    /// A column of `count` values, `value(k)` for each row `k`, built a block at a time (no per-value append).
    @inlinable public init(count: Int, _ value: (Int) -> Element) {
        append(count: count, value)
    }

    /// Appends `count` values, `value(k)` for k in 0..<count, filling the open block through a pointer; `value`
    /// is called once per k, in increasing order.
    @inlinable public mutating func append(count: Int, _ value: (Int) -> Element) {
        var k = 0
        while k < count {
            if open.capacity == 0 { open.reserveCapacity(Self.blockSize) }
            let start = open.count
            let m = Swift.min(Self.blockSize - start, count - k)
            let base = k
            open.append(contentsOf: repeatElement(0, count: m))
            open.withUnsafeMutableBufferPointer { buffer in
                for j in 0..<m { buffer[start &+ j] = value(base &+ j).packedBits }
            }
            k += m
            if open.count == Self.blockSize { seal() }
        }
    }

    public var count: Int { blocks.count << Self.blockShift + open.count }

    public var isEmpty: Bool { count == 0 }

    @inlinable @inline(__always) public subscript(i: Int) -> Element {
        let b = i &>> Self.blockShift
        if b < blocks.count {
            return Element(packedBits: blocks[b].value(i & (Self.blockSize - 1)))
        }
        return Element(packedBits: open[i & (Self.blockSize - 1)])
    }

    /// How many blocks the column has, the open one included: block `b` holds rows `b << 10 ..< (b + 1) << 10`.
    public var blockCount: Int { blocks.count + (open.isEmpty ? 0 : 1) }

    /// Writes the values of block `b` (`0 ..< blockCount`) to `out`, which has room for 1,024, and returns how
    /// many there are (1,024 but for the open block). One loop per byte width, without a mask or a branch per
    /// value: what the kernels that read a block of several columns at a time use (`TableBlock`).
    @inlinable public func unpack(block b: Int, into out: UnsafeMutablePointer<Element>) -> Int {
        guard b < blocks.count else {
            let n = open.count
            open.withUnsafeBufferPointer { values in
                for j in 0..<n { out[j] = Element(packedBits: values[j]) }
            }
            return n
        }
        let block = blocks[b]
        let (p, base, n) = (block.pointer, block.base, Self.blockSize)
        switch block.width {
        case 0:
            out.update(repeating: Element(packedBits: base), count: n)
        case 1:
            for j in 0..<n { out[j] = Element(packedBits: base &+ UInt64(p.load(fromByteOffset: j, as: UInt8.self))) }
        case 2:
            for j in 0..<n {
                out[j] = Element(packedBits: base &+ UInt64(p.loadUnaligned(fromByteOffset: j &* 2, as: UInt16.self)))
            }
        case 4:
            for j in 0..<n {
                out[j] = Element(packedBits: base &+ UInt64(p.loadUnaligned(fromByteOffset: j &* 4, as: UInt32.self)))
            }
        case 8:
            for j in 0..<n { out[j] = Element(packedBits: base &+ p.loadUnaligned(fromByteOffset: j &* 8, as: UInt64.self)) }
        default:
            for j in 0..<n { out[j] = Element(packedBits: block.value(j)) }
        }
        return n
    }

    @inlinable @inline(__always) public mutating func append(_ value: Element) {
        // Exactly one block's capacity, kept across seals (growth by doubling would leave it at 2 blocks).
        if open.capacity == 0 { open.reserveCapacity(Self.blockSize) }
        open.append(value.packedBits)
        if open.count == Self.blockSize { seal() }
    }

    /// Gives back the open block's spare capacity (a finished table of a small file would otherwise keep a
    /// whole block's worth per column: 8 KiB, times 20 columns, times every file).
    public mutating func shrinkOpenBlock() {
        guard open.capacity > open.count else { return }
        var exact: [UInt64] = []
        if !open.isEmpty {
            exact.reserveCapacity(open.count)
            exact.append(contentsOf: open)
        }
        open = exact
    }

    public mutating func append<S: Sequence>(contentsOf values: S) where S.Element == Element {
        for v in values { append(v) }
    }

    /// The values whose `mask` entry is true (`count` of them), in order.
    public func filtered(_ mask: [Bool], count: Int) -> PackedColumn {
        precondition(mask.count == self.count, "the mask must have one entry per value")
        var next = 0
        return PackedColumn(count: count) { _ in
            while !mask[next] { next += 1 }
            next += 1
            return self[next - 1]
        }
    }

    /// Rows in sealed blocks (the rest are in the open block).
    public var sealedCount: Int { blocks.count << Self.blockShift }

    /// Appends the sealed blocks of `other` by reference, without copying them; this column must have no open
    /// values (its count a multiple of the block size).
    public mutating func appendSealedBlocks(of other: PackedColumn) {
        appendSealedBlocks(of: other, count: other.blocks.count)
    }

    /// Appends the first `count` sealed blocks of `other` by reference (as `appendSealedBlocks(of:)`).
    public mutating func appendSealedBlocks(of other: PackedColumn, count: Int) {
        precondition(open.isEmpty, "appendSealedBlocks needs a column that ends on a block boundary")
        precondition(count <= other.blocks.count, "more blocks asked for than the column has sealed")
        blocks += other.blocks[..<count]
        memory += other.memory[..<count]
    }

    /// Appends every value of `other`.
    public mutating func append(contentsOf other: PackedColumn) {
        append(count: other.count) { other[$0] }
    }

    public static func += <S: Sequence>(column: inout PackedColumn, values: S) where S.Element == Element {
        column.append(contentsOf: values)
    }

    public static func += (column: inout PackedColumn, other: PackedColumn) {
        column.append(contentsOf: other)
    }

    /// The frame of reference of a block of bit patterns: its smallest value and the fewest whole bytes that
    /// hold every value less it.
    static func frame(of values: [UInt64]) -> (low: UInt64, width: Int) {
        var low = UInt64.max
        var high = UInt64.min
        for v in values {
            low = Swift.min(low, v)
            high = Swift.max(high, v)
        }
        let range = high &- low
        return (low, range == 0 ? 0 : (64 - range.leadingZeroBitCount + 7) / 8)
    }

    /// Packs the full open block.
    @usableFromInline mutating func seal() {
        let (low, width) = Self.frame(of: open)
        let storage = PackedBlockMemory(byteCount: open.count * width + 8)
        let p = storage.pointer
        if width > 0 {
            // Ascending 8-byte stores: each one's high bytes are overwritten by the next value.
            for (k, v) in open.enumerated() { p.storeBytes(of: v &- low, toByteOffset: k &* width, as: UInt64.self) }
        } else {
            p.storeBytes(of: 0, as: UInt64.self)
        }
        let mask: UInt64 = width == 8 ? .max : (1 << (UInt64(width) * 8)) &- 1
        blocks.append(PackedBlock(pointer: UnsafeRawPointer(p), base: low, width: width, mask: mask))
        memory.append(storage)
        open.removeAll(keepingCapacity: true)
    }

    /// Drops the last `n` values.
    public mutating func removeLast(_ n: Int) {
        precondition(n >= 0 && n <= count, "removeLast beyond the column")
        let keep = count - n
        let keepBlocks = keep >> Self.blockShift
        if keepBlocks < blocks.count {
            let reopened = (0..<(keep & (Self.blockSize - 1))).map { blocks[keepBlocks].value($0) }
            blocks.removeLast(blocks.count - keepBlocks)
            memory.removeLast(memory.count - keepBlocks)
            open = reopened
        } else {
            open.removeLast(open.count - (keep & (Self.blockSize - 1)))
        }
    }

    /// Rewrites the values of `rows` with `transform` (the blocks they touch are unpacked and packed again).
    public mutating func update(_ rows: Range<Int>, _ transform: (Element) -> Element) {
        guard !rows.isEmpty else { return }
        precondition(rows.lowerBound >= 0 && rows.upperBound <= count, "update beyond the column")
        let firstBlock = rows.lowerBound >> Self.blockShift
        if firstBlock >= blocks.count {
            for i in rows { open[i & (Self.blockSize - 1)] = transform(self[i]).packedBits }
            return
        }
        // Unpack from the first touched block on, then append everything again.
        let start = firstBlock << Self.blockShift
        let tail = (start..<count).map { i in rows.contains(i) ? transform(self[i]) : self[i] }
        removeLast(count - start)
        append(contentsOf: tail)
    }

    /// Memory the column holds, in bytes (packed blocks plus the open block's capacity).
    public var byteCount: Int { sealedByteCount + open.capacity * 8 }

    /// Memory of the sealed blocks alone.
    var sealedByteCount: Int { blocks.reduce(0) { $0 + $1.width << Self.blockShift + 8 } }

    /// The widths (bytes per value) of the sealed blocks, for tests and diagnostics.
    public var blockWidths: [Int] { blocks.map(\.width) }
}

extension PackedColumn: RandomAccessCollection {
    public typealias Index = Int
    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    @inlinable public func index(after i: Int) -> Int { i + 1 }
    @inlinable public func index(before i: Int) -> Int { i - 1 }
}

extension PackedColumn: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Element...) { self.init(elements) }
}

extension PackedColumn: Equatable where Element: Equatable {
    public static func == (a: PackedColumn, b: PackedColumn) -> Bool { a.elementsEqual(b) }
}
