/// Why the store holds a person: their posts, every mention with a snippet of
/// evidence, and the link decisions that merged or split them.
public struct PersonExplanation: Sendable, Hashable {
    /// One post of the person's career.
    public struct Post: Sendable, Hashable {
        public var title: String
        public var role: String
        public var organization: String?
        public var firstDate: String?
        public var lastDate: String?
        public var articleCount: Int
    }

    /// One place the person is named.
    public struct Mention: Sendable, Hashable {
        public var source: String
        public var article: Int
        public var date: String?
        public var written: String
        public var kind: PersonKind
        public var referenced: Bool
        /// The text around the first occurrence, from the document text.
        public var snippet: String
        public var start: Int
        public var end: Int
    }

    /// One merge, split, curation or drop.
    public struct Decision: Sendable, Hashable {
        public var action: String
        public var rule: String
        public var reason: String
    }

    /// Nil for decisions about a name that is no longer a person (`not-a-person`).
    public var person: StoredPerson?
    public var posts: [Post]
    public var mentions: [Mention]
    public var decisions: [Decision]
}
