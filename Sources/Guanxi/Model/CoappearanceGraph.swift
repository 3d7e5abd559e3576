/// The co-appearance edges a filter keeps, as an unweighted, undirected graph
/// over integer nodes in compressed adjacency form; Query/ adds shortest
/// paths (breadth-first search) and centrality (degree, weighted degree,
/// Brandes' betweenness).
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
    let index: [String: Int]
    /// Neighbours of node `i` are `targets[offsets[i]..<offsets[i + 1]]`, sorted.
    let offsets: [Int]
    let targets: [Int32]
    let edgeWeights: [Int32]

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
}
