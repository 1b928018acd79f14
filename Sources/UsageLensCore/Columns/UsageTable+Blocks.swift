/// Scratch space for kernels that read a table a block (1,024 rows) at a time: the columns they name, unpacked
/// once per block (`PackedColumn.unpack`) instead of a block lookup, a shift and a mask per value read. Pricing
/// and the bucket report read nine columns per row; unpacked, a warm `daily` spends 7.6 -> ms in them (docs/cache.md).
final class UsageTableBlock {
    struct Fields: OptionSet {
        let rawValue: Int
        static let time = Fields(rawValue: 1 << 0)
        static let format = Fields(rawValue: 1 << 1)
        static let model = Fields(rawValue: 1 << 2)
        static let provider = Fields(rawValue: 1 << 3)
        static let tokens = Fields(rawValue: 1 << 4)
        static let reasoning = Fields(rawValue: 1 << 5)
        static let calls = Fields(rawValue: 1 << 6)
        static let loggedCost = Fields(rawValue: 1 << 7)
    }

    static let capacity = 1 << 10
    let fields: Fields
    /// The block now unpacked (-1: none yet) and its row count.
    private(set) var block = -1
    private(set) var count = 0
    let time = UnsafeMutablePointer<Int64>.allocate(capacity: capacity)
    let format = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    let model = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity)
    let provider = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity)
    let input = UnsafeMutablePointer<Int64>.allocate(capacity: capacity)
    let output = UnsafeMutablePointer<Int64>.allocate(capacity: capacity)
    let cacheRead = UnsafeMutablePointer<Int64>.allocate(capacity: capacity)
    let cacheWrite5m = UnsafeMutablePointer<Int64>.allocate(capacity: capacity)
    let cacheWrite1h = UnsafeMutablePointer<Int64>.allocate(capacity: capacity)
    let reasoning = UnsafeMutablePointer<Int64>.allocate(capacity: capacity)
    let calls = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity)
    let loggedCost = UnsafeMutablePointer<Double>.allocate(capacity: capacity)

    init(_ fields: Fields) {
        self.fields = fields
    }

    deinit {
        time.deallocate()
        format.deallocate()
        model.deallocate()
        provider.deallocate()
        input.deallocate()
        output.deallocate()
        cacheRead.deallocate()
        cacheWrite5m.deallocate()
        cacheWrite1h.deallocate()
        reasoning.deallocate()
        calls.deallocate()
        loggedCost.deallocate()
    }

    /// Unpacks block `b` of `t` (the rows `b << 10 ..< min(t.count, (b + 1) << 10)`), unless it is the one held.
    /// Row `i` of the block is then at `i & 1023` in each field asked for.
    @inline(__always)
    func load(_ t: UsageTable, block b: Int) {
        guard b != block else { return }
        block = b
        var n = 0
        if fields.contains(.time) { n = t.time.unpack(block: b, into: time) }
        if fields.contains(.format) { n = t.format.unpack(block: b, into: format) }
        if fields.contains(.model) { n = t.model.unpack(block: b, into: model) }
        if fields.contains(.provider) { n = t.provider.unpack(block: b, into: provider) }
        if fields.contains(.tokens) {
            n = t.inputTokens.unpack(block: b, into: input)
            n = t.outputTokens.unpack(block: b, into: output)
            n = t.cacheReadTokens.unpack(block: b, into: cacheRead)
            n = t.cacheWrite5mTokens.unpack(block: b, into: cacheWrite5m)
            n = t.cacheWrite1hTokens.unpack(block: b, into: cacheWrite1h)
        }
        if fields.contains(.reasoning) { n = t.reasoningTokens.unpack(block: b, into: reasoning) }
        if fields.contains(.calls) { n = t.calls.unpack(block: b, into: calls) }
        if fields.contains(.loggedCost) { n = t.loggedCostUSD.unpack(block: b, into: loggedCost) }
        count = n
    }
}
