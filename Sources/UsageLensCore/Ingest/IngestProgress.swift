import Synchronization

/// How far a run's reading has got, for a progress line: bytes read and files finished, of what the run plans
/// to read (a file the cache holds unchanged plans no bytes; one that grew, the bytes it grew by).
///
/// Workers add the bytes of each read(2) (one relaxed atomic add a buffer, never a line) and report each unit
/// they finish (a lock taken once a file or piece of one); any thread may take a `snapshot` at any time.
public final class IngestProgress: Sendable {
    /// What a progress line shows.
    public struct Snapshot: Sendable, Equatable {
        /// Bytes read so far (compressed bytes for a .zst file, as its size counts them), at most `totalBytes`
        /// unless the total is unknown (standard input).
        public var bytes: Int64
        /// The bytes the run plans to read; standard input adds none, as its size is not known.
        public var totalBytes: Int64
        /// Files whose every piece has been read.
        public var files: Int
        public var totalFiles: Int
        /// Whether standard input is among the inputs (its bytes have no total).
        public var readsStandardInput: Bool

        public init(bytes: Int64, totalBytes: Int64, files: Int, totalFiles: Int, readsStandardInput: Bool = false) {
            self.bytes = bytes
            self.totalBytes = totalBytes
            self.files = files
            self.totalFiles = totalFiles
            self.readsStandardInput = readsStandardInput
        }
    }

    private struct Plan {
        var totalBytes: Int64 = 0
        var partsLeft: [Int] = []
        var filesDone = 0
        var readsStandardInput = false
    }

    private let bytesRead = Atomic<Int64>(0)
    private let plan = Mutex(Plan())

    public init() {}

    /// The totals of a run about to read `units` of `files`.
    func start(_ units: [Ingestor.Unit], files: [InputFile]) {
        plan.withLock { plan in
            plan.partsLeft = [Int](repeating: 0, count: files.count)
            for unit in units {
                plan.partsLeft[unit.file] += 1
                plan.totalBytes += unit.size
            }
            plan.readsStandardInput = files.contains(where: \.isStandardInput)
        }
    }

    /// Counts `count` bytes read.
    /// - Complexity: one relaxed atomic add.
    @inline(__always) func add(bytes count: Int) {
        bytesRead.wrappingAdd(Int64(count), ordering: .relaxed)
    }

    /// Counts one unit of file `file` read.
    func finished(unitOf file: Int) {
        plan.withLock { plan in
            guard file < plan.partsLeft.count, plan.partsLeft[file] > 0 else { return }
            plan.partsLeft[file] -= 1
            if plan.partsLeft[file] == 0 { plan.filesDone += 1 }
        }
    }

    /// Where the run is now.
    public var snapshot: Snapshot {
        let bytes = bytesRead.load(ordering: .relaxed)
        return plan.withLock { plan in
            Snapshot(
                bytes: plan.readsStandardInput ? bytes : min(bytes, plan.totalBytes), totalBytes: plan.totalBytes,
                files: plan.filesDone, totalFiles: plan.partsLeft.count, readsStandardInput: plan.readsStandardInput)
        }
    }
}

/// A source that counts what it reads into an `IngestProgress`.
final class CountingSource: ByteSource {
    private let base: ByteSource
    private let progress: IngestProgress

    init(_ base: ByteSource, progress: IngestProgress) {
        self.base = base
        self.progress = progress
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = try base.read(into: buffer)
        progress.add(bytes: n)
        return n
    }

    var isTruncated: Bool { base.isTruncated }
}
