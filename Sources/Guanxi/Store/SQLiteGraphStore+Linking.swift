import Foundation
import GRDB

extension SQLiteGraphStore {
    /// Links every stored mention into the graph, streaming one name at a time.
    ///
    /// Memory holds one name's mentions, the people, institutions and
    /// co-appearance edges, never the corpus: mentions are read in name order,
    /// each name's people are written as soon as it is linked, and the
    /// mentions whose person changed are updated in id order at the end.
    /// Runs in one transaction, so an interrupted relink leaves the previous graph.
    public func relink(options: LinkOptions, curation: Curation) throws -> LinkReport {
        try write { db in
            var report = LinkReport()
            var clock = Date()
            // Posts name institutions linked after the people: checked at commit.
            try db.execute(sql: """
                PRAGMA defer_foreign_keys = ON;
                DELETE FROM coappearanceArticle;
                DELETE FROM coappearance;
                DELETE FROM postArticle;
                DELETE FROM post;
                DELETE FROM linkDecision;
                """)
            report.step("clearing the old graph", since: &clock)
            let writer = try GraphWriter(db)
            var changes = MentionChanges()
            var organizations = OrganizationLinker()
            var linker = NameGroupLinker(curation: curation, homes: try Self.paperHomes(db))
            var curatedBefore: [Int64: String] = [:]
            func write(_ linked: NameGroupLinker.Linked, before: [Int64: String], group: [LinkMention]) throws {
                try writer.insert(linked)
                changes.add(linked, before: before, mentions: group.lazy.map(\.id))
                report.people += linked.people.count
                report.posts += linked.posts.count
                report.decisions += linked.decisions.count
            }
            var curatedGroup: [LinkMention] = []
            try Self.forEachNameGroup(db) { group, before in
                for m in group { organizations.see(titlesOf: m) }
                if let linked = linker.link(group) {
                    try write(linked, before: before, group: group)
                } else {
                    curatedBefore.merge(before) { a, _ in a }
                    curatedGroup += group
                }
            }
            let (curated, problems) = linker.finish()
            try write(curated, before: curatedBefore, group: curatedGroup)
            report.curationProblems = problems
            report.step("linking people by name", since: &clock)

            try changes.apply(db)
            let drop = try db.cachedStatement(sql: "DELETE FROM person WHERE id = ?")
            for id in try String.fetchAll(db, sql: "SELECT id FROM person") where !changes.linked(id) {
                try drop.execute(arguments: [id])
            }
            report.step("giving mentions their people", since: &clock)
            report.organizations = try Self.linkOrganizations(db, &organizations)
            report.step("institutions", since: &clock)
            report.coappearances = try Self.linkCoappearances(db, options: options)
            report.step("co-appearance", since: &clock)
            try db.execute(
                sql: "UPDATE linkState SET fingerprint = ?",
                arguments: [LinkFingerprint(options: options, curation: curation).value])
            return report
        }
    }

    public func isLinked(options: LinkOptions, curation: Curation) throws -> Bool {
        try read { db in
            try String.fetchOne(db, sql: "SELECT fingerprint FROM linkState WHERE id = 1")
                == LinkFingerprint(options: options, curation: curation).value
        }
    }

