/// Counts, for each pair of people named in the same article, the articles
/// they share and the first and last date.
///
/// Fed one article at a time (in article id order), so a store can stream its
/// linked mentions; memory holds the edges and their articles, not the
/// mentions. People are numbered by the byte order of their ids (as SQLite
/// orders text), so a pair is two integers and `personA < personB` holds.
struct CoappearanceBuilder: Sendable {
    /// An edge between the people numbered `a < b`.
    struct Edge: Sendable {
        var a: Int32
        var b: Int32
        var firstDate: String?
        var lastDate: String?
        var articles: [Int64]
    }

    var options: LinkOptions
    private var edges: [Edge] = []
    private var index: [UInt64: Int] = [:]
    private var present: [Int32] = []
    /// Each edge's articles, as counted by ``weigh(people:)``.
    private var expected: [Int] = []

    init(options: LinkOptions) {
        self.options = options
    }

    /// Whether a linked mention counts: its person's kind co-appears, and it is
    /// not a mere reference unless references count.
    func counts(kind: PersonKind, referenced: Bool) -> Bool {
        options.coappearanceKinds.contains(kind) && (options.includeReferenced || !referenced)
    }

    /// One article's people, as ``add(article:date:people:)`` takes them,
    /// counted without the article: a first pass over the articles, after
    /// which each edge's article list is made at its full size at once (a
    /// large corpus's edges hold many millions of articles, and lists grown
    /// one article at a time held room for up to twice that).
    mutating func weigh(people: [Int32]) {
        forEachPair(people) { builder, e in builder.expected[e] += 1 }
    }

    /// One article and the people (that count) named in it, in any order, repeats allowed.
    mutating func add(article: Int64, date: String?, people: [Int32]) {
        forEachPair(people) { builder, e in
            // In place: the articles are appended without copying the list.
            if builder.edges[e].articles.isEmpty { builder.edges[e].articles.reserveCapacity(builder.expected[e]) }
            builder.edges[e].articles.append(article)
            if let date {
                builder.edges[e].firstDate = min(builder.edges[e].firstDate ?? date, date)
                builder.edges[e].lastDate = max(builder.edges[e].lastDate ?? date, date)
            }
        }
    }

    /// Calls `body` with the edge of each pair of distinct `people`.
    private mutating func forEachPair(_ people: [Int32], _ body: (inout Self, Int) -> Void) {
        present = Array(Set(people)).sorted()
        guard present.count > 1 else { return }
        let present = present
        for (i, a) in present.enumerated() {
            for b in present[(i + 1)...] {
                let key = UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
                let e: Int
                if let known = index[key] {
                    e = known
                } else {
                    e = edges.count
                    index[key] = e
                    edges.append(Edge(a: a, b: b, firstDate: nil, lastDate: nil, articles: []))
                    expected.append(0)
                }
                body(&self, e)
            }
        }
    }

    /// The edges ordered by their two people.
    func result() -> [Edge] {
        edges.sorted { ($0.a, $0.b) < ($1.a, $1.b) }
    }
}
