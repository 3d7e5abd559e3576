/// The evidence a Turtle export cites, read a piece at a time in the order the
/// exporter writes it: a store streams it from its tables, so an export holds
/// one edge's or one post's rows at a time instead of every article and mention.
///
/// Every call delivers rows in ascending id order. An article's key is
/// `document path#position` (``ExportGraph`` article ids without the prefix).
public protocol TurtleEvidence {
    /// Forms written in papers, by institution id.
    var aliases: [String: [String]] { get }

    /// Calls `body` with the id and key of each article the people `source`
    /// and `target` share.
    func sharedArticles(source: String, target: String, _ body: (_ id: Int64, _ key: String) throws -> Void) throws

    /// Calls `body` with the id and position of each mention that shows the
    /// post `postId` held (among the mentions ``mentions(where:_:)`` reads) and
    /// its article's key (`nil` when the article is unknown).
    func postMentions(
        postId: String, _ body: (_ mentionId: Int64, _ position: Int, _ articleKey: String?) throws -> Void
    ) throws

    /// Calls `body` with each mention of the snapshot's people whose id
    /// `wanted` accepts, and its article's key (`nil` when the article is unknown).
    func mentions(
        where wanted: (Int64) -> Bool, _ body: (ExportEvidence.Mention, _ articleKey: String?) throws -> Void
    ) throws

    /// Calls `body` with each article whose id `wanted` accepts, its key and
    /// its document (`nil` if the store has lost it).
    func articles(
        where wanted: (Int64) -> Bool,
        _ body: (ExportEvidence.Article, _ key: String, ExportEvidence.Document?) throws -> Void
    ) throws

    /// Calls `body` with each document whose id `wanted` accepts.
    func documents(where wanted: (Int64) -> Bool, _ body: (ExportEvidence.Document) throws -> Void) throws
}

/// ``TurtleEvidence`` over an ``ExportEvidence`` held in memory (tests, and
/// graphs given without a store): it has no shared articles, only their spells.
struct InMemoryTurtleEvidence: TurtleEvidence {
    let evidence: ExportEvidence
    private let articles: [Int64: ExportEvidence.Article]
    private let documents: [Int64: ExportEvidence.Document]
    private let mentionsById: [Int64: ExportEvidence.Mention]
    private let mentionsOfPost: [String: [Int64]]

    init(_ evidence: ExportEvidence) {
        self.evidence = evidence
        articles = Dictionary(evidence.articles.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        documents = Dictionary(evidence.documents.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        mentionsById = Dictionary(evidence.mentions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var mentionsOfPost: [String: [Int64]] = [:]
        for e in evidence.postEvidence { mentionsOfPost[e.postId, default: []].append(e.mentionId) }
        self.mentionsOfPost = mentionsOfPost
    }

    var aliases: [String: [String]] { evidence.aliases }

    func sharedArticles(source: String, target: String, _ body: (Int64, String) throws -> Void) throws {}

    func postMentions(postId: String, _ body: (Int64, Int, String?) throws -> Void) throws {
        for m in (mentionsOfPost[postId] ?? []).compactMap({ mentionsById[$0] }).sorted(by: { $0.id < $1.id }) {
            try body(m.id, m.position, articleKey(m.articleId))
        }
    }

    func mentions(where wanted: (Int64) -> Bool, _ body: (ExportEvidence.Mention, String?) throws -> Void) throws {
        for m in evidence.mentions where wanted(m.id) { try body(m, articleKey(m.articleId)) }
    }

    func articles(
        where wanted: (Int64) -> Bool, _ body: (ExportEvidence.Article, String, ExportEvidence.Document?) throws -> Void
    ) throws {
        for a in evidence.articles where wanted(a.id) { try body(a, ExportGraph.articleKey(a, documents), documents[a.documentId]) }
    }

    func documents(where wanted: (Int64) -> Bool, _ body: (ExportEvidence.Document) throws -> Void) throws {
        for d in evidence.documents where wanted(d.id) { try body(d) }
    }

    /// `nil` when the article is not in the evidence.
    func articleKey(_ id: Int64) -> String? { articles[id].map { ExportGraph.articleKey($0, documents) } }
}
