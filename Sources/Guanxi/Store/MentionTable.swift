import Foundation
import GRDB

/// Every stored mention as linking reads it, in id order, in memory: the
/// relink groups the mentions by name here (``nameGroups()``) where it had
/// SQLite sort the whole mention table by name, which on a large corpus
/// wrote about as much again in sort runs to temporary files and read them
/// back (BENCHMARKS.md, "Why the code is as it is").
///
/// One copy of each distinct name, titles list and person id; a mention takes
/// 29 bytes (33 when some mention already had a person). The relink records
/// each mention's new person by its row here, so the changes to write come
/// out in id order with no sort.
struct MentionTable: Sendable {
    // A column a field: row `r` is the mention with id `ids[r]`. Names,
    // titles and earlier persons are numbers into the lists further down.
    private(set) var ids: [Int64] = []
    private(set) var articles: [Int64] = []
    private(set) var positions: [Int32] = []
    private(set) var nameNumbers: [Int32] = []
    private(set) var titleNumbers: [Int32] = []
    /// The kind (its place in `PersonKind.allCases`), then `referenced` and `inName` as bits 4 and 5.
    private(set) var flags: [UInt8] = []
    /// The person each mention had before the relink, or -1; empty when no mention had one.
    private(set) var before: [Int32] = []

    private(set) var names: [String] = []
    private(set) var titleLists: [LinkTitles] = []
    private(set) var personIds: [String] = []
    /// The names' numbers in SQLite's order of text.
    private var namesInOrder: [Int32] = []

    private static let referencedBit: UInt8 = 1 << 4
    private static let inNameBit: UInt8 = 1 << 5
    private static let kinds = PersonKind.allCases

    var count: Int { ids.count }

    /// The mentions whose ids are in a range, read on a thread of their own,
    /// their names, titles and persons numbered apart: a table is read in parts.
    struct Part: Sendable {
        fileprivate var table = MentionTable()
        fileprivate var names = ByteInterner()
        fileprivate var titles = ByteInterner()
        fileprivate var persons = ByteInterner()

        fileprivate var kinds = ByteInterner()
        fileprivate var kindCodes: [UInt8] = []

        /// An empty part with room for `capacity` rows, filled by ``add(id:article:position:name:kind:referenced:inName:titles:person:)``
        /// in id order (a store that reads its mentions its own way).
        init(capacity: Int) {
            table.reserveCapacity(capacity)
        }

        /// Reads the mentions with ids in `range`, with the person each has now,
        /// keeping room for `capacity` rows.
        init(_ db: Database, ids range: Range<Int64>, capacity: Int) throws {
            table.reserveCapacity(capacity)
            let rows = try RawStatement(
                db,
                sql: """
                    SELECT m.id, m.articleId, m.position, m.name, m.kind, m.referenced, m.inName, m.titles, mp.personId
                    FROM mention m LEFT JOIN mentionPerson mp ON mp.mentionId = m.id
                    WHERE m.id >= ? AND m.id < ?
                    ORDER BY m.id
                    """)
            defer { rows.reset() }
            rows.bind(range.lowerBound, at: 1)
            rows.bind(range.upperBound, at: 2)
            while try rows.step() {
                add(
                    id: rows.int64(0), article: rows.int64(1), position: rows.int64(2), name: rows.bytes(3),
                    kind: rows.bytes(4), referenced: rows.bool(5), inName: rows.bool(6), titles: rows.bytes(7),
                    person: rows.isNull(8) ? nil : rows.bytes(8))
            }
        }

