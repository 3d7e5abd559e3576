/// Where the graph lives: the only thing the pipeline and the CLI talk to.
///
/// ``SQLiteGraphStore`` is the embedded implementation; a PostgreSQL store
/// can follow by implementing the same requirements. Every method throws
/// ``StoreError``. Writes are transactional: a document is stored entirely
/// or not at all, and ``relink(options:curation:)`` replaces the linked graph
/// in one transaction.
public protocol GraphStore: AnyObject, Sendable {
    /// Where the store is, for messages (`guanxi.sqlite`).
    var location: String { get }

    /// Records the start of a build; returns its id.
    func beginBuild() throws -> Int64
    /// Records how a build ended (`finished`, `failed`, `interrupted`), with a short note.
    func finishBuild(_ id: Int64, status: String, note: String) throws

    /// The content hash stored for the document at each of `paths` (nil
    /// where none is stored), read together: a build asks for a batch of
    /// files at a time.
    func storedHashes(paths: [String]) throws -> [String?]
    /// What was stored for the document at each of `paths` that its read
    /// options decide (nil where none is stored): a build re-reads a page
    /// whose manifest date or home jurisdiction changed.
    func storedReadStates(paths: [String]) throws -> [StoredReadState?]
    /// Stores documents and their articles and raw mentions in one
    /// transaction (all or none of them), replacing whatever was stored for
    /// the same paths. While writing in bulk (``beginBulkWrite()``) a store
    /// may commit several calls' documents together: at the latest at a
    /// call with `more` 0 or at ``endBulkWrite()``. `more` says how many
    /// documents the build may write after these.
    func replaceDocuments(_ documents: [PreparedDocument], build: Int64?, more: Int) throws
    /// The documents stored at each of `paths` (absolute standard paths, as
    /// a build stores them): the document at that path, or every document
    /// below it when it is a folder, ordered by path.
    func storedDocuments(under paths: [String]) throws -> [[StoredDocument]]
    /// The content of every stored document: its hash (as a number) and
    /// size, to the id of the first document stored with them. A build
    /// adding pages to a store reads it once, to tell when a new page is a
    /// copy of a stored one.
    func storedContents() throws -> [UInt64: (size: Int, id: Int64)]
    /// The documents with these ids, ordered by path (their `articles` are
    /// not counted: 0).
    func storedDocuments(ids: [Int64]) throws -> [StoredDocument]
    /// Deletes the documents with these ids in one transaction, with their
    /// articles, mentions and institution mentions, and marks the linked
    /// graph stale: relink after.
    func removeDocuments(ids: [Int64]) throws
    /// Called before a build writes its documents: a store may switch to a
    /// faster way of writing many rows (the SQLite store does for a first
    /// build, into a store that holds no documents yet). Returns whether it
    /// did; the build then calls ``endBulkWrite()`` once its documents are
    /// written, before linking, and the store returns to its usual way of
    /// writing by ``finishBuild(_:status:note:)`` at the latest.
    func beginBulkWrite() throws -> Bool
    /// Ends writing documents in bulk: what linking relies on is back.
    func endBulkWrite() throws
    /// Whether documents may be written from a thread other than the caller's
    /// (a build writes one batch while it extracts the next); false for a
    /// view bound to one open transaction.
    var writesFromAnyThread: Bool { get }

    /// Links all stored mentions into people, institutions, posts and
    /// co-appearances, applies `curation`, and replaces the previous graph.
    func relink(options: LinkOptions, curation: Curation) throws -> LinkReport
    /// Whether the linked graph is up to date: linked with these options and
    /// this curation, and no document written since.
    func isLinked(options: LinkOptions, curation: Curation) throws -> Bool

    /// What the store holds.
    func counts() throws -> StoreCounts
    /// Verifies the store's integrity and the graph's invariants (what
    /// `guanxi check` prints); problems are returned, not thrown.
    /// - Throws: ``StoreError`` only when the store cannot be read at all.
    func check() throws -> StoreCheckReport
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
    /// The articles in the window that name every one of `personIds`, oldest first.
    func articles(naming personIds: [String], filter: GraphFilter, bodies: Bool) throws -> [StoredArticle]
    /// The posts `selection` picks, with dates and counts within the window.
    func posts(_ selection: PostSelection, filter: GraphFilter) throws -> [GraphSnapshot.Post]
    /// Every institution, ordered by id.
    func organizations() throws -> [StoredOrganization]
    /// The people (of the filter's kinds, named in the window) and the edges of
    /// at least `minWeight` among them, without names or posts: for `path` and `top`.
    func coappearanceGraph(_ filter: GraphFilter) throws -> CoappearanceGraph

    /// Runs `body` against a view of this store whose writes are all rolled
    /// back at the end (for `--dry-run`).
    func simulate<T>(_ body: (any GraphStore) throws -> T) throws -> T
}

extension GraphStore {
    public var writesFromAnyThread: Bool { true }
    public func beginBulkWrite() throws -> Bool { false }
    public func endBulkWrite() throws {}

    /// Stores one document and its articles and raw mentions in one transaction.
    public func replaceDocument(_ document: DocumentInput, extractions: [ArticleExtraction], build: Int64?) throws {
        try replaceDocuments([PreparedDocument(document, extractions: extractions)], build: build, more: 0)
    }
}

extension GraphStore {
    /// The evidence with every mention of the snapshot's people and the edges' spells.
    public func exportEvidence(for snapshot: GraphSnapshot, filter: GraphFilter) throws -> ExportEvidence {
        try exportEvidence(for: snapshot, filter: filter, mentions: .all, spells: true)
    }
}

/// What a store keeps of how a page was read, besides its bytes: the date
/// and URL (a manifest may give them) and the home jurisdiction (`--home`).
public struct StoredReadState: Sendable, Hashable {
    public var contentHash: String
    public var date: String?
    public var url: String?
    public var homeJurisdiction: String?
    /// The read options the page was read with (``ReadOptionsStamp``); nil
    /// for a document stored before they were kept (schema 7 and older).
    public var readOptions: String?

    public init(
        contentHash: String, date: String? = nil, url: String? = nil, homeJurisdiction: String? = nil,
        readOptions: String? = nil
    ) {
        self.readOptions = readOptions
        self.contentHash = contentHash
        self.date = date
        self.url = url
        self.homeJurisdiction = homeJurisdiction
    }
}
