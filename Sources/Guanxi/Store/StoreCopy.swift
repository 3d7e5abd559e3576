/// A table of the store as `guanxi copy` moves it: its columns (integer or
/// text) and the key its rows are read in order of, a page at a time. The
/// SQLite and the PostgreSQL store hold the same tables with the same
/// columns (docs/store-schema.md), so a row read from one is written into
/// the other as it is, ids and all.
public struct StoreTable: Sendable, Hashable {
    /// One column: its name and whether it holds integers (else text).
    public struct Column: Sendable, Hashable {
        public var name: String
        public var isInteger: Bool
    }

    public var name: String
    public var columns: [Column]
    /// The columns that order the rows and page through them (the primary key).
    public var key: [String]
    /// Whether new rows take their `id` from a counter (a PostgreSQL identity
    /// column): the copy moves the counter past the ids it wrote.
    public var countsIds: Bool

    init(_ name: String, key: [String] = ["id"], countsIds: Bool = false, _ columns: String) {
        self.name = name
        self.key = key
        self.countsIds = countsIds
        // `name:i` is an integer column, `name` a text one.
        self.columns = columns.split(separator: " ").map { spec in
            spec.hasSuffix(":i")
                ? Column(name: String(spec.dropLast(2)), isInteger: true) : Column(name: String(spec), isInteger: false)
        }
    }

    /// The column list of a statement (`id, path, …`).
    public var columnList: String { columns.map(\.name).joined(separator: ", ") }

    /// The positions of the key columns in ``columns``.
    public var keyPositions: [Int] { key.map { k in columns.firstIndex { $0.name == k }! } }

    /// Every table of a store of schema version 9, parents before the rows
    /// that point at them. Not copied: each store's record of its own
    /// migrations (`grdb_migrations`, `schemaVersion`).
    public static let all: [StoreTable] = [
        StoreTable("build", countsIds: true, "id:i startedAt finishedAt status note"),
        StoreTable(
            "document", countsIds: true,
            "id:i path source root contentHash size:i modifiedAt encoding format url date dateInferred:i "
                + "homeJurisdiction text buildId:i jurisdictionCounts readOptions"),
        StoreTable(
            "article", countsIds: true,
            "id:i documentId:i position:i kind headline byline date dateInferred:i body bodyStart:i bodyEnd:i "
                + "bodyOffsets"),
        StoreTable(
            "mention", countsIds: true,
            "id:i articleId:i position:i name kind referenced:i inName:i startOffset:i endOffset:i spans titles rules"),
        StoreTable("organization", "id name jurisdiction parentId aliases articleCount:i"),
        StoreTable(
            "organizationMention", countsIds: true,
            "id:i articleId:i position:i organizationId name jurisdiction parent written startOffset:i endOffset:i "
                + "spans"),
        StoreTable("person", "id name kind jurisdiction rank firstDate lastDate articleCount:i mentionCount:i"),
        StoreTable("mentionPerson", key: ["mentionId"], "mentionId:i personId articleId:i date"),
        StoreTable("post", "id personId role organizationId title firstDate lastDate articleCount:i"),
        StoreTable("postArticle", key: ["postId", "articleId"], "postId articleId:i mentionId:i"),
        StoreTable(
            "coappearance", key: ["personA", "personB"], "personA personB weight:i firstDate lastDate articles"),
        StoreTable("linkDecision", countsIds: true, "id:i personId name action rule reason"),
        StoreTable("linkState", "id:i fingerprint settings"),
    ]

    /// Rows read a statement at a time: few of the tables holding page
    /// texts, many of the narrow ones.
    var page: Int {
        switch name {
        case "document": 64
        case "article": 512
        default: 4_096
        }
    }
}

/// A store `guanxi copy` reads from: every table, a page of rows at a time,
/// all from one snapshot (a build writing meanwhile is seen wholly or not at all).
public protocol StoreRowSource: AnyObject {
    /// Runs `body` with a reader of one snapshot of the store.
    func readingRows<T>(_ body: (any StoreRowReader) throws -> T) throws -> T
}

/// The rows of one snapshot of a store (see ``StoreRowSource``).
public protocol StoreRowReader {
    /// How many rows `table` holds.
    func count(_ table: StoreTable) throws -> Int
    /// Up to `limit` rows of `table` whose key follows `key` (from the first
    /// row when nil), in key order; each row's values in ``StoreTable/columns`` order.
    func rows(_ table: StoreTable, after key: [SQLValue]?, limit: Int) throws -> [[SQLValue]]
}

