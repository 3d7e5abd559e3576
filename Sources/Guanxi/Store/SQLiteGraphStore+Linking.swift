import Foundation
import GRDB

extension SQLiteGraphStore {
    public func relink(options: LinkOptions, curation: Curation) throws -> LinkReport {
        try write { db in
            let mentions = try Self.loadMentions(db)
            let organizations = try Row.fetchAll(
                db, sql: "SELECT id, articleId, name, jurisdiction, parent, written FROM organizationMention"
            ).map { row in
                LinkOrganizationMention(
                    id: row["id"], articleId: row["articleId"], name: row["name"], jurisdiction: row["jurisdiction"],
                    parent: row["parent"], written: Self.decode([String].self, row["written"]) ?? [])
            }
            let graph = GraphLinker(options: options, curation: curation).link(mentions, organizations: organizations)
            try Self.clearGraph(db)
            try Self.insert(graph, db)
            try db.execute(
                sql: "UPDATE linkState SET fingerprint = ?",
                arguments: [LinkFingerprint(options: options, curation: curation).value])
            return LinkReport(
                people: graph.people.count, organizations: graph.organizations.count, posts: graph.posts.count,
                coappearances: graph.coappearances.count, decisions: graph.decisions.count,
                curationProblems: graph.problems)
        }
    }

    public func isLinked(options: LinkOptions, curation: Curation) throws -> Bool {
        try read { db in
            try String.fetchOne(db, sql: "SELECT fingerprint FROM linkState WHERE id = 1")
                == LinkFingerprint(options: options, curation: curation).value
        }
    }

    /// Every stored mention with its context, streamed from one query. Paths,
    /// roots and homes are shared per document rather than copied per mention.
    static func loadMentions(_ db: Database) throws -> [LinkMention] {
        var documents: [Int64: (path: String, root: String, home: String?)] = [:]
        var mentions: [LinkMention] = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT m.id, m.articleId, d.id, d.path, d.root, d.homeJurisdiction, a.position, m.position, a.date,
                m.name, m.kind, m.referenced, m.inName, m.titles
            FROM mention m JOIN article a ON a.id = m.articleId JOIN document d ON d.id = a.documentId
            ORDER BY m.id
            """)
        while let row = try rows.next() {
            let documentId: Int64 = row[2]
            let document: (path: String, root: String, home: String?)
            if let known = documents[documentId] {
                document = known
            } else {
                document = (row[3], row[4], row[5])
                documents[documentId] = document
            }
            let titles: String = row[13]
            mentions.append(LinkMention(
                id: row[0], articleId: row[1], path: document.path, root: document.root,
                documentHome: document.home, articlePosition: row[6], position: row[7], date: row[8], name: row[9],
                kind: PersonKind(rawValue: row[10]) ?? .person, referenced: row[11], inName: row[12],
                titles: titles == "[]" ? [] : decode([TitleMention].self, titles) ?? []))
        }
        return mentions
    }

    private static let decoder = JSONDecoder()

    private static func clearGraph(_ db: Database) throws {
        try db.execute(sql: """
            DELETE FROM coappearanceArticle;
            DELETE FROM coappearance;
            DELETE FROM postArticle;
            DELETE FROM post;
            DELETE FROM linkDecision;
            UPDATE mention SET personId = NULL WHERE personId IS NOT NULL;
            UPDATE organizationMention SET organizationId = NULL WHERE organizationId IS NOT NULL;
            DELETE FROM person;
            UPDATE organization SET parentId = NULL WHERE parentId IS NOT NULL;
            DELETE FROM organization;
            """)
    }

    private static func insert(_ graph: LinkedGraph, _ db: Database) throws {
        let organization = try db.cachedStatement(
            sql: "INSERT INTO organization (id, name, jurisdiction, aliases, articleCount) VALUES (?, ?, ?, ?, ?)")
        for o in graph.organizations {
            try organization.execute(arguments: [o.id, o.name, o.jurisdiction, json(o.aliases), o.articleCount])
        }
        let parent = try db.cachedStatement(sql: "UPDATE organization SET parentId = ? WHERE id = ?")
        for o in graph.organizations { if let p = o.parent { try parent.execute(arguments: [p, o.id]) } }
        let organizationMention = try db.cachedStatement(
            sql: "UPDATE organizationMention SET organizationId = ? WHERE id = ?")
        for (mention, org) in graph.organizationMentionOrganization.sorted(by: { $0.key < $1.key }) {
            try organizationMention.execute(arguments: [org, mention])
        }

        let person = try db.cachedStatement(sql: """
            INSERT INTO person (id, name, kind, jurisdiction, rank, firstDate, lastDate, articleCount, mentionCount)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for p in graph.people {
            try person.execute(arguments: [
                p.id, p.name, p.kind.rawValue, p.jurisdiction, p.rank, p.firstDate, p.lastDate, p.articleCount,
                p.mentionCount,
            ])
        }
        let mention = try db.cachedStatement(sql: "UPDATE mention SET personId = ? WHERE id = ?")
        for (id, personId) in graph.mentionPerson.sorted(by: { $0.key < $1.key }) {
            try mention.execute(arguments: [personId, id])
        }

        let post = try db.cachedStatement(sql: """
            INSERT INTO post (id, personId, role, organizationId, title, firstDate, lastDate, articleCount)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let postArticle = try db.cachedStatement(
            sql: "INSERT INTO postArticle (postId, articleId, mentionId) VALUES (?, ?, ?)")
        for p in graph.posts {
            try post.execute(arguments: [
                p.id, p.personId, p.role, p.organization, p.title, p.firstDate, p.lastDate, p.evidence.count,
            ])
            for e in p.evidence { try postArticle.execute(arguments: [p.id, e.article, e.mention]) }
        }

        let edge = try db.cachedStatement(sql: """
            INSERT INTO coappearance (personA, personB, weight, firstDate, lastDate) VALUES (?, ?, ?, ?, ?)
            """)
        let edgeArticle = try db.cachedStatement(
            sql: "INSERT INTO coappearanceArticle (personA, personB, articleId) VALUES (?, ?, ?)")
        for c in graph.coappearances {
            try edge.execute(arguments: [c.personA, c.personB, c.articles.count, c.firstDate, c.lastDate])
            for a in c.articles { try edgeArticle.execute(arguments: [c.personA, c.personB, a]) }
        }

        let decision = try db.cachedStatement(
            sql: "INSERT INTO linkDecision (personId, name, action, rule, reason) VALUES (?, ?, ?, ?, ?)")
        for d in graph.decisions {
            try decision.execute(arguments: [d.personId, d.name, d.action, d.rule, d.reason])
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
        guard let text else { return nil }
        return try? decoder.decode(type, from: Data(text.utf8))
    }
}
