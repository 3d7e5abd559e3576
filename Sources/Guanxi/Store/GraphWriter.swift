import GRDB

/// Writes what linking produced into the graph tables, with statements
/// prepared once for the whole relink.
///
/// People are upserted (their ids are stable, and mentions keep pointing at
/// them); each mention's person goes to `temp.linkedMention`, from which the
/// relink updates the mentions in one ordered pass.
struct GraphWriter {
    private let person: Statement
    private let linkedMention: Statement
    private let post: Statement
    private let postArticle: Statement
    private let decision: Statement
    private let edge: Statement
    private let edgeArticle: Statement

    init(_ db: Database) throws {
        person = try db.makeStatement(sql: """
            INSERT INTO person (id, name, kind, jurisdiction, rank, firstDate, lastDate, articleCount, mentionCount)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
                jurisdiction = excluded.jurisdiction, rank = excluded.rank, firstDate = excluded.firstDate,
                lastDate = excluded.lastDate, articleCount = excluded.articleCount, mentionCount = excluded.mentionCount
            """)
        linkedMention = try db.makeStatement(sql: "INSERT INTO temp.linkedMention (mentionId, personId) VALUES (?, ?)")
        post = try db.makeStatement(sql: """
            INSERT INTO post (id, personId, role, organizationId, title, firstDate, lastDate, articleCount)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        postArticle = try db.makeStatement(sql: "INSERT INTO postArticle (postId, articleId, mentionId) VALUES (?, ?, ?)")
        decision = try db.makeStatement(
            sql: "INSERT INTO linkDecision (personId, name, action, rule, reason) VALUES (?, ?, ?, ?, ?)")
        edge = try db.makeStatement(sql: """
            INSERT INTO coappearance (personA, personB, weight, firstDate, lastDate) VALUES (?, ?, ?, ?, ?)
            """)
        edgeArticle = try db.makeStatement(
            sql: "INSERT INTO coappearanceArticle (personA, personB, articleId) VALUES (?, ?, ?)")
    }

    /// People, their mentions, posts and the decisions behind them.
    func insert(_ linked: NameGroupLinker.Linked) throws {
        for p in linked.people {
            try person.execute(arguments: [
                p.id, p.name, p.kind.rawValue, p.jurisdiction, p.rank, p.firstDate, p.lastDate, p.articleCount,
                p.mentionCount,
            ])
        }
        for (mention, personId) in linked.mentionPerson {
            try linkedMention.execute(arguments: [mention, personId])
        }
        for p in linked.posts {
            try post.execute(arguments: [p.id, p.personId, p.role, p.organization, p.title, p.firstDate, p.lastDate, p.evidence.count])
            for e in p.evidence { try postArticle.execute(arguments: [p.id, e.article, e.mention]) }
        }
        for d in linked.decisions {
            try decision.execute(arguments: [d.personId, d.name, d.action, d.rule, d.reason])
        }
    }

    /// Co-appearance edges and the articles behind each.
    func insert(_ edges: [LinkedGraph.Coappearance]) throws {
        for c in edges {
            try edge.execute(arguments: [c.personA, c.personB, c.articles.count, c.firstDate, c.lastDate])
            for a in c.articles { try edgeArticle.execute(arguments: [c.personA, c.personB, a]) }
        }
    }
}
