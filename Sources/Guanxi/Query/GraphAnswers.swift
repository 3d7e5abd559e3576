/// `guanxi path NAME OTHER`: a shortest co-appearance chain and the article behind each link.
public struct CoappearancePath: QueryAnswer, Hashable {
    /// One step of the chain.
    public struct Link: Sendable, Hashable {
        public var from: PersonSummary
        public var to: PersonSummary
        /// Shared articles in the window.
        public var weight: Int
        /// The latest shared article in the window.
        public var article: StoredArticle?
    }

    public var person: PersonSummary
    public var other: PersonSummary
    /// Nil when no chain links the two within the filter; empty for the same person.
    public var links: [Link]?

    public var heading: [String] {
        let a = "\(person.person.name) (\(person.person.id))", b = "\(other.person.name) (\(other.person.id))"
        guard let links else { return ["no co-appearance chain links \(a) and \(b)"] }
        let names = [person.person.name] + links.map(\.to.person.name)
        return ["\(a) → \(b): \(links.count) steps: \(names.joined(separator: " → "))"]
    }

    public var tables: [QueryTable] {
        guard links != nil else { return [] }
        return [
            QueryTable(
                columns: ["from", "to", "shared", "date", "headline", "source"],
                rows: (links ?? []).map {
                    [
                        $0.from.person.name, $0.to.person.name, String($0.weight), $0.article?.date ?? "",
                        $0.article?.headline ?? "", $0.article?.source ?? "",
                    ]
                }, numeric: [2])
        ]
    }

    public var json: JSONValue {
        .object([
            ("person", person.json), ("other", other.json), ("found", .bool(links != nil)),
            ("length", links.map { .int($0.count) } ?? .null),
            (
                "links",
                .array(
                    (links ?? []).map { link in
                        .object([
                            ("from", .string(link.from.person.id)), ("to", .string(link.to.person.id)),
                            ("shared", .int(link.weight)),
                            ("article", link.article.map { .object(articleJSON($0)) } ?? .null),
                        ])
                    })
            ),
        ])
    }
}

/// `guanxi top`: the most central people of the filtered graph.
public struct CentralityRanking: QueryAnswer, Hashable {
    /// One ranked person.
    public struct Row: Sendable, Hashable {
        public var person: PersonSummary
        public var degree: Int
        public var weightedDegree: Int
        public var betweenness: Double
    }

    /// Size of the graph ranked.
    public var people: Int
    public var edges: Int
    /// Sources of the betweenness computation; `exact` when every person was one.
    public var pivots: Int
    public var exact: Bool
    public var rows: [Row]

    public var heading: [String] {
        [
            "\(people) people, \(edges) edges; betweenness "
                + (exact ? "exact" : "estimated from \(pivots) pivots")
        ]
    }

    public var tables: [QueryTable] {
        [
            QueryTable(
                columns: ["rank", "name", "id", "post", "degree", "weighted", "betweenness"],
                rows: rows.enumerated().map { i, r in
                    [
                        String(i + 1), r.person.person.name, r.person.person.id, r.person.mainPost ?? "",
                        String(r.degree), String(r.weightedDegree), Self.format(r.betweenness),
                    ]
                }, numeric: [0, 4, 5, 6])
        ]
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    public var json: JSONValue {
        .object([
            ("people", .int(people)), ("edges", .int(edges)), ("exact", .bool(exact)), ("pivots", .int(pivots)),
            (
                "ranking",
                .array(
                    rows.enumerated().map { i, r in
                        .object([
                            ("rank", .int(i + 1)), ("person", r.person.json), ("degree", .int(r.degree)),
                            ("weighted_degree", .int(r.weightedDegree)), ("betweenness", .double(r.betweenness)),
                        ])
                    })
            ),
        ])
    }
}