        /// Adds the mention with id `id` (higher than every id added before),
        /// its text columns as UTF-8 bytes; `person` is the person it has now.
        mutating func add(
            id: Int64, article: Int64, position: Int64, name: UnsafeBufferPointer<UInt8>,
            kind: UnsafeBufferPointer<UInt8>,
            referenced: Bool, inName: Bool, titles: UnsafeBufferPointer<UInt8>, person: UnsafeBufferPointer<UInt8>?
        ) {
            let kind = Int(kinds.number(kind))
            if kind == kindCodes.count {
                let written = kinds.string(kind)
                kindCodes.append(
                    UInt8(
                        MentionTable.kinds.firstIndex { $0.rawValue == written } ?? MentionTable.kinds.firstIndex(
                            of: .person)!))
            }
            table.append(
                id: id, article: article, position: Int32(truncatingIfNeeded: position), name: names.number(name),
                flags: kindCodes[kind] | (referenced ? MentionTable.referencedBit : 0)
                    | (inName ? MentionTable.inNameBit : 0),
                titles: self.titles.number(titles), before: person.map { persons.number($0) } ?? -1)
        }

        /// Adds `next`'s rows, whose ids follow these, numbering its names,
        /// titles and persons as these are.
        mutating func append(_ next: Part) {
            func numbers(_ from: ByteInterner, _ into: inout ByteInterner) -> [Int32] {
                (0..<from.count).map { k in from.withBytes(k) { into.number($0) } }
            }
            let name = numbers(next.names, &names), title = numbers(next.titles, &titles),
                person = numbers(next.persons, &persons)
            let rows = next.table
            table.reserveCapacity(table.count + rows.count)
            for r in 0..<rows.count {
                table.append(
                    id: rows.ids[r], article: rows.articles[r], position: rows.positions[r],
                    name: name[Int(rows.nameNumbers[r])], flags: rows.flags[r],
                    titles: title[Int(rows.titleNumbers[r])],
                    before: rows.before.isEmpty || rows.before[r] < 0 ? -1 : person[Int(rows.before[r])])
            }
        }
    }

    /// About equal ranges of the mentions' ids, one a part.
    static func idRanges(_ db: Database, parts: Int) throws -> [Range<Int64>] {
        let range = try Row.fetchOne(db, sql: "SELECT (SELECT min(id) FROM mention), (SELECT max(id) FROM mention)")
        let low: Int64 = range?[0] ?? 0, high: Int64 = (range?[1] ?? -1) + 1
        let step = max(1, (high - low + Int64(parts) - 1) / Int64(parts))
        return (0..<Int64(parts)).map { k in
            min(high, low + k * step)..<(k == Int64(parts) - 1 ? max(high, low) : min(high, low + (k + 1) * step))
        }
    }

    private init() {}

    /// The table of the parts read, joined in id order (``Part/append(_:)``).
    init(_ whole: Part) {
        self = whole.table
        let (names, titles, persons) = (whole.names, whole.titles, whole.persons)
        self.names = (0..<names.count).map { names.string($0) }
        namesInOrder = names.numbersInByteOrder()
        titleLists = (0..<titles.count).map { k in LinkTitles(titles.withBytes(k) { TitlesJSON.decode($0) ?? [] }) }
        personIds = (0..<persons.count).map { persons.string($0) }
    }

    private mutating func reserveCapacity(_ rows: Int) {
        ids.reserveCapacity(rows)
        articles.reserveCapacity(rows)
        positions.reserveCapacity(rows)
        nameNumbers.reserveCapacity(rows)
        titleNumbers.reserveCapacity(rows)
        flags.reserveCapacity(rows)
    }

    private mutating func append(
        id: Int64, article: Int64, position: Int32, name: Int32, flags kindAndBits: UInt8, titles: Int32,
        before person: Int32
    ) {
        ids.append(id)
        articles.append(article)
        positions.append(position)
        nameNumbers.append(name)
        flags.append(kindAndBits)
        titleNumbers.append(titles)
        // Empty until a row has a person; then a person (or -1) a row.
        if person >= 0 || !before.isEmpty {
            if before.isEmpty { before = [Int32](repeating: -1, count: ids.count - 1) }
            before.append(person)
        }
    }

