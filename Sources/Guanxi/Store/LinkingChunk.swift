import Foundation
import GRDB

/// Where each mention stands: its article's document, place and date, and
/// the document's place in path order and the strings a ``LinkMention``
/// carries. Read once before the mentions, from the document table and the
/// article table's two covering indexes, so the sorted mention rows stay
/// narrow and the articles' bodies are never read. Immutable, so the linking
/// thread reads it while the store's thread reads the next rows.
struct MentionContext: Sendable {
    struct Document: Sendable {
        var rank: Int
        var path: String
        var root: String
        var home: String?
        var paperHome: String?
    }

    struct Article: Sendable {
        var document: Int64
        var position: Int32
        /// Index into `dates`; -1 before the article is read.
        var date: Int32 = -1
    }

    private var documents: [Int64: Document] = [:]
    /// Articles by id - `firstArticle` (ids are dense: new ones follow the
    /// highest), or by id in `sparseArticles` when they are not.
    private var articles: [Article] = []
    private var firstArticle: Int64 = 0
    private var sparseArticles: [Int64: Article] = [:]
    private var dates: [String?] = [nil]

    init(_ db: Database, paperHomes: [Int64: String]) throws {
        var strings: [String: String] = [:]  // one copy of each root and home
        func shared(_ s: String) -> String {
            if let known = strings[s] { return known }
            strings[s] = s
            return s
        }
        let documentRows = try RawStatement(db, sql: "SELECT id, path, root, homeJurisdiction FROM document ORDER BY path")
        while try documentRows.step() {
            let id = documentRows.int64(0)
            documents[id] = Document(
                rank: documents.count, path: documentRows.string(1) ?? "", root: shared(documentRows.string(2) ?? ""),
                home: documentRows.string(3).map(shared), paperHome: paperHomes[id].map(shared))
        }
        documentRows.reset()

        let range = try Row.fetchOne(db, sql: "SELECT min(id), max(id), count(*) FROM article")
        let first: Int64 = range?[0] ?? 0, last: Int64 = range?[1] ?? -1, count: Int64 = range?[2] ?? 0
        let dense = last - first + 1 <= 2 * count + 1_024
        firstArticle = first
        if dense { articles = Array(repeating: Article(document: -1, position: 0), count: Int(max(0, last - first + 1))) }
        // Scans of covering indexes: (documentId, position, id) and (date, id).
        let places = try RawStatement(db, sql: "SELECT id, documentId, position FROM article")
        while try places.step() {
            let article = Article(document: places.int64(1), position: Int32(truncatingIfNeeded: places.int64(2)))
            if dense { articles[Int(places.int64(0) - first)] = article } else { sparseArticles[places.int64(0)] = article }
        }
        places.reset()
        var dateIndex: [String: Int32] = [:]
        let datedRows = try RawStatement(db, sql: "SELECT id, date FROM article WHERE date IS NOT NULL")
        while try datedRows.step() {
            let date = datedRows.string(1) ?? ""
            let number = dateIndex[date] ?? {
                dateIndex[date] = Int32(dates.count)
                dates.append(date)
                return Int32(dates.count - 1)
            }()
            if dense { articles[Int(datedRows.int64(0) - first)].date = number } else { sparseArticles[datedRows.int64(0)]?.date = number }
        }
        datedRows.reset()
    }

    func document(_ id: Int64) -> Document {
        documents[id] ?? Document(rank: Int.max, path: "", root: "", home: nil, paperHome: nil)
    }

    /// The article's document, place and date; nil for an article not stored.
    func article(_ id: Int64) -> (document: Int64, position: Int, date: String?)? {
        let found: Article?
        if sparseArticles.isEmpty {
            let i = id - firstArticle
            found = i >= 0 && i < articles.count && articles[Int(i)].document >= 0 ? articles[Int(i)] : nil
        } else {
            found = sparseArticles[id]
        }
        guard let found else { return nil }
        return (found.document, Int(found.position), found.date > 0 ? dates[Int(found.date)] : nil)
    }
}

