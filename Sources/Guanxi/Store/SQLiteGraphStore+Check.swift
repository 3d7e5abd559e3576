import GRDB

/// What ``GraphStore/check()`` found: how many checks ran and each problem.
///
/// A problem names the invariant it breaks, how many rows break it and a few
/// of them (ids and offsets only, never article text), so `guanxi check`
/// can print one line per problem.
///
/// ```swift
/// let report = try SQLiteGraphStore(path: "guanxi.sqlite", create: false).check()
/// if report.problems.isEmpty { print("ok: \(report.checksRun) checks passed") }
/// ```
public struct StoreCheckReport: Sendable, Hashable {
    /// One broken invariant.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// Short name of the check (`coappearance-weight`).
        public var check: String
        /// Rows (or SQLite messages) that break it.
        public var count: Int
        /// What is wrong, in words.
        public var message: String
        /// A few of the offending rows, as `key=value` lists.
        public var examples: [String]

        public var description: String {
            "\(check): \(count) \(message)"
                + (examples.isEmpty ? "" : " (e.g. " + examples.joined(separator: "; ") + ")")
        }
    }

    /// How many checks ran.
    public var checksRun = 0
    /// Every check that failed.
    public var problems: [Problem] = []
    /// Things that are not damage but that the user should know (the last
    /// build did not finish; the graph is older than the documents).
    public var notes: [String] = []

    public init() {}
}

