import Foundation
import GRDB

extension SQLiteGraphStore {
    /// Links every stored mention into the graph, one name at a time.
    ///
    /// The mentions are read once, in id order, into a ``MentionTable``
    /// (29 bytes a mention) and grouped by name there; each name's
    /// people are written as soon as it is linked, and the mentions whose
    /// person changed are written to `mentionPerson` in id order at the end.
    /// Runs in one transaction, so an interrupted relink leaves the previous graph.
    public func relink(options: LinkOptions, curation: Curation) throws -> LinkReport {
        try relink(options: options, curation: curation, chunkMentions: 8_192)
    }

    /// ``relink(options:curation:)`` with names linked on another core in
    /// chunks of about `chunkMentions` mentions (tests use tiny chunks).
    func relink(options: LinkOptions, curation: Curation, chunkMentions: Int) throws -> LinkReport {
        try writeCheckingKeysAtCommit { db in
            var report = LinkReport()
            var clock = Date()
            // Posts name institutions linked after the people: checked at commit.
            try db.execute(
                sql: """
                    PRAGMA defer_foreign_keys = ON;
                    DELETE FROM coappearance;
                    DELETE FROM postArticle;
                    DELETE FROM post;
                    DELETE FROM linkDecision;
                    """)
            report.step("clearing the old graph", since: &clock)
            var organizations = OrganizationLinker()
            // Every mention, where each stands and the institution mentions,
            // read on four connections. Each read ends before the relink
            // writes: a first build's rollback journal keeps a reader that
            // starts after a write waiting for the commit.
            let readingContext = readAside(db) { try MentionContext($0) }
            let readingInstitutions = readAside(db) { try Self.institutionMentions($0) }
            var table = try readMentions(db)
            let context = try readingContext()
            organizations.merge(try readingInstitutions())
            // SQLite builds the indexes set aside (names, people) on helper threads.
            try db.execute(sql: "PRAGMA threads = \(min(8, ProcessInfo.processInfo.activeProcessorCount))")
            report.step("reading mentions", since: &clock)
            try RelinkPass.run(
                table: &table, context: context, organizations: organizations, options: options, curation: curation,
                chunkMentions: chunkMentions, writer: SQLiteRelinkWriter(db: db, graph: try GraphWriter(db)),
                report: &report, clock: &clock)
            try db.execute(
                sql: "UPDATE linkState SET fingerprint = ?, settings = ?",
                arguments: [
                    LinkFingerprint(options: options, curation: curation).value,
                    LinkSettings(options: options, curation: curation).json,
                ])
            return report
        }
    }

    /// Runs a relink's `updates` in one transaction with foreign keys off,
    /// and checks the keys of the rows it rewrites before committing: a row
    /// that points at nothing throws, and nothing is changed.
    ///
    /// With keys on, SQLite looked up the mention of every `mentionPerson`
    /// row it wrote: a read of the whole mention table (larger than the
    /// corpus) to confirm ids that the relink has just read from it, in
    /// the same transaction. The graph tables the relink rewrites are small
    /// and are checked whole; institution mentions are checked through
    /// their index of institutions. Inside a dry run (a transaction already
    /// open, where the setting cannot change) keys stay on.
    private func writeCheckingKeysAtCommit<T>(_ updates: (Database) throws -> T) throws -> T {
        guard case .pool(let pool) = connection else { return try write(updates) }
        return try wrap {
            try pool.writeWithoutTransaction { db in
                let keysWereOn = try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") ?? false
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                defer { if keysWereOn { try? db.execute(sql: "PRAGMA foreign_keys = ON") } }
                var result: T?
                try db.inTransaction {
                    result = try updates(db)
                    try self.checkRelinkedKeys(db)
                    return .commit
                }
                return result!
            }
        }
    }