    /// Each input folder's home, from the jurisdiction counts stored with each
    /// document (see ``PersonLinker/paperHomes(counts:)``).
    static func paperHomes(_ db: Database) throws -> [String: String] {
        var counts: [String: [String: Int]] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT d.root, j.key, sum(j.value) FROM document d, json_each(d.jurisdictionCounts) j
            GROUP BY d.root, j.key
            """)
        while let row = try rows.next() {
            counts[row[0], default: [:]][row[1], default: 0] += row[2] as Int
        }
        return PersonLinker.paperHomes(counts: counts)
    }

    /// Calls `body` with the mentions of each name in turn (each group in id
    /// order) and the person each was linked to before, if any. SQLite sorts the mentions by name in bounded memory (spilling
    /// to temporary files), which reads the tables in order rather than
    /// jumping through them by the name index.
    static func forEachNameGroup(
        _ db: Database, _ body: (_ group: [LinkMention], _ before: [Int64: String]) throws -> Void
    ) throws {
        var documents: [Int64: (path: String, root: String, home: String?)] = [:]
        var rank: [Int64: Int] = [:]
        for (i, id) in try Int64.fetchAll(db, sql: "SELECT id FROM document ORDER BY path").enumerated() { rank[id] = i }
        var group: [LinkMention] = []
        var before: [Int64: String] = [:]
        var name = ""
        let rows = try RawStatement(db, sql: """
            SELECT m.id, m.articleId, a.documentId, a.position, m.position, a.date,
                m.name, m.kind, m.referenced, m.inName, m.titles, d.path, d.root, d.homeJurisdiction, m.personId
            FROM mention m JOIN article a ON a.id = m.articleId JOIN document d ON d.id = a.documentId
            ORDER BY +m.name, m.id
            """)
        defer { rows.reset() }
        while try rows.step() {
            let documentId = rows.int64(2)
            let document: (path: String, root: String, home: String?)
            if let known = documents[documentId] {
                document = known
            } else {
                document = (rows.string(11) ?? "", rows.string(12) ?? "", rows.string(13))
                // Paths are shared per document; forget them now and then so memory stays bounded.
                if documents.count > 1_000_000 { documents.removeAll(keepingCapacity: true) }
                documents[documentId] = document
            }
            let nameBytes = rows.bytes(6)
            if !name.utf8.elementsEqual(nameBytes) {
                if !group.isEmpty { try body(group, before) }
                group.removeAll(keepingCapacity: true)
                before.removeAll(keepingCapacity: true)
                name = String(decoding: nameBytes, as: UTF8.self)
            }
            if let person = rows.string(14) { before[rows.int64(0)] = person }
            group.append(LinkMention(
                id: rows.int64(0), articleId: rows.int64(1), path: document.path,
                documentRank: rank[documentId] ?? Int.max, root: document.root,
                documentHome: document.home, articlePosition: Int(rows.int64(3)), position: Int(rows.int64(4)),
                date: rows.string(5), name: name, kind: PersonKind(rawValue: rows.string(7) ?? "") ?? .person,
                referenced: rows.bool(8), inName: rows.bool(9), titles: TitlesJSON.decode(rows.bytes(10)) ?? []))
        }
        if !group.isEmpty { try body(group, before) }
    }

    /// Institutions from the organization mentions and the titles seen while
    /// linking people: upserted, stale ones removed, mentions pointed at them.
    private static func linkOrganizations(_ db: Database, _ linker: inout OrganizationLinker) throws -> Int {
        let rows = try Row.fetchCursor(
            db, sql: "SELECT id, articleId, name, jurisdiction, parent, written FROM organizationMention ORDER BY id")
        while let row = try rows.next() {
            linker.see(LinkOrganizationMention(
                id: row[0], articleId: row[1], name: row[2], jurisdiction: row[3], parent: row[4],
                written: Self.decode([String].self, row[5]) ?? []))
        }
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

    /// Co-appearance edges from the linked mentions, streamed in article order.
    private static func linkCoappearances(_ db: Database, options: LinkOptions) throws -> Int {
        var builder = CoappearanceBuilder(options: options)
        // People numbered in SQLite's text order, so numbers compare as ids do.
        var ids: [String] = []
        var numbers: [String: (number: Int32, kind: PersonKind)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, kind FROM person ORDER BY id") {
            let id: String = row[0]
            numbers[id] = (Int32(ids.count), PersonKind(rawValue: row[1]) ?? .person)
            ids.append(id)
        }
        let rows = try RawStatement(db, sql: """
            SELECT m.articleId, a.date, m.personId, m.referenced
            FROM mention m JOIN article a ON a.id = m.articleId
            WHERE m.personId IS NOT NULL ORDER BY m.articleId
            """)
        defer { rows.reset() }
        var article: (id: Int64, date: String?)?
        var present: [Int32] = []
        while try rows.step() {
            let id = rows.int64(0)
            if let current = article, current.id != id {
                builder.add(article: current.id, date: current.date, people: present)
                present.removeAll(keepingCapacity: true)
            }
            if article?.id != id { article = (id, rows.string(1)) }
            if let person = rows.string(2).flatMap({ numbers[$0] }),
                builder.counts(kind: person.kind, referenced: rows.bool(3))
            {
                present.append(person.number)
            }
        }
        if let current = article { builder.add(article: current.id, date: current.date, people: present) }

        let edges = builder.result()
        let edge = try RawStatement(db, sql: """
            INSERT INTO coappearance (personA, personB, weight, firstDate, lastDate) VALUES (?, ?, ?, ?, ?)
            """)
        let evidence = try RawStatement(
            db, sql: "INSERT INTO coappearanceArticle (personA, personB, articleId) VALUES (?, ?, ?)")
        for e in edges {
            let a = ids[Int(e.a)], b = ids[Int(e.b)]
            try edge.run(a, b, Int64(e.articles.count), e.firstDate, e.lastDate)
            evidence.bind(a, at: 1)
            evidence.bind(b, at: 2)
            for article in e.articles {
                evidence.bind(article, at: 3)
                try evidence.step()
                evidence.rewind()
            }
            evidence.reset()
        }
        return edges.count
    }

    private static let decoder = JSONDecoder()

    static func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
        guard let text else { return nil }
        return try? decoder.decode(type, from: Data(text.utf8))
    }
}

/// The mentions whose person a relink changed, gathered while names are
/// linked and written in id order at the end (so the mention table is
/// rewritten in one ordered pass, and not at all where nothing changed).
/// Sixteen bytes a changed mention; person ids are kept once.
struct MentionChanges {
    private struct Change {
        var mention: Int64
        /// Index into `ids`, or -1 for no person.
        var person: Int32
    }

    private var changes: [Change] = []
    private var ids: [String] = []
    private var index: [String: Int32] = [:]

    /// Whether the relink linked anyone to `id`.
    func linked(_ id: String) -> Bool { index[id] != nil }

    /// Records the people of one linked group and the mentions (of `mentions`)
    /// whose person differs from `before`.
    mutating func add(_ linked: NameGroupLinker.Linked, before: [Int64: String], mentions: some Sequence<Int64>) {
        for p in linked.people where index[p.id] == nil {
            index[p.id] = Int32(ids.count)
            ids.append(p.id)
        }
        var now: [Int64: String] = [:]
        for (mention, person) in linked.mentionPerson {
            now[mention] = person
            if before[mention] != person, let i = index[person] { changes.append(Change(mention: mention, person: i)) }
        }
        for mention in mentions where now[mention] == nil && before[mention] != nil {
            changes.append(Change(mention: mention, person: -1))
        }
    }

    /// Writes the changes, in mention id order (sorted in place: no second copy).
    mutating func apply(_ db: Database) throws {
        changes.sort { $0.mention < $1.mention }
        // When most mentions change (a first build), the person index is
        // rebuilt once, sorted, instead of updated at random a row at a time.
        let mentions = try Int.fetchOne(db, sql: "SELECT max(id) - min(id) + 1 FROM mention") ?? 0
        let rebuildIndex = changes.count > 10_000 && changes.count * 4 > mentions
        if rebuildIndex { try db.execute(sql: "DROP INDEX mention_on_personId") }
        let update = try RawStatement(db, sql: "UPDATE mention SET personId = ? WHERE id = ?")
        for change in changes {
            try update.run(change.person < 0 ? nil : ids[Int(change.person)], change.mention)
        }
        if rebuildIndex { try db.execute(sql: "CREATE INDEX mention_on_personId ON mention(personId)") }
    }
}
