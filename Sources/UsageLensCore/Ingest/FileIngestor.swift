#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads the lines of one file after another into a worker's shard: prefilter, parse, adapt, account.
///
/// One per worker thread; it owns the parser, the reader's buffer and the shard, and is reused for every file
/// the worker takes. Each line is accounted for in the file's `FileAccount`.
final class FileIngestor: LineConsumer {
    let parser = JSONLineParser()
    let prefilter = Prefilter()
    let reader: LineReader
    var context = IngestContext()
    var account = FileAccount(path: "")
    private var claude = ClaudeCodeAdapter()
    private var codex = CodexAdapter()
    /// Trees for the formats read by key lookups; used only on lines no fast-path format claimed.
    let documents = JSONDocumentParser()
    /// Whether the current line belonged to Claude Code or Codex (an event or not): no other format is tried.
    private var claimedByAgentLog = false
    private var eventsInLine = false
    private var rowsBeforeLine = 0
    private var limitsBeforeLine = 0

    /// The worker's zstd decoder, made on the first compressed file and kept for the others.
    private var decoder: ZstdDecoder?

    private func zstdDecoder(_ name: String) throws -> ZstdDecoder {
        if let decoder { return decoder }
        let made = try ZstdDecoder(name: name)
        decoder = made
        return made
    }

    init(bufferCapacity: Int) {
        reader = LineReader(bufferCapacity: bufferCapacity)
        parser.onRecord = { [unowned self] record in self.handle(record) }
    }

    deinit {
        reader.deallocate()
    }

    /// Reads one whole file, or one line-aligned byte range of it (line numbers then count from the range's
    /// start; the caller shifts them). I/O failures end up in the account, never thrown.
    /// - Returns: the account and the number of physical lines read.
    func ingest(_ file: InputFile, index: UInt32, range: Range<Int64>? = nil, readChunk: Int?) -> (FileAccount, Int) {
        account = FileAccount(path: file.path)
        context.fileIndex = index
        context.path = file.path
        context.formatsSeen = []
        claude.startFile(path: file.path, context: &context)
        codex.startFile(path: file.path, context: &context)
        var physicalLines = 0
        do {
            var raw: ByteSource
            if let range {
                raw = try FileRangeSource(path: file.path, range: range)
            } else if file.isStandardInput {
                raw = FileDescriptorSource(descriptor: 0, name: "-")
            } else {
                raw = try FileDescriptorSource(path: file.path)
            }
            if let readChunk { raw = ChunkingSource(raw, maxRead: readChunk) }
            let (source, compression) = try Compression.sniff(raw, name: file.path, decoder: { try self.zstdDecoder(file.path) })
            account.compression = compression
            var consumer = self
            physicalLines = try reader.read(source, into: &consumer, skipByteOrderMark: (range?.lowerBound ?? 0) == 0)
            if source.isTruncated {
                account.fileErrors.append("truncated zstd stream (the lines before the cut were read)")
            }
        } catch let error as UsageLensError {
            account.fileErrors.append(error.message)
        } catch {
            account.fileErrors.append("\(error)")
        }
        account.formats = context.formatsSeen.sorted()
        return (account, physicalLines)
    }

    // MARK: LineConsumer

    func line(_ bytes: UnsafeRawBufferPointer, number: Int) {
        account.bytes += Int64(bytes.count) + 1
        guard !Self.isBlank(bytes) else { return }
        account.lines += 1
        // A line with no needle is skipped unparsed, unless it does not end like a JSON value: a torn line
        // must be reported as malformed even when it was cut before the key the prefilter looks for.
        guard prefilter.matches(bytes) || !Self.endsLikeAValue(bytes) else {
            account.ignored += 1
            return
        }
        beginLine(number)
        let error = parser.parseLine(bytes)
        if error == nil, let time = context.limitMessageTime { observeLimitMessage(bytes, time: time) }
        if error == nil && !claimedByAgentLog { handleDocuments(documents.parse(bytes)) }
        endLine(number, error)
    }

