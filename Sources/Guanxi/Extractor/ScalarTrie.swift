/// A dictionary of words over Unicode scalars, compiled once, that finds the
/// longest word starting (or, built reversed, ending) at a position of a text.
///
/// Edges live in one flat hash table keyed by `(node, scalar)`, so a lookup is
/// one hash probe per scalar and no allocation. Built once per lexicon; read by
/// every extraction, from any thread.
public struct ScalarTrie<Payload: Sendable>: Sendable {
    private var edges: [UInt64: Int32] = [:]
    private var payloads: [Int32: Payload] = [:]
    private var nodeCount: Int32 = 1
    private let reversed: Bool
    /// Length in scalars of the longest word.
    public private(set) var maxLength = 0

    /// An empty trie. A `reversed` trie matches words that *end* at a position.
    public init(reversed: Bool = false) {
        self.reversed = reversed
    }

    /// Adds `word`; a word added twice keeps its first payload.
    public mutating func insert(_ word: String, _ payload: Payload) {
        var scalars = Array(word.unicodeScalars)
        guard !scalars.isEmpty else { return }
        if reversed { scalars.reverse() }
        var node: Int32 = 0
        for s in scalars {
            let key = UInt64(UInt32(bitPattern: node)) << 32 | UInt64(s.value)
            if let next = edges[key] {
                node = next
            } else {
                edges[key] = nodeCount
                node = nodeCount
                nodeCount += 1
            }
        }
        if payloads[node] == nil { payloads[node] = payload }
        maxLength = max(maxLength, scalars.count)
    }

    @inline(__always)
    private func step(_ node: Int32, _ s: Unicode.Scalar) -> Int32? {
        edges[UInt64(UInt32(bitPattern: node)) << 32 | UInt64(s.value)]
    }

    /// The longest word starting at `start` (forward trie) or ending just
    /// before `start` (reversed trie), with its length.
    public func longestMatch(
        in text: [Unicode.Scalar], at start: Int, limit: Range<Int>? = nil
    ) -> (length: Int, payload: Payload)? {
        let bounds = limit ?? 0..<text.count
        var node: Int32 = 0
        var best: (Int, Payload)?
        var length = 0
        var i = reversed ? start - 1 : start
        while bounds.contains(i), let next = step(node, text[i]) {
            node = next
            length += 1
            if let p = payloads[node] { best = (length, p) }
            i += reversed ? -1 : 1
        }
        return best.map { (length: $0.0, payload: $0.1) }
    }

    /// Whether `word` is in the trie.
    public func contains(_ word: String) -> Bool {
        var scalars = Array(word.unicodeScalars)
        if reversed { scalars.reverse() }
        var node: Int32 = 0
        for s in scalars {
            guard let next = step(node, s) else { return false }
            node = next
        }
        return payloads[node] != nil
    }

    /// The payload stored for `word`, if any.
    public func payload(for word: String) -> Payload? {
        var scalars = Array(word.unicodeScalars)
        if reversed { scalars.reverse() }
        var node: Int32 = 0
        for s in scalars {
            guard let next = step(node, s) else { return nil }
            node = next
        }
        return payloads[node]
    }
}
