/// A set of store row ids (articles, mentions, documents) kept as one bit per
/// id up to the largest: what an export marks as cited while it streams, at
/// an eighth of a byte per row of the store instead of a hash set entry.
struct RowIdSet {
    private var words: [UInt64] = []
    /// Ids below 0 or too large to index are kept here.
    private var others = Set<Int64>()

    /// Ids above this go to the overflow set rather than growing the bits.
    private static let bitLimit: Int64 = 1 << 34

    var isEmpty: Bool { others.isEmpty && !words.contains { $0 != 0 } }

    mutating func insert(_ id: Int64) {
        guard id >= 0, id < Self.bitLimit else { others.insert(id); return }
        let word = Int(id >> 6)
        if word >= words.count {
            words.append(contentsOf: repeatElement(0, count: max(word + 1, words.count * 2) - words.count))
        }
        words[word] |= 1 << UInt64(id & 63)
    }

    func contains(_ id: Int64) -> Bool {
        guard id >= 0, id < Self.bitLimit else { return others.contains(id) }
        let word = Int(id >> 6)
        return word < words.count && words[word] & (1 << UInt64(id & 63)) != 0
    }
}
