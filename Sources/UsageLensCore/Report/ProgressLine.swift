/// The text of a progress line: files and bytes read of the totals, the rate, and the time left.
public enum ProgressLine {
    /// `reading 3/21 files · 12.4/256.0 MB · 85.2 MB/s · 3s left`, cut to `width - 1` columns (a line that
    /// filled the terminal would wrap, and `\r` would then redraw only its last row); standard input's bytes
    /// have no total: `reading 12.4 MB · 85.2 MB/s`.
    public static func text(_ s: IngestProgress.Snapshot, elapsedSeconds: Double, width: Int) -> String {
        var parts = ["reading \(s.files)/\(s.totalFiles) files"]
        let rate = elapsedSeconds > 0 ? Double(s.bytes) / elapsedSeconds : 0
        if s.readsStandardInput {
            parts.append(megabytes(s.bytes) + " MB")
        } else {
            parts.append(megabytes(s.bytes) + "/" + megabytes(s.totalBytes) + " MB")
        }
        parts.append(megabytes(Int64(rate)) + " MB/s")
        if !s.readsStandardInput, rate > 0, s.totalBytes > s.bytes {
            parts.append(duration(Double(s.totalBytes - s.bytes) / rate) + " left")
        }
        let line = parts.joined(separator: " · ")
        return DisplayWidth.of(line) < width ? line : String(line.prefix(max(0, width - 1)))
    }

    /// Bytes in decimal megabytes with one decimal: `12.4`.
    static func megabytes(_ bytes: Int64) -> String {
        let tenths = (bytes + 50_000) / 100_000
        return Formatting.grouped(tenths / 10) + "." + String(tenths % 10)
    }

    /// `42s`, `3m 05s`, `1h 02m`.
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded(.up))
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m " + Timestamp.pad(s % 60, 2) + "s" }
        return "\(s / 3600)h " + Timestamp.pad(s / 60 % 60, 2) + "m"
    }
}
