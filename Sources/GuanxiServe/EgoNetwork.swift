import Guanxi

/// The co-appearance network around one person, `depth` steps out (1 or 2),
/// read with targeted store reads (one index lookup a person), so that it
/// answers fast on a large store: what the network view draws.
///
/// At most `limit` people are kept: the ego, then partners by the strength of
/// the tie that reached them (shared articles), nearest ring first.
public struct EgoNetwork: Sendable, Hashable {
    /// One person of the network.
    public struct Node: Sendable, Hashable {
        public var person: StoredPerson
        public var mainPost: String?
        /// Steps from the ego (0 for the ego).
        public var level: Int
        /// Edges within this network.
        public var degree: Int
    }

    public var center: StoredPerson
    public var depth: Int
    public var filter: GraphFilter
    public var nodes: [Node]
    public var edges: [GraphSnapshot.Edge]
    /// Whether people were left out to keep `limit`.
    public var truncated: Bool

    /// Reads the network of `center` within `query.filter` (window, kinds, minimum weight).
    ///
    /// - Complexity: one partner lookup for each person kept, plus one for the
    ///   ego's partners; O(edges read log edges).
    public init(query: GraphQuery, center: StoredPerson, depth: Int, limit: Int = 60) throws {
        var window = query.filter
        window.limit = nil
        window.ego = nil
        let store = query.store
        var level: [String: Int] = [center.id: 0]
        var order = [center.id]
        var partners: [String: [GraphSnapshot.Edge]] = [:]
        var truncated = false
        var frontier = [center.id]
        for step in 1...max(1, min(depth, 2)) {
            var reached: [String: Int] = [:]  // new person → strongest tie to the frontier
            for id in frontier {
                let edges = try partners[id] ?? store.partners(of: id, filter: window)
                partners[id] = edges
                for e in edges {
                    let other = e.source == id ? e.target : e.source
                    guard level[other] == nil else { continue }
                    reached[other] = max(reached[other] ?? 0, e.weight)
                }
            }
            let ranked = reached.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            let room = max(0, limit - order.count)
            if ranked.count > room { truncated = true }
            let added = ranked.prefix(room).map(\.key)
            for id in added { level[id] = step }
            order += added
            frontier = added
            if frontier.isEmpty { break }
        }
        // Edges among the people kept: the outer ring's partners are read too.
        let kept = Set(order)
        var edges: [String: GraphSnapshot.Edge] = [:]
        for id in order {
            let list = try partners[id] ?? store.partners(of: id, filter: window)
            for e in list where kept.contains(e.source) && kept.contains(e.target) {
                let key = e.source < e.target ? e.source + "\u{0}" + e.target : e.target + "\u{0}" + e.source
                edges[key] = e
            }
        }
        let people = Dictionary(uniqueKeysWithValues: try store.people(idsOrNames: order).map { ($0.id, $0) })
        let summaries = Dictionary(
            uniqueKeysWithValues: try query.summaries(Array(people.values)).map { ($0.person.id, $0.mainPost) })
        var degree: [String: Int] = [:]
        for e in edges.values {
            degree[e.source, default: 0] += 1
            degree[e.target, default: 0] += 1
        }
        self.center = center
        self.depth = depth
        self.filter = window
        self.nodes = order.compactMap { id in
            people[id].map {
                Node(person: $0, mainPost: summaries[id] ?? nil, level: level[id] ?? 0, degree: degree[id] ?? 0)
            }
        }
        self.edges = edges.values.sorted { ($0.source, $0.target) < ($1.source, $1.target) }
        self.truncated = truncated
    }

    /// The network as JSON (`GET /api/ego`, docs/api.md).
    public var json: JSONValue {
        .object([
            ("center", .string(center.id)), ("depth", .int(depth)), ("since", .string(filter.since)),
            ("until", .string(filter.until)), ("truncated", .bool(truncated)),
            (
                "nodes",
                .array(
                    nodes.map { n in
                        .object([
                            ("id", .string(n.person.id)), ("name", .string(n.person.name)),
                            ("kind", .string(n.person.kind.rawValue)), ("jurisdiction", .string(n.person.jurisdiction)),
                            ("main_post", .string(n.mainPost)), ("level", .int(n.level)), ("degree", .int(n.degree)),
                            ("articles", .int(n.person.articleCount)),
                        ])
                    })
            ),
            (
                "edges",
                .array(
                    edges.map { e in
                        .object([
                            ("source", .string(e.source)), ("target", .string(e.target)), ("shared", .int(e.weight)),
                            ("first", .string(e.firstDate)), ("last", .string(e.lastDate)),
                        ])
                    })
            ),
        ])
    }
}
