import Foundation
import GRDB

extension SQLiteGraphStore {
    /// Links every stored mention into the graph, streaming one name at a time.
    ///
    /// Memory holds one name's mentions, the people, institutions and
    /// co-appearance edges, never the corpus: mentions are read in name order,
    /// each name's people are written as soon as it is linked, and the
    /// mentions whose person changed are written to `mentionPerson` in id
    /// order at the end.
    /// Runs in one transaction, so an interrupted relink leaves the previous graph.
    public func relink(options: LinkOptions, curation: Curation) throws -> LinkReport {
        try relink(options: options, curation: curation, chunkMentions: 8_192)
    }

    /// Chunks of names being linked at once while the store is read.
    static let chunksInFlight = 2

    /// ``relink(options:curation:)`` with names linked on another core in
    /// chunks of about `chunkMentions` mentions (tests use tiny chunks).
    func relink(options: LinkOptions, curation: Curation, chunkMentions: Int) throws -> LinkReport {
        try writeCheckingKeysAtCommit { db in
            var report = LinkReport()
            var clock = Date()
            // Posts name institutions linked after the people: checked at commit.
            try db.execute(sql: """
                PRAGMA defer_foreign_keys = ON;
                DELETE FROM coappearance;
                DELETE FROM postArticle;
                DELETE FROM post;
                DELETE FROM linkDecision;
                """)
            report.step("clearing the old graph", since: &clock)
            let writer = try GraphWriter(db)
            let coappearance = CoappearanceBuilder(options: options)
            var tally = RelinkTally()
            var organizations = OrganizationLinker()
            var linker = NameGroupLinker(curation: curation)
            func write(_ group: LinkedNameGroup) throws {
                try writer.insert(group.linked)
                tally.add(group)
                report.people += group.linked.people.count
                report.posts += group.linked.posts.count
                report.decisions += group.linked.decisions.count
            }
            var curatedGroup: [LinkMention] = []
            var curatedBefore: [Int64: String] = [:]
            // Names are linked a chunk at a time on other threads while this
            // one reads the next chunk from the store and writes the oldest:
            // two chunks in flight keep both cores busy, since linking a chunk
            // takes longer than reading it.
            // SQLite sorts the mentions by name, and later builds the indexes
            // set aside, on helper threads too (100 MB: 0.2 s less).
            try db.execute(sql: "PRAGMA threads = \(min(8, ProcessInfo.processInfo.activeProcessorCount))")
            let rows = try RawStatement(db, sql: MentionRows.query)
            // The first step sorts every mention; meanwhile another connection
            // reads where each mention stands (the documents and articles are
            // committed, and linking does not change them).
            let readingContext = readContextAside(db)
            var more = try rows.step()
            let context = try readingContext()
            var chunk = LinkingChunk(mentions: chunkMentions)
            var inFlight: [LinkingChunk] = []
            func writeOldest() throws {
                guard !inFlight.isEmpty else { return }
                let (groups, seen) = inFlight.removeFirst().linked()
                for group in groups { try write(group) }
                organizations.merge(seen)
            }
            func startChunk() throws {
                if inFlight.count >= Self.chunksInFlight { try writeOldest() }
                chunk.start(context: context, coappearance: coappearance)
                inFlight.append(chunk)
                chunk = LinkingChunk(mentions: chunkMentions)
            }
            // The rows of the name being read start at `groupStart` in the chunk.
            var name = ""
            var groupStart = 0
            func endGroup() throws {
                guard groupStart < chunk.rows.count else { return }
                if linker.isCurated(name) {
                    // Curated names wait for the curation, on this thread.
                    let (group, before) = chunk.rows.mentions(groupStart..<chunk.rows.count, name: name, context: context)
                    chunk.rows.removeRows(from: groupStart)
                    for m in group { organizations.see(titlesOf: m) }
                    _ = linker.link(group)
                    curatedBefore.merge(before) { a, _ in a }
                    curatedGroup += group
                } else {
                    chunk.endGroup(name, from: groupStart)
                    if chunk.isFull { try startChunk() }
                }
                groupStart = chunk.rows.count
            }
            while more {
                let nameBytes = MentionRows.name(rows)
                if !name.utf8.elementsEqual(nameBytes) {
                    try endGroup()
                    name = String(decoding: nameBytes, as: UTF8.self)
                }
                chunk.rows.append(rows)
                more = try rows.step()
            }
            rows.reset()
            try endGroup()
            try startChunk()
            while !inFlight.isEmpty { try writeOldest() }
            let (curated, problems) = linker.finish()
            try write(LinkedNameGroup(curated, mentions: curatedGroup, before: curatedBefore, coappearance: coappearance))
            report.curationProblems = problems
            report.step("linking people by name", since: &clock)

            // The tally's work needs no store: another thread sorts its
            // changes while this one links the institutions, then counts the
            // co-appearance edges while this one writes the changes (1 GB:
            // 1.5 s less). The two halves of the tally hold their arrays
            // once each, so each is sorted in place.
            nonisolated(unsafe) var changes = tally
            tally = RelinkTally()
            let sorting = Self.aside { () -> Set<String> in
                changes.sortChanges()
                return changes.linkedIds()
            }
            // What reads the store comes before the mentions are rewritten: a
            // page read after it is looked up in a WAL grown by the whole table.
            report.organizations = try Self.linkOrganizations(db, &organizations)
            report.step("institutions", since: &clock)
            let linked = sorting()
            nonisolated(unsafe) var presence = changes.splitPresence()
            let counting = Self.aside { () -> ([CoappearanceBuilder.Edge], [String]) in
                var builder = coappearance
                return presence.coappearanceEdges(&builder)
            }
            try changes.applyChanges(db)
            let drop = try db.cachedStatement(sql: "DELETE FROM person WHERE id = ?")
            for id in try String.fetchAll(db, sql: "SELECT id FROM person") where !linked.contains(id) {
                try drop.execute(arguments: [id])
            }
            report.step("giving mentions their people", since: &clock)
            let (edges, ids) = counting()
            report.coappearances = try Self.writeCoappearances(edges, ids: ids, db)
            report.step("co-appearance", since: &clock)
            if try !Self.hasIndex(db, "mention_on_name") {
                // Dropped by a build that wrote many documents (see replaceDocuments).
                try db.execute(sql: "CREATE INDEX mention_on_name ON mention(name)")
                report.step("indexing names", since: &clock)
            }
            try db.execute(
                sql: "UPDATE linkState SET fingerprint = ?",
                arguments: [LinkFingerprint(options: options, curation: curation).value])
            return report
        }
    }

