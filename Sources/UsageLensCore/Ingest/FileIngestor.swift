#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads the lines of one file after another into a worker's shard: prefilter, parse, adapt, account.
///
/// One per worker thread; it owns the parser, the reader's buffer and the shard, and is reused for every file
/// the worker takes. Each line is accounted for in the file's `FileAccount`.
///
/// It knows no format by name: the formats, their order and their per-file states come from `FormatRegistry`,
/// and what a record came to is the `RecordOutcome` its format answers.
final class FileIngestor<KeyPathFormats: KeyPathFormatList, DocumentFormats: DocumentFormatList>: LineConsumer {
    let parser = FormatRegistry.makeLineParser()
    let prefilter = FormatRegistry.makePrefilter()
    let reader: LineReader
    var context = IngestContext()
    var account = FileAccount(path: "")
    /// The formats read on the fast path, and their states for the current file.
    private let keyPathFormats: KeyPathFormats
    var keyPathStates = KeyPathFormats.States()
    /// The formats read as trees, and their states for the current file.
    private let documentFormats: DocumentFormats
    var documentStates = DocumentFormats.States()
    /// The states before the current line: a line that turns out malformed changes no state.
    private var keyPathStatesBeforeLine = KeyPathFormats.States()
    private var documentStatesBeforeLine = DocumentFormats.States()
    /// Formats seen in the current file.
    private var formatsSeen: Set<LogFormat> = []
    /// Trees for the formats read by key lookups; used only on lines no fast-path format claimed.
    let documents = JSONDocumentParser()
    /// Whether a key-path format claimed the current line (an event or not): no document format is tried.
    private var claimedByKeyPathFormat = false
    /// Set while a line no format reads is parsed only to judge whether it is valid JSON.
    private var validatingOnly = false
    /// What the records of the current line came to so far (`.notMine`: no format claimed one).
    private var lineOutcome = RecordOutcome.notMine
    /// The current line's bytes while it is parsed whole (empty for a long line read in pieces).
    private var currentLine = UnsafeRawBufferPointer(start: nil, count: 0)
    private var rowsBeforeLine = 0
    private var limitsBeforeLine = 0

    /// Whether the current file (or range) was read as one JSON document: such a file cannot be read on from
    /// an offset (see `CachedFile.resumable`).
    private(set) var readAsDocument = false
    /// Whether the next non-blank line is the first of the file (it may open a multi-line document).
    private var awaitingFirstLine = false
    /// Set while the file is read as one JSON document (see `JSONDocumentSplitter`).
    private var document: DocumentLines?
    private let splitter = JSONDocumentSplitter()
    /// Set when a document failed inside a long line: the rest of that line is part of the failure.
    private var skippingLongLine = false
    /// The long line being parsed as it streams by (a read error may end the file before its end).
    private var openLongLine: Int?
    /// What of a long line reaches the parsers (see `LongLineFilter`).
    private var longLineFilter = LongLineFilter()

    /// The memory of this worker's zstd decoders: each compressed file gets a fresh decoder (see `ZstdDecoder`:
    /// a reused one read a corrupt frame otherwise, depending on the files before it), made from this pool so
    /// that it does not pay a fresh window's page faults.
    private let zstdPool = ZstdDecoder.Pool()
    /// Where the bytes read are counted, for a progress line.
    var progress: IngestProgress?

    private func zstdDecoder(_ name: String) throws -> ZstdDecoder {
        try ZstdDecoder(name: name, pool: zstdPool)
    }

    /// An ingestor for the registry's formats (`FormatRegistry.keyPathFormats`, `.documentFormats`).
    init(bufferCapacity: Int, keyPathFormats: KeyPathFormats, documentFormats: DocumentFormats) {
        self.keyPathFormats = keyPathFormats
        self.documentFormats = documentFormats
        reader = LineReader(bufferCapacity: bufferCapacity)
        parser.onRecord = { [unowned self] record in self.handle(record) }
    }

    deinit {
        reader.deallocate()
    }