/// The rows of the relink's name-ordered mention query, copied as they come:
/// numbers as they are and text as bytes in one buffer. Turning them into
/// ``LinkMention``s (strings, decoded titles) is left to the linking thread,
/// so the store's thread only steps the query.
struct MentionRows: Sendable {
    /// A column's bytes in `text` (a NULL column has none: nil).
    private struct TextRange: Sendable {
        var start: Int
        var count: Int
    }

    private struct Row: Sendable {
        /// Where the row's text begins in `text`.
        var textStart: Int
        var id: Int64
        var articleId: Int64
        var position: Int
        var kind: TextRange?
        var titles: TextRange?
        var person: TextRange?
        var referenced: Bool
        var inName: Bool
    }

    private var rows: [Row] = []
    private var text: [UInt8] = []

    /// Every mention in name order (each name's in id order), with the
    /// person it had; its article's document, place and date come from
    /// ``MentionContext``. SQLite sorts them in bounded memory, spilling to
    /// temporary files: that reads the tables in order rather than jumping
    /// through them by the name index.
    static let query = """
        SELECT m.id, m.articleId, m.position, m.name, m.kind, m.referenced, m.inName, m.titles, mp.personId
        FROM mention m LEFT JOIN mentionPerson mp ON mp.mentionId = m.id
        ORDER BY +m.name, m.id
        """

    var count: Int { rows.count }

    /// Copies the statement's current row (the query above).
    mutating func append(_ statement: RawStatement) {
        func copy(_ column: Int32) -> TextRange? {
            guard !statement.isNull(column) else { return nil }
            let bytes = statement.bytes(column)
            let range = TextRange(start: text.count, count: bytes.count)
            text.append(contentsOf: bytes)
            return range
        }
        rows.append(Row(
            textStart: text.count, id: statement.int64(0), articleId: statement.int64(1),
            position: Int(statement.int64(2)), kind: copy(4), titles: copy(7), person: copy(8),
            referenced: statement.bool(5), inName: statement.bool(6)))
    }

    /// The name of the statement's current row, valid until the next step.
    static func name(_ statement: RawStatement) -> UnsafeBufferPointer<UInt8> { statement.bytes(3) }

    /// Forgets the rows from `index` on.
    mutating func removeRows(from index: Int) {
        guard index < rows.count else { return }
        text.removeSubrange(rows[index].textStart...)
        rows.removeSubrange(index...)
    }

    /// The mentions of rows `range`, all of the name `name`, and the person
    /// each was linked to before, if any. A mention whose article is not
    /// stored is left out, as a join would leave it out.
    func mentions(_ range: Range<Int>, name: String, context: MentionContext) -> (
        mentions: [LinkMention], before: [Int64: String]
    ) {
        text.withUnsafeBufferPointer { text in
            func bytes(_ r: TextRange) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: text[r.start..<(r.start + r.count)])
            }
            func string(_ r: TextRange?) -> String? { r.map { String(decoding: bytes($0), as: UTF8.self) } }
            var mentions: [LinkMention] = []
            mentions.reserveCapacity(range.count)
            var before: [Int64: String] = [:]
            for row in rows[range] {
                guard let article = context.article(row.articleId) else { continue }
                let document = context.document(article.document)
                if let person = string(row.person) { before[row.id] = person }
                mentions.append(LinkMention(
                    id: row.id, articleId: row.articleId, path: document.path, documentRank: document.rank,
                    root: document.root, documentHome: document.home, paperHome: document.paperHome,
                    articlePosition: article.position, position: row.position, date: article.date, name: name,
                    kind: PersonKind(rawValue: string(row.kind) ?? "") ?? .person, referenced: row.referenced,
                    inName: row.inName, titles: row.titles.flatMap { TitlesJSON.decode(bytes($0)) } ?? []))
            }
            return (mentions, before)
        }
    }
}

/// One name group linked: the people, posts and decisions to write, and what
/// the relink tallies from it (see ``RelinkTally``), with people numbered by
/// their place in `linked.people`.
struct LinkedNameGroup: Sendable {
    /// A mention whose person the relink changed; `person` -1 for none.
    struct Change: Sendable {
        var mention: Int64
        var person: Int32
    }

    /// A mention that counts for co-appearance.
    struct Presence: Sendable {
        var article: Int64
        var person: Int32
        var date: String?
    }

