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
    /// Records how a build ended (`finished`, `failed`), with a short note.
    func finishBuild(_ id: Int64, status: String, note: String) throws

    /// The content hash stored for the document at `path`, if any.
    func storedHash(path: String) throws -> String?
    /// Stores a document and its articles and raw mentions in one transaction,
    /// replacing whatever was stored for the same path.
    func replaceDocument(_ document: DocumentInput, extractions: [ArticleExtraction], build: Int64?) throws

    /// Links all stored mentions into people, institutions, posts and
    /// co-appearances, applies `curation`, and replaces the previous graph.
    func relink(options: LinkOptions, curation: Curation) throws -> LinkReport

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
    /// window of `filter`: what the `full` export and Turtle evidence read.
    func exportEvidence(for snapshot: GraphSnapshot, filter: GraphFilter) throws -> ExportEvidence

    /// Runs `body` against a view of this store whose writes are all rolled
    /// back at the end (for `--dry-run`).
    func simulate<T>(_ body: (any GraphStore) throws -> T) throws -> T
}
