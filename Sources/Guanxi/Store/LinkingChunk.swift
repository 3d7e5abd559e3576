import Foundation
import GRDB

/// Where each mention stands: its article's document, place and date, and
/// the document's place in path order and the strings a ``LinkMention``
/// carries. Read once, beside the mentions, from the document table and the
/// article table's two covering indexes, so the articles' bodies are never
/// read. Immutable, so the linking threads share it.
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
        /// Index into `dates`; 0 for undated.
        var date: Int32 = 0
    }

    private var documents: RowsById<Document>
    private var articles: RowsById<Article>
    /// Each distinct date once; the first stands for undated.
    private var dates: [LinkDate]

    /// Reads the documents once (path order gives their ranks, and their
    /// jurisdiction counts their papers' homes), then the articles.
    init(_ db: Database) throws {
        var strings: [String: String] = [:]  // one copy of each root and home
        func shared(_ s: String) -> String {
            if let known = strings[s] { return known }
            strings[s] = s
            return s
        }
        documents = try RowsById(db, table: "document")
        var papers = PaperHomes()
        var folders: [(document: Int64, folder: PaperHomes.Folder)] = []
        let documentRows = try RawStatement(db, sql: """
            SELECT id, path, root, homeJurisdiction, jurisdictionCounts FROM document ORDER BY path
            """)
        var rank = 0
        var folder = PaperHomes.Folder(folder: "", root: "")
        while try documentRows.step() {
            let id = documentRows.int64(0), path = documentRows.string(1) ?? "", root = shared(documentRows.string(2) ?? "")
            documents[id] = Document(
                rank: rank, path: path, root: root, home: documentRows.string(3).map(shared), paperHome: nil)
            rank += 1
            // Pages in path order share their folder with the page before, mostly.
            let parent = PathParent.of(path)
            if folder.folder != parent || folder.root != root { folder = PaperHomes.Folder(folder: parent, root: root) }
            papers.add(documentRows.bytes(4), in: folder)
            folders.append((id, folder))
        }
        documentRows.reset()
        let homes = papers.homes()
        for (id, folder) in folders {
            if let home = homes(folder) { documents.update(id) { $0.paperHome = shared(home) } }
        }

        articles = try RowsById(db, table: "article")
        // Scans of covering indexes: (documentId, position, id) and (date, id).
        let places = try RawStatement(db, sql: "SELECT id, documentId, position FROM article")
        while try places.step() {
            articles[places.int64(0)] = Article(document: places.int64(1), position: Int32(truncatingIfNeeded: places.int64(2)))
        }
        places.reset()
        var written: [String?] = [nil]
        var dateIndex: [String: Int32] = [:]
        let datedRows = try RawStatement(db, sql: "SELECT id, date FROM article WHERE date IS NOT NULL")
        while try datedRows.step() {
            let date = datedRows.string(1) ?? ""
            let number = dateIndex[date] ?? {
                dateIndex[date] = Int32(written.count)
                written.append(date)
                return Int32(written.count - 1)
            }()
            articles.update(datedRows.int64(0)) { $0.date = number }
        }
        datedRows.reset()
        dates = LinkDate.ranked(written)
    }

    func document(_ id: Int64) -> Document {
        documents[id] ?? Document(rank: Int.max, path: "", root: "", home: nil, paperHome: nil)
    }

    /// The article's document, place and date; nil for an article not stored.
    func article(_ id: Int64) -> (document: Int64, position: Int, date: LinkDate)? {
        guard let found = articles[id] else { return nil }
        return (found.document, Int(found.position), dates[Int(found.date)])
    }
}

/// The home of each document's paper, for pages with no home of their own:
/// the jurisdiction most named by the pages under the document's nearest
/// folder that names any (from its own folder up to the input it was found
/// under), from the counts stored with each document. A corpus of several
/// papers given as one folder (`corpus/永康/…`, `corpus/东阳/…`) thus gives
/// each paper its own home rather than the corpus's.
struct PaperHomes {
    /// A document's folder and the input it was found under.
    struct Folder: Hashable {
        var folder: String
        var root: String
    }

    /// Each folder's own pages' counts: jurisdiction → count.
    private var own: [Folder: [ByteKey: Int]] = [:]

    /// Adds a document's `jurisdictionCounts` (`{"永康市":12,…}`) to its folder.
    mutating func add(_ counts: UnsafeBufferPointer<UInt8>, in folder: Folder) {
        guard let counts = TitlesJSON.decodeCounts(counts), !counts.isEmpty else { return }
        for (jurisdiction, n) in counts { own[folder, default: [:]][ByteKey(jurisdiction), default: 0] += n }
    }