    var linked: NameGroupLinker.Linked
    var changes: [Change] = []
    var presence: [Presence] = []

    /// What `mentions` became, against the people they had `before`.
    init(_ linked: NameGroupLinker.Linked, mentions: [LinkMention], before: [Int64: String], coappearance: CoappearanceBuilder) {
        self.linked = linked
        changes.reserveCapacity(linked.mentionPerson.count)
        for (m, person) in linked.mentionPerson {
            let p = linked.people[person]
            // Nothing was linked before in a first build: no lookups then.
            if before.isEmpty || before[m.id] != p.id { changes.append(Change(mention: m.id, person: Int32(person))) }
            if coappearance.counts(kind: p.kind, referenced: m.referenced) {
                presence.append(Presence(article: m.articleId, person: Int32(person), date: m.date))
            }
        }
        guard !before.isEmpty else { return }
        let linkedNow = Set(linked.mentionPerson.lazy.map(\.mention.id))
        for m in mentions where before[m.id] != nil && !linkedNow.contains(m.id) {
            changes.append(Change(mention: m.id, person: -1))
        }
    }
}

/// Name groups linked together on a thread of their own (names no curation
/// line touches: each group's people depend on that group alone), while the
/// relink reads the next groups from the store. The thread also decodes the
/// rows, tallies each group and notes the institutions the titles imply.
/// Groups come back in order.
final class LinkingChunk: @unchecked Sendable {
    private struct Group {
        var name: String
        var rows: Range<Int>
    }

    /// About this many mentions a chunk: enough to be worth a thread hop,
    /// few enough that three chunks are nothing next to the graph.
    private let mentions: Int
    /// The rows being gathered; read by the linking thread once started.
    var rows = MentionRows()
    private var groups: [Group] = []
    private var results: [LinkedNameGroup] = []
    private var organizations = OrganizationLinker()
    private let done = DispatchSemaphore(value: 0)

    init(mentions: Int) { self.mentions = mentions }

    var isFull: Bool { rows.count >= mentions }

    /// The rows from `start` to the last one gathered are the name `name`'s.
    func endGroup(_ name: String, from start: Int) {
        if start < rows.count { groups.append(Group(name: name, rows: start..<rows.count)) }
    }

    /// Starts linking the chunk's groups on another thread.
    func start(context: MentionContext, coappearance: CoappearanceBuilder) {
        DispatchQueue.global().async { [self] in
            results.reserveCapacity(groups.count)
            for group in groups {
                let (mentions, before) = rows.mentions(group.rows, name: group.name, context: context)
                for m in mentions { organizations.see(titlesOf: m) }
                let linked = NameGroupLinker.linkUncurated(mentions)
                results.append(LinkedNameGroup(linked, mentions: mentions, before: before, coappearance: coappearance))
            }
            rows = MentionRows()
            done.signal()
        }
    }

    /// Waits for the chunk to be linked: each group in order, and the
    /// institutions its mentions' titles imply.
    func linked() -> (groups: [LinkedNameGroup], organizations: OrganizationLinker) {
        done.wait()
        return (results, organizations)
    }
}

/// What a relink gathers from every linked name group, to write once all
/// names are linked: the mentions whose person changed (written to
/// `mentionPerson` in id order, one ordered pass touching nothing where
/// nothing changed) and the people who count for co-appearance in each
/// article (so co-appearance needs no second pass over the mentions).
///
/// Sixteen bytes a changed mention and sixteen a counted one; person ids are
/// kept once, numbered in the order groups are added.
struct RelinkTally {
    private struct Change {
        var mention: Int64
        /// Index into `ids`, or -1 for no person.
        var person: Int32
    }

    private struct Entry {
        var article: Int64
        var person: Int32
        /// Index into `dates` (an article has few distinct dates; a String here doubled the entry).
        var date: Int32
    }

    private var ids: [String] = []
    private var changes: [Change] = []
    private var entries: [Entry] = []
    private var dates: [String?] = [nil]
    private var dateIndex: [String: Int32] = [:]
    private var changesSorted = false

