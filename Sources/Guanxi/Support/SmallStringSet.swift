/// A set of strings that is usually tiny (the titles of one person, the
/// forms of one institution in one article).
///
/// Up to `linearLimit` members it is a plain array searched with `==`: no
/// allocation for the first insert and no hashing, which for CJK strings
/// means normalizing them. Past the limit it also keeps a `Set`, so a huge
/// set stays O(1) per insert. Membership is `String` equality either way.
struct SmallStringSet {
    private var members: [String] = []
    private var hashed: Set<String>?
    private static let linearLimit = 8

    init() {}

    /// Inserts `s`; whether it was not there yet.
    mutating func insert(_ s: String) -> Bool {
        if hashed == nil {
            if members.contains(s) { return false }
            members.append(s)
            if members.count > Self.linearLimit { hashed = Set(members) }
            return true
        }
        return hashed?.insert(s).inserted ?? false
    }

    /// Whether `s` is a member.
    func contains(_ s: String) -> Bool {
        if let hashed { return hashed.contains(s) }
        return members.contains(s)
    }
}
