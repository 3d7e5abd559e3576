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
                rows: posts.map {
                    [
                        $0.title, $0.role, $0.organizationId ?? "", $0.firstDate ?? "", $0.lastDate ?? "",
                        String($0.articleCount),
                    ]
                }, numeric: [5]),
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
        [
            "\(person.person.name) (\(person.person.id)) and \(other.person.name) (\(other.person.id)): "
                + "\(articles.count) shared articles"
        ]
    }

    public var tables: [QueryTable] {
        [
            QueryTable(
                columns: ["date", "headline", "source", "index", "sentence"],
                rows: articles.map {
                    [
                        $0.article.date ?? "", $0.article.headline ?? "", $0.article.source,
                        String($0.article.position),
                        $0.sentence ?? "",
                    ]
                }, numeric: [3])
        ]
    }

    public var json: JSONValue {
        .object([
            ("person", person.json), ("other", other.json),
            (
                "articles",
                .array(articles.map { .object(articleJSON($0.article) + [("sentence", .string($0.sentence))]) })
            ),
        ])
    }
}
