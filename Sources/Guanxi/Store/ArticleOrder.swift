/// The order queries list articles in (dated oldest first, undated last, then
/// by page and position), and how the latest few are read: the same order
/// reversed with a limit, turned back after the read. Shared by both stores.
struct ArticleOrder {
    /// How many of the latest articles to read; nil for all.
    var latest: Int?

    /// The `ORDER BY` terms (with `LIMIT` for the latest), for `article a` joined to `document d`.
    var sql: String {
        guard let latest else { return "a.date IS NULL, a.date, d.source, a.position" }
        return "a.date IS NULL DESC, a.date DESC, d.source DESC, a.position DESC LIMIT \(max(0, latest))"
    }

    /// The rows read with ``sql`` in the oldest-first order.
    func oldestFirst(_ rows: [StoredArticle]) -> [StoredArticle] {
        latest == nil ? rows : rows.reversed()
    }
}

extension ArticleOrder {
    /// The condition that `article a` names each person whose id is one of
    /// the `placeholders` (`?` or `$1`…): a lookup of their mentions each.
    static func naming(_ placeholders: [String]) -> String {
        placeholders.map {
            "a.id IN (SELECT m.articleId FROM mentionPerson mp JOIN mention m ON m.id = mp.mentionId WHERE mp.personId = \($0))"
        }.joined(separator: " AND ")
    }
}
