/// The activity window every generated session falls in: 60 days from 2025-10-01T00:00:00Z.
enum Activity {
    static let epochMs: Int64 = 1_759_276_800_000
    static let days = 60

    /// A session start: some day of the window, between 07:00 and 20:00 UTC.
    static func sessionStart(_ rng: inout SeededGenerator) -> Int64 {
        epochMs + Int64(rng.int(0...days - 1)) * 86_400_000 + Int64(rng.int(7 * 3600...20 * 3600)) * 1000
    }
}