    /// Reads one whole file, or one line-aligned byte range of it (line numbers then count from the range's
    /// start; the caller shifts them). I/O failures end up in the account, never thrown.
    /// - Returns: the account and the number of physical lines read.
    /// With `resuming`, the adapters continue from those saved states (`savedStates()`), as if the bytes before
    /// `range` had just been read into `context.table`.
    func ingest(
        _ file: InputFile, index: UInt32, range: Range<Int64>? = nil, readChunk: Int?, resuming states: [UInt8]? = nil
    ) -> (FileAccount, Int) {
        account = FileAccount(path: file.path)
        context.startFile(index: index, path: file.path)
        formatsSeen = []
        readAsDocument = false
        keyPathStates = keyPathFormats.startFile(path: file.path, &context)
        documentStates = DocumentFormats.States()
        if let states { restoreStates(states) }
        awaitingFirstLine = (range?.lowerBound ?? 0) == 0
        document = nil
        skippingLongLine = false
        openLongLine = nil
        var physicalLines = 0
        var bytesRead: Int64 = 0
        do {
            if let problem = file.problem { throw UsageLensError(.io, problem, file: file.path) }
            var raw: ByteSource
            if let range {
                raw = try FileRangeSource(file: file, range: range)
            } else if file.isStandardInput {
                raw = FileDescriptorSource(descriptor: 0, name: "-")
            } else {
                raw = try FileDescriptorSource(file: file)
            }
            if let readChunk { raw = ChunkingSource(raw, maxRead: readChunk) }
            if let progress { raw = CountingSource(raw, progress: progress) }
            let (source, compression) = try Compression.sniff(raw, name: file.path, decoder: { try self.zstdDecoder(file.path) })
            account.compression = compression
            var consumer = self
            physicalLines = try reader.read(
                source, into: &consumer, skipByteOrderMark: (range?.lowerBound ?? 0) == 0, bytesRead: &bytesRead)
            if document != nil { endDocument() }
            if source.isTruncated {
                account.fileErrors.append("truncated zstd stream (the lines before the cut were read)")
            }
        } catch let error as UsageLensError {
            account.fileErrors.append(error.message)
        } catch {
            account.fileErrors.append("\(error)")
        }
        if document != nil { endDocument() }
        if let number = openLongLine {
            // A read failed inside a long line: the line was counted when it began, and is malformed.
            openLongLine = nil
            _ = parser.endLine()
            _ = documents.end()
            settle(endLine("the line was cut off by a read error"), line: number)
        }
        account.bytes = bytesRead
        account.formats = formatsSeen.sorted()
        return (account, physicalLines)
    }

    // MARK: LineConsumer

    func line(_ bytes: UnsafeRawBufferPointer, number: Int) {
        guard !LineBytes.isBlank(bytes) else { return }
        account.lines += 1
        if awaitingFirstLine {
            awaitingFirstLine = false
            if JSONDocumentSplitter.opensDocument(bytes) {
                splitter.begin()
                document = DocumentLines(firstLine: number)
                readAsDocument = true
            }
        }
        if document != nil {
            documentLine(bytes, number: number)
        } else {
            settle(record(bytes, number: number), line: number)
        }
    }

    /// Reads one record: a line of a JSONL file, or a unit of a document.
    private func record(_ bytes: UnsafeRawBufferPointer, number: Int) -> LineOutcome {
        if !prefilter.matches(bytes) {
            // No format reads this line. It is skipped unparsed when it is surely a complete value: it ends like
            // one and its structure closes (a line torn after an inner `}` does not). Otherwise it is parsed,
            // only to judge it: a torn line is malformed even when it was cut before the key the prefilter
            // looks for.
            if LineBytes.endsLikeAValue(bytes) && Prefilter.structureCloses(bytes) { return .ignored(.noUsageFields) }
            validatingOnly = true
            defer { validatingOnly = false }
            beginLine(number)
            return endLine(parser.parseLine(bytes)).judged(as: .noUsageFields)
        }
        beginLine(number)
        currentLine = bytes
        var error = parser.parseLine(bytes)
        currentLine = UnsafeRawBufferPointer(start: nil, count: 0)
        if error == nil && !claimedByKeyPathFormat { error = handleDocuments(documents.parse(bytes)) }
        return endLine(error)
    }

    /// Counts a line's outcome in the file's account.
    private func settle(_ outcome: LineOutcome, line: Int) {
        switch outcome {
        case .used: account.linesWithEvents += 1
        case .ignored(let reason): account.ignore(reason)
        case .malformed(let message): account.recordError(line: line, message)
        }
    }

