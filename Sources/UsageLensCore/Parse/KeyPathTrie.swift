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
    /// The slot each node fills, if any.
    private(set) var fields: [Int?] = [nil]

    // The same children, flattened into raw memory for the callbacks (no array or reference counting there).
    private var firstChild: UnsafeMutablePointer<Int32> = .allocate(capacity: 1)
    private var childCount: UnsafeMutablePointer<Int32> = .allocate(capacity: 1)
    private var childKeys: UnsafeMutablePointer<UnsafeRawPointer?> = .allocate(capacity: 1)
    private var childKeyLengths: UnsafeMutablePointer<Int> = .allocate(capacity: 1)
    private var childNodes: UnsafeMutablePointer<Int32> = .allocate(capacity: 1)

    init(paths: [([String], Int)]) {
        for (path, field) in paths {
            var node = 0
            for key in path {
                node = child(of: node, key: key)
            }
            precondition(fields[node] == nil || fields[node] == field, "two slots on one key path: \(path)")
            fields[node] = field
        }
        flatten()
    }

    deinit {
        for list in children { for child in list { child.key.deallocate() } }
        firstChild.deallocate()
        childCount.deallocate()
        childKeys.deallocate()
        childKeyLengths.deallocate()
        childNodes.deallocate()
    }

    private func flatten() {
        let total = max(1, children.reduce(0) { $0 + $1.count })
        for p in [firstChild, childCount, childNodes] as [UnsafeMutablePointer<Int32>] { p.deallocate() }
        childKeys.deallocate()
        childKeyLengths.deallocate()
        firstChild = .allocate(capacity: children.count)
        childCount = .allocate(capacity: children.count)
        childKeys = .allocate(capacity: total)
        childKeyLengths = .allocate(capacity: total)
        childNodes = .allocate(capacity: total)
        var next = 0
        for (node, list) in children.enumerated() {
            firstChild[node] = Int32(next)
            childCount[node] = Int32(list.count)
            for child in list {
                childKeys[next] = UnsafeRawPointer(child.key.baseAddress)
                childKeyLengths[next] = child.key.count
                childNodes[next] = child.node
                next += 1
            }
        }
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

    /// Whether any key path continues below `node`.
    @inline(__always) func hasChildren(_ node: Int32) -> Bool { childCount[Int(node)] > 0 }

    /// The child of `node` named by `key`, or -1.
    @inline(__always)
    func lookup(_ node: Int32, _ key: UnsafePointer<UInt8>, _ length: Int) -> Int32 {
        let start = Int(firstChild[Int(node)])
        let end = start + Int(childCount[Int(node)])
        var i = start
        while i < end {
            if childKeyLengths[i] == length && (length == 0 || memcmp(childKeys[i]!, key, length) == 0) {
                return childNodes[i]
            }
            i += 1
        }
        return -1
    }
}
