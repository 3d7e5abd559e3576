/// A dictionary of words over Unicode scalars, compiled once, that finds the
/// longest word starting (or, built reversed, ending) at a position of a text.
///
/// The first step from the root, where most positions of a text fail, is one
/// array index for scalars of the Basic Multilingual Plane; deeper edges live in
/// one flat open-addressing hash table keyed by `(node, scalar)` (a multiply and
/// a shift per lookup, not SipHash). Built once per lexicon; read by every
/// extraction, from any thread.
public struct ScalarTrie<Payload: Sendable>: Sendable {
    private var rootEdges: [Int32]  // BMP scalar → child of the root, 0 = none
    /// One bit per BMP scalar: set when `rootEdges` has a child for it. Most
    /// positions of a text start no word; this 8 KB table answers them from
    /// the L1 cache, where the 256 KB `rootEdges` of each of the lexicons'
    /// tries, read at every position, would keep missing it.
    private var rootBits: [UInt64] = []
    private var edges = EdgeTable()
    private var terminal: [Int32] = [-1]  // node → index into payloads, -1 = not a word end
    private var payloads: [Payload] = []
    private let reversed: Bool
    /// Length in scalars of the longest word.
    public private(set) var maxLength = 0
    /// The scalars a word starts with (ends with, for a reversed trie): at
    /// any other position `longestMatch` finds nothing.
    private(set) var firstScalars = ScalarSet([])

    /// An empty trie. A `reversed` trie matches words that *end* at a position.
    public init(reversed: Bool = false) {
        self.reversed = reversed
        self.rootEdges = []
    }

    /// Adds `word`; a word added twice keeps its first payload.
    public mutating func insert(_ word: String, _ payload: Payload) {
        var scalars = Array(word.unicodeScalars)
        guard !scalars.isEmpty else { return }
        if reversed { scalars.reverse() }
        firstScalars.insert(scalars[0].value)
        if rootEdges.isEmpty {
            rootEdges = Array(repeating: 0, count: 0x10000)
            rootBits = Array(repeating: 0, count: 0x10000 / 64)
        }
        var node: Int32 = 0
        for s in scalars {
            if let next = step(node, s) {
                node = next
                continue
            }
            let child = Int32(terminal.count)
            terminal.append(-1)
            if node == 0 && s.value < 0x10000 {
                rootEdges[Int(s.value)] = child
                rootBits[Int(s.value >> 6)] |= 1 << UInt64(s.value & 63)
            } else {
                edges.insert(Self.key(node, s), child)
            }
            node = child
        }
        if terminal[Int(node)] < 0 {
            terminal[Int(node)] = Int32(payloads.count)
            payloads.append(payload)
        }
        maxLength = max(maxLength, scalars.count)
    }

    @inline(__always)
    private static func key(_ node: Int32, _ s: Unicode.Scalar) -> UInt64 {
        UInt64(UInt32(bitPattern: node)) << 32 | UInt64(s.value)
    }

    @inline(__always)
    private func step(_ node: Int32, _ s: Unicode.Scalar) -> Int32? {
        if node == 0 && s.value < 0x10000 {
            guard !rootBits.isEmpty, rootBits[Int(s.value >> 6)] & (1 << UInt64(s.value & 63)) != 0 else { return nil }
            let child = rootEdges[Int(s.value)]
            return child == 0 ? nil : child
        }
        return edges.value(for: Self.key(node, s))
    }

    /// The longest word starting at `start` (forward trie) or ending just
    /// before `start` (reversed trie), with its length.
    @inline(__always)
    public func longestMatch(
        in text: [Unicode.Scalar], at start: Int, limit: Range<Int>? = nil
    ) -> (length: Int, payload: Payload)? {
        guard let m = longestMatchIndex(in: text, at: start, limit: limit) else { return nil }
        return (length: m.length, payload: payloads[m.index])
    }

    /// The same match as `longestMatch`, with the index of its payload
    /// (see `payload(at:)`) instead of a copy of it: for callers that
    /// decide on a precomputed property of the payload first.
    @inline(__always)
    func longestMatchIndex(
        in text: [Unicode.Scalar], at start: Int, limit: Range<Int>? = nil
    ) -> (length: Int, index: Int)? {
        let lower = limit?.lowerBound ?? 0
        let upper = limit?.upperBound ?? text.count
        var node: Int32 = 0
        var best = -1
        var bestLength = 0
        var length = 0
        var i = reversed ? start - 1 : start
        while i >= lower, i < upper, let next = step(node, text[i]) {
            node = next
            length += 1
            let t = terminal[Int(node)]
            if t >= 0 {
                best = Int(t)
                bestLength = length
            }
            i += reversed ? -1 : 1
        }
        return best < 0 ? nil : (length: bestLength, index: best)
    }

    /// The payload of index `index` (from `longestMatchIndex`).
    func payload(at index: Int) -> Payload { payloads[index] }

    /// `transform` of every payload, in index order: a table parallel to the
    /// payloads, built once with the trie.
    func mapPayloads<T>(_ transform: (Payload) -> T) -> [T] { payloads.map(transform) }

    /// Whether `word` is in the trie.
    public func contains(_ word: String) -> Bool { payload(for: word) != nil }

    /// The payload stored for `word`, if any.
    public func payload(for word: String) -> Payload? {
        guard let node = reversed ? walk(word.unicodeScalars.reversed()) : walk(word.unicodeScalars) else {
            return nil
        }
        let t = terminal[Int(node)]
        return t < 0 ? nil : payloads[Int(t)]
    }

    /// The node reached by spelling `scalars` from the root, if any.
    private func walk<S: Sequence<Unicode.Scalar>>(_ scalars: S) -> Int32? {
        var node: Int32 = 0
        for s in scalars {
            guard let next = step(node, s) else { return nil }
            node = next
        }
        return node
    }
}

/// A hash map from `(node, scalar)` keys to child nodes: linear probing over a
/// power-of-two table at most half full, Fibonacci hashing.
private struct EdgeTable: Sendable {
    /// `UInt64.max` marks an empty slot (a node index never has its top bit set).
    private var keys: [UInt64] = Array(repeating: .max, count: 16)
    private var values: [Int32] = Array(repeating: 0, count: 16)
    private var shift: UInt64 = 60
    private var count = 0

    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Adds `key` (not already present).
    mutating func insert(_ key: UInt64, _ value: Int32) {
        if 2 * (count + 1) > keys.count { grow() }
        let mask = keys.count - 1
        var i = slot(key)
        while keys[i] != .max { i = (i + 1) & mask }
        keys[i] = key
        values[i] = value
        count += 1
    }

    @inline(__always)
    func value(for key: UInt64) -> Int32? {
        keys.withUnsafeBufferPointer { keys in
            let mask = keys.count - 1
            var i = slot(key)
            while true {
                let k = keys[i]
                if k == key { return values[i] }
                if k == .max { return nil }
                i = (i + 1) & mask
            }
        }
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: .max, count: oldKeys.count * 2)
        values = Array(repeating: 0, count: oldKeys.count * 2)
        shift -= 1
        count = 0
        for (k, v) in zip(oldKeys, oldValues) where k != .max { insert(k, v) }
    }
}