    /// Offers each value of a line to the document formats (API responses, records, sessions, ...). Returns the
    /// tree parser's error when the line did not parse: the line parser accepted it only because the broken
    /// part was in a member it elides, and a broken line is malformed whoever notices.
    private func handleDocuments(_ values: [JSONValue]?) -> String? {
        guard let values else { return documents.error ?? "invalid JSON" }
        for value in values {
            let (format, outcome) = FormatRegistry.readDocument(value, documentFormats, states: &documentStates, &context)
            if let format { formatsSeen.insert(format) }
            if let outcome { lineOutcome = lineOutcome.then(outcome) }
        }
        return nil
    }

    func longLineSegment(_ bytes: UnsafeRawBufferPointer, number: Int, isFirst: Bool) {
        if isFirst {
            account.lines += 1
            awaitingFirstLine = false
        }
        if isFirst { longLineFilter.reset() }
        if document != nil {
            if isFirst { document!.lines += 1 }
            splitter.line = number
            var error: String?
            longLineFilter.filter(bytes) { piece in if error == nil { error = splitter.feed(piece, endsLine: false) } }
            error = error ?? longLineFilter.error
            takeUnits()
            if let error {
                failDocument(error, at: number, retry: nil)
                skippingLongLine = true
            }
            return
        }
        if skippingLongLine { return }
        if isFirst {
            // A line longer than the buffer is parsed as it streams by: there is nowhere to keep it for a
            // prefilter decision.
            beginLine(number)
            parser.beginLine()
            documents.begin()
            openLongLine = number
        }
        longLineFilter.filter(bytes) { piece in
            parser.feed(piece)
            documents.feed(piece)
        }
    }

    func endLongLine(number: Int) {
        openLongLine = nil
        if skippingLongLine {
            skippingLongLine = false
            return
        }
        if document != nil {
            let error = splitter.feed(UnsafeRawBufferPointer(start: nil, count: 0), endsLine: true)
            takeUnits()
            if let error { failDocument(error, at: number, retry: nil) }
            return
        }
        var error = parser.endLine()
        let values = documents.end()
        if let refused = longLineFilter.error { error = refused }
        if error == nil && !claimedByKeyPathFormat { error = handleDocuments(values) }
        settle(endLine(error), line: number)
    }

    // MARK: Documents

    /// One line of a document: fed to the splitter, whose completed units are read as records.
    private func documentLine(_ bytes: UnsafeRawBufferPointer, number: Int) {
        document!.lines += 1
        splitter.line = number
        let error = splitter.feed(bytes, endsLine: true)
        takeUnits()
        if let error { failDocument(error, at: number, retry: bytes) }
    }

    /// Reads the units the splitter completed. A document's lines are accounted by the units that start on
    /// them (a line on which a unit gave events is used); its other lines (brackets, the object's own members)
    /// are `not an event`.
    private func takeUnits() {
        guard !splitter.units.isEmpty else { return }
        for unit in splitter.units {
            if let pending = document!.pending, pending.line != unit.line {
                settle(pending.outcome, line: pending.line)
                document!.settled += 1
                document!.pending = nil
            }
            if document!.pending == nil {
                document!.pending = (unit.line, .ignored(.notAnEvent), context.table.count, context.table.limits.count)
            }
            let outcome = unit.text.withUnsafeBytes { record($0, number: unit.line) }
            document!.pending!.outcome = document!.pending!.outcome.combined(with: outcome)
        }
        document!.linesAtLastUnit = document!.lines
        splitter.units.removeAll(keepingCapacity: true)
    }

    /// The end of a file read as a document: complete, or torn at its last line.
    private func endDocument() {
        guard let doc = document else { return }
        if let error = splitter.end() {
            failDocument(error, at: doc.lastLine, retry: nil)
            return
        }
        takeUnits()
        if let pending = document!.pending {
            settle(pending.outcome, line: pending.line)
            document!.settled += 1
        }
        account.ignoredReasons[.notAnEvent] += document!.lines - document!.settled
        document = nil
    }

