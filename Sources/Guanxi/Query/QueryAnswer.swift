/// An answer of ``GraphQuery`` in the three forms the CLI prints: heading lines
/// and tables for the terminal, the same tables as CSV, and one JSON document.
///
/// CSV of an answer with several tables (``PersonProfile``) prints each table
/// with its own header row, separated by an empty line.
public protocol QueryAnswer: Sendable {
    /// Lines printed above the tables in text form only (who the answer is about).
    var heading: [String] { get }
    /// The rows of the answer.
    var tables: [QueryTable] { get }
    /// The answer as one JSON document with stable keys (docs/queries.md).
    var json: JSONValue { get }
}

extension QueryAnswer {
    /// Heading and tables for a terminal, tables separated by an empty line.
    public func text() -> String {
        var blocks: [String] = []
        if !heading.isEmpty { blocks.append(heading.joined(separator: "\n")) }
        blocks += tables.map { $0.text() }
        return blocks.joined(separator: "\n\n")
    }

    /// The tables as CSV (RFC 4180), several tables separated by an empty line.
    public func csv() -> String { tables.map { $0.csv() }.joined(separator: "\r\n") }
}

/// `2017–2018`, `2017`, or `-`: the years two ISO dates span.
func years(_ first: String?, _ last: String?) -> String {
    let a = first.map { String($0.prefix(4)) }, b = last.map { String($0.prefix(4)) }
    switch (a, b) {
    case (nil, nil): return "-"
    case (let x?, nil), (nil, let x?): return x
    case (let x?, let y?): return x == y ? x : "\(x)–\(y)"
    }
}

/// A person with what tells them apart from a namesake: id, jurisdiction,
/// main post, years seen.
public struct PersonSummary: Sendable, Hashable {
    public var person: StoredPerson
    /// The post seen in most articles (ties: the latest), as its title.
    public var mainPost: String?

    public init(person: StoredPerson, mainPost: String?) {
        self.person = person
        self.mainPost = mainPost
    }

    /// `永康市, 市委书记, 2017–2018` (jurisdiction, or kind when there is none).
    public var details: String {
        [person.jurisdiction ?? person.kind.rawValue, mainPost, years(person.firstDate, person.lastDate)]
            .compactMap { $0 }.joined(separator: ", ")
    }

    var json: JSONValue {
        .object([
            ("id", .string(person.id)), ("name", .string(person.name)), ("kind", .string(person.kind.rawValue)),
            ("jurisdiction", .string(person.jurisdiction)), ("main_post", .string(mainPost)),
        ])
    }
}

func articleJSON(_ a: StoredArticle) -> [(String, JSONValue)] {
    [
        ("date", .string(a.date)), ("headline", .string(a.headline)), ("source", .string(a.source)),
        ("index", .int(a.position)),
    ]
}

func postJSON(_ p: GraphSnapshot.Post) -> [(String, JSONValue)] {
    [
        ("title", .string(p.title)), ("role", .string(p.role)), ("organization", .string(p.organizationId)),
        ("first", .string(p.firstDate)), ("last", .string(p.lastDate)), ("articles", .int(p.articleCount)),
    ]
}

/// One co-appearance partner: who, how many shared articles, first and last.
public struct Partner: Sendable, Hashable {
    public var person: PersonSummary
    /// Shared articles in the window.
    public var weight: Int
    public var firstDate: String?
    public var lastDate: String?

    var row: [String] {
        [person.person.name, person.person.id, person.mainPost ?? "", String(weight), firstDate ?? "", lastDate ?? ""]
    }

    static let columns = ["partner", "id", "post", "shared", "first", "last"]

    var json: JSONValue {
        .object([
            ("partner", person.json), ("shared", .int(weight)), ("first", .string(firstDate)),
            ("last", .string(lastDate)),
        ])
    }
}

