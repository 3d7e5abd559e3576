import Foundation

/// Several builds writing one PostgreSQL store at once (issue 25): their
/// batches run in parallel, and one build links once every build has
/// written its documents, coordinated by two advisory locks of the schema.
///
/// - The *writing* lock is taken shared by every transaction that writes
///   documents and exclusively by a relink, for the transaction: batches
///   of several builds commit side by side, a relink waits for the batches
///   in flight and holds new ones back until it commits, so that the graph
///   it writes is that of every document committed before it began, and a
///   batch committed after it marks that graph stale.
/// - The *builders* lock is held shared by each build while it writes its
///   documents (from ``beginBulkWrite()``), for the session. A build that
///   has written its documents lets go of it and links only when it gets
///   the lock exclusively (no other build is writing); otherwise it leaves
///   linking to the builds still writing: the last of them links. A build
///   killed with -9 loses its connection, and the server lets go of its locks.
extension PostgresGraphStore {
    /// The advisory locks of this store, one pair a schema.
    enum AdvisoryLock: String {
        case writing = "guanxi.writing."
        case builders = "guanxi.builders."
    }

    /// The key of `lock` in this schema, to bind as `hashtext($n)`.
    func key(_ lock: AdvisoryLock) -> SQLValue { .text(lock.rawValue + schema) }

    /// Waits for the writing lock, shared, for the transaction: called
    /// first in every transaction that writes documents.
    func lockForWriting() throws {
        try session.rows("SELECT pg_advisory_xact_lock_shared(hashtext($1))", [key(.writing)])
    }

    /// Waits for the writing lock, exclusively, for the transaction: called
    /// first in a relink.
    func lockForLinking() throws {
        try session.rows("SELECT pg_advisory_xact_lock(hashtext($1))", [key(.writing)])
    }

    /// Marks the linked graph stale in the transaction writing documents.
    /// Only a graph still marked linked is updated: the first batch after a
    /// relink takes the row; the batches after it find it stale and take
    /// no lock, so that they do not wait on each other.
    func markStale() throws {
        try session.rows("UPDATE linkState SET fingerprint = NULL WHERE fingerprint IS NOT NULL")
    }

    /// Registers this build as one writing documents: waits for a relink in
    /// progress, then holds the builders lock shared until
    /// ``takeLinkingTurn()`` or ``finishBuild(_:status:note:)``. Returns
    /// false: the store writes as usual (it may hold documents already).
    public func beginBulkWrite() throws -> Bool {
        try requireWritable()
        guard !dryRun else { return false }
        try releaseBuilderLock()
        try session.rows("SELECT pg_advisory_lock_shared(hashtext($1))", [key(.builders)])
        builderLock.held = .writing
        return false
    }

    /// Called when this build has written its documents: lets go of the
    /// builders lock and tries to take it exclusively. True (this build
    /// links, and holds the lock until ``finishBuild(_:status:note:)``) when
    /// no other build is writing; false when one is (it links when it is done).
    public func takeLinkingTurn() throws -> Bool {
        guard !dryRun else { return true }
        try releaseBuilderLock()
        let taken =
            try session.int(
                "SELECT CASE WHEN pg_try_advisory_lock(hashtext($1)) THEN 1 ELSE 0 END", [key(.builders)]) == 1
        if taken { builderLock.held = .linking }
        return taken
    }

    /// Lets go of the builders lock, if this build holds it.
    func releaseBuilderLock() throws {
        let held = builderLock.held
        builderLock.held = .none
        switch held {
        case .writing: try session.rows("SELECT pg_advisory_unlock_shared(hashtext($1))", [key(.builders)])
        case .linking: try session.rows("SELECT pg_advisory_unlock(hashtext($1))", [key(.builders)])
        case .none: break
        }
    }
}

/// Which builders lock (the advisory lock of the builds writing one
/// ``PostgresGraphStore``) its connection holds.
final class BuilderLock: @unchecked Sendable {
    enum Held { case none, writing, linking }

    private let lock = NSLock()
    private var value = Held.none

    var held: Held {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}