    /// A document that is not valid JSON at line `number`: what its completed units gave stays; the lines of
    /// its unfinished value are malformed (one message, on the line of the error); the lines after it are read
    /// as JSONL. When the second line already fails, the first was a torn record of a JSONL file, not the
    /// start of a document: it alone is malformed and the second is read again as a record (`retry`).
    private func failDocument(_ error: String, at number: Int, retry: UnsafeRawBufferPointer?) {
        guard var doc = document else { return }
        document = nil
        if let retry, doc.pending == nil, doc.settled == 0, doc.lines == 2 {
            account.recordError(line: doc.firstLine, "truncated JSON (an unfinished value before line \(number))")
            settle(record(retry, number: number), line: number)
            return
        }
        if let pending = doc.pending {
            if pending.line == number {
                // The error line also started a unit: nothing of a malformed line counts.
                context.table.truncate(to: pending.rows)
                context.table.limits.removeLast(context.table.limits.count - pending.limits)
            } else {
                settle(pending.outcome, line: pending.line)
                doc.settled += 1
            }
        }
        let unfinished = max(1, doc.lines - doc.linesAtLastUnit)
        account.recordError(
            line: number,
            unfinished > 1
                ? "\(error) (in the JSON document from line \(doc.firstLine); the \(unfinished) lines of its unfinished value are not read)"
                : error)
        account.malformed += unfinished - 1
        account.ignoredReasons[.notAnEvent] += doc.lines - doc.settled - unfinished
    }

    private func beginLine(_ number: Int) {
        context.line = number
        claimedByKeyPathFormat = false
        lineOutcome = .notMine
        rowsBeforeLine = context.table.count
        limitsBeforeLine = context.table.limits.count
        keyPathStatesBeforeLine = keyPathStates
        documentStatesBeforeLine = documentStates
    }

    private func endLine(_ parseError: String?) -> LineOutcome {
        var message = parseError
        if message == nil, case .malformed(let reason) = lineOutcome { message = reason }
        if let message {
            // Nothing of a malformed line counts, even a complete value before the damage, and it changes no
            // adapter's state.
            context.table.truncate(to: rowsBeforeLine)
            context.table.limits.removeLast(context.table.limits.count - limitsBeforeLine)
            keyPathStates = keyPathStatesBeforeLine
            documentStates = documentStatesBeforeLine
            return .malformed(message)
        }
        switch lineOutcome {
        case .events: return .used
        case .ignored(let reason): return .ignored(reason)
        default: return .ignored(.notAnEvent)
        }
    }

    /// Offers a record the line parser captured to the key-path formats.
    private func handle(_ record: CapturedRecord) {
        guard !validatingOnly else { return }
        guard let (format, outcome) = keyPathFormats.read(record, line: currentLine, states: &keyPathStates, &context)
        else { return }
        claimedByKeyPathFormat = true
        if case .passed = outcome { return }
        formatsSeen.insert(format)
        lineOutcome = lineOutcome.then(outcome)
    }
}

/// Tests on a line's raw bytes.
enum LineBytes {
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

/// What became of one line (or one unit of a document).
enum LineOutcome {
    case used
    case ignored(IgnoreReason)
    case malformed(String)

    /// The outcome of a line parsed only to judge it: malformed stays, anything else is ignored for `reason`.
    func judged(as reason: IgnoreReason) -> LineOutcome {
        if case .malformed = self { return self }
        return .ignored(reason)
    }

    /// Two outcomes of one line: malformed wins, then used, then the first reason.
    func combined(with other: LineOutcome) -> LineOutcome {
        switch (self, other) {
        case (.malformed, _): return self
        case (_, .malformed): return other
        case (.used, _): return self
        case (_, .used): return other
        case (.ignored(.notAnEvent), .ignored): return other
        default: return self
        }
    }
}

/// How the lines of a file read as one document are being accounted.
struct DocumentLines {
    /// The line that opened the document.
    var firstLine: Int
    /// Non-blank lines fed so far, and how many had been fed when the last unit completed.
    var lines = 0
    var linesAtLastUnit = 0
    /// Lines accounted by the units that started on them.
    var settled = 0
    /// The line of the latest unit, with its outcome so far (more units may start on it) and where its rows
    /// and limits begin.
    var pending: (line: Int, outcome: LineOutcome, rows: Int, limits: Int)?

    var lastLine: Int { firstLine + lines - 1 }
}