/// `guanxi person NAME`: who this is, the career, top partners, the articles.
public struct PersonProfile: QueryAnswer, Hashable {
    public var person: PersonSummary
    /// Articles in the window naming the person, and the dates they span.
    public var articleCount: Int
    public var firstDate: String?
    public var lastDate: String?
    /// Posts seen in the window, oldest first.
    public var posts: [GraphSnapshot.Post]
    public var partners: [Partner]
    public var articles: [StoredArticle]

    public var heading: [String] {
        let p = person.person
        return [
            "\(p.name)  \(p.id)  \(p.kind.rawValue)  \(p.jurisdiction ?? "-")  \(person.mainPost ?? "-")  "
                + "\(articleCount) articles  \(years(firstDate, lastDate))"
        ]
    }

    public var tables: [QueryTable] {
        [
            QueryTable(
                title: "career:", columns: ["title", "role", "organization", "first", "last", "articles"],
                rows: posts.map { [$0.title, $0.role, $0.organizationId ?? "", $0.firstDate ?? "", $0.lastDate ?? "",
                                   String($0.articleCount)] }, numeric: [5]),
            QueryTable(title: "partners:", columns: Partner.columns, rows: partners.map(\.row), numeric: [3]),
            QueryTable(
                title: "articles:", columns: ["date", "headline", "source", "index"],
                rows: articles.map { [$0.date ?? "", $0.headline ?? "", $0.source, String($0.position)] },
                numeric: [3]),
        ]
    }

    public var json: JSONValue {
        .object([
            ("person", person.json), ("articles_in_window", .int(articleCount)), ("first", .string(firstDate)),
            ("last", .string(lastDate)), ("career", .array(posts.map { .object(postJSON($0)) })),
            ("partners", .array(partners.map(\.json))), ("articles", .array(articles.map { .object(articleJSON($0)) })),
        ])
    }
}

/// `guanxi coappear NAME`: partners ranked by shared articles.
public struct PartnerList: QueryAnswer, Hashable {
    public var person: PersonSummary
    public var partners: [Partner]

    public var heading: [String] { ["\(person.person.name)  \(person.person.id)  \(person.details)"] }
    public var tables: [QueryTable] { [QueryTable(columns: Partner.columns, rows: partners.map(\.row), numeric: [3])] }
    public var json: JSONValue { .object([("person", person.json), ("partners", .array(partners.map(\.json)))]) }
}

/// `guanxi coappear NAME OTHER`: the articles two people share, with the sentence naming both.
public struct SharedArticles: QueryAnswer, Hashable {
    /// A shared article and its evidence sentence.
    public struct Article: Sendable, Hashable {
        public var article: StoredArticle
        /// The first sentence of the body naming both (or a window around their
        /// names); nil when the body does not contain both names as written.
        public var sentence: String?
    }

    public var person: PersonSummary
    public var other: PersonSummary
    public var articles: [Article]

    public var heading: [String] {
        ["\(person.person.name) (\(person.person.id)) and \(other.person.name) (\(other.person.id)): "
            + "\(articles.count) shared articles"]
    }

    public var tables: [QueryTable] {
        [
            QueryTable(
                columns: ["date", "headline", "source", "index", "sentence"],
                rows: articles.map {
                    [$0.article.date ?? "", $0.article.headline ?? "", $0.article.source, String($0.article.position),
                     $0.sentence ?? ""]
                }, numeric: [3])
        ]
    }

    public var json: JSONValue {
        .object([
            ("person", person.json), ("other", other.json),
            ("articles", .array(articles.map { .object(articleJSON($0.article) + [("sentence", .string($0.sentence))]) })),
        ])
    }
}

/// A person seen holding a post, with the dates of the sightings.
public struct PostHolder: Sendable, Hashable {
    public var person: StoredPerson
    public var post: GraphSnapshot.Post

    static let columns = ["name", "id", "title", "role", "organization", "first", "last", "articles"]

    var row: [String] {
        [person.name, person.id, post.title, post.role, post.organizationId ?? "", post.firstDate ?? "",
         post.lastDate ?? "", String(post.articleCount)]
    }

