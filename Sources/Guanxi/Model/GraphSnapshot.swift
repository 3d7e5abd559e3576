/// The part of the graph a filter selects, read from the store in one go: the
/// people, the co-appearance edges among them, their posts and the
/// institutions. Queries and exporters work on this value, never on the
/// pipeline's memory, so a store built yesterday exports today.
///
/// People and edges are sorted by id, so the same store gives the same
/// snapshot, byte for byte, whatever order the store returns rows in.
public struct GraphSnapshot: Sendable, Hashable {
    /// A person as seen through the filter.
    public struct Person: Sendable, Hashable {
        public var id: String
        public var name: String
        public var kind: PersonKind
        public var jurisdiction: String?
        /// A rank label seen with the person (`市领导`), if any.
        public var rank: String?
        /// The post seen in most articles (ties: the latest), as `title`.
        public var mainPost: String?
        /// Articles in the window naming the person.
        public var articleCount: Int
        public var firstDate: String?
        public var lastDate: String?
    }

    /// Two people named in the same articles.
    public struct Edge: Sendable, Hashable {
        /// Person ids, `source < target`.
        public var source: String
        public var target: String
        /// Shared articles in the window.
        public var weight: Int
        public var firstDate: String?
        public var lastDate: String?
    }

    /// A post a person held: role in an institution, first and last dated sighting.
    public struct Post: Sendable, Hashable {
        public var id: String
        public var personId: String
        public var role: String
        public var title: String
        public var organizationId: String?
        public var firstDate: String?
        public var lastDate: String?
        public var articleCount: Int
    }

    /// An institution and its parent.
    public struct Organization: Sendable, Hashable {
        public var id: String
        public var name: String
        public var jurisdiction: String?
        public var parentId: String?
        public var articleCount: Int
    }

    public var people: [Person]
    public var edges: [Edge]
    public var posts: [Post]
    public var organizations: [Organization]

    public init(people: [Person], edges: [Edge], posts: [Post], organizations: [Organization]) {
        self.people = people
        self.edges = edges
        self.posts = posts
        self.organizations = organizations
    }

    /// Applies the parts of `filter` that need the whole graph: keeps edges
    /// of `minWeight` among kept people, the ego network, and the `limit`
    /// best-connected people. Dates and kinds are applied by the store.
    ///
    /// - Complexity: O((people + edges) log people).
    public func narrowed(by filter: GraphFilter) -> GraphSnapshot {
        var keep = Set(people.map(\.id))
        var edges = self.edges.filter {
            $0.weight >= filter.minWeight && keep.contains($0.source) && keep.contains($0.target)
        }
        if let ego = filter.ego {
            var neighbours: [String: [String]] = [:]
            for e in edges {
                neighbours[e.source, default: []].append(e.target)
                neighbours[e.target, default: []].append(e.source)
            }
            var reached: Set<String> = keep.contains(ego) ? [ego] : []
            var frontier = Array(reached)
            // Ends when no one new is reached, whatever the depth asked.
            var steps = 0
            while steps < filter.depth && !frontier.isEmpty {
                steps += 1
                var next: [String] = []
                for id in frontier {
                    for n in neighbours[id] ?? [] where reached.insert(n).inserted { next.append(n) }
                }
                frontier = next
            }
            keep = reached
        }
        if let limit = filter.limit, keep.count > limit {
            var strength: [String: Int] = [:]
            for e in edges where keep.contains(e.source) && keep.contains(e.target) {
                strength[e.source, default: 0] += e.weight
                strength[e.target, default: 0] += e.weight
            }
            let articles = Dictionary(uniqueKeysWithValues: people.map { ($0.id, $0.articleCount) })
            let ranked = keep.sorted {
                (strength[$0] ?? 0, articles[$0] ?? 0, $1) > (strength[$1] ?? 0, articles[$1] ?? 0, $0)
            }
            keep = Set(ranked.prefix(max(0, limit)))
        }
        edges = edges.filter { keep.contains($0.source) && keep.contains($0.target) }
        return GraphSnapshot(
            people: people.filter { keep.contains($0.id) }, edges: edges,
            posts: posts.filter { keep.contains($0.personId) }, organizations: organizations)
    }
}

extension GraphSnapshot {
    /// The post of each person seen in most articles (ties: the latest), as a snapshot gives it (`Person.mainPost`).
    static func mainPosts(_ posts: [GraphSnapshot.Post]) -> [String: String] {
        var best: [String: GraphSnapshot.Post] = [:]
        for post in posts {
            if let b = best[post.personId],
                (b.articleCount, b.lastDate ?? "", post.id) >= (post.articleCount, post.lastDate ?? "", b.id)
            {
                continue
            }
            best[post.personId] = post
        }
        return best.mapValues(\.title)
    }
}
