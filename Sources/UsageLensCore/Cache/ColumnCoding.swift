/// A `PackedColumn` as bytes: its blocks as they are packed in memory (a base, a width, and the offsets), so
/// that reading a column back is a copy per block instead of a varint per value. The open (last, partial)
/// block is packed the same way when written.
///
/// Layout, per column of `n` values (`n` is stored by the table): for each of the `n / 1024` sealed blocks and
/// then, when `n % 1024 > 0`, for the open block: the base (8 bytes, little-endian), the width (1 byte, 0...8)
/// and the block's values less the base, `width` bytes each, little-endian.
extension PackedColumn {
    func write(to w: inout BinaryWriter) {
        for block in blocks {
            w.fixed64(block.base)
            w.byte(UInt8(block.width))
            w.raw(UnsafeRawBufferPointer(start: block.pointer, count: Self.blockSize * block.width))
        }
        guard !open.isEmpty else { return }
        let (low, width) = Self.frame(of: open)
        w.fixed64(low)
        w.byte(UInt8(width))
        for v in open { w.littleEndian(v &- low, width: width) }
    }

    /// The largest of a sealed block's offsets (`width` bytes each, read as `PackedBlock.value` reads them): a
    /// loop over whole words for the widths that have them (the compiler vectorises it), over masked
    /// unaligned loads for the others.
    static func largestOffset(_ pointer: UnsafeMutableRawPointer, width: Int, mask: UInt64) -> UInt64 {
        func largest<T: FixedWidthInteger & UnsignedInteger>(_: T.Type) -> UInt64 {
            var top: T = 0
            for v in UnsafeBufferPointer(start: pointer.bindMemory(to: T.self, capacity: blockSize), count: blockSize) {
                top = Swift.max(top, v)
            }
            return UInt64(top)
        }
        switch width {
        case 0: return 0
        case 1: return largest(UInt8.self)
        case 2: return largest(UInt16.self)
        case 4: return largest(UInt32.self)
        case 8: return largest(UInt64.self)
        default:
            var top: UInt64 = 0
            for k in 0..<blockSize {
                top = Swift.max(top, pointer.loadUnaligned(fromByteOffset: k &* width, as: UInt64.self) & mask)
            }
            return top
        }
    }

    /// Reads a column of `count` values that `write(to:)` wrote, each value's bit pattern within `allowed`
    /// (a damaged entry cannot bring a code past its dictionary or a token count past `TokenCount.limit`).
    init(reading r: inout BinaryReader, count: Int, allowed: ClosedRange<UInt64> = 0...UInt64.max) throws {
        self.init()
        let sealed = count >> Self.blockShift
        let openCount = count & (Self.blockSize - 1)
        blocks.reserveCapacity(sealed)
        memory.reserveCapacity(sealed)
        for _ in 0..<sealed {
            let base = try r.fixed64()
            let width = Int(try r.byte())
            guard width <= 8 else { throw BinaryReader.Truncated() }
            let storage = PackedBlockMemory(byteCount: Self.blockSize * width + 8)
            try r.copy(Self.blockSize * width, to: storage.pointer)
            storage.pointer.storeBytes(of: 0, toByteOffset: Self.blockSize * width, as: UInt64.self)
            let mask: UInt64 = width == 8 ? .max : (1 << (UInt64(width) * 8)) &- 1
            let block = PackedBlock(pointer: UnsafeRawPointer(storage.pointer), base: base, width: width, mask: mask)
            // The block's values are base ... base + its largest offset, so both ends in `allowed` (a range)
            // put every value there.
            let (top, overflow) = base.addingReportingOverflow(Self.largestOffset(storage.pointer, width: width, mask: mask))
            guard !overflow, allowed.contains(base), allowed.contains(top) else { throw BinaryReader.Truncated() }
            blocks.append(block)
            memory.append(storage)
        }
        guard openCount > 0 else { return }
        let base = try r.fixed64()
        let width = Int(try r.byte())
        guard width <= 8 else { throw BinaryReader.Truncated() }
        open.reserveCapacity(openCount)
        for _ in 0..<openCount {
            let (value, overflow) = base.addingReportingOverflow(try r.littleEndian(width: width))
            guard !overflow, allowed.contains(value) else { throw BinaryReader.Truncated() }
            open.append(value)
        }
    }
}
