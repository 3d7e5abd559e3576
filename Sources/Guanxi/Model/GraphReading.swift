/// The linked graph as queries, exporters and `stats` read it: the one role
/// of a store that ``GraphQuery`` and ``GraphExport`` depend on, so that any
/// store (SQLite, PostgreSQL, one held in memory) can serve them. Every
/// method throws the store's error (``StoreError``) when it cannot read.
public protocol GraphReading: AnyObject, Sendable {
    /// Where the store is, for messages (`guanxi.sqlite`).
    var location: String { get }

    /// What the store holds.
    func counts() throws -> StoreCounts
    /// Every linked person, ordered by id.
    func people() throws -> [StoredPerson]
    /// Each person whose name or id is `name`, with evidence and decisions.
    func explain(name: String) throws -> [PersonExplanation]

    /// The people, co-appearance edges, posts and institutions `filter`
    /// selects: what queries and exporters read.
    func snapshot(_ filter: GraphFilter) throws -> GraphSnapshot
    /// The articles, documents and mentions behind `snapshot` within the time
    /// window of `filter`, and (with `spells`) its edges' spells: what the
    /// `affiliation` and `full` exports and GEXF read.
    func exportEvidence(
        for snapshot: GraphSnapshot, filter: GraphFilter, mentions: ExportEvidence.MentionScope, spells: Bool
    ) throws -> ExportEvidence
    /// Runs `body` with the evidence behind `snapshot` within the time window
    /// of `filter`, streamed as Turtle writes it.
    func withTurtleEvidence<T>(
        for snapshot: GraphSnapshot, filter: GraphFilter, _ body: (any TurtleEvidence) throws -> T
    ) throws -> T

    // Targeted reads for `guanxi person|coappear|post|org` (Query/GraphQuery.swift).
    /// The people whose id or name is one of `keys`, ordered by id.
    func people(idsOrNames keys: [String]) throws -> [StoredPerson]
    /// The co-appearance edges of one person within the filter's window, to
    /// partners of the filter's kinds, of at least its `minWeight`.
    func partners(of personId: String, filter: GraphFilter) throws -> [GraphSnapshot.Edge]
    /// The articles in the window that name every one of `personIds`, oldest
    /// first; only the latest `latest` of them when it is given (a busy
    /// official is named in tens of thousands).
    func articles(naming personIds: [String], filter: GraphFilter, bodies: Bool, latest: Int?) throws
        -> [StoredArticle]
    /// How many articles in the window name every one of `personIds`, and their first and last date.
    func articleTally(naming personIds: [String], filter: GraphFilter) throws -> ArticleTally
    /// The posts `selection` picks, with dates and counts within the window.
    func posts(_ selection: PostSelection, filter: GraphFilter) throws -> [GraphSnapshot.Post]
    /// Every institution, ordered by id.
    func organizations() throws -> [StoredOrganization]
    /// The people (of the filter's kinds, named in the window) and the edges of
    /// at least `minWeight` among them, without names or posts: for `path` and `top`.
    func coappearanceGraph(_ filter: GraphFilter) throws -> CoappearanceGraph
}

extension GraphReading {
    /// Every article in the window that names each of `personIds`, oldest first.
    public func articles(naming personIds: [String], filter: GraphFilter, bodies: Bool) throws -> [StoredArticle] {
        try articles(naming: personIds, filter: filter, bodies: bodies, latest: nil)
    }

    /// The evidence with every mention of the snapshot's people and the edges' spells.
    public func exportEvidence(for snapshot: GraphSnapshot, filter: GraphFilter) throws -> ExportEvidence {
        try exportEvidence(for: snapshot, filter: filter, mentions: .all, spells: true)
    }
}