    /// Runs a relink's `updates` in one transaction with foreign keys off,
    /// and checks the keys of the rows it rewrites before committing: a row
    /// that points at nothing throws, and nothing is changed.
    ///
    /// With keys on, SQLite looked up the mention of every `mentionPerson`
    /// row it wrote: a read of the whole mention table (1.2 GB for the 1 GB
    /// benchmark) to confirm ids that the relink has just read from it, in
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
                broken.append("\(rows.count) \(table) row(s), first rowid \(first[1] as Int64? ?? 0) → \(first[2] as String? ?? "?")")
            }
        }
        let unknown = try Int.fetchOne(db, sql: """
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

    /// Runs `work` on another thread; the returned function waits for its result.
    private static func aside<T>(_ work: @escaping () -> T) -> () -> T {
        nonisolated(unsafe) var result: T?
        nonisolated(unsafe) let work = work
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            result = work()
            done.signal()
        }
        return {
            done.wait()
            return result!
        }
    }

    /// Starts reading the ``MentionContext`` on a reader connection of the
    /// pool, on another thread; the returned function waits for it. Inside a
    /// transaction that will be rolled back (a dry run), reads it at once on
    /// `db`, the one connection there is.
    private func readContextAside(_ db: Database) -> () throws -> MentionContext {
        guard case .pool(let pool) = connection else {
            let context = Result { try MentionContext(db, paperHomes: Self.paperHomes(db)) }
            return { try context.get() }
        }
        let reading = Self.aside { Result { try pool.read { try MentionContext($0, paperHomes: Self.paperHomes($0)) } } }
        return { try reading().get() }
    }

    public func isLinked(options: LinkOptions, curation: Curation) throws -> Bool {
        try read { db in
            try String.fetchOne(db, sql: "SELECT fingerprint FROM linkState WHERE id = 1")
                == LinkFingerprint(options: options, curation: curation).value
        }
    }

    /// The home of each document's paper, for pages with no home of their own:
    /// the jurisdiction most named by the pages under the document's nearest
    /// folder that names any (from its own folder up to the input it was
    /// found under), from the counts stored with each document. A corpus of
    /// several papers given as one folder (`corpus/永康/…`, `corpus/东阳/…`)
    /// thus gives each paper its own home rather than the corpus's.
    static func paperHomes(_ db: Database) throws -> [Int64: String] {
        // Each document's counts go to its own folder first (many pages share
        // one), then each folder's to the folders above it up to its root.
        var own: [FolderKey: [ByteKey: Int]] = [:]
        let rows = try RawStatement(db, sql: """
            SELECT d.id, d.path, d.root, j.key, j.value FROM document d, json_each(d.jurisdictionCounts) j
            ORDER BY d.id
            """)
        defer { rows.reset() }
        var document: Int64 = -1
        var folder = FolderKey(folder: "", root: "")
        while try rows.step() {
            if rows.int64(0) != document {
                document = rows.int64(0)
                folder = FolderKey(folder: PathParent.of(rows.string(1) ?? ""), root: rows.string(2) ?? "")
            }
            own[folder, default: [:]][ByteKey(rows.string(3) ?? ""), default: 0] += Int(rows.int64(4))
        }
        // A folder's chain up to its root, worked out once per folder.
        var chains: [FolderKey: [String]] = [:]
        func chain(_ key: FolderKey) -> [String] {
            if let known = chains[key] { return known }
            let made = Self.folders(in: key.folder, upTo: key.root)
            chains[key] = made
            return made
        }
        var counts: [String: [String: Int]] = [:]  // folder → jurisdiction → count, subfolders included
        for (key, jurisdictions) in own {
            for folder in chain(key) {
                for (jurisdiction, n) in jurisdictions { counts[folder, default: [:]][jurisdiction.string, default: 0] += n }
            }
        }
        let homes = PersonLinker.paperHomes(counts: counts)
        var byDocument: [Int64: String] = [:]
        let documents = try RawStatement(db, sql: "SELECT id, path, root FROM document")
        defer { documents.reset() }
        while try documents.step() {
            let key = FolderKey(folder: PathParent.of(documents.string(1) ?? ""), root: documents.string(2) ?? "")
            if let home = chain(key).lazy.compactMap({ homes[$0] }).first { byDocument[documents.int64(0)] = home }
        }
        return byDocument
    }

    private struct FolderKey: Hashable {
        var folder: String
        var root: String
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

    /// Institutions from the organization mentions and the titles seen while
    /// linking people: upserted, stale ones removed, mentions pointed at them.
    private static func linkOrganizations(_ db: Database, _ linker: inout OrganizationLinker) throws -> Int {
        let rows = try RawStatement(
            db, sql: "SELECT id, articleId, name, jurisdiction, parent, written FROM organizationMention ORDER BY id")
        while try rows.step() {
            linker.see(LinkOrganizationMention(
                id: rows.int64(0), articleId: rows.int64(1), name: rows.string(2) ?? "", jurisdiction: rows.string(3),
                parent: rows.string(4), written: TitlesJSON.decodeStrings(rows.bytes(5)) ?? []))
        }
        rows.reset()
        let organizations = linker.organizations()
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO organization (id, name, jurisdiction, parentId, aliases, articleCount) VALUES (?, ?, ?, NULL, ?, ?)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, jurisdiction = excluded.jurisdiction,
                aliases = excluded.aliases, articleCount = excluded.articleCount
            """)
        for o in organizations {
            try upsert.execute(arguments: [o.id, o.name, o.jurisdiction, json(o.aliases), o.articleCount])
        }
        let parent = try db.cachedStatement(sql: "UPDATE organization SET parentId = ? WHERE id = ? AND parentId IS NOT ?")
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
    private static func writeCoappearances(
        _ edges: [CoappearanceBuilder.Edge], ids: [String], _ db: Database
    ) throws -> Int {
        let edge = try RawStatement(db, sql: """
            INSERT INTO coappearance (personA, personB, weight, firstDate, lastDate, articles) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for e in edges {
            var articles = JSONWriter(reservingCapacity: e.articles.count * 8 + 2)
            articles.beginArray()
            for article in e.articles { articles.int(Int(article)) }
            articles.endArray()
            try edge.run(
                ids[Int(e.a)], ids[Int(e.b)], Int64(e.articles.count), e.firstDate, e.lastDate, articles.output)
        }
        return edges.count
    }

}
