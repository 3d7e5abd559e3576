import Foundation

/// Linking in the PostgreSQL store: the mentions are read into a
/// ``MentionTable`` as the SQLite store reads them, linked by the same
/// ``RelinkPass``, and the graph is written back in one transaction.
extension PostgresGraphStore {
    /// Rows read a statement at a time (``paged(_:from:next:_:)``).
    static let readPage = 20_000
    /// Rows written a statement at a time.
    static let writePage = 1_000

    public func relink(options: LinkOptions, curation: Curation) throws -> LinkReport {
        try relink(options: options, curation: curation, chunkMentions: 8_192)
    }

    /// ``relink(options:curation:)`` with names linked in chunks of about
    /// `chunkMentions` mentions. One relink runs at a time (a transaction
    /// lock); readers see the previous graph until it commits.
    func relink(options: LinkOptions, curation: Curation, chunkMentions: Int) throws -> LinkReport {
        try requireWritable()
        var report = try relinkTransaction(options: options, curation: curation, chunkMentions: chunkMentions)
        // The planner knows nothing of rows loaded in bulk until autovacuum
        // samples them, a minute or more later: a query right after a build
        // read whole tables (`coappear` of the 100 MB store, 0.9 s; 0.1 s after).
        var clock = Date()
        try session.execute("ANALYZE " + StoreTable.all.map(\.name).joined(separator: ", "))
        report.step("sampling the tables for the planner", since: &clock)
        return report
    }

    private func relinkTransaction(options: LinkOptions, curation: Curation, chunkMentions: Int) throws -> LinkReport {
        try session.transaction {
            // One relink at a time, and no batch of documents while it runs:
            // it waits for the batches in flight; those after it wait for its
            // commit, then mark the graph it made stale
            // (PostgresGraphStore+Builders.swift).
            try lockForLinking()
            // Posts name institutions written after the people: keys are checked at commit.
            try session.execute("SET CONSTRAINTS ALL DEFERRED")
            var report = LinkReport()
            var clock = Date()
            try session.execute(
                """
                DELETE FROM coappearance;
                DELETE FROM postArticle;
                DELETE FROM post;
                DELETE FROM linkDecision;
                """)
            report.step("clearing the old graph", since: &clock)
            let organizations = try institutionMentions()
            let context = try mentionContext()
            var table = try readMentions()
            report.step("reading mentions", since: &clock)
            try RelinkPass.run(
                table: &table, context: context, organizations: organizations, options: options, curation: curation,
                chunkMentions: chunkMentions, writer: PostgresRelinkWriter(session: session), report: &report,
                clock: &clock)
            try session.rows(
                "UPDATE linkState SET fingerprint = $1, settings = $2",
                [
                    .text(LinkFingerprint(options: options, curation: curation).value),
                    .text(LinkSettings(options: options, curation: curation).json),
                ])
            return report
        }
    }

    public func lastLinkSettings() throws -> LinkSettings? {
        try session.rows("SELECT settings FROM linkState WHERE id = 1").first?.string(0).flatMap(
            LinkSettings.init(json:))
    }

    public func isLinked(options: LinkOptions, curation: Curation) throws -> Bool {
        try session.rows("SELECT fingerprint FROM linkState WHERE id = 1").first?.string(0)
            == LinkFingerprint(options: options, curation: curation).value
    }

    /// Every mention, in id order, with the person each has now.
    private func readMentions() throws -> MentionTable {
        let total = Int(try session.int("SELECT count(*) FROM mention") ?? 0)
        var part = MentionTable.Part(capacity: total)
        try paged(
            """
            SELECT m.id, m.articleId, m.position, m.name, m.kind, m.referenced, m.inName, m.titles, mp.personId
            FROM mention m LEFT JOIN mentionPerson mp ON mp.mentionId = m.id AND mp.mentionId > $1
            WHERE m.id > $1 ORDER BY m.id
            """, from: [.int(Int64.min)], next: { [.int($0.int64(0))] }
        ) { row in
            Self.withUTF8(row.string(3) ?? "", row.string(4) ?? "", row.string(7) ?? "[]", row.string(8)) {
                name, kind, titles, person in
                part.add(
                    id: row.int64(0) ?? 0, article: row.int64(1) ?? 0, position: row.int64(2) ?? 0, name: name,
                    kind: kind, referenced: row.bool(5), inName: row.bool(6), titles: titles, person: person)
            }
        }
        return MentionTable(part)
    }

