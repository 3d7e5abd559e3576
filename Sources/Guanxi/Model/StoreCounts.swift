/// How much a store holds: what `guanxi stats` prints and what a build reports.
public struct StoreCounts: Sendable, Hashable {
    public var documents = 0
    public var articles = 0
    public var mentions = 0
    public var people = 0
    public var peopleByKind: [PersonKind: Int] = [:]
    public var organizations = 0
    public var posts = 0
    public var coappearances = 0
    public var linkDecisions = 0
    /// Status of the latest build (`running` if it was killed), nil if none.
    public var lastBuildStatus: String?

    public init() {}

    /// `name value` lines that differ between `self` and `other`, for dry runs.
    public func changes(to other: StoreCounts) -> [(name: String, before: Int, after: Int)] {
        var rows: [(String, Int, Int)] = [
            ("documents", documents, other.documents), ("articles", articles, other.articles),
            ("mentions", mentions, other.mentions), ("people", people, other.people),
        ]
        for kind in PersonKind.allCases {
            rows.append(("people.\(kind.rawValue)", peopleByKind[kind] ?? 0, other.peopleByKind[kind] ?? 0))
        }
        rows += [
            ("organizations", organizations, other.organizations), ("posts", posts, other.posts),
            ("coappearances", coappearances, other.coappearances),
            ("linkDecisions", linkDecisions, other.linkDecisions),
        ]
        return rows.filter { $0.1 != $0.2 }.map { (name: $0.0, before: $0.1, after: $0.2) }
    }
}
