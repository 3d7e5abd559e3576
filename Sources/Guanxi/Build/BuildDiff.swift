/// What a dry run would change: counts and the people added, removed or renamed.
public struct BuildDiff: Sendable {
    public var before: StoreCounts
    public var after: StoreCounts
    public var addedPeople: [StoredPerson]
    public var removedPeople: [StoredPerson]
    /// (before, after) for people whose id stays and name or kind changes.
    public var changedPeople: [(before: StoredPerson, after: StoredPerson)]

    init(before: StoreCounts, after: StoreCounts, peopleBefore: [StoredPerson], peopleAfter: [StoredPerson]) {
        self.before = before
        self.after = after
        let old = Dictionary(peopleBefore.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let new = Dictionary(peopleAfter.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        addedPeople = peopleAfter.filter { old[$0.id] == nil }
        removedPeople = peopleBefore.filter { new[$0.id] == nil }
        changedPeople = peopleAfter.compactMap { p in
            guard let o = old[p.id], o.name != p.name || o.kind != p.kind else { return nil }
            return (before: o, after: p)
        }
    }
}
