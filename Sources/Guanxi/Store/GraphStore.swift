/// Where the graph lives: the three roles a build, a relink and a query need
/// of it, in one store.
///
/// ``SQLiteGraphStore`` is the embedded implementation; a PostgreSQL store
/// can follow by implementing the same requirements. Every method throws
/// ``StoreError``. Writes are transactional: a document is stored entirely
/// or not at all, and ``LinkingStore/relink(options:curation:)`` replaces the
/// linked graph in one transaction. Each stage asks for the role it needs:
/// the builder a ``DocumentStore`` and a ``LinkingStore``, queries and
/// exporters a ``GraphReading``.
public protocol GraphStore: DocumentStore, LinkingStore, GraphReading {
    /// Verifies the store's integrity and the graph's invariants (what
    /// `guanxi check` prints); problems are returned, not thrown.
    /// - Throws: ``StoreError`` only when the store cannot be read at all.
    func check() throws -> StoreCheckReport
    /// Runs `body` against a view of this store whose writes are all rolled
    /// back at the end (for `--dry-run`).
    func simulate<T>(_ body: (any GraphStore) throws -> T) throws -> T
}
