extension String {
    /// The text without leading and trailing white space (`Character.isWhitespace`), for values read from JSON
    /// and names typed by users.
    func trimmingSpaces() -> String {
        // An ASCII first and last byte that is no space: nothing to trim (no Character walk).
        func isNot(_ b: UInt8) -> Bool { b < 0x80 && b != 0x20 && !(0x09...0x0D).contains(b) }
        if let first = utf8.first, let last = utf8.last, isNot(first), isNot(last) { return self }
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
