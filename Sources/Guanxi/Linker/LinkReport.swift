/// What one linking pass produced.
public struct LinkReport: Sendable, Hashable {
    public var people: Int
    public var organizations: Int
    public var posts: Int
    public var coappearances: Int
    public var decisions: Int
    /// Curation lines that could not be applied (bad syntax, unknown names).
    public var curationProblems: [CurationProblem]

    public init(
        people: Int = 0, organizations: Int = 0, posts: Int = 0, coappearances: Int = 0,
        decisions: Int = 0, curationProblems: [CurationProblem] = []
    ) {
        self.people = people
        self.organizations = organizations
        self.posts = posts
        self.coappearances = coappearances
        self.decisions = decisions
        self.curationProblems = curationProblems
    }
}
