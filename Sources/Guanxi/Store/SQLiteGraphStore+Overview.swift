import Foundation
import GRDB

/// What `stats` and `explain` read (counts, every person, one name's evidence
/// and decisions), and raw rows for tests.
extension SQLiteGraphStore {
    public func counts() throws -> StoreCounts {
        try read { db in
            var counts = StoreCounts()
            func count(_ table: String) throws -> Int {
                try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
            }
            counts.documents = try count("document")
            counts.articles = try count("article")
            counts.mentions = try count("mention")
            counts.people = try count("person")
            counts.organizations = try count("organization")
            counts.posts = try count("post")
            counts.coappearances = try count("coappearance")
            counts.linkDecisions = try count("linkDecision")
            for row in try Row.fetchAll(db, sql: "SELECT kind, count(*) AS n FROM person GROUP BY kind") {
                if let kind = PersonKind(rawValue: row["kind"]) { counts.peopleByKind[kind] = row["n"] }
            }
            counts.lastBuildStatus = try String.fetchOne(db, sql: "SELECT status FROM build ORDER BY id DESC LIMIT 1")
            return counts
        }
    }

    public func people() throws -> [StoredPerson] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM person ORDER BY id").map(Self.person)
        }
    }

    public func explain(name: String) throws -> [PersonExplanation] {
        try read { db in
            var result: [PersonExplanation] = []
            let people = try Row.fetchAll(
                db, sql: "SELECT * FROM person WHERE name = ? OR id = ? ORDER BY firstDate IS NULL, firstDate, id",
                arguments: [name, name]
            ).map(Self.person)
            for person in people {
                let posts = try Row.fetchAll(
                    db, sql: "SELECT * FROM post WHERE personId = ? ORDER BY firstDate IS NULL, firstDate, id",
                    arguments: [person.id]
                ).map { row in
                    PersonExplanation.Post(
                        title: row["title"], role: row["role"], organization: row["organizationId"],
                        firstDate: row["firstDate"], lastDate: row["lastDate"], articleCount: row["articleCount"])
                }
                result.append(
                    PersonExplanation(
                        person: person, posts: posts,
                        mentions: try Self.mentions(db, where: "mp.personId = ?", person.id),
                        decisions: try Self.decisions(db, where: "personId = ?", person.id)))
            }
            let dropped = try Self.decisions(db, where: "personId IS NULL AND name = ?", name)
            if !dropped.isEmpty {
                result.append(
                    PersonExplanation(
                        person: nil, posts: [],
                        mentions: try Self.mentions(db, where: "mp.personId IS NULL AND m.name = ?", name),
                        decisions: dropped))
            }
            return result
        }
    }

    private static func person(_ row: Row) -> StoredPerson {
        StoredPerson(
            id: row["id"], name: row["name"], kind: PersonKind(rawValue: row["kind"]) ?? .person,
            jurisdiction: row["jurisdiction"], firstDate: row["firstDate"], lastDate: row["lastDate"],
            articleCount: row["articleCount"])
    }

    private static func mentions(_ db: Database, where condition: String, _ argument: String) throws
        -> [PersonExplanation.Mention]
    {
        let context = 12
        return try Row.fetchAll(
            db,
            sql: """
                SELECT d.source, a.position, a.date, m.name, m.kind, m.referenced, m.startOffset, m.endOffset,
                    substr(d.text, max(m.startOffset - \(context), 0) + 1,
                        min(m.startOffset, \(context)) + (m.endOffset - m.startOffset) + \(context)) AS snippet
                FROM mention m LEFT JOIN mentionPerson mp ON mp.mentionId = m.id
                    JOIN article a ON a.id = m.articleId JOIN document d ON d.id = a.documentId
                WHERE \(condition)
                ORDER BY a.date IS NULL, a.date, d.path, a.position, m.position
                """,
            arguments: [argument]
        ).map { row in
            let snippet: String = row["snippet"] ?? ""
            return PersonExplanation.Mention(
                source: row["source"], article: row["position"], date: row["date"], written: row["name"],
                kind: PersonKind(rawValue: row["kind"]) ?? .person, referenced: row["referenced"],
                snippet: snippet.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: ""),
                start: row["startOffset"], end: row["endOffset"])
        }
    }

    private static func decisions(_ db: Database, where condition: String, _ argument: String) throws
        -> [PersonExplanation.Decision]
    {
        try Row.fetchAll(
            db, sql: "SELECT action, rule, reason FROM linkDecision WHERE \(condition) ORDER BY id",
            arguments: [argument]
        ).map { PersonExplanation.Decision(action: $0["action"], rule: $0["rule"], reason: $0["reason"]) }
    }
}

extension SQLiteGraphStore {
    /// Rows of `sql`, every value as text (nil for NULL): for tests and debugging.
    func rows(_ sql: String) throws -> [[String: String?]] {
        try read { db in
            try Row.fetchAll(db, sql: sql).map { row in
                var values: [String: String?] = [:]
                for (column, value) in row {
                    switch value.storage {
                    case .null: values[column] = .some(nil)
                    case .int64(let i): values[column] = String(i)
                    case .double(let d): values[column] = String(d)
                    case .string(let s): values[column] = s
                    case .blob(let b): values[column] = "<\(b.count) bytes>"
                    }
                }
                return values
            }
        }
    }

    /// Runs raw SQL in a write transaction: for tests and repairs.
    func execute(_ sql: String) throws {
        try write { db in try db.execute(sql: sql) }
    }
}