    /// The home of the paper of a document in `folder`, if any page names a place.
    func homes() -> (Folder) -> String? {
        // A folder's chain up to its root, worked out once per folder.
        var chains: [Folder: [String]] = [:]
        func chain(_ key: Folder) -> [String] {
            if let known = chains[key] { return known }
            let made = SQLiteGraphStore.folders(in: key.folder, upTo: key.root)
            chains[key] = made
            return made
        }
        // Each folder's counts go to the folders above it up to its root.
        var counts: [String: [String: Int]] = [:]  // folder → jurisdiction → count, subfolders included
        for (key, jurisdictions) in own {
            for folder in chain(key) {
                for (jurisdiction, n) in jurisdictions { counts[folder, default: [:]][jurisdiction.string, default: 0] += n }
            }
        }
        let homes = PersonLinker.paperHomes(counts: counts)
        var found: [Folder: String?] = [:]
        return { folder in
            if let known = found[folder] { return known }
            let home = chain(folder).lazy.compactMap { homes[$0] }.first
            found[folder] = home
            return home
        }
    }
}

/// Rows of a table by id: an array indexed by id minus the lowest when the
/// ids are dense (new rows follow the highest id; only deleted rows leave
/// gaps), else a dictionary.
struct RowsById<Value: Sendable>: Sendable {
    private var first: Int64 = 0
    private var dense: [Value?] = []
    private var sparse: [Int64: Value] = [:]

    /// Room for the rows of `table`, sized from its ids.
    init(_ db: Database, table: String) throws {
        // Subqueries: one aggregate of min and max would scan the table.
        let range = try Row.fetchOne(db, sql: """
            SELECT (SELECT min(id) FROM \(table)), (SELECT max(id) FROM \(table)), (SELECT count(*) FROM \(table))
            """)
        let low: Int64 = range?[0] ?? 0, high: Int64 = range?[1] ?? -1, count: Int64 = range?[2] ?? 0
        first = low
        if high - low + 1 <= 2 * count + 1_024 { dense = Array(repeating: nil, count: Int(max(0, high - low + 1))) }
    }

    private func slot(_ id: Int64) -> Int? {
        let i = id - first
        return i >= 0 && i < dense.count ? Int(i) : nil
    }

    subscript(id: Int64) -> Value? {
        get { slot(id).map { dense[$0] } ?? sparse[id] }
        set {
            if let i = slot(id) { dense[i] = newValue } else { sparse[id] = newValue }
        }
    }

    /// Changes the row of `id`, if there is one.
    mutating func update(_ id: Int64, _ change: (inout Value) -> Void) {
        if let i = slot(id) {
            if dense[i] != nil { change(&dense[i]!) }
        } else if sparse[id] != nil {
            change(&sparse[id]!)
        }
    }
}

/// One name group linked: the people, posts and decisions to write, and the
/// person of each linked mention, by its row in the ``MentionTable`` and
/// the person's place in `linked.people`.
struct LinkedNameGroup: Sendable {
    struct Assignment: Sendable {
        var row: Int32
        var person: Int32
    }

    /// What was linked; its `mentionPerson` is emptied into `assignments`.
    var linked: NameGroupLinker.Linked
    var assignments: [Assignment] = []

    init(_ linked: NameGroupLinker.Linked) {
        self.linked = linked
        assignments = linked.mentionPerson.map { Assignment(row: $0.mention.row, person: Int32($0.person)) }
        self.linked.mentionPerson = []
    }
}

/// Name groups linked together on a thread of their own (names no curation
/// line touches: each group's people depend on that group alone), while the
/// relink writes the groups linked before. The thread also makes the
/// groups' ``LinkMention``s and notes the institutions their titles imply.
/// Groups come back in order.
final class LinkingChunk: @unchecked Sendable {
    private let table: MentionTable
    private let order: [Int32]
    private var groups: [Range<Int>] = []
    /// Mentions in the chunk's groups.
    private(set) var mentions = 0
    private var results: [LinkedNameGroup] = []
    private var organizations = OrganizationLinker()
    private let done = DispatchSemaphore(value: 0)

    /// A chunk of the groups of `table` whose rows are `order[group]`.
    init(table: MentionTable, order: [Int32]) {
        self.table = table
        self.order = order
    }

    func add(_ group: Range<Int>) {
        groups.append(group)
        mentions += group.count
    }