    /// Lets go of what only linking the names reads (positions, names,
    /// titles): writing the mentions' people and counting co-appearance read
    /// ids, articles, flags and earlier persons.
    mutating func dropNameColumns() {
        (positions, nameNumbers, titleNumbers, names, titleLists, namesInOrder) = ([], [], [], [], [], [])
    }

    func kind(_ row: Int) -> PersonKind { Self.kinds[Int(flags[row] & 0x0F)] }
    func isReferenced(_ row: Int) -> Bool { flags[row] & Self.referencedBit != 0 }
    func isInName(_ row: Int) -> Bool { flags[row] & Self.inNameBit != 0 }

    /// The person the mention of `row` had before the relink.
    func personBefore(_ row: Int) -> String? {
        guard !before.isEmpty, before[row] >= 0 else { return nil }
        return personIds[Int(before[row])]
    }

    /// One name's mentions: its number and where its rows are in `order`.
    struct Group: Sendable {
        var name: Int32
        var rows: Range<Int>
    }

    /// The rows grouped by name, the names in SQLite's order of text and each
    /// name's rows in id order: the order of `ORDER BY name, id`, by a
    /// counting sort over the rows.
    func nameGroups() -> (order: [Int32], groups: [Group]) {
        var next = [Int](repeating: 0, count: names.count)
        for n in nameNumbers { next[Int(n)] += 1 }
        var groups: [Group] = []
        groups.reserveCapacity(names.count)
        var start = 0
        for n in namesInOrder {
            let size = next[Int(n)]
            groups.append(Group(name: n, rows: start..<(start + size)))
            next[Int(n)] = start
            start += size
        }
        var order = [Int32](repeating: 0, count: count)
        for (row, n) in nameNumbers.enumerated() {
            order[next[Int(n)]] = Int32(row)
            next[Int(n)] += 1
        }
        return (order, groups)
    }

    /// The mentions of `rows`, all of one name, ready to link. A mention
    /// whose article is not stored is left out, as a join would leave it out.
    func mentions(_ rows: ArraySlice<Int32>, context: MentionContext) -> [LinkMention] {
        var mentions: [LinkMention] = []
        mentions.reserveCapacity(rows.count)
        for r in rows {
            let row = Int(r)
            guard let article = context.article(articles[row]) else { continue }
            let document = context.document(article.document)
            mentions.append(
                LinkMention(
                    id: ids[row], row: r, articleId: articles[row], path: document.path, documentRank: document.rank,
                    root: document.root, documentHome: document.home, paperHome: document.paperHome,
                    articlePosition: article.position, position: Int(positions[row]), date: article.date,
                    name: names[Int(nameNumbers[row])], kind: kind(row), referenced: isReferenced(row),
                    inName: isInName(row), titles: titleLists[Int(titleNumbers[row])]))
        }
        return mentions
    }
}

/// The ``PartnerLookup`` of the linker read from the ``MentionTable``, whose
/// rows of one article lie together, so nothing more is kept in memory.
struct MentionPartners: PartnerLookup {
    let table: MentionTable
    /// Rows looked at on each side of a mention (an article naming more people is sampled).
    static let reach = 200

    /// Name numbers of the officials and undecided people named in the same
    /// article as `row`, other than its own name.
    func partners(of row: Int32) -> [Int32] {
        let r = Int(row)
        guard r < table.count else { return [] }
        let article = table.articles[r]
        let own = table.nameNumbers[r]
        var out: [Int32] = []
        func take(_ i: Int) -> Bool {
            guard table.articles[i] == article else { return false }
            let kind = table.kind(i)
            if table.nameNumbers[i] != own, kind == .official || kind == .person, !table.isReferenced(i) {
                out.append(table.nameNumbers[i])
            }
            return true
        }
        var i = r - 1
        while i >= 0, r - i <= Self.reach, take(i) { i -= 1 }
        i = r + 1
        while i < table.count, i - r <= Self.reach, take(i) { i += 1 }
        return out
    }

    /// The name a number stands for.
    func name(_ number: Int32) -> String { table.names[Int(number)] }
}
