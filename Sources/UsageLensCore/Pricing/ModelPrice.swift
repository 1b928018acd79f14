/// Prices of one model in USD per million tokens.
public struct ModelPrice: Equatable, Sendable {
    public var input: Double
    public var output: Double
    public var cacheRead: Double
    /// 5-minute cache writes.
    public var cacheWrite: Double
    /// 1-hour cache writes; when nil they are priced at `cacheWrite`.
    public var cacheWrite1h: Double?
    /// Long-context tier: once a request's input including cache exceeds this, all its tokens use `above`.
    public var thresholdTokens: Int64?
    public var above: Tier?
    /// Where the price comes from (`litellm:claude-sonnet-4-5`, an override file, ...).
    public var source: String

    /// The highest price a table takes for any field, in USD per million tokens. Real prices are below 1000;
    /// the bound is far above them and keeps every computed cost finite: a request of `Int64.max` tokens of
    /// each kind costs at most about 4.6e19 USD.
    public static let maxUSDPerMillionTokens: Double = 1e6
    /// The highest long-context threshold a table takes, in tokens.
    public static let maxThresholdTokens: Int64 = 1_000_000_000_000

    /// The prices of a long-context tier.
    public struct Tier: Equatable, Sendable {
        public var input: Double
        public var output: Double
        public var cacheRead: Double
        public var cacheWrite: Double
        public var cacheWrite1h: Double?
    }

    public init(
        input: Double, output: Double, cacheRead: Double = 0, cacheWrite: Double = 0, cacheWrite1h: Double? = nil,
        thresholdTokens: Int64? = nil, above: Tier? = nil, source: String
    ) {
        self.input = input
        self.output = output
        self.cacheRead = cacheRead
        self.cacheWrite = cacheWrite
        self.cacheWrite1h = cacheWrite1h
        self.thresholdTokens = thresholdTokens
        self.above = above
        self.source = source
    }

    /// The cost in USD of one request.
    public func cost(
        input: Int64, output: Int64, cacheRead: Int64, cacheWrite5m: Int64, cacheWrite1h: Int64
    ) -> Double {
        rates.cost(input: input, output: output, cacheRead: cacheRead, cacheWrite5m: cacheWrite5m, cacheWrite1h: cacheWrite1h)
    }

    /// The numbers of the price without its source: what pricing a row needs, copied per row without a
    /// reference count (`PricedEvents` prices every row).
    var rates: Rates {
        Rates(
            base: Tier(
                input: input, output: output, cacheRead: cacheRead, cacheWrite: cacheWrite, cacheWrite1h: cacheWrite1h),
            thresholdTokens: thresholdTokens, above: above)
    }

    /// A price's rates and long-context tier.
    struct Rates {
        var base: Tier
        var thresholdTokens: Int64?
        var above: Tier?

        /// The cost in USD of one request (`ModelPrice.cost`).
        @inline(__always)
        func cost(input: Int64, output: Int64, cacheRead: Int64, cacheWrite5m: Int64, cacheWrite1h: Int64) -> Double {
            var rates = base
            if let threshold = thresholdTokens, let above, input + cacheRead + cacheWrite5m + cacheWrite1h > threshold {
                rates = above
            }
            let sum =
                Double(input) * rates.input + Double(output) * rates.output + Double(cacheRead) * rates.cacheRead
                + Double(cacheWrite5m) * rates.cacheWrite + Double(cacheWrite1h) * (rates.cacheWrite1h ?? rates.cacheWrite)
            return sum / 1_000_000
        }
    }
}
