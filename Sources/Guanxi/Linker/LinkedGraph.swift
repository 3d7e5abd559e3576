/// What linking produces for the store to write: people, institutions and
/// posts (co-appearance edges are ``CoappearanceBuilder/Edge``).
enum LinkedGraph {
    struct Person: Sendable, Hashable {
        var id: String
        var name: String
        var kind: PersonKind
        var jurisdiction: String?
        var rank: String?
        var firstDate: String?
        var lastDate: String?
        var articleCount: Int
        var mentionCount: Int
    }

    struct Organization: Sendable, Hashable {
        var id: String
        var name: String
        var jurisdiction: String?
        var parent: String?
        var aliases: [String]
        var articleCount: Int
    }

    struct Post: Sendable {
        var id: String
        var personId: String
        var role: String
        var organization: String?
        var title: String
        var firstDate: String?
        var lastDate: String?
        /// (article, first mention in it), in sighting order.
        var evidence: [(article: Int64, mention: Int64)]
    }
}
