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
        for a in evidence.articles where wanted(a.id) {
            try body(a, ExportGraph.articleKey(a, documents), documents[a.documentId])
        }
    }

    func documents(where wanted: (Int64) -> Bool, _ body: (ExportEvidence.Document) throws -> Void) throws {
        for d in evidence.documents where wanted(d.id) { try body(d) }
    }

    /// `nil` when the article is not in the evidence.
    func articleKey(_ id: Int64) -> String? { articles[id].map { ExportGraph.articleKey($0, documents) } }
}
