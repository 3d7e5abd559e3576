/// Counts, for each pair of people named in the same article, the articles
/// they share and the first and last date.
struct CoappearanceBuilder: Sendable {
    var options: LinkOptions

    func edges(
        _ clusters: [PersonCluster], kinds: [String: PersonKind], _ mentions: [LinkMention]
    ) -> [LinkedGraph.Coappearance] {
        var present: [Int64: Set<String>] = [:]
        var dates: [Int64: String] = [:]
        for cluster in clusters {
            guard let kind = kinds[cluster.id], options.coappearanceKinds.contains(kind) else { continue }
            for i in cluster.members where options.includeReferenced || !mentions[i].referenced {
                present[mentions[i].articleId, default: []].insert(cluster.id)
                if let date = mentions[i].date { dates[mentions[i].articleId] = date }
            }
        }
        var edges: [Pair: LinkedGraph.Coappearance] = [:]
        for article in present.keys.sorted() {
            let people = (present[article] ?? []).sorted(by: Self.precedes)
            for (a, first) in people.enumerated() {
                for second in people[(a + 1)...] {
                    let pair = Pair(a: first, b: second)
                    var edge = edges[pair] ?? LinkedGraph.Coappearance(
                        personA: first, personB: second, firstDate: nil, lastDate: nil, articles: [])
                    edge.articles.append(article)
                    if let date = dates[article] {
                        edge.firstDate = min(edge.firstDate ?? date, date)
                        edge.lastDate = max(edge.lastDate ?? date, date)
                    }
                    edges[pair] = edge
                }
            }
        }
        return edges.values.sorted { ($0.personA, $0.personB) < ($1.personA, $1.personB) }
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