    /// Starts linking the chunk's groups on another thread.
    func start(context: MentionContext) {
        DispatchQueue.global().async { [self] in
            results.reserveCapacity(groups.count)
            for group in groups {
                let mentions = table.mentions(order[group], context: context)
                for m in mentions { organizations.see(titlesOf: m) }
                results.append(LinkedNameGroup(NameGroupLinker.linkUncurated(mentions)))
            }
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
/// names are linked: the person of each mention, by its row in the
/// ``MentionTable`` (the changes to `mentionPerson` then come out in id
/// order, one ordered pass touching nothing where nothing changed), and
/// each person's kind (co-appearance counts the people of some kinds).
///
/// Four bytes a mention; person ids are kept once, numbered in the order
/// groups are added.
struct RelinkTally: Sendable {
    private(set) var ids: [String] = []
    private var kinds: [PersonKind] = []
    /// Each row's person, by place in `ids`; -1 for none.
    private var persons: [Int32]

    init(rows: Int) {
        persons = [Int32](repeating: -1, count: rows)
    }

    /// Numbers the group's people and records their mentions.
    mutating func add(_ group: LinkedNameGroup) {
        let base = Int32(ids.count)
        for p in group.linked.people {
            ids.append(p.id)
            kinds.append(p.kind)
        }
        for a in group.assignments { persons[Int(a.row)] = base + a.person }
    }

    /// The ids of everyone linked.
    func linkedIds() -> Set<String> { Set(ids) }

    /// Writes the mentions whose person changed, in id order.
    func applyChanges(_ db: Database, table: MentionTable) throws {
        func changed(_ row: Int) -> Bool {
            persons[row] >= 0 && table.personBefore(row) != ids[Int(persons[row])]
        }
        // When most mentions change (a first build), the person index is
        // rebuilt once, sorted, instead of updated at random a row at a time.
        var changes = 0
        for row in 0..<table.count where changed(row) { changes += 1 }
        let rebuildIndex = changes > 10_000 && changes * 4 > table.count
        if rebuildIndex { try db.execute(sql: "DROP INDEX mentionPerson_on_personId") }
        let unlink = try RawStatement(db, sql: "DELETE FROM mentionPerson WHERE mentionId = ?")
        let upsert = MultiRowInsert(
            db, "INSERT INTO mentionPerson (mentionId, personId) VALUES", columns: 2,
            "ON CONFLICT (mentionId) DO UPDATE SET personId = excluded.personId")
        // Up to a statement's worth of rows at a time.
        var rows: [Int] = []
        rows.reserveCapacity(MultiRowInsert.rowsPerStatement)
        func flush() throws {
            try upsert.run(count: rows.count) { statement, k, first in
                statement.bind(table.ids[rows[k]], at: first)
                statement.bind(ids[Int(persons[rows[k]])], at: first + 1)
            }
            rows.removeAll(keepingCapacity: true)
        }
        for row in 0..<table.count {
            if persons[row] < 0 {
                if table.personBefore(row) != nil { try unlink.run(table.ids[row]) }
            } else if changed(row) {
                rows.append(row)
                if rows.count == MultiRowInsert.rowsPerStatement { try flush() }
            }
        }
        try flush()
        if rebuildIndex { try db.execute(sql: "CREATE INDEX mentionPerson_on_personId ON mentionPerson(personId)") }
    }

    /// The co-appearance edges, and the counted people's ids in SQLite's text
    /// order: an edge's people are numbered by their place in `ids`.
    func coappearanceEdges(
        _ builder: inout CoappearanceBuilder, table: MentionTable, context: MentionContext
    ) -> (edges: [CoappearanceBuilder.Edge], ids: [String]) {
        // The rows that count, in article order (ids follow their articles'
        // order unless documents were rewritten in between).
        var counted: [Int32] = []
        for row in 0..<table.count {
            let person = persons[row]
            if person >= 0, builder.counts(kind: kinds[Int(person)], referenced: table.isReferenced(row)) {
                counted.append(Int32(row))
            }
        }
        let articles = table.articles
        if !zip(counted, counted.dropFirst()).allSatisfy({ articles[Int($0)] <= articles[Int($1)] }) {
            counted.sort { (articles[Int($0)], $0) < (articles[Int($1)], $1) }
        }
        // Distinct ids of the counted people, sorted; each person number's rank among them.
        var numbers = Set<Int32>()
        for row in counted { numbers.insert(persons[Int(row)]) }
        var sortedIds = Array(Set(numbers.map { ids[Int($0)] }))
        sortedIds.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let rankOf = Dictionary(uniqueKeysWithValues: sortedIds.enumerated().map { ($1, Int32($0)) })
        var rank = [Int32](repeating: -1, count: ids.count)
        for number in numbers { rank[Int(number)] = rankOf[ids[Int(number)]]! }
        // Each article's people, twice: weighed, then added.
        func eachArticle(_ body: (Int64, [Int32]) -> Void) {
            var people: [Int32] = []
            var start = 0
            while start < counted.count {
                let article = articles[Int(counted[start])]
                var end = start
                people.removeAll(keepingCapacity: true)
                while end < counted.count, articles[Int(counted[end])] == article {
                    people.append(rank[Int(persons[Int(counted[end])])])
                    end += 1
                }
                body(article, people)
                start = end
            }
        }
        eachArticle { _, people in builder.weigh(people: people) }
        eachArticle { article, people in builder.add(article: article, date: context.article(article)?.date.date, people: people) }
        return (builder.result(), sortedIds)
    }
}
