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
        var builder = Builder(documents: try RowsById(db, table: "document"))
        let documentRows = try RawStatement(
            db,
            sql: """
                SELECT id, path, root, homeJurisdiction, jurisdictionCounts FROM document ORDER BY path
                """)
        while try documentRows.step() {
            builder.addDocument(
                id: documentRows.int64(0), path: documentRows.string(1) ?? "", root: documentRows.string(2) ?? "",
                home: documentRows.string(3), jurisdictionCounts: documentRows.bytes(4))
        }
        documentRows.reset()
        builder.startArticles(try RowsById(db, table: "article"))
        // Scans of covering indexes: (documentId, position, id) and (date, id).
        let places = try RawStatement(db, sql: "SELECT id, documentId, position FROM article")
        while try places.step() {
            builder.addArticle(id: places.int64(0), document: places.int64(1), position: places.int64(2))
        }
        places.reset()
        let datedRows = try RawStatement(db, sql: "SELECT id, date FROM article WHERE date IS NOT NULL")
        while try datedRows.step() { builder.date(article: datedRows.int64(0), datedRows.string(1) ?? "") }
        datedRows.reset()
        self = builder.finish()
    }

    fileprivate init(documents: RowsById<Document>, articles: RowsById<Article>, dates: [LinkDate]) {
        self.documents = documents
        self.articles = articles
        self.dates = dates
    }

    /// Makes a context from rows a store reads its own way: the documents
    /// in path order, then every article's place, then the dated articles' dates.
    struct Builder {
        private var strings: [String: String] = [:]  // one copy of each root and home
        private var documents: RowsById<Document>
        private var articles = RowsById<Article>(first: 0, last: -1, count: 0)
        private var papers = PaperHomes()
        private var folders: [(document: Int64, folder: PaperHomes.Folder)] = []
        private var rank = 0
        private var folder = PaperHomes.Folder(folder: "", root: "")
        private var written: [String?] = [nil]
        private var dateIndex: [String: Int32] = [:]

        /// Room for the documents (``RowsById`` sized from their ids).
        init(documents: RowsById<Document>) { self.documents = documents }

        private mutating func shared(_ s: String) -> String {
            if let known = strings[s] { return known }
            strings[s] = s
            return s
        }

        /// The next document in path order.
        mutating func addDocument(
            id: Int64, path: String, root: String, home: String?, jurisdictionCounts: UnsafeBufferPointer<UInt8>
        ) {
            let root = shared(root)
            documents[id] = Document(rank: rank, path: path, root: root, home: home.map { shared($0) }, paperHome: nil)
            rank += 1
            // Pages in path order share their folder with the page before, mostly.
            let parent = PathParent.of(path)
            if folder.folder != parent || folder.root != root { folder = PaperHomes.Folder(folder: parent, root: root) }
            papers.add(jurisdictionCounts, in: folder)
            folders.append((id, folder))
        }

        /// Works out the papers' homes and makes room for the articles.
        mutating func startArticles(_ rows: RowsById<Article>) {
            let homes = papers.homes()
            for (id, folder) in folders {
                if let home = homes(folder) {
                    let home = shared(home)
                    documents.update(id) { $0.paperHome = home }
                }
            }
            folders = []
            articles = rows
        }

        mutating func addArticle(id: Int64, document: Int64, position: Int64) {
            articles[id] = Article(document: document, position: Int32(truncatingIfNeeded: position))
        }

        /// The date of an article added before.
        mutating func date(article id: Int64, _ date: String) {
            let number =
                dateIndex[date]
                ?? {
                    dateIndex[date] = Int32(written.count)
                    written.append(date)
                    return Int32(written.count - 1)
                }()
            articles.update(id) { $0.date = number }
        }

        func finish() -> MentionContext {
            MentionContext(documents: documents, articles: articles, dates: LinkDate.ranked(written))
        }
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
                for (jurisdiction, n) in jurisdictions {
                    counts[folder, default: [:]][jurisdiction.string, default: 0] += n
                }
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
        let range = try Row.fetchOne(
            db,
            sql: """
                SELECT (SELECT min(id) FROM \(table)), (SELECT max(id) FROM \(table)), (SELECT count(*) FROM \(table))
                """)
        self.init(first: range?[0] ?? 0, last: range?[1] ?? -1, count: range?[2] ?? 0)
    }

    /// Room for `count` rows whose ids run from `low` to `high`.
    init(first low: Int64, last high: Int64, count: Int64) {
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
