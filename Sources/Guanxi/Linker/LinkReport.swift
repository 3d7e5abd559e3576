import Foundation

/// What one linking pass produced.
public struct LinkReport: Sendable, Hashable {
    public var people: Int
    public var organizations: Int
    public var posts: Int
    public var coappearances: Int
    public var decisions: Int
    /// Curation lines that could not be applied (bad syntax, unknown names).
    public var curationProblems: [CurationProblem]
    /// Wall-clock seconds of each step, in order (`people`, `mentions`, …).
    public var steps: [(step: String, seconds: Double)] = []

    public static func == (a: LinkReport, b: LinkReport) -> Bool {
        (a.people, a.organizations, a.posts, a.coappearances, a.decisions, a.curationProblems)
            == (b.people, b.organizations, b.posts, b.coappearances, b.decisions, b.curationProblems)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(people)
        hasher.combine(coappearances)
    }

    /// Starts timing the next step, ending the one before (see ``steps``).
    mutating func step(_ name: String, since clock: inout Date) {
        steps.append((name, Date().timeIntervalSince(clock)))
        clock = Date()
    }

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