extension SQLiteGraphStore {
    /// Runs `PRAGMA integrity_check`, `PRAGMA foreign_key_check` and the
    /// graph's invariants, in one read transaction (a consistent snapshot even
    /// while a build writes).
    ///
    /// Invariants: mention, organization-mention and article offsets fit their
    /// document's text; every co-appearance has `personA < personB`, people that
    /// exist and a weight equal to the number of its `articles`, which
    /// exist; every post's person exists; each person's
    /// `articleCount`/`mentionCount` equal its mentions' distinct articles and
    /// count; every mention but those inside a place name or dropped by
    /// curation belongs to a person. When documents were written after the last link (a stopped build)
    /// the count checks are skipped with a note, since the next build relinks.
    ///
    /// - Complexity: O(size of the store): every table is scanned once or twice.
    public func check() throws -> StoreCheckReport {
        try read { db in
            var report = StoreCheckReport()
            // Code guanxi did not create is reported, never run: a view in
            // place of guanxi's own would be evaluated by every check below.
            let inspection = try Self.inspect(db)
            report.checksRun += 1
            if let problem = Self.foreignCodeProblem(inspection) {
                report.problems.append(problem)
                if !inspection.shadowingViews.isEmpty { return report }
            }
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            report.checksRun += 1
            if integrity != ["ok"] {
                report.problems.append(
                    .init(
                        check: "integrity", count: integrity.count, message: "SQLite integrity error(s)",
                        examples: Array(integrity.prefix(3))))
            }
            let foreign = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            report.checksRun += 1
            if !foreign.isEmpty {
                report.problems.append(
                    .init(
                        check: "foreign-keys", count: foreign.count,
                        message: "row(s) point to a row that does not exist",
                        examples: foreign.prefix(3).map { row in
                            "\(row["table"] as String? ?? "?") rowid=\(row["rowid"] as Int64? ?? -1) → \(row["parent"] as String? ?? "?")"
                        }))
            }
            let linked = try String.fetchOne(db, sql: "SELECT fingerprint FROM linkState WHERE id = 1") != nil
            let hasMentions = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM mention)") ?? false
            let last = try Row.fetchOne(db, sql: "SELECT id, status FROM build ORDER BY id DESC LIMIT 1")
            if let last, let status: String = last["status"], status != "finished" {
                let id: Int64 = last["id"]
                report.notes.append(
                    "the last build (#\(id)) is \(status == "running" ? "still running or was killed" : status); "
                        + "run the same build again to complete the store")
            }
            var checks = Self.structuralChecks
            if linked || !hasMentions {
                checks += Self.countChecks
            } else {
                report.notes.append(
                    "documents were written after the graph was last linked; its counts are not checked "
                        + "(the next build relinks)")
            }
            for check in checks {
                report.checksRun += 1
                let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(check.sql))") ?? 0
                guard count > 0 else { continue }
                let examples = try Row.fetchAll(db, sql: "\(check.sql) LIMIT 3").map { row in
                    row.columnNames.map { "\($0)=\(row[$0] as DatabaseValue)" }.joined(separator: " ")
                }
                report.problems.append(
                    .init(check: check.name, count: count, message: check.message, examples: examples))
            }
            return report
        }
    }

    /// An invariant as a query selecting the rows that break it.
    struct Invariant {
        var name: String
        var message: String
        var sql: String
    }

    /// Invariants that hold at every commit, even in a stopped build.
    static let structuralChecks: [Invariant] = [
        Invariant(
            name: "mention-offsets", message: "mention(s) with offsets outside their document's text",
            sql: """
                SELECT m.id AS mention, m.startOffset AS start, m.endOffset AS "end", length(d.text) AS length
                FROM mention m JOIN article a ON a.id = m.articleId JOIN document d ON d.id = a.documentId
                WHERE NOT (0 <= m.startOffset AND m.startOffset < m.endOffset AND m.endOffset <= length(d.text))
                """),
        Invariant(
            name: "mention-spans", message: "mention span(s) outside their document's text",
            sql: """
                SELECT m.id AS mention, s.value AS span, length(d.text) AS length
                FROM mention m JOIN article a ON a.id = m.articleId JOIN document d ON d.id = a.documentId,
                    json_each(m.spans) s
                WHERE NOT (0 <= json_extract(s.value, '$[0]') AND json_extract(s.value, '$[0]') < json_extract(s.value, '$[1]')
                    AND json_extract(s.value, '$[1]') <= length(d.text))
                """),
        Invariant(
            name: "organization-offsets", message: "institution mention(s) with offsets outside their document's text",
            sql: """
                SELECT o.id AS organizationMention, o.startOffset AS start, o.endOffset AS "end",
                    length(d.text) AS length
                FROM organizationMention o JOIN article a ON a.id = o.articleId JOIN document d ON d.id = a.documentId
                WHERE o.startOffset IS NOT NULL
                    AND NOT (0 <= o.startOffset AND o.startOffset < o.endOffset AND o.endOffset <= length(d.text))
                """),
        Invariant(
            name: "article-offsets", message: "article body range(s) outside their document's text",
            sql: """
                SELECT a.id AS article, a.bodyStart AS start, a.bodyEnd AS "end", length(d.text) AS length
                FROM article a JOIN document d ON d.id = a.documentId
                WHERE a.bodyStart IS NOT NULL
                    AND NOT (0 <= a.bodyStart AND a.bodyStart < a.bodyEnd AND a.bodyEnd <= length(d.text))
                """),
        Invariant(
            name: "coappearance-order", message: "co-appearance edge(s) without personA < personB",
            sql: "SELECT personA, personB FROM coappearance WHERE NOT (personA < personB)"),
        Invariant(
            name: "coappearance-people", message: "co-appearance edge(s) naming a person that does not exist",
            sql: """
                SELECT c.personA, c.personB FROM coappearance c
                WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.id = c.personA)
                    OR NOT EXISTS (SELECT 1 FROM person p WHERE p.id = c.personB)
                """),
        Invariant(
            name: "post-person", message: "post(s) whose person does not exist",
            sql: """
                SELECT po.id AS post, po.personId FROM post po
                WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.id = po.personId)
                """),
        Invariant(
            name: "mention-person", message: "mention(s) linked to a person that does not exist",
            sql: """
                SELECT mp.mentionId AS mention, mp.personId FROM mentionPerson mp
                WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.id = mp.personId)
                """),
        Invariant(
            name: "mention-person-article",
            message: "mention(s) whose person row names another article or date than the mention's",
            sql: """
                SELECT mp.mentionId AS mention, mp.articleId, mp.date FROM mentionPerson mp
                JOIN mention m ON m.id = mp.mentionId JOIN article a ON a.id = m.articleId
                WHERE mp.articleId != m.articleId OR mp.date IS DISTINCT FROM a.date
                """),
    ]

    /// Counts kept on graph rows: they hold once the graph is linked.
    static let countChecks: [Invariant] = [
        Invariant(
            name: "coappearance-articles", message: "co-appearance evidence naming an article that does not exist",
            sql: """
                SELECT ca.personA, ca.personB, ca.articleId FROM coappearanceArticle ca
                WHERE NOT EXISTS (SELECT 1 FROM article a WHERE a.id = ca.articleId)
                """),
        Invariant(
            name: "post-articles", message: "post evidence row(s) whose post, article or mention does not exist",
            sql: """
                SELECT pa.postId, pa.articleId, pa.mentionId FROM postArticle pa
                WHERE NOT EXISTS (SELECT 1 FROM post po WHERE po.id = pa.postId)
                    OR NOT EXISTS (SELECT 1 FROM article a WHERE a.id = pa.articleId)
                    OR NOT EXISTS (SELECT 1 FROM mention m WHERE m.id = pa.mentionId)
                """),
        Invariant(
            name: "coappearance-weight", message: "co-appearance edge(s) whose weight is not their number of articles",
            sql: """
                SELECT c.personA, c.personB, c.weight,
                    (SELECT count(*) FROM coappearanceArticle ca
                     WHERE ca.personA = c.personA AND ca.personB = c.personB) AS articles
                FROM coappearance c
                WHERE c.weight != (SELECT count(*) FROM coappearanceArticle ca
                                   WHERE ca.personA = c.personA AND ca.personB = c.personB)
                """),
        Invariant(
            name: "person-counts",
            message: "person(s) whose articleCount or mentionCount does not match their mentions",
            sql: """
                SELECT p.id AS person, p.articleCount, p.mentionCount, ifnull(m.articles, 0) AS articles,
                    ifnull(m.mentions, 0) AS mentions
                FROM person p LEFT JOIN (
                    SELECT mp.personId, count(DISTINCT m.articleId) AS articles, count(*) AS mentions
                    FROM mentionPerson mp JOIN mention m ON m.id = mp.mentionId GROUP BY mp.personId
                ) m ON m.personId = p.id
                WHERE p.articleCount != ifnull(m.articles, 0) OR p.mentionCount != ifnull(m.mentions, 0)
                """),
        Invariant(
            name: "post-count", message: "post(s) whose articleCount is not their number of evidence rows",
            sql: """
                SELECT po.id AS post, po.articleCount,
                    (SELECT count(*) FROM postArticle pa WHERE pa.postId = po.id) AS articles
                FROM post po
                WHERE po.articleCount != (SELECT count(*) FROM postArticle pa WHERE pa.postId = po.id)
                """),
        Invariant(
            name: "unlinked-mentions",
            message: "mention(s) of a linked graph that belong to no person (and are neither inside a place name "
                + "nor dropped by curation)",
            sql: """
                SELECT m.id AS mention, m.name FROM mention m
                WHERE m.inName = 0 AND NOT EXISTS (SELECT 1 FROM mentionPerson mp WHERE mp.mentionId = m.id)
                    AND NOT EXISTS (SELECT 1 FROM linkDecision d WHERE d.personId IS NULL AND d.name = m.name)
                """),
    ]
}
