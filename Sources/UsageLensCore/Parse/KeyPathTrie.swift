#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The key paths to capture, as a trie walked by the parser's callbacks.
///
/// Node 0 is the top-level object. A key is matched against the children of the node of its container by length
/// and `memcmp`, so matching allocates nothing; containers whose node is `-1` are skipped without comparisons.
final class KeyPathTrie {
    struct Child {
        var key: UnsafeMutableRawBufferPointer
        var node: Int32
    }

    private(set) var children: [[Child]] = [[]]
    private(set) var fields: [Field?] = [nil]

    init(paths: [([String], Field)]) {
        for (path, field) in paths {
            var node = 0
            for key in path {
                node = child(of: node, key: key)
            }
            precondition(fields[node] == nil || fields[node] == field, "two fields on one key path: \(path)")
            fields[node] = field
        }
    }

    deinit {
        for list in children { for child in list { child.key.deallocate() } }
    }

    private func child(of node: Int, key: String) -> Int {
        let bytes = Array(key.utf8)
        for child in children[node] where child.key.elementsEqual(bytes) { return Int(child.node) }
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, bytes.count), alignment: 1)
        storage.copyBytes(from: bytes)
        let index = children.count
        children.append([])
        fields.append(nil)
        children[node].append(
            Child(key: UnsafeMutableRawBufferPointer(rebasing: storage[0..<bytes.count]), node: Int32(index)))
        return index
    }

    /// The child of `node` named by `key`, or -1.
    @inline(__always)
    func lookup(_ node: Int32, _ key: UnsafePointer<UInt8>, _ length: Int) -> Int32 {
        for child in children[Int(node)] where child.key.count == length {
            if length == 0 || memcmp(child.key.baseAddress!, key, length) == 0 { return child.node }
        }
        return -1
    }
}
