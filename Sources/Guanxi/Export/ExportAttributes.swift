/// The attribute columns every exporter writes, in one fixed table: the same
/// ids, titles and types in GraphML `<key>`s, GEXF `<attribute>`s, CSV headers
/// and JSON fields (STYLE: never infer a type per value).
///
/// A column is declared only when some node (or edge) of the graph has a
/// value for it, so a co-appearance graph has no empty `role` column.
/// The type of an attribute column.
enum ExportValueType: String, Sendable { case string, int }

struct ExportAttribute<Item>: Sendable {
    /// Key id in GraphML/GEXF (unique across nodes and edges).
    let id: String
    /// Column title (`attr.name`, CSV header, JSON field).
    let name: String
    let type: ExportValueType
    let summary: String
    let value: @Sendable (Item) -> String?

    /// The columns that have a value for at least one item.
    ///
    /// - Complexity: O(items × columns) in the worst case, usually O(columns).
    static func used(_ all: [ExportAttribute], in items: [Item]) -> [ExportAttribute] {
        all.filter { a in items.contains { a.value($0) != nil } }
    }
}

enum ExportAttributes {
    typealias Node = ExportGraph.Node
    typealias Edge = ExportGraph.Edge

    /// Node columns after `label` (which every format writes its own way).
    static let node: [ExportAttribute<Node>] = [
        .init(id: "type", name: "type", type: .string, summary: "person, organization, post or article") {
            $0.type.rawValue
        },
        .init(
            id: "kind", name: "kind", type: .string,
            summary: "official, journalist, citizen, historical or person; the type for other nodes"
        ) { $0.kind },
        .init(id: "store_id", name: "store_id", type: .string, summary: "id of the row in the guanxi store") {
            $0.storeId
        },
        .init(
            id: "jurisdiction", name: "jurisdiction", type: .string, summary: "jurisdiction of a person or institution"
        ) { $0.jurisdiction },
        .init(id: "rank", name: "rank", type: .string, summary: "rank label seen with the person (市领导)") { $0.rank },
        .init(id: "main_post", name: "main_post", type: .string, summary: "title of the post seen in most articles") {
            $0.mainPost
        },
        .init(
            id: "institution", name: "institution", type: .string,
            summary: "institution of the main post (person) or of the post"
        ) { $0.institution },
        .init(id: "role", name: "role", type: .string, summary: "role of a post (书记)") { $0.role },
        .init(id: "parent", name: "parent", type: .string, summary: "parent institution") { $0.parent },
        .init(id: "source", name: "source", type: .string, summary: "document path of an article") { $0.source },
        .init(
            id: "first_seen", name: "first_seen", type: .string,
            summary: "date of the first article (YYYY, YYYY-MM or YYYY-MM-DD)"
        ) { $0.firstSeen },
        .init(
            id: "last_seen", name: "last_seen", type: .string,
            summary: "date of the last article (YYYY, YYYY-MM or YYYY-MM-DD)"
        ) { $0.lastSeen },
        .init(
            id: "article_count", name: "article_count", type: .int,
            summary: "articles naming the node in the time window"
        ) {
            $0.articleCount.map(String.init)
        },
    ]

    /// Edge columns after `weight` (which every format writes its own way).
    static let edge: [ExportAttribute<Edge>] = [
        .init(
            id: "edge_type", name: "type", type: .string,
            summary: "coappears, member_of, holds, post_in, sub_organization_of, mentioned_in or evidence"
        ) { $0.type.rawValue },
        .init(id: "edge_title", name: "title", type: .string, summary: "titles as written, separated by '; '") {
            $0.title
        },
        .init(id: "edge_first_seen", name: "first_seen", type: .string, summary: "date of the first shared article") {
            $0.firstSeen
        },
        .init(id: "edge_last_seen", name: "last_seen", type: .string, summary: "date of the last shared article") {
            $0.lastSeen
        },
    ]

    /// Colours by kind (Tableau 10), as `#rrggbb` and r, g, b.
    static func color(_ kind: String) -> (hex: String, r: Int, g: Int, b: Int) {
        switch kind {
        case "official": ("#d62728", 214, 39, 40)
        case "journalist": ("#1f77b4", 31, 119, 180)
        case "citizen": ("#2ca02c", 44, 160, 44)
        case "historical": ("#9467bd", 148, 103, 189)
        case "organization": ("#ff7f0e", 255, 127, 14)
        case "post": ("#bcbd22", 188, 189, 34)
        case "article": ("#17becf", 23, 190, 207)
        default: ("#7f7f7f", 127, 127, 127)
        }
    }

    /// Degree of every node id (each edge counts once at each end).
    ///
    /// - Complexity: O(edges).
    static func degrees(_ graph: ExportGraph) -> [String: Int] {
        var degree: [String: Int] = [:]
        degree.reserveCapacity(graph.nodes.count)
        for e in graph.edges {
            degree[e.source, default: 0] += 1
            degree[e.target, default: 0] += 1
        }
        return degree
    }

    static func describe(_ graph: ExportGraph) -> String {
        "guanxi \(graph.kind.rawValue) graph: \(graph.nodes.count) nodes, \(graph.edges.count) edges"
    }
}
