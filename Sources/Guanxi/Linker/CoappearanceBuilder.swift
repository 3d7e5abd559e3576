/// Counts, for each pair of people named in the same article, the articles
/// they share and the first and last date.
///
/// Fed one article at a time (in article id order), so a store can stream its
/// linked mentions; memory holds the edges and their articles, not the mentions.
struct CoappearanceBuilder: Sendable {
    var options: LinkOptions
    private var edges: [LinkedGraph.Coappearance] = []
    private var index: [Pair: Int] = [:]

    init(options: LinkOptions) {
        self.options = options
    }

    /// Whether a linked mention counts: its person's kind co-appears, and it is
    /// not a mere reference unless references count.
    func counts(kind: PersonKind, referenced: Bool) -> Bool {
        options.coappearanceKinds.contains(kind) && (options.includeReferenced || !referenced)
    }

    /// One article and the people (that count) named in it, in any order, repeats allowed.
    mutating func add(article: Int64, date: String?, people: [String]) {
        let people = Set(people).sorted(by: Self.precedes)
        guard people.count > 1 else { return }
        for (a, first) in people.enumerated() {
            for second in people[(a + 1)...] {
                let pair = Pair(a: first, b: second)
                let e: Int
                if let known = index[pair] {
                    e = known
                } else {
                    e = edges.count
                    index[pair] = e
                    edges.append(LinkedGraph.Coappearance(
                        personA: first, personB: second, firstDate: nil, lastDate: nil, articles: []))
                }
                // In place: the articles are appended without copying the list.
                edges[e].articles.append(article)
                if let date {
                    edges[e].firstDate = min(edges[e].firstDate ?? date, date)
                    edges[e].lastDate = max(edges[e].lastDate ?? date, date)
                }
            }
        }
    }

    /// The edges, ordered by their two people as SQLite orders text.
    func result() -> [LinkedGraph.Coappearance] {
        edges.sorted {
            $0.personA == $1.personA ? Self.precedes($0.personB, $1.personB) : Self.precedes($0.personA, $1.personA)
        }
    }

    /// Byte order of UTF-8, as SQLite compares text.
    static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    private struct Pair: Hashable {
        var a: String
        var b: String
    }
}