    /// Throws if a row the relink wrote points at a row that does not exist.
    func checkRelinkedKeys(_ db: Database) throws {
        var broken: [String] = []
        for table in ["organization", "post", "coappearance", "linkDecision"] {
            let rows = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check(\(table))")
            if let first = rows.first {
                broken.append(
                    "\(rows.count) \(table) row(s), first rowid \(first[1] as Int64? ?? 0) → \(first[2] as String? ?? "?")"
                )
            }
        }
        let unknown =
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM (SELECT DISTINCT organizationId FROM organizationMention WHERE organizationId IS NOT NULL)
                    WHERE organizationId NOT IN (SELECT id FROM organization)
                    """) ?? 0
        if unknown > 0 { broken.append("organizationMention rows naming \(unknown) institution(s) → organization") }
        guard broken.isEmpty else {
            throw StoreError(
                .database, path: location,
                "linking would leave rows pointing at rows that do not exist (\(broken.joined(separator: "; "))); "
                    + "the graph was left as it was; please report this with the store")
        }
    }

    /// Every mention, in id order: the lower half of the ids read on `db`,
    /// the upper half on a reader connection of the pool at the same time.
    private func readMentions(_ db: Database) throws -> MentionTable {
        let ranges = try MentionTable.idRanges(db, parts: 2)
        let readingUpper = readAside(db) { try MentionTable.Part($0, ids: ranges[1], capacity: ranges[1].count) }
        var mentions = try MentionTable.Part(db, ids: ranges[0], capacity: ranges[0].count + ranges[1].count)
        mentions.append(try readingUpper())
        return MentionTable(mentions)
    }

    /// Starts `read` on a reader connection of the pool, on another thread;
    /// the returned function waits for its result. What it reads is
    /// committed, and the relink does not change it. Inside a transaction
    /// that will be rolled back (a dry run), reads at once on `db`, the one
    /// connection there is.
    private func readAside<T>(_ db: Database, _ read: @escaping @Sendable (Database) throws -> T) -> () throws -> T {
        guard case .pool(let pool) = connection else {
            var result: Result<T, any Error>? = Result { try read(db) }
            return {
                defer { result = nil }
                return try result!.get()
            }
        }
        let reading = RelinkPass.aside { Result { try pool.read(read) } }
        return { try reading().get() }
    }

    public func isLinked(options: LinkOptions, curation: Curation) throws -> Bool {
        try read { db in
            try String.fetchOne(db, sql: "SELECT fingerprint FROM linkState WHERE id = 1")
                == LinkFingerprint(options: options, curation: curation).value
        }
    }

    /// `folder` and the folders above it up to `root` (`/c/yk/2018`, root `/c`
    /// → `/c/yk/2018`, `/c/yk`, `/c`); just `root` when `folder` is not under it.
    static func folders(in folder: String, upTo root: String) -> [String] {
        var chain: [String] = []
        var folder = folder
        while folder.utf8.count > root.utf8.count, folder.utf8.starts(with: root.utf8) {
            chain.append(folder)
            folder = PathParent.of(folder)
        }
        chain.append(root)
        return chain
    }

    /// The institutions the organization mentions name, as linking sees them.
    private static func institutionMentions(_ db: Database) throws -> OrganizationLinker {
        var linker = OrganizationLinker()
        let rows = try RawStatement(
            db, sql: "SELECT id, articleId, name, jurisdiction, parent, written FROM organizationMention ORDER BY id")
        while try rows.step() {
            linker.see(
                LinkOrganizationMention(
                    id: rows.int64(0), articleId: rows.int64(1), name: rows.string(2) ?? "",
                    jurisdiction: rows.string(3),
                    parent: rows.string(4), written: TitlesJSON.decodeStrings(rows.bytes(5)) ?? []))
        }
        rows.reset()
        return linker
    }

    /// Institutions from the organization mentions and the titles seen while
    /// linking people: upserted, stale ones removed, mentions pointed at them.
    static func writeOrganizations(_ db: Database, _ linker: OrganizationLinker) throws -> Int {
        let organizations = linker.organizations()
        let upsert = try db.cachedStatement(
            sql: """
                INSERT INTO organization (id, name, jurisdiction, parentId, aliases, articleCount) VALUES (?, ?, ?, NULL, ?, ?)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, jurisdiction = excluded.jurisdiction,
                    aliases = excluded.aliases, articleCount = excluded.articleCount
                """)
        for o in organizations {
            try upsert.execute(arguments: [o.id, o.name, o.jurisdiction, json(o.aliases), o.articleCount])
        }
        let parent = try db.cachedStatement(
            sql: "UPDATE organization SET parentId = ? WHERE id = ? AND parentId IS NOT ?")
        for o in organizations { try parent.execute(arguments: [o.parent, o.id, o.parent]) }
        let current = Set(organizations.map(\.id))
        let drop = try db.cachedStatement(sql: "DELETE FROM organization WHERE id = ?")
        for id in try String.fetchAll(db, sql: "SELECT id FROM organization") where !current.contains(id) {
            try drop.execute(arguments: [id])
        }
        // The canonical name is the institution's id.
        try db.execute(sql: "UPDATE organizationMention SET organizationId = name WHERE organizationId IS NOT name")
        return organizations.count
    }

    /// Writes the co-appearance edges, each with the articles behind it.
    static func writeCoappearances(
        _ edges: [CoappearanceBuilder.Edge], ids: [String], _ db: Database
    ) throws -> Int {
        let edge = try RawStatement(
            db,
            sql: """
                INSERT INTO coappearance (personA, personB, weight, firstDate, lastDate, articles) VALUES (?, ?, ?, ?, ?, ?)
                """)
        for e in edges {
            try edge.run(
                ids[Int(e.a)], ids[Int(e.b)], Int64(e.articles.count), e.firstDate, e.lastDate,
                RelinkPass.articlesJSON(e))
        }
        return edges.count
    }
}

/// The SQLite store's writes of a relink (``RelinkPass``), on the relink's
/// one connection.
private struct SQLiteRelinkWriter: RelinkWriter {
    let db: Database
    let graph: GraphWriter

    func insert(_ linked: NameGroupLinker.Linked) throws { try graph.insert(linked) }

    func writeOrganizations(_ linker: OrganizationLinker) throws -> Int {
        try SQLiteGraphStore.writeOrganizations(db, linker)
    }

    func applyPeople(_ tally: RelinkTally, table: MentionTable, context: MentionContext, linked: Set<String>) throws {
        try tally.applyChanges(db, table: table, context: context)
        let drop = try db.cachedStatement(sql: "DELETE FROM person WHERE id = ?")
        for id in try String.fetchAll(db, sql: "SELECT id FROM person") where !linked.contains(id) {
            try drop.execute(arguments: [id])
        }
    }

    func writeCoappearances(_ edges: [CoappearanceBuilder.Edge], ids: [String]) throws -> Int {
        try SQLiteGraphStore.writeCoappearances(edges, ids: ids, db)
    }
}
