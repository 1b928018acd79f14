import Foundation

/// SplitMix64: a small deterministic generator, so that every run benchmarks the same bytes.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    mutating func chance(_ p: Double) -> Bool { unit() < p }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

    /// Picks by relative weight.
    mutating func pick<T>(_ items: [(T, Double)]) -> T {
        let total = items.reduce(0) { $0 + $1.1 }
        var x = unit() * total
        for (item, weight) in items {
            x -= weight
            if x < 0 { return item }
        }
        return items[items.count - 1].0
    }

    /// A log-normal draw (Box-Muller), for sizes with a long tail like tool output.
    mutating func logNormal(mu: Double, sigma: Double) -> Double {
        let u1 = max(unit(), 1e-12)
        let u2 = unit()
        return exp(mu + sigma * (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2))
    }

    mutating func uuid() -> String {
        let hex = Array("0123456789abcdef")
        var s = ""
        s.reserveCapacity(36)
        var bits = next()
        var more = next()
        for i in 0..<32 {
            if i == 16 {
                bits = more
                more = 0
            }
            if i == 8 || i == 12 || i == 16 || i == 20 { s.append("-") }
            s.append(hex[Int(bits & 0xF)])
            bits >>= 4
        }
        return s
    }

    /// Base58 text, as in Anthropic message and request ids.
    mutating func base58(_ count: Int) -> String {
        let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz")
        return String((0..<count).map { _ in alphabet[Int(next() % 58)] })
    }
}
