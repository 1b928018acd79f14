import UsageLensCore

/// Counts lines and prefilter candidates the way the ingestor decides which lines to parse.
struct PrefilterCounter: LineConsumer {
    let prefilter: Prefilter
    var lines = 0
    var candidates = 0

    init(prefilter: Prefilter) { self.prefilter = prefilter }

    mutating func line(_ bytes: UnsafeRawBufferPointer, number: Int) {
        lines += 1
        if prefilter.matches(bytes) { candidates += 1 }
    }

    mutating func longLineSegment(_ bytes: UnsafeRawBufferPointer, number: Int, isFirst: Bool) {}

    /// A line longer than the reader's buffer is parsed without a prefilter decision, so it counts as a candidate.
    mutating func endLongLine(number: Int) {
        lines += 1
        candidates += 1
    }
}

/// Collects the lines that pass the prefilter into one buffer, for the parser benchmark.
struct CandidateCollector: LineConsumer {
    let prefilter = FormatRegistry.makePrefilter()
    var bytes: [UInt8] = []
    var ends: [Int] = []

    mutating func line(_ line: UnsafeRawBufferPointer, number: Int) {
        guard prefilter.matches(line) else { return }
        bytes.append(contentsOf: line)
        ends.append(bytes.count)
    }

    mutating func longLineSegment(_ bytes: UnsafeRawBufferPointer, number: Int, isFirst: Bool) {
        preconditionFailure("the corpus has no line longer than the reader's buffer")
    }

    mutating func endLongLine(number: Int) {}
}