    /// Where each mention stands: the documents in path order, the articles' places and dates.
    private func mentionContext() throws -> MentionContext {
        func rows(_ table: String) throws -> RowsById<MentionContext.Document> {
            let r = try session.rows("SELECT min(id), max(id), count(*) FROM \(table)").first
            return RowsById(first: r?.int64(0) ?? 0, last: r?.int64(1) ?? -1, count: r?.int64(2) ?? 0)
        }
        var builder = MentionContext.Builder(documents: try rows("document"))
        try paged(
            "SELECT id, path, root, homeJurisdiction, jurisdictionCounts FROM document WHERE path > $1 ORDER BY path",
            from: [.text("")], next: { [.text($0.string(1))] }
        ) { row in
            var counts = row.string(4) ?? "{}"
            counts.withUTF8 { bytes in
                builder.addDocument(
                    id: row.int64(0) ?? 0, path: row.string(1) ?? "", root: row.string(2) ?? "", home: row.string(3),
                    jurisdictionCounts: bytes)
            }
        }
        let range = try session.rows("SELECT min(id), max(id), count(*) FROM article").first
        builder.startArticles(
            RowsById(first: range?.int64(0) ?? 0, last: range?.int64(1) ?? -1, count: range?.int64(2) ?? 0))
        try paged(
            "SELECT id, documentId, position FROM article WHERE id > $1 ORDER BY id", from: [.int(Int64.min)],
            next: { [.int($0.int64(0))] }
        ) { row in
            builder.addArticle(id: row.int64(0) ?? 0, document: row.int64(1) ?? 0, position: row.int64(2) ?? 0)
        }
        // Dates numbered in the order SQLite's index on (date, id) gives them.
        try paged(
            "SELECT id, date FROM article WHERE date IS NOT NULL AND (date, id) > ($1, $2) ORDER BY date, id",
            from: [.text(""), .int(Int64.min)], next: { [.text($0.string(1)), .int($0.int64(0))] }
        ) { row in
            builder.date(article: row.int64(0) ?? 0, row.string(1) ?? "")
        }
        return builder.finish()
    }

    /// The institutions the organization mentions name, as linking sees them.
    private func institutionMentions() throws -> OrganizationLinker {
        var linker = OrganizationLinker()
        try paged(
            "SELECT id, articleId, name, jurisdiction, parent, written FROM organizationMention WHERE id > $1 ORDER BY id",
            from: [.int(Int64.min)], next: { [.int($0.int64(0))] }
        ) { row in
            var written = row.string(5) ?? "[]"
            linker.see(
                LinkOrganizationMention(
                    id: row.int64(0) ?? 0, articleId: row.int64(1) ?? 0, name: row.string(2) ?? "",
                    jurisdiction: row.string(3), parent: row.string(4),
                    written: written.withUTF8 { TitlesJSON.decodeStrings($0) } ?? []))
        }
        return linker
    }

    /// Calls `body` with each row of `sql`, read ``readPage`` rows a
    /// statement: `sql` orders by a unique key and binds the key to start
    /// after as `$1…`, `from` before the first row, then `next` of the
    /// last row read. PostgresNIO gathers a result by copying the rows so
    /// far at every network read, so that one statement's time grows as
    /// the square of its rows (most of reading the mentions back).
    private func paged(
        _ sql: String, from first: [SQLValue], next: (SQLRow) -> [SQLValue], _ body: (SQLRow) throws -> Void
    ) throws {
        var key = first
        while true {
            let rows = try session.rows(sql + " LIMIT \(Self.readPage)", key)
            for row in rows { try body(row) }
            guard rows.count == Self.readPage, let last = rows.last else { return }
            key = next(last)
        }
    }

