import Foundation

/// What `stats`, `explain`, the queries and the snapshot read: the SQLite
/// store's reads (SQLiteGraphStore+Overview, +Snapshot, +TargetedReads) in
/// PostgreSQL's SQL, returning the same values in the same order.
extension PostgresGraphStore {
    /// The SQL condition on article `a` for the filter's time window, its
    /// parameters numbered from `$first`, and their values.
    static func window(_ filter: GraphFilter, article a: String = "a", from first: Int) -> (String, [SQLValue]) {
        var window = "TRUE"
        var values: [SQLValue] = []
        var n = first
        if let since = filter.since {
            window += " AND \(a).date IS NOT NULL AND (\(a).date >= $\(n)::text OR $\(n)::text LIKE \(a).date || '%')"
            values.append(.text(since))
            n += 1
        }
        if let until = filter.until {
            window += " AND \(a).date IS NOT NULL AND substr(\(a).date, 1, length($\(n)::text)) <= $\(n)::text"
            values.append(.text(until))
        }
        return (window, values)
    }

    /// `values` as one array parameter (`$n::text[]`).
    static func array(_ values: [String]) -> SQLValue { .text(textArray(values.map { $0 })) }

    public func counts() throws -> StoreCounts {
        try session.reading { try readCounts() }
    }

    private func readCounts() throws -> StoreCounts {
        var counts = StoreCounts()
        let row = try session.rows(
            """
            SELECT (SELECT count(*) FROM document), (SELECT count(*) FROM article), (SELECT count(*) FROM mention),
                (SELECT count(*) FROM person), (SELECT count(*) FROM organization), (SELECT count(*) FROM post),
                (SELECT count(*) FROM coappearance), (SELECT count(*) FROM linkDecision),
                (SELECT status FROM build ORDER BY id DESC LIMIT 1), (SELECT max(id) FROM build)
            """
        ).first
        counts.documents = row?.int(0) ?? 0
        counts.articles = row?.int(1) ?? 0
        counts.mentions = row?.int(2) ?? 0
        counts.people = row?.int(3) ?? 0
        counts.organizations = row?.int(4) ?? 0
        counts.posts = row?.int(5) ?? 0
        counts.coappearances = row?.int(6) ?? 0
        counts.linkDecisions = row?.int(7) ?? 0
        counts.lastBuildStatus = row?.string(8)
        // A build whose builder is gone is interrupted, though no build has recorded it yet.
        if counts.lastBuildStatus == "running", let id = row?.int64(9), try isDead(build: id) {
            counts.lastBuildStatus = "interrupted"
        }
        for row in try session.rows("SELECT kind, count(*) FROM person GROUP BY kind") {
            if let kind = PersonKind(rawValue: row.string(0) ?? "") { counts.peopleByKind[kind] = row.int(1) ?? 0 }
        }
        return counts
    }

    private static let personColumns = "id, name, kind, jurisdiction, firstDate, lastDate, articleCount"

    private static func person(_ row: SQLRow) -> StoredPerson {
        StoredPerson(
            id: row.string(0) ?? "", name: row.string(1) ?? "",
            kind: PersonKind(rawValue: row.string(2) ?? "") ?? .person,
            jurisdiction: row.string(3), firstDate: row.string(4), lastDate: row.string(5),
            articleCount: row.int(6) ?? 0)
    }

    public func people() throws -> [StoredPerson] {
        try session.rows("SELECT \(Self.personColumns) FROM person ORDER BY id").map(Self.person)
    }

    public func explain(name: String) throws -> [PersonExplanation] {
        var result: [PersonExplanation] = []
        let people = try session.rows(
            "SELECT \(Self.personColumns) FROM person WHERE name = $1 OR id = $1 ORDER BY firstDate IS NULL, firstDate, id",
            [.text(name)]
        ).map(Self.person)
        for person in people {
            let posts = try session.rows(
                """
                SELECT title, role, organizationId, firstDate, lastDate, articleCount FROM post WHERE personId = $1
                ORDER BY firstDate IS NULL, firstDate, id
                """, [.text(person.id)]
            ).map { row in
                PersonExplanation.Post(
                    title: row.string(0) ?? "", role: row.string(1) ?? "", organization: row.string(2),
                    firstDate: row.string(3), lastDate: row.string(4), articleCount: row.int(5) ?? 0)
            }
            result.append(
                PersonExplanation(
                    person: person, posts: posts, mentions: try mentions(where: "mp.personId = $1", person.id),
                    decisions: try decisions(where: "personId = $1", person.id)))
        }
        let dropped = try decisions(where: "personId IS NULL AND name = $1", name)
        if !dropped.isEmpty {
            result.append(
                PersonExplanation(
                    person: nil, posts: [], mentions: try mentions(where: "mp.personId IS NULL AND m.name = $1", name),
                    decisions: dropped))
        }
        return result
    }