    /// Offers each value of a line to the document formats (API responses, records, sessions, ...).
    private func handleDocuments(_ values: [JSONValue]?) {
        for value in values ?? [] {
            let (format, events) = DocumentAdapters.handle(value, &context)
            if let format { context.formatsSeen.insert(format) }
            if events { eventsInLine = true }
        }
    }

    /// Claude Code writes "Claude AI usage limit reached|<epoch seconds>" when a limit stops a session: the
    /// window is used up and resets at that instant. Looked for only on API error lines.
    private func observeLimitMessage(_ line: UnsafeRawBufferPointer, time: Int64) {
        let marker = Array("limit reached|".utf8)
        guard let base = line.baseAddress, line.count > marker.count else { return }
        guard let i = (0...(line.count - marker.count)).first(where: { memcmp(base + $0, marker, marker.count) == 0 })
        else { return }
        var j = i + marker.count
        var value: Int64 = 0
        while j < line.count, line[j] >= 48, line[j] <= 57, value < 1 << 50 {
            value = value * 10 + Int64(line[j] - 48)
            j += 1
        }
        guard j > i + marker.count, let reset = Timestamp.fromEpoch(Double(value)) else { return }
        context.table.limits.append(
            LimitObservation(
                time: time, format: LogFormat.claudeCode.rawValue, window: .primary, usedPercent: 100, windowMinutes: nil,
                resetsAt: reset, session: 0, file: context.fileIndex, line: UInt32(truncatingIfNeeded: context.line)))
    }

    func longLineSegment(_ bytes: UnsafeRawBufferPointer, number: Int, isFirst: Bool) {
        account.bytes += Int64(bytes.count)
        if isFirst {
            // A line longer than the buffer is parsed as it streams by: there is nowhere to keep it for a
            // prefilter decision.
            account.lines += 1
            beginLine(number)
            parser.beginLine()
            documents.begin()
        }
        parser.feed(bytes)
        documents.feed(bytes)
    }

    func endLongLine(number: Int) {
        account.bytes += 1
        let error = parser.endLine()
        let values = documents.end()
        if error == nil && !claimedByAgentLog { handleDocuments(values) }
        endLine(number, error)
    }

    private func beginLine(_ number: Int) {
        context.line = number
        context.recordError = nil
        context.limitMessageTime = nil
        claimedByAgentLog = false
        eventsInLine = false
        rowsBeforeLine = context.table.count
        limitsBeforeLine = context.table.limits.count
    }

    private func endLine(_ number: Int, _ parseError: String?) {
        if let message = parseError ?? context.recordError {
            // Nothing of a malformed line counts, even a complete value before the damage.
            context.table.truncate(to: rowsBeforeLine)
            context.table.limits.removeLast(context.table.limits.count - limitsBeforeLine)
            account.recordError(line: number, message)
        } else if eventsInLine {
            account.linesWithEvents += 1
        } else {
            account.ignored += 1
        }
    }

    private func handle(_ record: CapturedRecord) {
        if ClaudeCodeAdapter.recognises(record) {
            context.formatsSeen.insert(.claudeCode)
            claimedByAgentLog = true
            if claude.handle(record, &context) { eventsInLine = true }
        } else if CodexAdapter.recognises(record) {
            context.formatsSeen.insert(.codex)
            claimedByAgentLog = true
            if codex.handle(record, &context) { eventsInLine = true }
        } else if ClaudeCodeAdapter.isEnvelope(record) || CodexAdapter.isEnvelope(record) {
            claimedByAgentLog = true
        }
    }

    @inline(__always) static func endsLikeAValue(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var i = bytes.count - 1
        while i >= 0, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D { i -= 1 }
        return i >= 0 && (bytes[i] == UInt8(ascii: "}") || bytes[i] == UInt8(ascii: "]"))
    }

    @inline(__always) static func isBlank(_ bytes: UnsafeRawBufferPointer) -> Bool {
        for byte in bytes where byte != 0x20 && byte != 0x09 && byte != 0x0D { return false }
        return true
    }
}
