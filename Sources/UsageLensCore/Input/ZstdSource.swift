internal import CZstd

/// Decompresses a zstd stream from another source with `ZSTD_decompressStream`.
///
/// Several frames in a row and skippable frames are accepted (zstd itself walks over them). When the input ends
/// inside a frame, everything decoded up to there is still delivered and `isTruncated` becomes true, so that the
/// caller can report the file while keeping what came before. Corrupt data (trailing garbage or zero padding
/// after a frame, a damaged frame) is an error naming the compressed offset; `LineReader` still hands out the
/// lines decoded before it.
/// - Complexity: O(n) in the compressed input; memory is one input buffer of `ZSTD_DStreamInSize()` bytes plus
///   the decoder's window (both in the `ZstdDecoder`, one per stream).
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
            try refill()
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

    /// The most bytes a frame header takes (`ZSTD_FRAMEHEADERSIZE_MAX`).
    static let headerRoom = 18

    /// Tops the input up to `headerRoom` bytes, or to the end of the base, before each call to the decoder.
    ///
    /// libzstd 1.5.4 (Debian 12) mis-decodes a frame whose header reaches it in two calls: on the second call its
    /// single-pass shortcut (taken when the caller's output buffer can hold the frame's declared content size)
    /// measures the frame from the start of that call's input instead of the start of the frame, so a frame
    /// header cut after its magic number and followed by a skippable frame's bytes decoded as empty, with no
    /// error, when the output buffer was 64 KiB, and as 17 bytes and a cut stream when it was 4 KiB (found by the
    /// ZstdSource fuzzer; reproduced in C). With a whole header in every call, the outcome no longer depends on
    /// how the input or the output is cut. The sniffer's 4-byte prefix is the common way a header arrives split.
    private func refill() throws {
        while !baseEnded && inputEnd - inputStart < Self.headerRoom {
            if inputStart > 0 {
                let rest = inputEnd - inputStart
                // At most 17 bytes, moved forward one at a time (the two ranges may overlap).
                for i in 0..<rest { input[i] = input[inputStart + i] }
                consumedBefore += Int64(inputStart)
                inputStart = 0
                inputEnd = rest
            }
            let n = try base.read(into: UnsafeMutableRawBufferPointer(rebasing: input[inputEnd...]))
            if n == 0 {
                baseEnded = true
            } else {
                sawAnyInput = true
                inputEnd += n
            }
        }
    }

    private func decompress(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var inBuffer = ZSTD_inBuffer(
            src: UnsafeRawPointer(input.baseAddress! + inputStart), size: inputEnd - inputStart, pos: 0)
        var outBuffer = ZSTD_outBuffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)
        let result = ZSTD_decompressStream(context, &outBuffer, &inBuffer)
        if ZSTD_isError(result) != 0 {
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

/// A zstd decoding context and its input buffer, for one stream.
///
/// The context holds the window (as large as the compressor chose: 2 MiB for a level-3 file of a few MB, up to
/// 128 MiB with --long). Make one per stream: libzstd keeps a context's buffer sizes from stream to stream, and a
/// corrupt frame that holds more than its header declares fails in a fresh context but decodes to garbage in
/// one that read a larger frame before (found by the ZstdSource fuzzer; reproduced in C), so a reused context
/// would make a broken file's lines depend on the files read before it. What reuse saved (a fresh window's page
/// faults, +16% time on 100 files of 2.5 MB) a `Pool` keeps: the contexts it makes take their memory from it.
public final class ZstdDecoder: @unchecked Sendable {
    let context: OpaquePointer
    let input: UnsafeMutableRawBufferPointer
    /// Kept alive while the context may give memory back to it.
    private let pool: Pool?

    public init(name: String = "", pool: Pool? = nil) throws {
        let made: OpaquePointer?
        if let pool {
            made = ZSTD_createDCtx_advanced(pool.customMem)
        } else {
            made = ZSTD_createDCtx()
        }
        guard let context = made else {
            throw UsageLensError(.io, "cannot allocate a zstd decoder", file: name.isEmpty ? nil : name)
        }
        self.context = context
        self.pool = pool
        self.input = .allocate(byteCount: ZSTD_DStreamInSize(), alignment: 16)
    }

    deinit {
        ZSTD_freeDCtx(context)
        input.deallocate()
    }

    /// Forgets any stream in progress (the window's memory stays).
    func reset() {
        _ = ZSTD_DCtx_reset(context, ZSTD_reset_session_only)
    }

    /// The memory of a worker's zstd contexts, handed from one to the next.
    ///
    /// A block a context frees is kept (at most `kept` blocks) and given to the next request it can hold
    /// (the smallest such block), so a worker's second file touches pages the first one already faulted in. A
    /// context never reads memory it did not write, so recycled bytes cannot change what it decodes: a context
    /// from the pool behaves as a fresh one. One pool per worker; not for concurrent use.
    public final class Pool: @unchecked Sendable {
        private var free: [(pointer: UnsafeMutableRawPointer, size: Int)] = []
        private var live: [UnsafeMutableRawPointer: Int] = [:]
        static let kept = 4

        public init() {}

        deinit {
            for block in free { block.pointer.deallocate() }
        }

        var customMem: ZSTD_customMem {
            ZSTD_customMem(
                customAlloc: { opaque, size in
                    Unmanaged<Pool>.fromOpaque(opaque!).takeUnretainedValue().allocate(size)
                },
                customFree: { opaque, pointer in
                    guard let pointer else { return }
                    Unmanaged<Pool>.fromOpaque(opaque!).takeUnretainedValue().release(pointer)
                },
                opaque: Unmanaged.passUnretained(self).toOpaque())
        }

        /// Blocks held for reuse (for tests).
        var freeBlocks: Int { free.count }

        func allocate(_ size: Int) -> UnsafeMutableRawPointer? {
            var best: Int?
            for (i, block) in free.enumerated() where block.size >= size {
                if best == nil || block.size < free[best!].size { best = i }
            }
            let block = best.map { free.remove(at: $0) } ?? (.allocate(byteCount: max(size, 1), alignment: 64), size)
            live[block.pointer] = block.size
            return block.pointer
        }

        func release(_ pointer: UnsafeMutableRawPointer) {
            guard let size = live.removeValue(forKey: pointer) else { return }
            free.append((pointer, size))
            if free.count > Self.kept { free.removeFirst().pointer.deallocate() }
        }
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
