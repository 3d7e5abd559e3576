/// The graph an exporter writes, independent of the format: typed nodes and
/// edges with the attributes every format shares, sorted so that the same
/// store gives the same bytes.
///
/// Node ids are the store ids with a type prefix (`person:金政@永康市`,
/// `org:中共永康市委`, `post:金政@永康市/书记@中共永康市委`,
/// `article:seeds/000_….txt#0`): they do not change when unrelated pages are
/// added. Every edge is undirected in GraphML/GEXF/JSON terms; `source` is the
/// person side where there is one.
public struct ExportGraph: Sendable, Hashable {
    /// What a node stands for.
    public enum NodeType: String, Sendable, Hashable, CaseIterable {
        case person, organization, post, article
        var idPrefix: String {
            switch self {
            case .person: "person:"
            case .organization: "org:"
            case .post: "post:"
            case .article: "article:"
            }
        }
    }

    /// What an edge says.
    public enum EdgeType: String, Sendable, Hashable, CaseIterable {
        /// Two people named in the same articles (weight = shared articles).
        case coappears = "coappears"
        /// A person held posts in an institution (affiliation graph; weight = articles).
        case memberOf = "member_of"
        /// A person held a post (full graph).
        case holds = "holds"
        /// A post belongs to an institution.
        case postIn = "post_in"
        /// An institution's parent.
        case subOrganizationOf = "sub_organization_of"
        /// A person is named in an article.
        case mentionedIn = "mentioned_in"
        /// An article shows a post being held.
        case evidence = "evidence"
    }

    /// A person, institution, post or article.
    public struct Node: Sendable, Hashable {
        public var id: String
        public var type: NodeType
        public var label: String
        /// A person's kind (`official` …); the type name for other nodes, so that
        /// one partition colours every node.
        public var kind: String
        public var jurisdiction: String?
        public var rank: String?
        /// A person's main post title (most articles, ties: the latest).
        public var mainPost: String?
        /// A person's main post's institution, or a post's institution.
        public var institution: String?
        /// A post's role (`书记`).
        public var role: String?
        /// An institution's parent.
        public var parent: String?
        /// The row id in the store (`金政@永康市`, `seeds/000_….txt#0` for articles).
        public var storeId: String?
        /// An article's document path.
        public var source: String?
        public var firstSeen: String?
        public var lastSeen: String?
        public var articleCount: Int?
        /// Time spans the node is seen (GEXF spells), merged.
        public var spells: [DateSpan]

        public init(
            id: String, type: NodeType, label: String, kind: String, jurisdiction: String? = nil,
            storeId: String? = nil, rank: String? = nil, mainPost: String? = nil, institution: String? = nil,
            role: String? = nil,
            parent: String? = nil, source: String? = nil, firstSeen: String? = nil, lastSeen: String? = nil,
            articleCount: Int? = nil, spells: [DateSpan] = []
        ) {
            self.id = id
            self.type = type
            self.label = label
            self.kind = kind
            self.jurisdiction = jurisdiction
            self.storeId = storeId
            self.rank = rank
            self.mainPost = mainPost
            self.institution = institution
            self.role = role
            self.parent = parent
            self.source = source
            self.firstSeen = firstSeen
            self.lastSeen = lastSeen
            self.articleCount = articleCount
            self.spells = spells
        }
    }

    /// An undirected link between two nodes.
    public struct Edge: Sendable, Hashable {
        public var source: String
        public var target: String
        public var type: EdgeType
        /// Articles behind the link, at least 1.
        public var weight: Int
        /// Titles behind a `member_of`/`holds` link, `; `-separated.
        public var title: String?
        public var firstSeen: String?
        public var lastSeen: String?
        public var spells: [DateSpan]

        public init(
            source: String, target: String, type: EdgeType, weight: Int, title: String? = nil,
            firstSeen: String? = nil, lastSeen: String? = nil, spells: [DateSpan] = []
        ) {
            self.source = source
            self.target = target
            self.type = type
            self.weight = weight
            self.title = title
            self.firstSeen = firstSeen
            self.lastSeen = lastSeen
            self.spells = spells
        }
    }

    public var kind: ExportGraphKind
    public var nodes: [Node]
    public var edges: [Edge]

    /// A graph from nodes and edges as given; sorts them by id.
    ///
    /// - Complexity: O((nodes + edges) log(nodes + edges)).
    public init(kind: ExportGraphKind, nodes: [Node], edges: [Edge]) {
        self.kind = kind
        let nodeOrder: (Node, Node) -> Bool = { $0.id < $1.id }
        let edgeOrder: (Edge, Edge) -> Bool = {
            ($0.source, $0.target, $0.type.rawValue) < ($1.source, $1.target, $1.type.rawValue)
        }
        self.nodes = Self.isSorted(nodes, by: nodeOrder) ? nodes : nodes.sorted(by: nodeOrder)
        self.edges = Self.isSorted(edges, by: edgeOrder) ? edges : edges.sorted(by: edgeOrder)
    }

    private static func isSorted<T>(_ items: [T], by less: (T, T) -> Bool) -> Bool {
        var i = 1
        while i < items.count {
            if less(items[i], items[i - 1]) { return false }
            i += 1
        }
        return true
    }

    /// The export id of a store id: the type prefix, then the store id with
    /// every character other than ASCII letters and digits, `.`, `-` and CJK
    /// ideographs U+4E00–U+9FA5 written `_XX_` (hex code point), so the id is
    /// an XML `NMTOKEN` as the GraphML schema requires:
    /// `金政@永康市#2` → `person:金政_40_永康市_23_2`.
    ///
    /// - Complexity: O(length of the id).
    public static func id(_ type: NodeType, _ storeId: String) -> String {
        func safe(_ v: UInt32) -> Bool {
            (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x2D || v == 0x2E
                || (v >= 0x4E00 && v <= 0x9FA5)
        }
        guard !storeId.unicodeScalars.allSatisfy({ safe($0.value) }) else { return type.idPrefix + storeId }
        var out = type.idPrefix
        for scalar in storeId.unicodeScalars {
            if safe(scalar.value) {
                out.unicodeScalars.append(scalar)
            } else {
                out += "_" + String(scalar.value, radix: 16, uppercase: true) + "_"
            }
        }
        return out
    }
}
