import Foundation
import UsageLensCore

/// Inputs for the benchmarks, generated in the benchmark's own process at setup (each benchmark runs in a process
/// of its own, so nothing here outlives one benchmark).
enum Fixtures {
    static let seed: UInt64 = 20_251_001
    static let megabyte = 1 << 20

    /// A folder under the temporary directory for one benchmark's files; `teardown` removes it.
    static func scratch(_ name: String) -> String {
        NSTemporaryDirectory() + "usagelens-bench-\(getpid())-\(name)"
    }

    static func removeScratch(_ name: String) {
        try? FileManager.default.removeItem(atPath: scratch(name))
    }

    /// Writes `files` under `scratch(name)` and returns them as the library discovers them.
    static func writeArchive(_ name: String, _ files: [Corpus.File]) throws -> [InputFile] {
        let root = scratch(name)
        for file in files {
            let path = root + "/" + file.path
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: path, contents: Data(file.bytes)) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        }
        return try InputDiscovery.discover([root])
    }

    /// `bytes` compressed by the `zstd` command (level 3) into `frames` consecutive frames, cut at arbitrary bytes
    /// as independent `zstd` runs would leave them.
    static func zstdFrames(_ bytes: [UInt8], frames: Int, name: String) throws -> [UInt8] {
        let root = scratch(name)
        defer { removeScratch(name) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let step = (bytes.count + frames - 1) / frames
        var parts: [String] = []
        for (i, start) in stride(from: 0, to: bytes.count, by: step).enumerated() {
            let path = root + "/part\(i)"
            guard
                FileManager.default.createFile(
                    atPath: path, contents: Data(bytes[start..<min(bytes.count, start + step)]))
            else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
            parts.append(path)
        }
        let zstd = Process()
        zstd.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        zstd.arguments = ["zstd", "-q", "-3", "-f"] + parts
        try zstd.run()
        zstd.waitUntilExit()
        guard zstd.terminationStatus == 0 else {
            throw CocoaError(
                .executableLoad, userInfo: [NSLocalizedDescriptionKey: "zstd exited \(zstd.terminationStatus)"])
        }
        var compressed: [UInt8] = []
        for part in parts {
            compressed += try [UInt8](Data(contentsOf: URL(fileURLWithPath: part + ".zst")))
        }
        return compressed
    }
}
