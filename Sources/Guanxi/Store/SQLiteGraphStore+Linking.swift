import Foundation
import GRDB

extension SQLiteGraphStore {
    /// Links every stored mention into the graph, streaming one name at a time.
    ///
    /// Memory holds one name's mentions, the people, institutions and
    /// co-appearance edges, never the corpus: mentions are read in name order,
    /// each name's people are written as soon as it is linked, and person ids
    /// reach the mentions in one ordered pass at the end. Runs in one
    /// transaction, so an interrupted relink leaves the previous graph.
    public func relink(options: LinkOptions, curation: Curation) throws -> LinkReport {
        try write { db in
            var report = LinkReport(people: 0, organizations: 0, posts: 0, coappearances: 0, decisions: 0, curationProblems: [])
            // Posts name institutions linked after the people: checked at commit.
            try db.execute(sql: """
                PRAGMA defer_foreign_keys = ON;
                DELETE FROM coappearanceArticle;
                DELETE FROM coappearance;
                DELETE FROM postArticle;
                DELETE FROM post;
                DELETE FROM linkDecision;
                CREATE TEMP TABLE IF NOT EXISTS linkedMention (mentionId INTEGER PRIMARY KEY, personId TEXT NOT NULL);
                DELETE FROM temp.linkedMention;
                """)
            let writer = try GraphWriter(db)
            var people = Set<String>()
            var organizations = OrganizationLinker()
            var linker = NameGroupLinker(curation: curation, homes: try Self.paperHomes(db))
            func write(_ linked: NameGroupLinker.Linked) throws {
                try writer.insert(linked)
                for p in linked.people { people.insert(p.id) }
                report.people += linked.people.count
                report.posts += linked.posts.count
                report.decisions += linked.decisions.count
            }
            try Self.forEachNameGroup(db) { group in
                for m in group { organizations.see(titlesOf: m) }
                if let linked = linker.link(group) { try write(linked) }
            }
            let (curated, problems) = linker.finish()
            try write(curated)
            report.curationProblems = problems

            // Mentions take their people in one pass in id order; people no longer linked go.
            try db.execute(sql: """
                UPDATE mention SET personId = l.personId FROM temp.linkedMention l
                    WHERE l.mentionId = mention.id AND mention.personId IS NOT l.personId;
                UPDATE mention SET personId = NULL
                    WHERE personId IS NOT NULL AND id NOT IN (SELECT mentionId FROM temp.linkedMention);
                DELETE FROM temp.linkedMention;
                """)
            let stale = try String.fetchAll(db, sql: "SELECT id FROM person").filter { !people.contains($0) }
            let drop = try db.cachedStatement(sql: "DELETE FROM person WHERE id = ?")
            for id in stale { try drop.execute(arguments: [id]) }

            report.organizations = try Self.linkOrganizations(db, &organizations)
            report.coappearances = try Self.linkCoappearances(db, options: options, writer: writer)
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

    /// Each input folder's home, from SQL counts of the jurisdictions its
    /// mentions' pages and titles name (see ``PersonLinker/paperHomes(counts:)``).
    static func paperHomes(_ db: Database) throws -> [String: String] {
        var counts: [String: [String: Int]] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT d.root, d.homeJurisdiction, count(*)
                FROM mention m JOIN article a ON a.id = m.articleId JOIN document d ON d.id = a.documentId
                WHERE d.homeJurisdiction IS NOT NULL GROUP BY d.root, d.homeJurisdiction
            UNION ALL
            SELECT d.root, t.value ->> '$.jurisdiction' AS j, count(*)
                FROM mention m JOIN article a ON a.id = m.articleId JOIN document d ON d.id = a.documentId,
                    json_each(m.titles) t
                WHERE m.titles <> '[]' AND j IS NOT NULL GROUP BY d.root, j
            """)
        while let row = try rows.next() {
            counts[row[0], default: [:]][row[1], default: 0] += row[2] as Int
        }
        return PersonLinker.paperHomes(counts: counts)
    }

    /// Calls `body` with the mentions of each name in turn (each group in id
    /// order), streamed from the name index.
    static func forEachNameGroup(_ db: Database, _ body: ([LinkMention]) throws -> Void) throws {
        var documents: [Int64: (path: String, root: String, home: String?)] = [:]
        var group: [LinkMention] = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT m.id, m.articleId, a.documentId, a.position, m.position, a.date,
                m.name, m.kind, m.referenced, m.inName, m.titles, d.path, d.root, d.homeJurisdiction
            FROM mention m INDEXED BY mention_on_name JOIN article a ON a.id = m.articleId
                JOIN document d ON d.id = a.documentId
            ORDER BY m.name, m.id
            """)
        while let row = try rows.next() {
            let documentId: Int64 = row[2]
            let document: (path: String, root: String, home: String?)
            if let known = documents[documentId] {
                document = known
            } else {
                document = (row[11], row[12], row[13])
                // Paths are shared per document; forget them now and then so memory stays bounded.
                if documents.count > 100_000 { documents.removeAll(keepingCapacity: true) }
                documents[documentId] = document
            }
            let name: String = row[6]
            if let last = group.last, last.name != name {
                try body(group)
                group.removeAll(keepingCapacity: true)
            }
            let titles: String = row[10]
            group.append(LinkMention(
                id: row[0], articleId: row[1], path: document.path, root: document.root,
                documentHome: document.home, articlePosition: row[3], position: row[4], date: row[5], name: name,
                kind: PersonKind(rawValue: row[7]) ?? .person, referenced: row[8], inName: row[9],
                titles: TitlesJSON.decode(titles) ?? []))
        }
        if !group.isEmpty { try body(group) }
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
    private static func linkCoappearances(_ db: Database, options: LinkOptions, writer: GraphWriter) throws -> Int {
        var builder = CoappearanceBuilder(options: options)
        var kinds: [String: PersonKind] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, kind FROM person") {
            kinds[row[0]] = PersonKind(rawValue: row[1]) ?? .person
        }
        let rows = try Row.fetchCursor(db, sql: """
            SELECT m.articleId, a.date, m.personId, m.referenced
            FROM mention m JOIN article a ON a.id = m.articleId
            WHERE m.personId IS NOT NULL ORDER BY m.articleId
            """)
        var article: (id: Int64, date: String?)?
        var present: [String] = []
        while let row = try rows.next() {
            let id: Int64 = row[0]
            if let current = article, current.id != id {
                builder.add(article: current.id, date: current.date, people: present)
                present.removeAll(keepingCapacity: true)
            }
            article = (id, row[1])
            let person: String = row[2]
            if let kind = kinds[person], builder.counts(kind: kind, referenced: row[3]) { present.append(person) }
        }
        if let current = article { builder.add(article: current.id, date: current.date, people: present) }
        let edges = builder.result()
        try writer.insert(edges)
        return edges.count
    }

    private static let decoder = JSONDecoder()

    static func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
        guard let text else { return nil }
        return try? decoder.decode(type, from: Data(text.utf8))
    }
}