    /// Calls `body` with the UTF-8 bytes of the four strings.
    private static func withUTF8(
        _ a: String, _ b: String, _ c: String, _ d: String?,
        _ body: (
            UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>,
            UnsafeBufferPointer<UInt8>?
        ) -> Void
    ) {
        var (a, b, c, d) = (a, b, c, d)
        a.withUTF8 { a in
            b.withUTF8 { b in
                c.withUTF8 { c in
                    if d == nil { body(a, b, c, nil) } else { d!.withUTF8 { d in body(a, b, c, d) } }
                }
            }
        }
    }
}

/// The PostgreSQL store's writes of a relink, many rows a statement: the
/// name groups' people, posts and decisions are gathered and written some
/// twenty thousand rows at a time, with COPY where nothing is there before
/// (a statement a group was most of the relink).
private final class PostgresRelinkWriter: RelinkWriter {
    let session: any SQLSession
    private var people: [[SQLValue]] = []
    private var posts: [[SQLValue]] = []
    private var postArticles: [[SQLValue]] = []
    private var decisions: [[SQLValue]] = []

    init(session: any SQLSession) { self.session = session }

    func insert(_ linked: NameGroupLinker.Linked) throws {
        for p in linked.people {
            people.append([
                .text(p.id), .text(p.name), .text(p.kind.rawValue), .text(p.jurisdiction), .text(p.rank),
                .text(p.firstDate), .text(p.lastDate), .int(p.articleCount), .int(p.mentionCount),
            ])
        }
        for p in linked.posts {
            posts.append([
                .text(p.id), .text(p.personId), .text(p.role), .text(p.organization), .text(p.title),
                .text(p.firstDate), .text(p.lastDate), .int(p.evidence.count),
            ])
            for e in p.evidence { postArticles.append([.text(p.id), .int(e.article), .int(e.mention)]) }
        }
        for d in linked.decisions {
            decisions.append([.text(d.personId), .text(d.name), .text(d.action), .text(d.rule), .text(d.reason)])
        }
        if people.count + posts.count + postArticles.count + decisions.count >= 20_000 { try flush() }
    }

    /// Writes the rows gathered so far: the people as an upsert of one
    /// array a column (a relink keeps the people it links again), the rest
    /// with COPY.
    private func flush() throws {
        try session.insertColumns(
            "INSERT INTO person (id, name, kind, jurisdiction, rank, firstDate, lastDate, articleCount, mentionCount)",
            types: ["text", "text", "text", "text", "text", "text", "text", "bigint", "bigint"], people,
            """
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
                jurisdiction = excluded.jurisdiction, rank = excluded.rank, firstDate = excluded.firstDate,
                lastDate = excluded.lastDate, articleCount = excluded.articleCount, mentionCount = excluded.mentionCount
            """)
        try session.copy(
            into: "post",
            columns: ["id", "personId", "role", "organizationId", "title", "firstDate", "lastDate", "articleCount"],
            rows: posts)
        try session.copy(into: "postArticle", columns: ["postId", "articleId", "mentionId"], rows: postArticles)
        // Decisions keep the order they were made in (their ids).
        try session.copy(
            into: "linkDecision", columns: ["personId", "name", "action", "rule", "reason"], rows: decisions)
        (people, posts, postArticles, decisions) = ([], [], [], [])
    }

    func writeOrganizations(_ linker: OrganizationLinker) throws -> Int {
        try flush()
        let organizations = linker.organizations()
        try session.insertColumns(
            "INSERT INTO organization (id, name, jurisdiction, parentId, aliases, articleCount)",
            types: ["text", "text", "text", "text", "text", "bigint"],
            organizations.map { o in
                [
                    .text(o.id), .text(o.name), .text(o.jurisdiction), .text(nil),
                    .text(SQLiteGraphStore.json(o.aliases)),
                    .int(o.articleCount),
                ]
            },
            """
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, jurisdiction = excluded.jurisdiction,
                aliases = excluded.aliases, articleCount = excluded.articleCount
            """)
        // Parents once every institution is there; those that changed only.
        let parents = organizations.map { ($0.id, $0.parent) }
        for start in stride(from: 0, to: parents.count, by: 10_000) {
            let page = parents[start..<min(start + 10_000, parents.count)]
            try session.rows(
                """
                UPDATE organization o SET parentId = v.parent
                FROM unnest($1::text[], $2::text[]) AS v(id, parent)
                WHERE o.id = v.id AND o.parentId IS DISTINCT FROM v.parent
                """,
                [PostgresGraphStore.array(page.map { $0.0 }), .text(PostgresGraphStore.textArray(page.map { $0.1 }))])
        }
        let current = Set(organizations.map(\.id))
        let stale = try session.rows("SELECT id FROM organization").compactMap { $0.string(0) }.filter {
            !current.contains($0)
        }
        if !stale.isEmpty {
            try session.rows("DELETE FROM organization WHERE id = ANY($1::text[])", [PostgresGraphStore.array(stale)])
        }
        // The canonical name is the institution's id.
        try session.rows(
            "UPDATE organizationMention SET organizationId = name WHERE organizationId IS DISTINCT FROM name")
        return organizations.count
    }

