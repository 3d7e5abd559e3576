import Foundation
import GRDB

extension SQLiteGraphStore {
    /// The people, edges, posts and institutions `filter` selects. Dates and
    /// kinds are applied in SQL (counts and first/last dates are recomputed
    /// within the window from the articles behind them); weight, ego and limit
    /// by ``GraphSnapshot/narrowed(by:)``.
    ///
    /// - Complexity: one pass over the mentions and co-appearance articles in
    ///   the window.
    public func snapshot(_ filter: GraphFilter) throws -> GraphSnapshot {
        try read { db in
            let windowed = filter.since != nil || filter.until != nil
            let (window, arguments) = Self.window(filter)
            // People, with counts and dates within the window.
            var people: [GraphSnapshot.Person] = []
            let personSQL =
                windowed
                ? """
                SELECT p.id, p.name, p.kind, p.jurisdiction, p.rank, count(DISTINCT m.articleId) AS articleCount,
                       min(a.date) AS firstDate, max(a.date) AS lastDate
                FROM person p JOIN mentionPerson mp ON mp.personId = p.id JOIN mention m ON m.id = mp.mentionId
                    JOIN article a ON a.id = m.articleId
                WHERE \(window) GROUP BY p.id ORDER BY p.id
                """
                : "SELECT id, name, kind, jurisdiction, rank, articleCount, firstDate, lastDate FROM person ORDER BY id"
            for row in try Row.fetchAll(db, sql: personSQL, arguments: StatementArguments(arguments)) {
                guard let kind = PersonKind(rawValue: row["kind"]), filter.keeps(kind) else { continue }
                people.append(
                    GraphSnapshot.Person(
                        id: row["id"], name: row["name"], kind: kind, jurisdiction: row["jurisdiction"],
                        rank: row["rank"],
                        mainPost: nil, articleCount: row["articleCount"], firstDate: row["firstDate"],
                        lastDate: row["lastDate"]))
            }
            let kept = Set(people.map(\.id))

            // Edges, with weights within the window.
            let edgeSQL =
                windowed
                ? """
                SELECT ca.personA, ca.personB, count(*) AS weight, min(a.date) AS firstDate, max(a.date) AS lastDate
                FROM coappearanceArticle ca JOIN article a ON a.id = ca.articleId
                WHERE \(window) GROUP BY ca.personA, ca.personB ORDER BY ca.personA, ca.personB
                """
                : "SELECT personA, personB, weight, firstDate, lastDate FROM coappearance ORDER BY personA, personB"
            var edges: [GraphSnapshot.Edge] = []
            for row in try Row.fetchAll(db, sql: edgeSQL, arguments: StatementArguments(arguments)) {
                let a: String = row[0], b: String = row[1]
                guard kept.contains(a), kept.contains(b) else { continue }
                edges.append(
                    GraphSnapshot.Edge(
                        source: a, target: b, weight: row[2], firstDate: row[3], lastDate: row[4]))
            }

            // Posts seen in the window.
            var posts: [GraphSnapshot.Post] = []
            let postSQL =
                windowed
                ? """
                SELECT po.id, po.personId, po.role, po.title, po.organizationId, count(DISTINCT pa.articleId),
                       min(a.date), max(a.date)
                FROM post po JOIN postArticle pa ON pa.postId = po.id JOIN article a ON a.id = pa.articleId
                WHERE \(window) GROUP BY po.id ORDER BY po.id
                """
                : """
                SELECT id, personId, role, title, organizationId, articleCount, firstDate, lastDate
                FROM post ORDER BY id
                """
            for row in try Row.fetchAll(db, sql: postSQL, arguments: StatementArguments(arguments)) {
                let personId: String = row[1]
                guard kept.contains(personId) else { continue }
                posts.append(
                    GraphSnapshot.Post(
                        id: row[0], personId: personId, role: row[2], title: row[3], organizationId: row[4],
                        firstDate: row[6], lastDate: row[7], articleCount: row[5]))
            }
            let main = GraphSnapshot.mainPosts(posts)
            for i in people.indices { people[i].mainPost = main[people[i].id] }

            let organizations = try Row.fetchAll(
                db, sql: "SELECT id, name, jurisdiction, parentId, articleCount FROM organization ORDER BY id"
            ).map { row in
                GraphSnapshot.Organization(
                    id: row[0], name: row[1], jurisdiction: row[2], parentId: row[3], articleCount: row[4])
            }
            return GraphSnapshot(people: people, edges: edges, posts: posts, organizations: organizations)
                .narrowed(by: filter)
        }
    }
}
