/// The co-appearance edges a filter keeps, as an unweighted, undirected graph
/// over integer nodes in compressed adjacency form: shortest paths
/// (breadth-first search) and centrality (degree, weighted degree, Brandes'
/// betweenness).
///
/// Nodes are people in id order and each adjacency list is sorted, so answers
/// are the same on every run. Read one from a store with
/// ``GraphReading/coappearanceGraph(_:)`` (no posts or names, fast on large
/// stores) or build one from a ``GraphSnapshot``.
///
/// ```swift
/// let graph = try store.coappearanceGraph(GraphFilter(since: "2017"))
/// graph.shortestPath(from: "张三@永康市", to: "李四@永康市")
/// ```
public struct CoappearanceGraph: Sendable {
    /// Person ids, sorted; a node is an index into this array.
    public let ids: [String]
    private let index: [String: Int]
    /// Neighbours of node `i` are `targets[offsets[i]..<offsets[i + 1]]`, sorted.
    private let offsets: [Int]
    private let targets: [Int32]
    private let edgeWeights: [Int32]

    /// Builds the graph of `ids` (any order) and edges between indexes into `ids`.
    ///
    /// - Complexity: O(people log people + edges log degree).
    public init(ids unsorted: [String], edges: [(Int, Int, Int)]) {
        let order = unsorted.indices.sorted { unsorted[$0] < unsorted[$1] }
        var rank = Array(repeating: 0, count: unsorted.count)
        for (r, i) in order.enumerated() { rank[i] = r }
        let ids = order.map { unsorted[$0] }
        var index: [String: Int] = [:]
        index.reserveCapacity(ids.count)
        for (i, id) in ids.enumerated() { index[id] = i }
        var degree = Array(repeating: 0, count: ids.count + 1)
        for (a, b, _) in edges where a != b {
            degree[rank[a]] += 1
            degree[rank[b]] += 1
        }
        var offsets = Array(repeating: 0, count: ids.count + 1)
        for i in 0..<ids.count { offsets[i + 1] = offsets[i] + degree[i] }
        var fill = offsets
        var pairs = Array(repeating: (Int32(0), Int32(0)), count: offsets[ids.count])
        for (a, b, w) in edges where a != b {
            let ra = rank[a], rb = rank[b]
            pairs[fill[ra]] = (Int32(rb), Int32(w))
            fill[ra] += 1
            pairs[fill[rb]] = (Int32(ra), Int32(w))
            fill[rb] += 1
        }
        for i in 0..<ids.count where offsets[i + 1] - offsets[i] > 1 {
            pairs[offsets[i]..<offsets[i + 1]].sort { $0.0 < $1.0 }
        }
        self.ids = ids
        self.index = index
        self.offsets = offsets
        self.targets = pairs.map(\.0)
        self.edgeWeights = pairs.map(\.1)
    }

    /// Builds the graph of the snapshot's people and edges.
    public init(_ snapshot: GraphSnapshot) {
        let ids = snapshot.people.map(\.id)
        var index: [String: Int] = [:]
        for (i, id) in ids.enumerated() { index[id] = i }
        let edges = snapshot.edges.compactMap { e -> (Int, Int, Int)? in
            guard let a = index[e.source], let b = index[e.target] else { return nil }
            return (a, b, e.weight)
        }
        self.init(ids: ids, edges: edges)
    }

    /// Number of edges.
    public var edgeCount: Int { targets.count / 2 }

    /// The node of a person id, if the person is in the graph.
    public func node(_ id: String) -> Int? { index[id] }

    /// The neighbours of a node, sorted.
    public func neighbours(of node: Int) -> ArraySlice<Int32> { targets[offsets[node]..<offsets[node + 1]] }

    /// The weight (shared articles) of the edge between two nodes, or nil.
    public func weight(_ a: Int, _ b: Int) -> Int? {
        let range = offsets[a]..<offsets[a + 1]
        guard let i = targets[range].firstIndex(of: Int32(b)) else { return nil }
        return Int(edgeWeights[i])
    }

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
            for w32 in neighbours(of: v) {
                let w = Int(w32)
                guard parent[w] < 0 else { continue }
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
        let degree = (0..<n).map { offsets[$0 + 1] - offsets[$0] }
        let weighted = (0..<n).map { i in edgeWeights[offsets[i]..<offsets[i + 1]].reduce(0) { $0 + Int($1) } }
        var betweenness = Array(repeating: 0.0, count: n)
        let k = min(n, max(1, pivots ?? n))
        let exact = k >= n
        let sources: [Int] = n == 0 ? [] : exact ? Array(0..<n) : (0..<k).map { $0 * n / k }
        var distance = Array(repeating: Int32(-1), count: n)
        var sigma = Array(repeating: 0.0, count: n)
        var delta = Array(repeating: 0.0, count: n)
        var order = Array(repeating: 0, count: n)
        offsets.withUnsafeBufferPointer { offsets in
            targets.withUnsafeBufferPointer { targets in
                for s in sources {
                    var count = 0
                    distance[s] = 0
                    sigma[s] = 1
                    order[count] = s
                    count += 1
                    var head = 0
                    while head < count {
                        let v = order[head]
                        head += 1
                        let dv = distance[v]
                        for j in offsets[v]..<offsets[v + 1] {
                            let w = Int(targets[j])
                            if distance[w] < 0 {
                                distance[w] = dv + 1
                                order[count] = w
                                count += 1
                            }
                            if distance[w] == dv + 1 { sigma[w] += sigma[v] }
                        }
                    }
                    var i = count - 1
                    while i >= 0 {
                        let w = order[i]
                        let dw = distance[w]
                        let share = (1 + delta[w]) / sigma[w]
                        for j in offsets[w]..<offsets[w + 1] {
                            let v = Int(targets[j])
                            if distance[v] == dw - 1 { delta[v] += sigma[v] * share }
                        }
                        if w != s { betweenness[w] += delta[w] }
                        i -= 1
                    }
                    for i in 0..<count {
                        let v = order[i]
                        distance[v] = -1
                        sigma[v] = 0
                        delta[v] = 0
                    }
                }
            }
        }
        let scale = exact ? 0.5 : 0.5 * Double(n) / Double(k)
        for i in betweenness.indices { betweenness[i] *= scale }
        return Centrality(
            degree: degree, weightedDegree: weighted, betweenness: betweenness, pivots: sources.count, exact: exact)
    }
}