/// The store `guanxi copy` writes into, inside the one transaction that
/// makes the copy whole or leaves the store as it was.
public protocol StoreRowWriter {
    /// Inserts `rows` into `table`, their values in ``StoreTable/columns`` order.
    func insert(_ table: StoreTable, _ rows: [[SQLValue]]) throws
    /// How many rows `table` holds now (the copy compares them with the source's).
    func count(_ table: StoreTable) throws -> Int
}

/// How far a copy has got, for a progress line.
public struct StoreCopyProgress: Sendable {
    /// The table being copied.
    public var table: String
    public var tableRows: Int
    public var tableTotal: Int
    /// Rows copied of every table so far, and the rows of every table.
    public var rows: Int
    public var total: Int
}

/// Why `guanxi copy` refused or failed, with what to do about it.
public enum StoreCopyError: Error, Sendable, CustomStringConvertible {
    /// `--from` and `--to` name one store.
    case sameStore(String)
    /// The target holds a store already and `--replace` was not given.
    case targetNotEmpty(String, documents: Int, builds: Int)
    /// After writing, a table of the target holds another number of rows than the source's.
    case countMismatch(String, table: String, source: Int, target: Int)

    public var description: String {
        switch self {
        case .sameStore(let location):
            return TerminalText.escaped(
                "\(location): --from and --to name the same store; give the other store to --to")
        case .targetNotEmpty(let location, let documents, let builds):
            return TerminalText.escaped(
                "\(location): not empty: it holds a store (\(documents) documents, \(builds) builds); "
                    + "give --replace to overwrite it with the copy, or another --to")
        case .countMismatch(let location, let table, let source, let target):
            return TerminalText.escaped(
                "\(location): the copy of table \(table) holds \(target) rows where the source holds \(source); "
                    + "nothing was written (is a newer guanxi writing the source?)")
        }
    }
}

/// Moves every row of one store into another (`guanxi copy`): the rows
/// themselves, ids and all, so that people, institutions, posts, edges and
/// documents keep their ids and the copy's `stats` and exports are the
/// source's, byte for byte. Replaying the documents and relinking would
/// give new document and article ids to a store whose documents were
/// replaced or removed over time, and drop the decisions of curation files
/// that are not at hand; the rows keep everything.
public enum StoreCopy {
    /// Copies every table of `source` into `writer`, table by table in
    /// ``StoreTable/all`` order, then checks that each table holds as many
    /// rows as the source's. The target's transaction belongs to the caller.
    /// - Returns: the rows copied, table by table.
    /// - Throws: ``StoreError`` from either store; ``StoreCopyError/countMismatch(_:table:source:target:)``.
    @discardableResult
    public static func run(
        from source: any StoreRowSource, into writer: any StoreRowWriter, target: String,
        progress: (StoreCopyProgress) -> Void = { _ in }
    ) throws -> [(table: String, rows: Int)] {
        try source.readingRows { reader in
            let totals = try StoreTable.all.map { try reader.count($0) }
            let total = totals.reduce(0, +)
            var done = 0
            var copied: [(table: String, rows: Int)] = []
            for (table, tableTotal) in zip(StoreTable.all, totals) {
                var key: [SQLValue]?
                var rows = 0
                progress(
                    StoreCopyProgress(table: table.name, tableRows: 0, tableTotal: tableTotal, rows: done, total: total)
                )
                while true {
                    let page = try reader.rows(table, after: key, limit: table.page)
                    guard let last = page.last else { break }
                    try writer.insert(table, page)
                    key = table.keyPositions.map { last[$0] }
                    rows += page.count
                    done += page.count
                    progress(
                        StoreCopyProgress(
                            table: table.name, tableRows: rows, tableTotal: tableTotal, rows: done, total: total))
                    if page.count < table.page { break }
                }
                let written = try writer.count(table)
                guard written == tableTotal, rows == tableTotal else {
                    throw StoreCopyError.countMismatch(
                        target, table: table.name, source: tableTotal, target: written)
                }
                copied.append((table.name, rows))
            }
            return copied
        }
    }

    /// The condition and parameters that select the rows of `table` whose key
    /// follows `key`: `(a, b) > ($1, $2)` (row values compare as SQLite and
    /// PostgreSQL both do, column by column). `placeholder(n, column)` writes
    /// the `n`th parameter, for that key column.
    static func after(_ table: StoreTable, _ key: [SQLValue]?, placeholder: (Int, StoreTable.Column) -> String)
        -> String
    {
        guard key != nil else { return "" }
        let columns = table.key.joined(separator: ", ")
        let values = table.keyPositions.enumerated().map { placeholder($0 + 1, table.columns[$1]) }
            .joined(separator: ", ")
        return table.key.count == 1 ? "WHERE \(columns) > \(values)" : "WHERE (\(columns)) > (\(values))"
    }
}
