import GRDB

/// Writes what linking produced into the graph tables, with statements
/// prepared once for the whole relink.
///
/// People are upserted: their ids are stable, and mentions keep pointing at
/// them while the graph is rewritten.
struct GraphWriter {
    private let person: RawStatement
    private let post: RawStatement
    private let postArticle: MultiRowInsert
    private let decision: RawStatement

    init(_ db: Database) throws {
        person = try RawStatement(
            db,
            sql: """
                INSERT INTO person (id, name, kind, jurisdiction, rank, firstDate, lastDate, articleCount, mentionCount)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
                    jurisdiction = excluded.jurisdiction, rank = excluded.rank, firstDate = excluded.firstDate,
                    lastDate = excluded.lastDate, articleCount = excluded.articleCount, mentionCount = excluded.mentionCount
                """)
        post = try RawStatement(
            db,
            sql: """
                INSERT INTO post (id, personId, role, organizationId, title, firstDate, lastDate, articleCount)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
        postArticle = MultiRowInsert(
            db, "INSERT OR FAIL INTO postArticle (postId, articleId, mentionId) VALUES", columns: 3)
        decision = try RawStatement(
            db, sql: "INSERT INTO linkDecision (personId, name, action, rule, reason) VALUES (?, ?, ?, ?, ?)")
    }

    /// People, their posts and the decisions behind them.
    func insert(_ linked: NameGroupLinker.Linked) throws {
        for p in linked.people {
            try person.run(
                p.id, p.name, p.kind.rawValue, p.jurisdiction, p.rank, p.firstDate, p.lastDate, Int64(p.articleCount),
                Int64(p.mentionCount))
        }
        for p in linked.posts {
            try post.run(
                p.id, p.personId, p.role, p.organization, p.title, p.firstDate, p.lastDate, Int64(p.evidence.count))
            try postArticle.run(count: p.evidence.count) { statement, k, first in
                statement.bind(p.id, at: first)
                statement.bind(p.evidence[k].article, at: first + 1)
                statement.bind(p.evidence[k].mention, at: first + 2)
            }
        }
        for d in linked.decisions {
            try decision.run(d.personId, d.name, d.action, d.rule, d.reason)
        }
    }
}