    var json: JSONValue {
        .object([("id", .string(person.id)), ("name", .string(person.name))] + postJSON(post))
    }
}

/// `guanxi post TITLE`: who held a post, in date order (a succession list).
public struct Succession: QueryAnswer, Hashable {
    /// The title and institution as typed.
    public var title: String
    public var organization: String?
    public var holders: [PostHolder]

    public var heading: [String] {
        ["\(title)\(organization.map { " (\($0))" } ?? ""): \(holders.count) holders"]
    }

    public var tables: [QueryTable] {
        [QueryTable(columns: PostHolder.columns, rows: holders.map(\.row), numeric: [7])]
    }

    public var json: JSONValue {
        .object([
            ("title", .string(title)), ("organization", .string(organization)),
            ("holders", .array(holders.map(\.json))),
        ])
    }
}

/// `guanxi org NAME`: an institution, its parent, sub-institutions and post holders.
public struct OrganizationProfile: QueryAnswer, Hashable {
    public var organization: StoredOrganization
    public var parent: StoredOrganization?
    public var children: [StoredOrganization]
    /// Posts held in the institution, oldest first.
    public var holders: [PostHolder]

    public var heading: [String] {
        let o = organization
        return [
            "\(o.name)  \(o.jurisdiction ?? "-")  \(o.articleCount) articles",
            "  aliases: \(o.aliases.isEmpty ? "-" : o.aliases.joined(separator: "、"))",
            "  parent: \(parent?.name ?? "-")",
        ]
    }

    public var tables: [QueryTable] {
        [
            QueryTable(
                title: "sub-institutions:", columns: ["name", "jurisdiction", "articles"],
                rows: children.map { [$0.name, $0.jurisdiction ?? "", String($0.articleCount)] }, numeric: [2]),
            QueryTable(title: "people:", columns: PostHolder.columns, rows: holders.map(\.row), numeric: [7]),
        ]
    }

    public var json: JSONValue {
        func org(_ o: StoredOrganization) -> JSONValue {
            .object([
                ("id", .string(o.id)), ("name", .string(o.name)), ("jurisdiction", .string(o.jurisdiction)),
                ("articles", .int(o.articleCount)),
            ])
        }
        return .object([
            ("organization", org(organization)), ("aliases", .array(organization.aliases.map { .string($0) })),
            ("parent", parent.map(org) ?? .null), ("children", .array(children.map(org))),
            ("people", .array(holders.map(\.json))),
        ])
    }
}

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
                    [$0.from.person.name, $0.to.person.name, String($0.weight), $0.article?.date ?? "",
                     $0.article?.headline ?? "", $0.article?.source ?? ""]
                }, numeric: [2])
        ]
    }

    public var json: JSONValue {
        .object([
            ("person", person.json), ("other", other.json), ("found", .bool(links != nil)),
            ("length", links.map { .int($0.count) } ?? .null),
            ("links", .array((links ?? []).map { link in
                .object([
                    ("from", .string(link.from.person.id)), ("to", .string(link.to.person.id)),
                    ("shared", .int(link.weight)),
                    ("article", link.article.map { .object(articleJSON($0)) } ?? .null),
                ])
            })),
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
        ["\(people) people, \(edges) edges; betweenness "
            + (exact ? "exact" : "estimated from \(pivots) pivots")]
    }

    public var tables: [QueryTable] {
        [
            QueryTable(
                columns: ["rank", "name", "id", "post", "degree", "weighted", "betweenness"],
                rows: rows.enumerated().map { i, r in
                    [String(i + 1), r.person.person.name, r.person.person.id, r.person.mainPost ?? "",
                     String(r.degree), String(r.weightedDegree), Self.format(r.betweenness)]
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
            ("ranking", .array(rows.enumerated().map { i, r in
                .object([
                    ("rank", .int(i + 1)), ("person", r.person.json), ("degree", .int(r.degree)),
                    ("weighted_degree", .int(r.weightedDegree)), ("betweenness", .double(r.betweenness)),
                ])
            })),
        ])
    }
}
