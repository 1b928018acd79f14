import Foundation

/// The adapters' per-file states of a `FileIngestor`, saved after a file's last complete line and restored to
/// read on from there (DESIGN 9). The states are small values (`AdapterState`, Codable); their string codes are
/// codes of the table the file was read into, which the cache keeps with them.
extension FileIngestor {
    private struct SavedStates: Codable {
        var keyPath: KeyPathFormats.States
        var document: DocumentFormats.States
    }

    /// The current states, encoded.
    func savedStates() -> [UInt8] {
        let saved = SavedStates(keyPath: keyPathStates, document: documentStates)
        return (try? [UInt8](JSONEncoder().encode(saved))) ?? []
    }

    /// Takes the states `savedStates()` gave; bytes that do not decode leave the fresh states (the cache's
    /// checksum makes that a bug, not a case).
    func restoreStates(_ bytes: [UInt8]) {
        guard let saved = try? JSONDecoder().decode(SavedStates.self, from: Data(bytes)) else { return }
        keyPathStates = saved.keyPath
        documentStates = saved.document
    }

    /// Whether an adapter took the current file's modification time (an event without a time of its own):
    /// such a file's rows change when only its time does, so it cannot be read on from an offset.
    var usedModificationTime: Bool { context.modificationTime != nil }
}

extension FileIngestor {
    /// Reads `range` of `file` (nil: all of it) into `table`, continuing from saved `states` when given.
    /// - Returns: the table with the rows and limits appended, the range's account and its physical lines.
    func read(
        _ file: InputFile, index: UInt32, range: Range<Int64>?, into table: UsageTable, resuming states: [UInt8]?,
        readChunk: Int?
    ) -> (UsageTable, FileAccount, Int) {
        context.table = table
        let (account, lines) = ingest(file, index: index, range: range, readChunk: readChunk, resuming: states)
        var result = context.table
        context.table = UsageTable()
        result.shrinkOpenBlocks()
        return (result, account, lines)
    }
}
