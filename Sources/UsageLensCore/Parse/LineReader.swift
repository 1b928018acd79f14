#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Receives the lines of a stream from `LineReader`.
///
/// Lines that fit in the reader's buffer arrive whole through `line`. A longer line arrives in pieces through
/// `longLineSegment`, closed by `endLongLine`, so that no line ever has to fit in memory.
/// Line numbers are 1-based physical line numbers; the bytes exclude the `\n` (and a `\r` before it for whole lines).
public protocol LineConsumer {
    mutating func line(_ bytes: UnsafeRawBufferPointer, number: Int)
    mutating func longLineSegment(_ bytes: UnsafeRawBufferPointer, number: Int, isFirst: Bool)
    mutating func endLongLine(number: Int)
}

/// Splits a byte stream into lines with `memchr` over one large buffer.
///
/// Memory is the buffer and nothing else: a line longer than the buffer is handed out in segments (see
/// `LineConsumer`). A UTF-8 byte order mark at the start of the stream is skipped. The last line needs no `\n`.
///
/// When the source fails (a read error, corrupt zstd data after a valid frame), the bytes it delivered before
/// the failure are still handed out, the unfinished last line included, and then the error is rethrown: what
/// came before a failure counts, as it does before a truncated stream.
/// - Complexity: O(n); each byte is scanned once by `memchr` and copied at most once more (the tail of a
///   buffer moves to its front before the next read).
public struct LineReader {
    /// The buffer size; lines up to this length arrive whole.
    public let bufferCapacity: Int
    private let buffer: UnsafeMutableRawBufferPointer

    public init(bufferCapacity: Int = 1 << 20) {
        self.bufferCapacity = max(16, bufferCapacity)
        self.buffer = .allocate(byteCount: self.bufferCapacity, alignment: 64)
    }

    /// Frees the buffer; the reader must not be used afterwards.
    public func deallocate() {
        buffer.deallocate()
    }

    /// Reads `source` to its end and hands every line to `consumer`.
    /// - Returns: the number of physical lines (the last one counts even without a newline).
    /// - Throws: the source's error, after every line before it (the unfinished last one too) was handed out.
    @discardableResult
    public func read<C: LineConsumer>(
        _ source: ByteSource, into consumer: inout C, skipByteOrderMark: Bool = true
    ) throws -> Int {
        var bytes: Int64 = 0
        return try read(source, into: &consumer, skipByteOrderMark: skipByteOrderMark, bytesRead: &bytes)
    }

    /// Reads `source` to its end and hands every line to `consumer`; `bytesRead` grows by every byte the source
    /// gave (newlines, `\r`, a byte order mark and a last line without a newline included), also when a read
    /// fails part way.
    /// - Returns: the number of physical lines (the last one counts even without a newline).
    @discardableResult
    public func read<C: LineConsumer>(
        _ source: ByteSource, into consumer: inout C, skipByteOrderMark: Bool = true, bytesRead: inout Int64
    ) throws -> Int {
        let base = buffer.baseAddress!
        var start = 0  // first byte of the current (unfinished) line
        var end = 0  // end of valid bytes
        var scanned = 0  // bytes before this index hold no newline of the current line
        var number = 1
        var inLongLine = false
        var atStreamStart = skipByteOrderMark
        var failure: (any Error)?

        while true {
            if end == bufferCapacity {
                if start > 0 {
                    memmove(base, base + start, end - start)
                    end -= start
                    scanned -= start
                    start = 0
                } else {
                    // The line does not fit: hand out what we have and keep going.
                    consumer.longLineSegment(
                        UnsafeRawBufferPointer(start: base, count: end), number: number, isFirst: !inLongLine)
                    inLongLine = true
                    end = 0
                    scanned = 0
                }
            }
            var n = 0
            do {
                n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end..<bufferCapacity]))
            } catch {
                failure = error  // the end of the stream: the lines so far, the unfinished one too, still count
            }
            bytesRead += Int64(n)
            let ended = n == 0
            end += n
            if atStreamStart {
                if end < 3 && !ended { continue }  // wait for enough bytes to recognise a byte order mark
                atStreamStart = false
                if end >= 3 && base.load(fromByteOffset: 0, as: UInt8.self) == 0xEF
                    && base.load(fromByteOffset: 1, as: UInt8.self) == 0xBB
                    && base.load(fromByteOffset: 2, as: UInt8.self) == 0xBF
                {
                    start = 3
                    scanned = 3
                }
            }
            while scanned < end {
                guard let hit = memchr(base + scanned, 0x0A, end - scanned) else {
                    scanned = end
                    break
                }
                let newline = base.distance(to: UnsafeMutableRawPointer(hit))
                if inLongLine {
                    consumer.longLineSegment(
                        UnsafeRawBufferPointer(start: base + start, count: newline - start), number: number,
                        isFirst: false)
                    consumer.endLongLine(number: number)
                    inLongLine = false
                } else {
                    var stop = newline
                    if stop > start && base.load(fromByteOffset: stop - 1, as: UInt8.self) == 0x0D { stop -= 1 }
                    consumer.line(UnsafeRawBufferPointer(start: base + start, count: stop - start), number: number)
                }
                number += 1
                start = newline + 1
                scanned = start
            }
            if ended { break }
        }
        let lines: Int
        if inLongLine {
            consumer.longLineSegment(
                UnsafeRawBufferPointer(start: base + start, count: end - start), number: number, isFirst: false)
            consumer.endLongLine(number: number)
            lines = number
        } else if start < end {
            var stop = end
            if base.load(fromByteOffset: stop - 1, as: UInt8.self) == 0x0D { stop -= 1 }
            consumer.line(UnsafeRawBufferPointer(start: base + start, count: stop - start), number: number)
            lines = number
        } else {
            lines = number - 1
        }
        if let failure { throw failure }
        return lines
    }
}
