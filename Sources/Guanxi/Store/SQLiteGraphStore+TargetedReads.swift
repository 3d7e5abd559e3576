import Foundation
import GRDB

/// Targeted reads for the query commands: one person's partners, articles and
/// posts through the indexes on `coappearance`, `mention` and `post`, so a
/// question about one person does not read the whole graph.
extension SQLiteGraphStore {
    /// SQLite binds at most 32,766 variables; lists are read in chunks of this size.
    private static let chunk = 500

    /// The SQL condition on article `a` for the filter's time window, and its arguments.
    static func window(_ filter: GraphFilter, article a: String = "a") -> (String, [DatabaseValueConvertible?]) {
        var window = "1"
        var arguments: [DatabaseValueConvertible?] = []
        if let since = filter.since {
            window += " AND \(a).date IS NOT NULL AND (\(a).date >= ? OR ? LIKE \(a).date || '%')"
            arguments += [since, since]
        }
        if let until = filter.until {
            window += " AND \(a).date IS NOT NULL AND substr(\(a).date, 1, length(?)) <= ?"
            arguments += [until, until]
        }
        return (window, arguments)
    }

    private static func placeholders(_ n: Int) -> String {
        Array(repeating: "?", count: n).joined(separator: ",")
    }

    /// - Complexity: one index lookup per key.
    public func people(idsOrNames keys: [String]) throws -> [StoredPerson] {
        let keys = Array(Set(keys)).sorted()
        guard !keys.isEmpty else { return [] }
        return try read { db in
            var found: [String: StoredPerson] = [:]
            for start in stride(from: 0, to: keys.count, by: Self.chunk) {
                let part = Array(keys[start..<min(start + Self.chunk, keys.count)])
                let marks = Self.placeholders(part.count)
                let sql = """
                    SELECT id, name, kind, jurisdiction, firstDate, lastDate, articleCount FROM person
                    WHERE id IN (\(marks)) OR name IN (\(marks))
                    """
                for row in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(part + part)) {
                    let person = StoredPerson(
                        id: row["id"], name: row["name"], kind: PersonKind(rawValue: row["kind"]) ?? .person,
                        jurisdiction: row["jurisdiction"], firstDate: row["firstDate"], lastDate: row["lastDate"],
                        articleCount: row["articleCount"])
                    found[person.id] = person
                }
            }
            return found.values.sorted { $0.id < $1.id }
        }
    }

    /// - Complexity: O(partners) through the covering indexes
    ///   `coappearance_on_personA` and `coappearance_on_personB`; O(partners ×
    ///   shared articles) within a window.
    public func partners(of personId: String, filter: GraphFilter) throws -> [GraphSnapshot.Edge] {
        try read { db in
            let windowed = filter.since != nil || filter.until != nil
            let (window, windowArguments) = Self.window(filter)
            var rows: [Row] = []
            for side in ["personA", "personB"] {
                let sql =
                    windowed
                    ? """
                    SELECT c.personA, c.personB, count(*) AS weight, min(a.date) AS firstDate, max(a.date) AS lastDate
                    FROM coappearance c
                    JOIN coappearanceArticle ca ON ca.personA = c.personA AND ca.personB = c.personB
                    JOIN article a ON a.id = ca.articleId
                    WHERE c.\(side) = ? AND \(window)
                    GROUP BY c.personA, c.personB
                    """
                    : """
                    SELECT c.personA, c.personB, c.weight, c.firstDate, c.lastDate
                    FROM coappearance c WHERE c.\(side) = ?
                    """
                let arguments: [DatabaseValueConvertible?] = [personId] + (windowed ? windowArguments : [])
                rows += try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments))
            }
            var kinds: [String: PersonKind] = [:]
            if !filter.kinds.isEmpty {
                let others = rows.map { row -> String in
                    let a: String = row[0]
                    return a == personId ? row[1] : a
                }
                for start in stride(from: 0, to: others.count, by: Self.chunk) {
                    let part = Array(others[start..<min(start + Self.chunk, others.count)])
                    let sql = "SELECT id, kind FROM person WHERE id IN (\(Self.placeholders(part.count)))"
                    for row in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(part)) {
                        kinds[row[0]] = PersonKind(rawValue: row[1]) ?? .person
                    }
                }
            }
            return rows.compactMap { row -> GraphSnapshot.Edge? in
                let edge = GraphSnapshot.Edge(
                    source: row[0], target: row[1], weight: row[2], firstDate: row[3], lastDate: row[4])
                guard edge.weight >= filter.minWeight else { return nil }
                if !filter.kinds.isEmpty {
                    let other = edge.source == personId ? edge.target : edge.source
                    guard let kind = kinds[other], filter.keeps(kind) else { return nil }
                }
                return edge
            }.sorted { ($0.source, $0.target) < ($1.source, $1.target) }
        }
    }

    /// - Complexity: O(articles of the first person) through `mentionPerson_on_personId`;
    ///   for one person's `latest`, a range of that index about `latest` long.
    public func articles(naming personIds: [String], filter: GraphFilter, bodies: Bool, latest: Int?) throws
        -> [StoredArticle]
    {
        let ids = Array(Set(personIds))
        guard !ids.isEmpty else { return [] }
        return try read { db in
            let order = ArticleOrder(latest: latest)
            let condition: String
            let arguments: [DatabaseValueConvertible?]
            if ids.count == 1, let latest {
                // The person's articles dated on or after the date of their
                // latest-th dated article (and the undated), read off the index.
                let (window, windowArguments) = Self.window(filter, article: "mp")
                let (boundaryWindow, boundaryArguments) = Self.window(filter, article: "b")
                condition = """
                    a.id IN (SELECT mp.articleId FROM mentionPerson mp WHERE mp.personId = ? AND \(window)
                        AND (mp.date IS NULL OR mp.date >= ifnull((
                            SELECT b.date FROM mentionPerson b
                            WHERE b.personId = ? AND b.date IS NOT NULL AND \(boundaryWindow)
                            GROUP BY b.date, b.articleId ORDER BY b.date DESC, b.articleId DESC
                            LIMIT 1 OFFSET ?), '')))
                    """
                arguments = ids + windowArguments + ids + boundaryArguments + [max(0, latest - 1)]
            } else {
                let (window, windowArguments) = Self.window(filter)
                condition = ArticleOrder.naming(Array(repeating: "?", count: ids.count)) + " AND " + window
                arguments = ids + windowArguments
            }
            let sql = """
                SELECT a.id, d.source, a.position, a.date, a.headline\(bodies ? ", a.body" : "")
                FROM article a JOIN document d ON d.id = a.documentId
                WHERE \(condition)
                ORDER BY \(order.sql)
                """
            return order.oldestFirst(
                try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { row in
                    StoredArticle(
                        id: row[0], source: row[1], position: row[2], date: row[3], headline: row[4],
                        body: bodies ? row[5] : nil)
                })
        }
    }

    /// - Complexity: one range of `mentionPerson_on_personId` for one person;
    ///   O(articles of the first person) for several.
    public func articleTally(naming personIds: [String], filter: GraphFilter) throws -> ArticleTally {
        let ids = Array(Set(personIds))
        guard !ids.isEmpty else { return ArticleTally(count: 0, firstDate: nil, lastDate: nil) }
        return try read { db in
            let sql: String
            let windowArguments: [DatabaseValueConvertible?]
            if ids.count == 1 {
                let window: String
                (window, windowArguments) = Self.window(filter, article: "mp")
                sql = """
                    SELECT count(DISTINCT mp.articleId), min(mp.date), max(mp.date) FROM mentionPerson mp
                    WHERE mp.personId = ? AND \(window)
                    """
            } else {
                let window: String
                (window, windowArguments) = Self.window(filter)
                sql =
                    "SELECT count(*), min(a.date), max(a.date) FROM article a WHERE \(ArticleOrder.naming(Array(repeating: "?", count: ids.count))) AND \(window)"
            }
            let row = try Row.fetchOne(db, sql: sql, arguments: StatementArguments(ids + windowArguments))
            return ArticleTally(count: row?[0] ?? 0, firstDate: row?[1], lastDate: row?[2])
        }
    }

    /// - Complexity: an index lookup per person or role; a scan of `post` for titles
    ///   or institutions alone.
    public func posts(_ selection: PostSelection, filter: GraphFilter) throws -> [GraphSnapshot.Post] {
        try read { db in
            let windowed = filter.since != nil || filter.until != nil
            var conditions: [String] = []
            var arguments: [DatabaseValueConvertible?] = []
            for (column, values) in [
                ("po.personId", selection.personIds), ("po.role", selection.roles), ("po.title", selection.titles),
                ("po.organizationId", selection.organizationIds),
            ] {
                guard let values else { continue }
                if values.isEmpty { return [] }
                conditions.append("\(column) IN (\(Self.placeholders(values.count)))")
                arguments += values
            }
            let condition = conditions.isEmpty ? "1" : conditions.joined(separator: " AND ")
            let sql: String
            if windowed {
                let (window, windowArguments) = Self.window(filter)
                arguments += windowArguments
                sql = """
                    SELECT po.id, po.personId, po.role, po.title, po.organizationId, count(DISTINCT pa.articleId),
                           min(a.date), max(a.date)
                    FROM post po JOIN postArticle pa ON pa.postId = po.id JOIN article a ON a.id = pa.articleId
                    WHERE \(condition) AND \(window) GROUP BY po.id
                    """
            } else {
                sql = """
                    SELECT po.id, po.personId, po.role, po.title, po.organizationId, po.articleCount,
                           po.firstDate, po.lastDate
                    FROM post po WHERE \(condition)
                    """
            }
            var posts = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { row in
                GraphSnapshot.Post(
                    id: row[0], personId: row[1], role: row[2], title: row[3], organizationId: row[4],
                    firstDate: row[6], lastDate: row[7], articleCount: row[5])
            }
            if !filter.kinds.isEmpty {
                let people = try self.people(idsOrNames: posts.map(\.personId))
                let kept = Set(people.filter { filter.keeps($0.kind) }.map(\.id))
                posts = posts.filter { kept.contains($0.personId) }
            }
            return posts.sorted {
                ($0.firstDate ?? "~", $0.lastDate ?? "~", $0.id) < ($1.firstDate ?? "~", $1.lastDate ?? "~", $1.id)
            }
        }
    }

    /// - Complexity: O(institutions).
    public func organizations() throws -> [StoredOrganization] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, name, jurisdiction, parentId, aliases, articleCount FROM organization ORDER BY id"
            ).map { row in
                let json: String = row["aliases"] ?? "[]"
                let aliases = (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
                return StoredOrganization(
                    id: row["id"], name: row["name"], jurisdiction: row["jurisdiction"], parentId: row["parentId"],
                    aliases: aliases, articleCount: row["articleCount"])
            }
        }
    }

    /// - Complexity: one pass over `person` and `coappearance` (or, with a window,
    ///   over the mentions and co-appearance articles in it), read through cursors.
    public func coappearanceGraph(_ filter: GraphFilter) throws -> CoappearanceGraph {
        try read { db in
            let windowed = filter.since != nil || filter.until != nil
            let (window, windowArguments) = Self.window(filter)
            var ids: [String] = []
            var index: [String: Int] = [:]
            let peopleSQL =
                windowed
                ? """
                SELECT p.id, p.kind FROM person p
                WHERE p.id IN (
                    SELECT mp.personId FROM mentionPerson mp JOIN mention m ON m.id = mp.mentionId
                        JOIN article a ON a.id = m.articleId WHERE \(window))
                """
                : "SELECT id, kind FROM person"
            let people = try Row.fetchCursor(
                db, sql: peopleSQL, arguments: StatementArguments(windowed ? windowArguments : []))
            while let row = try people.next() {
                let kind = PersonKind(rawValue: row[1]) ?? .person
                guard filter.keeps(kind) else { continue }
                let id: String = row[0]
                index[id] = ids.count
                ids.append(id)
            }
            let edgeSQL =
                windowed
                ? """
                SELECT ca.personA, ca.personB, count(*) FROM coappearanceArticle ca JOIN article a ON a.id = ca.articleId
                WHERE \(window) GROUP BY ca.personA, ca.personB HAVING count(*) >= ?
                """
                : "SELECT personA, personB, weight FROM coappearance WHERE weight >= ?"
            var edges: [(Int, Int, Int)] = []
            let rows = try Row.fetchCursor(
                db, sql: edgeSQL, arguments: StatementArguments((windowed ? windowArguments : []) + [filter.minWeight]))
            while let row = try rows.next() {
                let a: String = row[0], b: String = row[1]
                guard let i = index[a], let j = index[b] else { continue }
                edges.append((i, j, row[2]))
            }
            return CoappearanceGraph(ids: ids, edges: edges)
        }
    }
}
