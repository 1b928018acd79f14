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
            for k in 0..<Self.blockSize {
                let offset = storage.pointer.loadUnaligned(fromByteOffset: k &* width, as: UInt64.self) & mask
                let (value, overflow) = base.addingReportingOverflow(offset)
                guard !overflow, allowed.contains(value) else { throw BinaryReader.Truncated() }
            }
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
