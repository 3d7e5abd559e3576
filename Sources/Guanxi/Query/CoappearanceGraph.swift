/// The co-appearance edges of a ``GraphSnapshot`` as an unweighted, undirected
/// graph over integer indexes: shortest paths (breadth-first search) and
/// centrality (degree, weighted degree, Brandes' betweenness).
///
/// Nodes are the snapshot's people in id order and each adjacency list is
/// sorted, so answers are the same on every run.
///
/// ```swift
/// let graph = CoappearanceGraph(try store.snapshot(GraphFilter(since: "2017")))
/// graph.shortestPath(from: "张三@永康市", to: "李四@永康市")
/// ```
public struct CoappearanceGraph: Sendable {
    /// Person ids, sorted; a node is an index into this array.
    public let ids: [String]
    /// Neighbours of each node, sorted.
    public let neighbours: [[Int]]
    /// Edge weight (shared articles) per neighbour, in the order of `neighbours`.
    public let weights: [[Int]]
    private let index: [String: Int]

    /// Builds the graph of the snapshot's people and edges.
    ///
    /// - Complexity: O(people + edges log edges).
    public init(_ snapshot: GraphSnapshot) {
        let ids = snapshot.people.map(\.id).sorted()
        var index: [String: Int] = [:]
        index.reserveCapacity(ids.count)
        for (i, id) in ids.enumerated() { index[id] = i }
        var pairs = Array(repeating: [(Int, Int)](), count: ids.count)
        for edge in snapshot.edges {
            guard let a = index[edge.source], let b = index[edge.target], a != b else { continue }
            pairs[a].append((b, edge.weight))
            pairs[b].append((a, edge.weight))
        }
        for i in pairs.indices { pairs[i].sort { $0.0 < $1.0 } }
        self.ids = ids
        self.index = index
        self.neighbours = pairs.map { $0.map(\.0) }
        self.weights = pairs.map { $0.map(\.1) }
    }

    /// The node of a person id, if the person is in the graph.
    public func node(_ id: String) -> Int? { index[id] }

    /// The people on a shortest co-appearance chain from `source` to `target`,
    /// both included; nil when no chain links them (or either is not in the graph).
    ///
    /// Among chains of equal length the one through the smallest ids is taken.
    ///
    /// - Complexity: O(people + edges) (breadth-first search).
    public func shortestPath(from source: String, to target: String) -> [String]? {
        guard let s = index[source], let t = index[target] else { return nil }
        if s == t { return [source] }
        var parent = Array(repeating: -1, count: ids.count)
        parent[s] = s
        var queue = [s]
        var head = 0
        while head < queue.count {
            let v = queue[head]
            head += 1
            for w in neighbours[v] where parent[w] < 0 {
                parent[w] = v
                if w == t {
                    var path = [t]
                    var at = t
                    while at != s {
                        at = parent[at]
                        path.append(at)
                    }
                    return path.reversed().map { ids[$0] }
                }
                queue.append(w)
            }
        }
        return nil
    }

    /// Centrality of every node: degree, weighted degree and betweenness.
    public struct Centrality: Sendable, Hashable {
        /// Number of partners.
        public var degree: [Int]
        /// Sum of edge weights (shared articles, counted once per partner).
        public var weightedDegree: [Int]
        /// Shortest paths between other pairs that pass through the node
        /// (unordered pairs; split equally among equal-length paths); estimated
        /// from `pivots` sources when not `exact`.
        public var betweenness: [Double]
        /// Sources the betweenness was computed from.
        public var pivots: Int
        /// Whether every node was a source (exact betweenness).
        public var exact: Bool
    }

    /// Degree, weighted degree and Brandes' betweenness on the unweighted graph.
    ///
    /// With `pivots` nil or at least the number of nodes, betweenness is exact.
    /// Otherwise it is estimated from `pivots` sources spread evenly over the
    /// id order and scaled by nodes / pivots (Brandes & Pich 2007); the
    /// estimate is deterministic.
    ///
    /// - Complexity: O(sources × (people + edges)) time, O(people) extra memory.
    ///   Exact on 30,000 people and 300,000 edges that is 30,000 searches: use pivots.
    public func centrality(pivots: Int? = nil) -> Centrality {
        let n = ids.count
        let degree = neighbours.map(\.count)
        let weighted = weights.map { $0.reduce(0, +) }
        var betweenness = Array(repeating: 0.0, count: n)
        let k = min(n, max(1, pivots ?? n))
        let exact = k >= n
        let sources: [Int] = exact ? Array(0..<n) : (0..<k).map { $0 * n / k }
        var distance = Array(repeating: -1, count: n)
        var sigma = Array(repeating: 0.0, count: n)
        var delta = Array(repeating: 0.0, count: n)
        var order: [Int] = []
        order.reserveCapacity(n)
        for s in sources {
            order.removeAll(keepingCapacity: true)
            distance[s] = 0
            sigma[s] = 1
            order.append(s)
            var head = 0
            while head < order.count {
                let v = order[head]
                head += 1
                let dv = distance[v]
                for w in neighbours[v] {
                    if distance[w] < 0 {
                        distance[w] = dv + 1
                        order.append(w)
                    }
                    if distance[w] == dv + 1 { sigma[w] += sigma[v] }
                }
            }
            for w in order.reversed() {
                let dw = distance[w]
                for v in neighbours[w] where distance[v] == dw - 1 {
                    delta[v] += sigma[v] / sigma[w] * (1 + delta[w])
                }
                if w != s { betweenness[w] += delta[w] }
            }
            for v in order {
                distance[v] = -1
                sigma[v] = 0
                delta[v] = 0
            }
        }
        let scale = exact ? 0.5 : 0.5 * Double(n) / Double(k)
        for i in betweenness.indices { betweenness[i] *= scale }
        return Centrality(
            degree: degree, weightedDegree: weighted, betweenness: betweenness, pivots: sources.count, exact: exact)
    }
}
