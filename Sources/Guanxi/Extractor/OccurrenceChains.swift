/// Occurrences grouped by name as chains through one array: the members of
/// a group, in the order appended, without an array per group.
struct OccurrenceChains {
    /// One group's chain: its first and last occurrence, and its size.
    private struct Group {
        var first: Int
        var last: Int
        var size: Int
    }

    private var groups: [Group] = []
    /// `next[k]`: the occurrence after `k` in its group, or -1.
    private var next: [Int]

    /// Chains over occurrences numbered `0..<count`.
    init(count: Int) {
        next = Array(repeating: -1, count: count)
        groups.reserveCapacity(count)
    }

    /// Adds occurrence `k` to group `g`, which is the next new group when `isNew`.
    mutating func append(_ k: Int, toGroup g: Int, isNew: Bool) {
        if isNew {
            groups.append(Group(first: k, last: k, size: 1))
        } else {
            next[groups[g].last] = k
            groups[g].last = k
            groups[g].size += 1
        }
    }

    /// How many occurrences group `g` has.
    func size(of g: Int) -> Int { groups[g].size }

    /// The occurrences of group `g`, in the order appended.
    func members(of g: Int) -> Members { Members(links: next, current: groups[g].first) }

    /// One group's occurrences.
    struct Members: Sequence, IteratorProtocol {
        /// `OccurrenceChains.next`.
        let links: [Int]
        var current: Int

        mutating func next() -> Int? {
            guard current >= 0 else { return nil }
            defer { current = links[current] }
            return current
        }
    }
}
