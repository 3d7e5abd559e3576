import Foundation
import GRDB
import Testing

@testable import Guanxi

/// A graph written straight into a store with SQL, without extraction or
/// linking: small shapes for exact answers, and a large generated store for
/// timing the query commands by hand.
struct SyntheticGraph {
    struct Person {
        var id: String
        var name: String
        var kind = "official"
        var jurisdiction: String? = "永康市"
    }

    struct Article {
        var date: String?
        var headline: String
        /// Indexes into `people`.
        var people: [Int]
        /// The text; by default the names in a list followed by `出席会议。`.
        var body: String?
    }

    struct Post {
        var person: Int
        var role: String
        var organization: String
        var title: String
    }

    struct Organization {
        var id: String
        var parent: String?
        var aliases: [String]
    }

    var people: [Person] = []
    var articles: [Article] = []
    var posts: [Post] = []
    var organizations: [Organization] = []

    /// People named `P0`, `P1`, … (ids `P0@永康市`, …).
    init(people count: Int = 0) {
        people = (0..<count).map { Person(id: "P\($0)@永康市", name: "P\($0)") }
    }

    /// Adds one article per edge (`weight` times), dated `date`.
    mutating func link(_ a: Int, _ b: Int, date: String = "2018-01-01", weight: Int = 1) {
        for _ in 0..<weight { articles.append(Article(date: date, headline: "\(a)-\(b)", people: [a, b])) }
    }

    /// Writes everything in one transaction, then derives `coappearance`,
    /// each edge's `articles` (every pair of people in an article), `postArticle`
    /// (each post is evidenced by every article naming its holder) and the
    /// person/post counts and dates, as the linker would.
    func write(to store: SQLiteGraphStore) throws {
        try store.write { db in
            for org in organizations {
                let aliases = String(decoding: try JSONEncoder().encode(org.aliases), as: UTF8.self)
                try db.execute(
                    sql:
                        "INSERT INTO organization (id, name, jurisdiction, parentId, aliases, articleCount) VALUES (?, ?, '永康市', NULL, ?, 0)",
                    arguments: [org.id, org.id, aliases])
            }
            for org in organizations where org.parent != nil {
                try db.execute(
                    sql: "UPDATE organization SET parentId = ? WHERE id = ?", arguments: [org.parent, org.id])
            }
            for p in people {
                try db.execute(
                    sql:
                        "INSERT INTO person (id, name, kind, jurisdiction, articleCount, mentionCount) VALUES (?, ?, ?, ?, 0, 0)",
                    arguments: [p.id, p.name, p.kind, p.jurisdiction])
            }
            let perDocument = 1000
            var documentId: Int64 = 0
            let insertArticle = try db.makeStatement(
                sql: """
                    INSERT INTO article (documentId, position, kind, headline, date, body, bodyOffsets)
                    VALUES (?, ?, 'story', ?, ?, ?, '[]')
                    """)
            let insertMention = try db.makeStatement(
                sql: """
                    INSERT INTO mention (articleId, position, name, kind, referenced, inName, startOffset,
                        endOffset, spans, titles, rules) VALUES (?, ?, ?, ?, 0, 0, 0, 0, '[]', '[]', '[]')
                    """)
            let insertLink = try db.makeStatement(
                sql: "INSERT INTO mentionPerson (mentionId, personId, articleId, date) VALUES (?, ?, ?, ?)")
            for (i, a) in articles.enumerated() {
                if i % perDocument == 0 {
                    try db.execute(
                        sql: """
                            INSERT INTO document (path, source, root, contentHash, size, encoding, format, text)
                            VALUES (?, ?, 'synthetic', '0', 0, 'UTF-8', 'text', '')
                            """,
                        arguments: ["/synthetic/page\(i / perDocument).txt", "synthetic/page\(i / perDocument).txt"])
                    documentId = db.lastInsertedRowID
                }
                let names = a.people.map { people[$0].name }
                let body = a.body ?? names.joined(separator: "、") + "出席会议。"
                try insertArticle.execute(arguments: [documentId, i % perDocument, a.headline, a.date, body])
                let articleId = db.lastInsertedRowID
                for (position, index) in a.people.enumerated() {
                    let p = people[index]
                    try insertMention.execute(arguments: [articleId, position, p.name, p.kind])
                    try insertLink.execute(arguments: [db.lastInsertedRowID, p.id, articleId, a.date])
                }
            }
            for post in posts {
                let p = people[post.person]
                try db.execute(
                    sql: """
                        INSERT INTO post (id, personId, role, organizationId, title, articleCount)
                        VALUES (?, ?, ?, ?, ?, 0)
                        """,
                    arguments: [
                        "\(p.id)/\(post.role)@\(post.organization)", p.id, post.role, post.organization, post.title,
                    ])
            }
            // Each mention with its person, as the queries below read them.
            try db.execute(
                sql: """
                    CREATE TEMP VIEW linked AS
                        SELECT m.id, m.articleId, mp.personId FROM mention m JOIN mentionPerson mp ON mp.mentionId = m.id;
                    INSERT OR IGNORE INTO coappearance (personA, personB, weight, firstDate, lastDate)
                    SELECT x.personId, y.personId, count(DISTINCT x.articleId), min(a.date), max(a.date)
                    FROM linked x JOIN linked y ON y.articleId = x.articleId AND x.personId < y.personId
                    JOIN article a ON a.id = x.articleId
                    GROUP BY x.personId, y.personId;
                    UPDATE coappearance SET articles = (
                        SELECT json_group_array(articleId) FROM (
                            SELECT DISTINCT x.articleId FROM linked x JOIN linked y ON y.articleId = x.articleId
                            WHERE x.personId = coappearance.personA AND y.personId = coappearance.personB
                            ORDER BY x.articleId));
                    INSERT OR IGNORE INTO postArticle (postId, articleId, mentionId)
                    SELECT po.id, m.articleId, min(m.id) FROM post po JOIN linked m ON m.personId = po.personId
                    GROUP BY po.id, m.articleId;
                    UPDATE post SET
                        articleCount = (SELECT count(*) FROM postArticle pa WHERE pa.postId = post.id),
                        firstDate = (SELECT min(a.date) FROM postArticle pa JOIN article a ON a.id = pa.articleId
                                     WHERE pa.postId = post.id),
                        lastDate = (SELECT max(a.date) FROM postArticle pa JOIN article a ON a.id = pa.articleId
                                    WHERE pa.postId = post.id);
                    UPDATE person SET
                        articleCount = (SELECT count(DISTINCT articleId) FROM linked m WHERE m.personId = person.id),
                        mentionCount = (SELECT count(*) FROM linked m WHERE m.personId = person.id),
                        firstDate = (SELECT min(a.date) FROM linked m JOIN article a ON a.id = m.articleId
                                     WHERE m.personId = person.id),
                        lastDate = (SELECT max(a.date) FROM linked m JOIN article a ON a.id = m.articleId
                                    WHERE m.personId = person.id);
                    DROP VIEW linked;
                    """)
        }
    }