    private func mentions(where condition: String, _ argument: String) throws -> [PersonExplanation.Mention] {
        let context = 12
        return try session.rows(
            """
            SELECT d.source, a.position, a.date, m.name, m.kind, m.referenced, m.startOffset, m.endOffset,
                substr(d.text, greatest(m.startOffset - \(context), 0)::int + 1,
                    (least(m.startOffset, \(context)) + (m.endOffset - m.startOffset) + \(context))::int) AS snippet
            FROM mention m LEFT JOIN mentionPerson mp ON mp.mentionId = m.id
                JOIN article a ON a.id = m.articleId JOIN document d ON d.id = a.documentId
            WHERE \(condition)
            ORDER BY a.date IS NULL, a.date, d.path, a.position, m.position
            """, [.text(argument)]
        ).map { row in
            let snippet = row.string(8) ?? ""
            return PersonExplanation.Mention(
                source: row.string(0) ?? "", article: row.int(1) ?? 0, date: row.string(2),
                written: row.string(3) ?? "",
                kind: PersonKind(rawValue: row.string(4) ?? "") ?? .person, referenced: row.bool(5),
                snippet: snippet.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: ""),
                start: row.int(6) ?? 0, end: row.int(7) ?? 0)
        }
    }

    private func decisions(where condition: String, _ argument: String) throws -> [PersonExplanation.Decision] {
        try session.rows(
            "SELECT action, rule, reason FROM linkDecision WHERE \(condition) ORDER BY id", [.text(argument)]
        ).map {
            PersonExplanation.Decision(action: $0.string(0) ?? "", rule: $0.string(1) ?? "", reason: $0.string(2) ?? "")
        }
    }

    public func snapshot(_ filter: GraphFilter) throws -> GraphSnapshot {
        // One transaction: the people, edges and posts of one state of the graph.
        try session.reading { try readSnapshot(filter) }
    }

    private func readSnapshot(_ filter: GraphFilter) throws -> GraphSnapshot {
        let windowed = filter.since != nil || filter.until != nil
        let (window, arguments) = Self.window(filter, from: 1)
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
        for row in try session.rows(personSQL, windowed ? arguments : []) {
            guard let kind = PersonKind(rawValue: row.string(2) ?? ""), filter.keeps(kind) else { continue }
            people.append(
                GraphSnapshot.Person(
                    id: row.string(0) ?? "", name: row.string(1) ?? "", kind: kind, jurisdiction: row.string(3),
                    rank: row.string(4), mainPost: nil, articleCount: row.int(5) ?? 0, firstDate: row.string(6),
                    lastDate: row.string(7)))
        }
        let kept = Set(people.map(\.id))
        let edgeSQL =
            windowed
            ? """
            SELECT ca.personA, ca.personB, count(*) AS weight, min(a.date) AS firstDate, max(a.date) AS lastDate
            FROM coappearanceArticle ca JOIN article a ON a.id = ca.articleId
            WHERE \(window) GROUP BY ca.personA, ca.personB ORDER BY ca.personA, ca.personB
            """
            : "SELECT personA, personB, weight, firstDate, lastDate FROM coappearance ORDER BY personA, personB"
        var edges: [GraphSnapshot.Edge] = []
        for row in try session.rows(edgeSQL, windowed ? arguments : []) {
            let a = row.string(0) ?? "", b = row.string(1) ?? ""
            guard kept.contains(a), kept.contains(b) else { continue }
            edges.append(
                GraphSnapshot.Edge(
                    source: a, target: b, weight: row.int(2) ?? 0, firstDate: row.string(3), lastDate: row.string(4)))
        }
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
        for row in try session.rows(postSQL, windowed ? arguments : []) {
            let personId = row.string(1) ?? ""
            guard kept.contains(personId) else { continue }
            posts.append(Self.post(row))
        }
        let main = GraphSnapshot.mainPosts(posts)
        for i in people.indices { people[i].mainPost = main[people[i].id] }
        let organizations = try session.rows(
            "SELECT id, name, jurisdiction, parentId, articleCount FROM organization ORDER BY id"
        ).map { row in
            GraphSnapshot.Organization(
                id: row.string(0) ?? "", name: row.string(1) ?? "", jurisdiction: row.string(2),
                parentId: row.string(3), articleCount: row.int(4) ?? 0)
        }
        return GraphSnapshot(people: people, edges: edges, posts: posts, organizations: organizations)
            .narrowed(by: filter)
    }

    /// A post from columns id, personId, role, title, organizationId, articleCount, firstDate, lastDate.
    private static func post(_ row: SQLRow) -> GraphSnapshot.Post {
        GraphSnapshot.Post(
            id: row.string(0) ?? "", personId: row.string(1) ?? "", role: row.string(2) ?? "",
            title: row.string(3) ?? "",
            organizationId: row.string(4), firstDate: row.string(6), lastDate: row.string(7),
            articleCount: row.int(5) ?? 0)
    }

    public func people(idsOrNames keys: [String]) throws -> [StoredPerson] {
        let keys = Array(Set(keys)).sorted()
        guard !keys.isEmpty else { return [] }
        var found: [String: StoredPerson] = [:]
        for row in try session.rows(
            "SELECT \(Self.personColumns) FROM person WHERE id = ANY($1::text[]) OR name = ANY($1::text[])",
            [Self.array(keys)])
        {
            let person = Self.person(row)
            found[person.id] = person
        }
        return found.values.sorted { $0.id < $1.id }
    }

    public func partners(of personId: String, filter: GraphFilter) throws -> [GraphSnapshot.Edge] {
        let windowed = filter.since != nil || filter.until != nil
        let (window, windowArguments) = Self.window(filter, from: 2)
        var rows: [SQLRow] = []
        for side in ["personA", "personB"] {
            let sql =
                windowed
                ? """
                SELECT c.personA, c.personB, count(*) AS weight, min(a.date) AS firstDate, max(a.date) AS lastDate
                FROM coappearance c
                JOIN coappearanceArticle ca ON ca.personA = c.personA AND ca.personB = c.personB
                JOIN article a ON a.id = ca.articleId
                WHERE c.\(side) = $1 AND \(window)
                GROUP BY c.personA, c.personB
                """
                : """
                SELECT c.personA, c.personB, c.weight, c.firstDate, c.lastDate
                FROM coappearance c WHERE c.\(side) = $1
                """
            rows += try session.rows(sql, [.text(personId)] + (windowed ? windowArguments : []))
        }
        var kinds: [String: PersonKind] = [:]
        if !filter.kinds.isEmpty {
            let others = rows.map { row -> String in
                let a = row.string(0) ?? ""
                return a == personId ? row.string(1) ?? "" : a
            }
            for row in try session.rows("SELECT id, kind FROM person WHERE id = ANY($1::text[])", [Self.array(others)])
            {
                kinds[row.string(0) ?? ""] = PersonKind(rawValue: row.string(1) ?? "") ?? .person
            }
        }
        return rows.compactMap { row -> GraphSnapshot.Edge? in
            let edge = GraphSnapshot.Edge(
                source: row.string(0) ?? "", target: row.string(1) ?? "", weight: row.int(2) ?? 0,
                firstDate: row.string(3), lastDate: row.string(4))
            guard edge.weight >= filter.minWeight else { return nil }
            if !filter.kinds.isEmpty {
                let other = edge.source == personId ? edge.target : edge.source
                guard let kind = kinds[other], filter.keeps(kind) else { return nil }
            }
            return edge
        }.sorted { ($0.source, $0.target) < ($1.source, $1.target) }
    }

    public func articles(naming personIds: [String], filter: GraphFilter, bodies: Bool, latest: Int?) throws
        -> [StoredArticle]
    {
        let ids = Array(Set(personIds))
        guard !ids.isEmpty else { return [] }
        let order = ArticleOrder(latest: latest)
        let condition: String
        var arguments: [SQLValue] = ids.map { .text($0) }
        if ids.count == 1, let latest {
            // As the SQLite store: the articles dated on or after the date of
            // the person's latest-th dated article (and the undated).
            let (window, windowArguments) = Self.window(filter, article: "mp", from: 2)
            let (boundaryWindow, _) = Self.window(filter, article: "b", from: 2)
            arguments += windowArguments
            arguments.append(.int(Int64(max(0, latest - 1))))
            condition = """
                a.id IN (SELECT mp.articleId FROM mentionPerson mp WHERE mp.personId = $1 AND \(window)
                    AND (mp.date IS NULL OR mp.date >= coalesce((
                        SELECT b.date FROM mentionPerson b
                        WHERE b.personId = $1 AND b.date IS NOT NULL AND \(boundaryWindow)
                        GROUP BY b.date, b.articleId ORDER BY b.date DESC, b.articleId DESC
                        LIMIT 1 OFFSET $\(arguments.count)), '')))
                """
        } else {
            let (window, windowArguments) = Self.window(filter, from: ids.count + 1)
            arguments += windowArguments
            condition = ArticleOrder.naming((1...ids.count).map { "$\($0)" }) + " AND " + window
        }
        let sql = """
            SELECT a.id, d.source, a.position, a.date, a.headline\(bodies ? ", a.body" : "")
            FROM article a JOIN document d ON d.id = a.documentId
            WHERE \(condition)
            ORDER BY \(order.sql)
            """
        return order.oldestFirst(
            try session.rows(sql, arguments).map { row in
                StoredArticle(
                    id: row.int64(0) ?? 0, source: row.string(1) ?? "", position: row.int(2) ?? 0,
                    date: row.string(3), headline: row.string(4), body: bodies ? row.string(5) : nil)
            })
    }

    public func articleTally(naming personIds: [String], filter: GraphFilter) throws -> ArticleTally {
        let ids = Array(Set(personIds))
        guard !ids.isEmpty else { return ArticleTally(count: 0, firstDate: nil, lastDate: nil) }
        let sql: String
        let (window, windowArguments) = Self.window(filter, article: ids.count == 1 ? "mp" : "a", from: ids.count + 1)
        if ids.count == 1 {
            sql = """
                SELECT count(DISTINCT mp.articleId), min(mp.date), max(mp.date) FROM mentionPerson mp
                WHERE mp.personId = $1 AND \(window)
                """
        } else {
            sql =
                "SELECT count(*), min(a.date), max(a.date) FROM article a WHERE \(ArticleOrder.naming((1...ids.count).map { "$\($0)" })) AND \(window)"
        }
        let row = try session.rows(sql, ids.map { .text($0) } + windowArguments).first
        return ArticleTally(count: row?.int(0) ?? 0, firstDate: row?.string(1), lastDate: row?.string(2))
    }

    public func posts(_ selection: PostSelection, filter: GraphFilter) throws -> [GraphSnapshot.Post] {
        let windowed = filter.since != nil || filter.until != nil
        var conditions: [String] = []
        var arguments: [SQLValue] = []
        for (column, values) in [
            ("po.personId", selection.personIds), ("po.role", selection.roles), ("po.title", selection.titles),
            ("po.organizationId", selection.organizationIds),
        ] {
            guard let values else { continue }
            if values.isEmpty { return [] }
            arguments.append(Self.array(values))
            conditions.append("\(column) = ANY($\(arguments.count)::text[])")
        }
        let condition = conditions.isEmpty ? "TRUE" : conditions.joined(separator: " AND ")
        let sql: String
        if windowed {
            let (window, windowArguments) = Self.window(filter, from: arguments.count + 1)
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
        var posts = try session.rows(sql, arguments).map(Self.post)
        if !filter.kinds.isEmpty {
            let people = try self.people(idsOrNames: posts.map(\.personId))
            let kept = Set(people.filter { filter.keeps($0.kind) }.map(\.id))
            posts = posts.filter { kept.contains($0.personId) }
        }
        return posts.sorted {
            ($0.firstDate ?? "~", $0.lastDate ?? "~", $0.id) < ($1.firstDate ?? "~", $1.lastDate ?? "~", $1.id)
        }
    }

    public func organizations() throws -> [StoredOrganization] {
        try session.rows(
            "SELECT id, name, jurisdiction, parentId, aliases, articleCount FROM organization ORDER BY id"
        ).map { row in
            StoredOrganization(
                id: row.string(0) ?? "", name: row.string(1) ?? "", jurisdiction: row.string(2),
                parentId: row.string(3),
                aliases: SQLiteGraphStore.jsonStrings(row.string(4)), articleCount: row.int(5) ?? 0)
        }
    }

    public func coappearanceGraph(_ filter: GraphFilter) throws -> CoappearanceGraph {
        let windowed = filter.since != nil || filter.until != nil
        let (window, windowArguments) = Self.window(filter, from: 1)
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
        for row in try session.rows(peopleSQL, windowed ? windowArguments : []) {
            let kind = PersonKind(rawValue: row.string(1) ?? "") ?? .person
            guard filter.keeps(kind), let id = row.string(0) else { continue }
            index[id] = ids.count
            ids.append(id)
        }
        let weight = "$\(windowed ? windowArguments.count + 1 : 1)"
        let edgeSQL =
            windowed
            ? """
            SELECT ca.personA, ca.personB, count(*) FROM coappearanceArticle ca JOIN article a ON a.id = ca.articleId
            WHERE \(window) GROUP BY ca.personA, ca.personB HAVING count(*) >= \(weight)
            """
            : "SELECT personA, personB, weight FROM coappearance WHERE weight >= \(weight)"
        var edges: [(Int, Int, Int)] = []
        for row in try session.rows(edgeSQL, (windowed ? windowArguments : []) + [.int(filter.minWeight)]) {
            guard let i = index[row.string(0) ?? ""], let j = index[row.string(1) ?? ""] else { continue }
            edges.append((i, j, row.int(2) ?? 0))
        }
        return CoappearanceGraph(ids: ids, edges: edges)
    }
}
