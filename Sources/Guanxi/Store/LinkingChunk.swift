import Foundation
import GRDB

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

    /// Adds a name's rows: a range of `order`.
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
                results.append(
                    LinkedNameGroup(NameGroupLinker.linkUncurated(mentions, partners: MentionPartners(table: table))))
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

    /// Each mention whose person changes, in id order: its id, whether it
    /// had a person before, and its new person (nil: it is unlinked).
    func forEachChange(table: MentionTable, _ body: (Int64, _ had: Bool, _ person: String?) throws -> Void) rethrows {
        for row in 0..<table.count {
            let before = table.personBefore(row)
            if persons[row] < 0 {
                if before != nil { try body(table.ids[row], true, nil) }
            } else if before != ids[Int(persons[row])] {
                try body(table.ids[row], before != nil, ids[Int(persons[row])])
            }
        }
    }

    /// Writes the mentions whose person changed, in id order.
    func applyChanges(_ db: Database, table: MentionTable, context: MentionContext) throws {
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
        let update = try RawStatement(db, sql: "UPDATE mentionPerson SET personId = ? WHERE mentionId = ?")
        // Mentions that had no person are inserted, many rows a statement;
        // `OR FAIL` (see MultiRowInsert) so that SQLite keeps no statement journal.
        let insert = MultiRowInsert(
            db, "INSERT OR FAIL INTO mentionPerson (mentionId, personId, articleId, date) VALUES", columns: 4)
        // Up to a statement's worth of rows at a time.
        var rows: [Int] = []
        rows.reserveCapacity(MultiRowInsert.rowsPerStatement)
        func flush() throws {
            try insert.run(count: rows.count) { statement, k, first in
                statement.bind(table.ids[rows[k]], at: first)
                statement.bind(ids[Int(persons[rows[k]])], at: first + 1)
                let article = table.articles[rows[k]]
                statement.bind(article, at: first + 2)
                statement.bind(context.article(article)?.date.date, at: first + 3)
            }
            rows.removeAll(keepingCapacity: true)
        }
        for row in 0..<table.count {
            if persons[row] < 0 {
                if table.personBefore(row) != nil { try unlink.run(table.ids[row]) }
            } else if !changed(row) {
                continue
            } else if table.personBefore(row) != nil {
                try update.run(ids[Int(persons[row])], table.ids[row])
            } else {
                rows.append(row)
                if rows.count == MultiRowInsert.rowsPerStatement { try flush() }
            }
        }
        try flush()
        if rebuildIndex { try db.execute(sql: SQLiteGraphStore.mentionPersonIndex) }
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
        sortedIds.sort { ByteKey($0) < ByteKey($1) }
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
        eachArticle { article, people in
            builder.add(article: article, date: context.article(article)?.date.date, people: people)
        }
        return (builder.result(), sortedIds)
    }
}