    func applyPeople(_ tally: RelinkTally, table: MentionTable, context: MentionContext, linked: Set<String>) throws {
        var unlink: [Int64] = []
        var update: ([Int64], [String]) = ([], [])
        var add: ([Int64], [String]) = ([], [])
        // Each statement bounds the ids it joins to those of its rows (they
        // come in id order): without, the server's merge join read each
        // index from its start, every statement, and the step grew as the
        // square of the mentions.
        func bounds(_ ids: [Int64]) -> [SQLValue] { [.int(ids.min() ?? 0), .int(ids.max() ?? 0)] }
        func flush(force: Bool) throws {
            if !unlink.isEmpty, force || unlink.count >= 50_000 {
                try session.rows(
                    "DELETE FROM mentionPerson WHERE mentionId = ANY($1::bigint[]) AND mentionId BETWEEN $2 AND $3",
                    [PostgresGraphStore.intArray(unlink)] + bounds(unlink))
                unlink = []
            }
            if !update.0.isEmpty, force || update.0.count >= 50_000 {
                try session.rows(
                    """
                    UPDATE mentionPerson mp SET personId = v.person
                    FROM unnest($1::bigint[], $2::text[]) AS v(id, person)
                    WHERE mp.mentionId = v.id AND mp.mentionId BETWEEN $3 AND $4
                    """,
                    [PostgresGraphStore.intArray(update.0), PostgresGraphStore.array(update.1)] + bounds(update.0))
                update = ([], [])
            }
            if !add.0.isEmpty, force || add.0.count >= 50_000 {
                try session.rows(
                    """
                    INSERT INTO mentionPerson (mentionId, personId, articleId, date)
                    SELECT v.id, v.person, m.articleId, a.date
                    FROM unnest($1::bigint[], $2::text[]) AS v(id, person)
                    JOIN mention m ON m.id = v.id AND m.id BETWEEN $3 AND $4 JOIN article a ON a.id = m.articleId
                    """,
                    [PostgresGraphStore.intArray(add.0), PostgresGraphStore.array(add.1)] + bounds(add.0))
                add = ([], [])
            }
        }
        try tally.forEachChange(table: table) { id, had, person in
            if let person {
                if had {
                    update.0.append(id)
                    update.1.append(person)
                } else {
                    add.0.append(id)
                    add.1.append(person)
                }
            } else {
                unlink.append(id)
            }
            try flush(force: false)
        }
        try flush(force: true)
        let stale = try session.rows("SELECT id FROM person").compactMap { $0.string(0) }.filter {
            !linked.contains($0)
        }
        for start in stride(from: 0, to: stale.count, by: 10_000) {
            try session.rows(
                "DELETE FROM person WHERE id = ANY($1::text[])",
                [PostgresGraphStore.array(Array(stale[start..<min(start + 10_000, stale.count)]))])
        }
    }

    func writeCoappearances(_ edges: [CoappearanceBuilder.Edge], ids: [String]) throws -> Int {
        try session.copy(
            into: "coappearance", columns: ["personA", "personB", "weight", "firstDate", "lastDate", "articles"],
            rows: edges.map { e in
                [
                    .text(ids[Int(e.a)]), .text(ids[Int(e.b)]), .int(e.articles.count), .text(e.firstDate),
                    .text(e.lastDate), .text(RelinkPass.articlesJSON(e)),
                ]
            })
        return edges.count
    }
}