    /// Numbers the group's people and records its changes and presence.
    mutating func add(_ group: LinkedNameGroup) {
        let base = Int32(ids.count)
        ids.append(contentsOf: group.linked.people.lazy.map(\.id))
        changesSorted = false
        for c in group.changes {
            changes.append(Change(mention: c.mention, person: c.person < 0 ? -1 : base + c.person))
        }
        for p in group.presence {
            entries.append(Entry(article: p.article, person: base + p.person, date: dateNumber(p.date)))
        }
    }

    private mutating func dateNumber(_ date: String?) -> Int32 {
        guard let date else { return 0 }
        if let known = dateIndex[date] { return known }
        let number = Int32(dates.count)
        dateIndex[date] = number
        dates.append(date)
        return number
    }

    /// Splits off the presence (what co-appearance counts), so that the
    /// changes and the presence can be used on two threads at once: this
    /// tally keeps the changes, the one returned has the presence, and they
    /// share the people's ids, which neither changes.
    mutating func splitPresence() -> RelinkTally {
        var presence = self
        presence.changes = []
        entries = []
        dates = [nil]
        dateIndex = [:]
        return presence
    }

    /// The ids of everyone linked.
    func linkedIds() -> Set<String> { Set(ids) }

    /// Sorts the changes by mention id, in place (no second copy).
    mutating func sortChanges() {
        changes.sort { $0.mention < $1.mention }
        changesSorted = true
    }

    /// Writes the changes, in mention id order.
    mutating func applyChanges(_ db: Database) throws {
        if !changesSorted { sortChanges() }
        // When most mentions change (a first build), the person index is
        // rebuilt once, sorted, instead of updated at random a row at a time.
        // Two subqueries: one aggregate of both would scan an index of the table.
        let mentions = try Int.fetchOne(db, sql: "SELECT (SELECT max(id) FROM mention) - (SELECT min(id) FROM mention) + 1") ?? 0
        let rebuildIndex = changes.count > 10_000 && changes.count * 4 > mentions
        if rebuildIndex { try db.execute(sql: "DROP INDEX mentionPerson_on_personId") }
        let unlink = try RawStatement(db, sql: "DELETE FROM mentionPerson WHERE mentionId = ?")
        for change in changes where change.person < 0 { try unlink.run(change.mention) }
        changes.removeAll { $0.person < 0 }
        let upsert = MultiRowInsert(
            db, "INSERT INTO mentionPerson (mentionId, personId) VALUES", columns: 2,
            "ON CONFLICT (mentionId) DO UPDATE SET personId = excluded.personId")
        try upsert.run(count: changes.count) { statement, k, first in
            statement.bind(changes[k].mention, at: first)
            statement.bind(ids[Int(changes[k].person)], at: first + 1)
        }
        changes = []
        if rebuildIndex { try db.execute(sql: "CREATE INDEX mentionPerson_on_personId ON mentionPerson(personId)") }
    }

    /// The co-appearance edges, and the counted people's ids in SQLite's text
    /// order: an edge's people are numbered by their place in `ids`.
    mutating func coappearanceEdges(_ builder: inout CoappearanceBuilder) -> (edges: [CoappearanceBuilder.Edge], ids: [String]) {
        // Distinct ids of the counted people, sorted; each person number's rank among them.
        var counted = Set<Int32>()
        for e in entries { counted.insert(e.person) }
        var sortedIds = Array(Set(counted.map { ids[Int($0)] }))
        sortedIds.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let rankOf = Dictionary(uniqueKeysWithValues: sortedIds.enumerated().map { ($1, Int32($0)) })
        var rank = [Int32](repeating: -1, count: ids.count)
        for number in counted { rank[Int(number)] = rankOf[ids[Int(number)]]! }
        entries.sort { $0.article < $1.article }
        var people: [Int32] = []
        var start = 0
        while start < entries.count {
            var end = start
            people.removeAll(keepingCapacity: true)
            while end < entries.count, entries[end].article == entries[start].article {
                people.append(rank[Int(entries[end].person)])
                end += 1
            }
            builder.add(article: entries[start].article, date: dates[Int(entries[start].date)], people: people)
            start = end
        }
        entries = []
        return (builder.result(), sortedIds)
    }
}
