/// The graph one linking pass produces, ready to be written to a store.
struct LinkedGraph: Sendable {
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

    struct Coappearance: Sendable, Hashable {
        var personA: String
        var personB: String
        var firstDate: String?
        var lastDate: String?
        var articles: [Int64]
    }

    var people: [Person] = []
    var mentionPerson: [Int64: String] = [:]
    var organizations: [Organization] = []
    var organizationMentionOrganization: [Int64: String] = [:]
    var posts: [Post] = []
    var coappearances: [Coappearance] = []
    var decisions: [LinkDecision] = []
    var problems: [CurationProblem] = []
}
