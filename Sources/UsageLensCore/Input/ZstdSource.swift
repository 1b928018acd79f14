internal import CZstd

/// Decompresses a zstd stream from another source with `ZSTD_decompressStream`.
///
/// Several frames in a row and skippable frames are accepted (zstd itself walks over them). When the input ends
/// inside a frame, everything decoded up to there is still delivered and `isTruncated` becomes true, so that the
/// caller can report the file while keeping what came before. Corrupt data (trailing garbage or zero padding
/// after a frame, a damaged frame) is an error naming the compressed offset; `LineReader` still hands out the
/// lines decoded before it.
/// - Complexity: O(n) in the compressed input; memory is one input buffer of `ZSTD_DStreamInSize()` bytes plus
///   the decoder's window (both in the `ZstdDecoder`, which a worker reuses from file to file).
public final class ZstdSource: ByteSource {
    private let base: ByteSource
    private let decoder: ZstdDecoder
    private var context: OpaquePointer { decoder.context }
    private var input: UnsafeMutableRawBufferPointer { decoder.input }
    private var inputStart = 0
    private var inputEnd = 0
    /// Compressed bytes of the buffers before the current one: where a corruption sits.
    private var consumedBefore: Int64 = 0
    private var baseEnded = false
    /// The last value `ZSTD_decompressStream` returned: 0 when a frame was just completed.
    private var lastHint = 0
    private var sawAnyInput = false
    private let name: String
    public private(set) var isTruncated = false

    /// A source decoding `base`, with `decoder` (reset first) or a decoder of its own.
    public init(_ base: ByteSource, name: String, decoder: ZstdDecoder? = nil) throws {
        self.decoder = try decoder ?? ZstdDecoder(name: name)
        self.decoder.reset()
        self.base = base
        self.name = name
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard buffer.count > 0 else { return 0 }
        while true {
            if inputStart == inputEnd && !baseEnded {
                consumedBefore += Int64(inputEnd)
                inputStart = 0
                inputEnd = try base.read(into: input)
                if inputEnd == 0 {
                    baseEnded = true
                } else {
                    sawAnyInput = true
                }
            }
            if inputStart == inputEnd && baseEnded {
                // Let the decoder flush what it still holds; a frame left open means the stream was cut.
                let produced = try decompress(into: buffer)
                if produced > 0 { return produced }
                if sawAnyInput && lastHint != 0 { isTruncated = true }
                return 0
            }
            let produced = try decompress(into: buffer)
            if produced > 0 { return produced }
        }
    }

    private func decompress(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var inBuffer = ZSTD_inBuffer(
            src: UnsafeRawPointer(input.baseAddress! + inputStart), size: inputEnd - inputStart, pos: 0)
        var outBuffer = ZSTD_outBuffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)
        let result = ZSTD_decompressStream(context, &outBuffer, &inBuffer)
        if ZSTD_isError(result) != 0 {
            decoder.spoiled = true
            let message = String(cString: ZSTD_getErrorName(result))
            let offset = consumedBefore + Int64(inputStart)
            throw UsageLensError(
                .io, "zstd: corrupt data after byte \(offset) (\(message))", file: name)
        }
        inputStart += inBuffer.pos
        // A call that moved nothing (the final flush) says nothing about whether a frame is open.
        if inBuffer.pos > 0 || outBuffer.pos > 0 { lastHint = result }
        return outBuffer.pos
    }
}

/// A zstd decoding context and its input buffer, for one stream at a time.
///
/// The context holds the window (as large as the compressor chose: 2 MiB for a level-3 file of a few MB, up to
/// 128 MiB with --long). Kept by a worker for all its files, it is allocated once instead of once per file,
/// which spares the page faults of a fresh window per file and keeps the peak at one window per worker.
public final class ZstdDecoder: @unchecked Sendable {
    let context: OpaquePointer
    let input: UnsafeMutableRawBufferPointer

    public init(name: String = "") throws {
        guard let context = ZSTD_createDCtx() else {
            throw UsageLensError(.io, "cannot allocate a zstd decoder", file: name.isEmpty ? nil : name)
        }
        self.context = context
        self.input = .allocate(byteCount: ZSTD_DStreamInSize(), alignment: 16)
    }

    deinit {
        ZSTD_freeDCtx(context)
        input.deallocate()
    }

    /// Set when a stream failed in this context: it is not trusted with another one (the fuzzers found a reused
    /// context that read the same bytes otherwise than a fresh one after a failure), so the owner makes a new one.
    public internal(set) var spoiled = false

    /// Forgets any stream in progress (the window's memory stays).
    func reset() {
        _ = ZSTD_DCtx_reset(context, ZSTD_reset_session_only)
    }
}

/// How an input is compressed, as told by its first bytes (never by its name).
public enum Compression: String, Sendable {
    case none
    case zstd

    /// The zstd frame magic number, little-endian `28 B5 2F FD`.
    static let zstdMagic: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]
    /// A skippable frame starts with `5? 2A 4D 18`; a stream may begin with one.
    static func isSkippableFrameMagic(_ b: [UInt8]) -> Bool {
        b.count >= 4 && b[0] & 0xF0 == 0x50 && b[1] == 0x2A && b[2] == 0x4D && b[3] == 0x18
    }

    /// Reads the first bytes of `source` and returns a source of the decompressed bytes and what it found.
    /// A zstd stream is decoded with the decoder `decoder` gives, when given (a worker's, reused from file to file).
    public static func sniff(
        _ source: ByteSource, name: String, decoder: (() throws -> ZstdDecoder)? = nil
    ) throws -> (ByteSource, Compression) {
        var prefix = [UInt8](repeating: 0, count: 4)
        var have = 0
        while have < 4 {
            let n = try prefix.withUnsafeMutableBytes { raw in
                try source.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[have...]))
            }
            if n == 0 { break }
            have += n
        }
        prefix.removeLast(4 - have)
        let replay = PrefixedSource(prefix: prefix, base: source)
        if prefix == zstdMagic || isSkippableFrameMagic(prefix) {
            return (try ZstdSource(replay, name: name, decoder: decoder?()), .zstd)
        }
        return (replay, .none)
    }
}