    /// A store of `people` people in groups of 50, each group an institution:
    /// `articles` articles each naming 5 members of one group and, one time in
    /// four, a member of the next group, dated over 2015–2024. With 30,000
    /// people and 35,000 articles this gives about 300,000 co-appearance edges.
    /// Deterministic (a fixed linear congruential generator).
    static func large(people count: Int, articles: Int) -> SyntheticGraph {
        var graph = SyntheticGraph()
        let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈")
        let given = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建国红志文斌")
        graph.people = (0..<count).map { i in
            let name =
                "\(surnames[i % surnames.count])\(given[(i / surnames.count) % given.count])"
                + "\(given[(i / (surnames.count * given.count)) % given.count])"
            return Person(id: "\(name)@永康市#\(i)", name: name)
        }
        var seed: UInt64 = 42
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        let group = 50, groups = max(1, count / group)
        let roles = ["书记", "副书记", "局长", "副局长", "主任", "部长"]
        for g in 0..<groups {
            graph.organizations.append(
                Organization(id: "机构\(g)", parent: g == 0 ? nil : "机构\(g / 10)", aliases: ["简称\(g)"]))
        }
        for i in 0..<count {
            let g = min(i / group, groups - 1), role = roles[i % roles.count]
            graph.posts.append(Post(person: i, role: role, organization: "机构\(g)", title: "简称\(g)\(role)"))
        }
        for a in 0..<articles {
            let g = next(groups)
            var members = Set<Int>()
            while members.count < 5 { members.insert(min(count - 1, g * group + next(group))) }
            if next(4) == 0 { members.insert(min(count - 1, ((g + 1) % groups) * group + next(group))) }
            let date = String(format: "%04d-%02d-%02d", 2015 + next(10), 1 + next(12), 1 + next(28))
            graph.articles.append(Article(date: date, headline: "第\(a)篇", people: members.sorted()))
        }
        return graph
    }
}
