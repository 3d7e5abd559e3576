import Foundation
import GRDB

extension SQLiteGraphStore {
    /// The documents, articles, mentions, post evidence and shared articles
    /// behind `snapshot`, within the time window of `filter`.
    ///
    /// - Complexity: one pass over the mentions, post articles and
    ///   co-appearance articles in the window.
    public func exportEvidence(
        for snapshot: GraphSnapshot, filter: GraphFilter, mentions scope: ExportEvidence.MentionScope
    ) throws -> ExportEvidence {
        try read { db in
            let (window, arguments) = Self.window(filter)
            let args = StatementArguments(arguments)
            let people = Set(snapshot.people.map(\.id))
            let posts = Set(snapshot.posts.map(\.id))
            let edges = Set(snapshot.edges.map { "\($0.source)\u{0}\($0.target)" })

            var postEvidence: [ExportEvidence.PostEvidence] = []
            for row in try Row.fetchAll(db, sql: """
                SELECT pa.postId, pa.articleId, pa.mentionId FROM postArticle pa JOIN article a ON a.id = pa.articleId
                WHERE \(window) ORDER BY pa.postId, pa.articleId
                """, arguments: args)
            {
                let postId: String = row[0]
                guard posts.contains(postId) else { continue }
                postEvidence.append(ExportEvidence.PostEvidence(postId: postId, articleId: row[1], mentionId: row[2]))
            }
            var mentions: [ExportEvidence.Mention] = []
            let cited = Set(postEvidence.map(\.mentionId))
            let rows = scope == .none ? nil : try Row.fetchCursor(db, sql: """
                SELECT m.id, m.articleId, m.position, mp.personId, m.name, m.kind, m.referenced, m.inName,
                       m.startOffset, m.endOffset, m.titles, m.rules
                FROM mention m JOIN mentionPerson mp ON mp.mentionId = m.id JOIN article a ON a.id = m.articleId
                WHERE \(window) ORDER BY m.id
                """, arguments: args)
            while let row = try rows?.next() {
                let personId: String = row[3]
                guard people.contains(personId), scope == .all || cited.contains(row[0]) else { continue }
                mentions.append(ExportEvidence.Mention(
                    id: row[0], articleId: row[1], position: row[2], personId: personId, name: row[4], kind: row[5],
                    referenced: row[6], inName: row[7], startOffset: row[8], endOffset: row[9],
                    titles: Self.jsonTitles(row[10]), rules: Self.jsonStrings(row[11])))
            }
            var shared: [ExportEvidence.Pair: [Int64]] = [:]
            let evidence = try RawStatement(db, sql: """
                SELECT ca.personA, ca.personB, ca.articleId FROM coappearanceArticle ca
                JOIN article a ON a.id = ca.articleId
                WHERE \(window) ORDER BY ca.personA, ca.personB, ca.articleId
                """)
            defer { evidence.reset() }
            for (i, value) in arguments.enumerated() {  // the window binds dates, as text
                evidence.bind(String.fromDatabaseValue(value?.databaseValue ?? .null), at: Int32(i + 1))
            }
            var pair = ExportEvidence.Pair(source: "", target: "")
            var pairArticles: [Int64] = []
            var wanted = false
            while try evidence.step() {
                if !pair.source.utf8.elementsEqual(evidence.bytes(0)) || !pair.target.utf8.elementsEqual(evidence.bytes(1)) {
                    if wanted { shared[pair] = pairArticles }
                    pair = ExportEvidence.Pair(source: evidence.string(0) ?? "", target: evidence.string(1) ?? "")
                    wanted = edges.contains("\(pair.source)\u{0}\(pair.target)")
                    pairArticles = []
                }
                if wanted { pairArticles.append(evidence.int64(2)) }
            }
            if wanted { shared[pair] = pairArticles }
            // Mentions behind posts may lie outside the people's mention list only
            // if the store is inconsistent; articles are those any of the above cite.
            var articleIds = Set(mentions.map(\.articleId))
            articleIds.formUnion(postEvidence.map(\.articleId))
            for list in shared.values { articleIds.formUnion(list) }
            var articles: [ExportEvidence.Article] = []
            let articleRows = try Row.fetchCursor(db, sql: """
                SELECT id, documentId, position, headline, byline, date, dateInferred FROM article ORDER BY id
                """)
            while let row = try articleRows.next() {
                guard articleIds.contains(row[0]) else { continue }
                articles.append(ExportEvidence.Article(
                    id: row[0], documentId: row[1], position: row[2], headline: row[3], byline: row[4], date: row[5],
                    dateInferred: row[6]))
            }
            let documentIds = Set(articles.map(\.documentId))
            var documents: [ExportEvidence.Document] = []
            let documentRows = try Row.fetchCursor(db, sql: """
                SELECT id, path, root, contentHash, encoding FROM document ORDER BY id
                """)
            while let row = try documentRows.next() {
                guard documentIds.contains(row[0]) else { continue }
                documents.append(ExportEvidence.Document(
                    id: row[0], path: Self.portablePath(row[1], root: row[2]), contentHash: row[3], encoding: row[4]))
            }
            var aliases: [String: [String]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, aliases FROM organization ORDER BY id") {
                let list = Self.jsonStrings(row[1]).sorted()
                if !list.isEmpty { aliases[row[0]] = list }
            }
            return ExportEvidence(
                documents: documents, articles: articles, mentions: mentions, postEvidence: postEvidence,
                sharedArticles: shared, aliases: aliases)
        }
    }

    /// `path` relative to the folder that holds `root` (`/x/seeds/a.txt`, root
    /// `/x/seeds` → `seeds/a.txt`), so exports do not depend on where the
    /// corpus lies on disk.
    static func portablePath(_ path: String, root: String) -> String {
        let root = root.hasSuffix("/") ? String(root.dropLast()) : root
        let parent = (root as NSString).deletingLastPathComponent
        if parent.isEmpty || parent == "/" || !path.hasPrefix(parent + "/") {
            return path.hasPrefix("/") ? String(path.dropFirst()) : path
        }
        return String(path.dropFirst(parent.count + 1))
    }

    private static func jsonStrings(_ text: String?) -> [String] {
        guard let data = text?.data(using: .utf8),
            let list = try? JSONDecoder().decode([String].self, from: data)
        else { return [] }
        return list
    }

    private struct WrittenTitle: Decodable { var text: String }

    private static func jsonTitles(_ text: String?) -> [String] {
        guard let data = text?.data(using: .utf8),
            let list = try? JSONDecoder().decode([WrittenTitle].self, from: data)
        else { return [] }
        return list.map(\.text)
    }
}
