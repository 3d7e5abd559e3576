import Foundation
import GRDB

extension SQLiteGraphStore {
    /// Links every stored mention into the graph, streaming one name at a time.
    ///
    /// Memory holds one name's mentions, the people, institutions and
    /// co-appearance edges, never the corpus: mentions are read in name order,
    /// each name's people are written as soon as it is linked, and the
    /// mentions whose person changed are written to `mentionPerson` in id
    /// order at the end.
    /// Runs in one transaction, so an interrupted relink leaves the previous graph.
    public func relink(options: LinkOptions, curation: Curation) throws -> LinkReport {
        try relink(options: options, curation: curation, chunkMentions: 8_192)
    }

    /// ``relink(options:curation:)`` with names linked on another core in
    /// chunks of about `chunkMentions` mentions (tests use tiny chunks).
    func relink(options: LinkOptions, curation: Curation, chunkMentions: Int) throws -> LinkReport {
        try write { db in
            var report = LinkReport()
            var clock = Date()
            // Posts name institutions linked after the people: checked at commit.
            try db.execute(sql: """
                PRAGMA defer_foreign_keys = ON;
                DELETE FROM coappearanceArticle;
                DELETE FROM coappearance;
                DELETE FROM postArticle;
                DELETE FROM post;
                DELETE FROM linkDecision;
                """)
            report.step("clearing the old graph", since: &clock)
            let writer = try GraphWriter(db)
            var changes = MentionChanges()
            var organizations = OrganizationLinker()
            var present = CoappearancePresence(options: options)
            var linker = NameGroupLinker(curation: curation)
            var curatedBefore: [Int64: String] = [:]
            func write(_ linked: NameGroupLinker.Linked, before: [Int64: String], group: [LinkMention]) throws {
                try writer.insert(linked)
                changes.add(linked, before: before, mentions: group.lazy.map(\.id))
                present.add(linked)
                report.people += linked.people.count
                report.posts += linked.posts.count
                report.decisions += linked.decisions.count
            }
            var curatedGroup: [LinkMention] = []
            // Names are linked a chunk at a time on another core while this
            // thread reads the next chunk from the store and writes the last.
            var chunk = LinkingChunk(mentions: chunkMentions)
            var inFlight: LinkingChunk?
            func writeInFlight() throws {
                guard let done = inFlight else { return }
                for (group, linked) in done.linked() { try write(linked, before: group.before, group: group.mentions) }
                inFlight = nil
            }
            try Self.forEachNameGroup(db) { group, before in
                for m in group { organizations.see(titlesOf: m) }
                if linker.isCurated(group[0].name) {
                    _ = linker.link(group)
                    curatedBefore.merge(before) { a, _ in a }
                    curatedGroup += group
                    return
                }
                chunk.add(group, before: before)
                guard chunk.isFull else { return }
                try writeInFlight()
                chunk.start()
                inFlight = chunk
                chunk = LinkingChunk(mentions: chunkMentions)
            }
            try writeInFlight()
            chunk.start()
            inFlight = chunk
            try writeInFlight()
            let (curated, problems) = linker.finish()
            try write(curated, before: curatedBefore, group: curatedGroup)
            report.curationProblems = problems
            report.step("linking people by name", since: &clock)

            // What reads the store comes before the mentions are rewritten: a
            // page read after it is looked up in a WAL grown by the whole table.
            report.organizations = try Self.linkOrganizations(db, &organizations)
            report.step("institutions", since: &clock)
            let (edges, ids) = present.edges()
            report.coappearances = try Self.writeCoappearances(edges, ids: ids, db)
            report.step("co-appearance", since: &clock)

            try changes.apply(db)
            let drop = try db.cachedStatement(sql: "DELETE FROM person WHERE id = ?")
            for id in try String.fetchAll(db, sql: "SELECT id FROM person") where !changes.linked(id) {
                try drop.execute(arguments: [id])
            }
            report.step("giving mentions their people", since: &clock)
            if try !Self.hasIndex(db, "mention_on_name") {
                // Dropped by a build that wrote many documents (see replaceDocuments).
                try db.execute(sql: "CREATE INDEX mention_on_name ON mention(name)")
                report.step("indexing names", since: &clock)
            }
            try db.execute(
                sql: "UPDATE linkState SET fingerprint = ?",
                arguments: [LinkFingerprint(options: options, curation: curation).value])
            return report
        }
    }

    public func isLinked(options: LinkOptions, curation: Curation) throws -> Bool {
        try read { db in
            try String.fetchOne(db, sql: "SELECT fingerprint FROM linkState WHERE id = 1")
                == LinkFingerprint(options: options, curation: curation).value
        }
    }

    /// The home of each document's paper, for pages with no home of their own:
    /// the jurisdiction most named by the pages under the document's nearest
    /// folder that names any (from its own folder up to the input it was
    /// found under), from the counts stored with each document. A corpus of
    /// several papers given as one folder (`corpus/永康/…`, `corpus/东阳/…`)
    /// thus gives each paper its own home rather than the corpus's.
    static func paperHomes(_ db: Database) throws -> [Int64: String] {
        var counts: [String: [String: Int]] = [:]  // folder → jurisdiction → count, subfolders included
        // A folder's chain up to its root, worked out once per folder (a
        // folder holds many pages).
        var chains: [FolderKey: [String]] = [:]
        func chain(_ path: String, _ root: String) -> [String] {
            let key = FolderKey(folder: (path as NSString).deletingLastPathComponent, root: root)
            if let known = chains[key] { return known }
            let made = Self.folders(of: path, upTo: root)
            chains[key] = made
            return made
        }
        let rows = try RawStatement(db, sql: """
            SELECT d.id, d.path, d.root, j.key, j.value FROM document d, json_each(d.jurisdictionCounts) j
            ORDER BY d.id
            """)
        defer { rows.reset() }
        var document: Int64 = -1
        var folders: [String] = []
        while try rows.step() {
            if rows.int64(0) != document {
                document = rows.int64(0)
                folders = chain(rows.string(1) ?? "", rows.string(2) ?? "")
            }
            let jurisdiction = rows.string(3) ?? "", n = Int(rows.int64(4))
            for folder in folders { counts[folder, default: [:]][jurisdiction, default: 0] += n }
        }
        let homes = PersonLinker.paperHomes(counts: counts)
        var byDocument: [Int64: String] = [:]
        let documents = try RawStatement(db, sql: "SELECT id, path, root FROM document")
        defer { documents.reset() }
        while try documents.step() {
            let folders = chain(documents.string(1) ?? "", documents.string(2) ?? "")
            if let home = folders.lazy.compactMap({ homes[$0] }).first { byDocument[documents.int64(0)] = home }
        }
        return byDocument
    }

    private struct FolderKey: Hashable {
        var folder: String
        var root: String
    }

    /// `path`'s folders from its own up to `root` (`/c/yk/2018/a.txt`, root `/c`
    /// → `/c/yk/2018`, `/c/yk`, `/c`); just `root` when the path is not under it.
    static func folders(of path: String, upTo root: String) -> [String] {
        var chain: [String] = []
        var folder = (path as NSString).deletingLastPathComponent
        while folder.hasPrefix(root), folder.count > root.count {
            chain.append(folder)
            folder = (folder as NSString).deletingLastPathComponent
        }
        chain.append(root)
        return chain
    }

    /// Calls `body` with the mentions of each name in turn (each group in id
    /// order) and the person each was linked to before, if any.
    ///
    /// SQLite sorts the mentions by name in bounded memory, spilling to
    /// temporary files: that reads the tables in order rather than jumping
    /// through them by the name index. Documents are read once beforehand
    /// (a few strings each), which keeps them out of the rows being sorted.
    static func forEachNameGroup(
        _ db: Database, _ body: (_ group: [LinkMention], _ before: [Int64: String]) throws -> Void
    ) throws {
        struct Document {
            var rank: Int
            var path: String
            var root: String
            var home: String?
            var paperHome: String?
        }
        let paperHomes = try Self.paperHomes(db)
        var documents: [Int64: Document] = [:]
        var roots: [String: String] = [:]  // one copy of each root and home
        let documentRows = try RawStatement(db, sql: "SELECT id, path, root, homeJurisdiction FROM document ORDER BY path")
        while try documentRows.step() {
            let root = documentRows.string(2) ?? "", home = documentRows.string(3)
            let id = documentRows.int64(0)
            documents[id] = Document(
                rank: documents.count, path: documentRows.string(1) ?? "",
                root: roots[root] ?? { roots[root] = root; return root }(),
                home: home.map { h in roots[h] ?? { roots[h] = h; return h }() },
                paperHome: paperHomes[id].map { h in roots[h] ?? { roots[h] = h; return h }() })
        }
        documentRows.reset()

        var group: [LinkMention] = []
        var before: [Int64: String] = [:]
        var name = ""
        let rows = try RawStatement(db, sql: """
            SELECT m.id, m.articleId, a.documentId, a.position, m.position, a.date,
                m.name, m.kind, m.referenced, m.inName, m.titles, mp.personId
            FROM mention m JOIN article a ON a.id = m.articleId LEFT JOIN mentionPerson mp ON mp.mentionId = m.id
            ORDER BY +m.name, m.id
            """)
        defer { rows.reset() }
        while try rows.step() {
            let document = documents[rows.int64(2)] ?? Document(rank: Int.max, path: "", root: "", home: nil, paperHome: nil)
            let nameBytes = rows.bytes(6)
            if !name.utf8.elementsEqual(nameBytes) {
                if !group.isEmpty { try body(group, before) }
                // New arrays, not emptied ones: the body may keep the group
                // (linked on another thread), and an emptied array keeps the
                // capacity of the largest name so far for every name after it.
                group = []
                before = [:]
                name = String(decoding: nameBytes, as: UTF8.self)
            }
            if let person = rows.string(11) { before[rows.int64(0)] = person }
            group.append(LinkMention(
                id: rows.int64(0), articleId: rows.int64(1), path: document.path, documentRank: document.rank,
                root: document.root, documentHome: document.home, paperHome: document.paperHome, articlePosition: Int(rows.int64(3)),
                position: Int(rows.int64(4)), date: rows.string(5), name: name,
                kind: PersonKind(rawValue: rows.string(7) ?? "") ?? .person, referenced: rows.bool(8),
                inName: rows.bool(9), titles: TitlesJSON.decode(rows.bytes(10)) ?? []))
        }
        if !group.isEmpty { try body(group, before) }
    }

    /// Institutions from the organization mentions and the titles seen while
    /// linking people: upserted, stale ones removed, mentions pointed at them.
    private static func linkOrganizations(_ db: Database, _ linker: inout OrganizationLinker) throws -> Int {
        let rows = try RawStatement(
            db, sql: "SELECT id, articleId, name, jurisdiction, parent, written FROM organizationMention ORDER BY id")
        while try rows.step() {
            linker.see(LinkOrganizationMention(
                id: rows.int64(0), articleId: rows.int64(1), name: rows.string(2) ?? "", jurisdiction: rows.string(3),
                parent: rows.string(4), written: TitlesJSON.decodeStrings(rows.bytes(5)) ?? []))
        }
        rows.reset()
        let organizations = linker.organizations()
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO organization (id, name, jurisdiction, parentId, aliases, articleCount) VALUES (?, ?, ?, NULL, ?, ?)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, jurisdiction = excluded.jurisdiction,
                aliases = excluded.aliases, articleCount = excluded.articleCount
            """)
        for o in organizations {
            try upsert.execute(arguments: [o.id, o.name, o.jurisdiction, json(o.aliases), o.articleCount])
        }
        let parent = try db.cachedStatement(sql: "UPDATE organization SET parentId = ? WHERE id = ? AND parentId IS NOT ?")
        for o in organizations { try parent.execute(arguments: [o.parent, o.id, o.parent]) }
        let current = Set(organizations.map(\.id))
        let drop = try db.cachedStatement(sql: "DELETE FROM organization WHERE id = ?")
        for id in try String.fetchAll(db, sql: "SELECT id FROM organization") where !current.contains(id) {
            try drop.execute(arguments: [id])
        }
        // The canonical name is the institution's id.
        try db.execute(sql: "UPDATE organizationMention SET organizationId = name WHERE organizationId IS NOT name")
        return organizations.count
    }

    /// Writes the co-appearance edges and the articles behind each.
    private static func writeCoappearances(
        _ edges: [CoappearanceBuilder.Edge], ids: [String], _ db: Database
    ) throws -> Int {
        let edge = try RawStatement(db, sql: """
            INSERT INTO coappearance (personA, personB, weight, firstDate, lastDate) VALUES (?, ?, ?, ?, ?)
            """)
        let evidence = try RawStatement(
            db, sql: "INSERT INTO coappearanceArticle (personA, personB, articleId) VALUES (?, ?, ?)")
        for e in edges {
            let a = ids[Int(e.a)], b = ids[Int(e.b)]
            try edge.run(a, b, Int64(e.articles.count), e.firstDate, e.lastDate)
            evidence.bind(a, at: 1)
            evidence.bind(b, at: 2)
            for article in e.articles {
                evidence.bind(article, at: 3)
                try evidence.step()
                evidence.rewind()
            }
            evidence.reset()
        }
        return edges.count
    }

}

/// Name groups linked together on a thread of their own (names no curation
/// line touches: each group's people depend on that group alone), while the
/// relink reads the next groups from the store. Groups come back in order.
private final class LinkingChunk: @unchecked Sendable {
    struct Group {
        var mentions: [LinkMention]
        var before: [Int64: String]
    }

    /// About this many mentions a chunk: enough to be worth a thread hop,
    /// few enough that three chunks are nothing next to the graph.
    private let mentions: Int
    private var groups: [Group] = []
    private var count = 0
    private var results: [NameGroupLinker.Linked] = []
    private let done = DispatchSemaphore(value: 0)

    init(mentions: Int) { self.mentions = mentions }

    var isFull: Bool { count >= mentions }

    func add(_ mentions: [LinkMention], before: [Int64: String]) {
        groups.append(Group(mentions: mentions, before: before))
        count += mentions.count
    }

    /// Starts linking the chunk's groups on another thread.
    func start() {
        DispatchQueue.global().async { [self] in
            results = groups.map { NameGroupLinker.linkUncurated($0.mentions) }
            done.signal()
        }
    }

    /// Waits for the chunk to be linked: each group with what it became.
    func linked() -> Zip2Sequence<[Group], [NameGroupLinker.Linked]> {
        done.wait()
        return zip(groups, results)
    }
}

/// The mentions whose person a relink changed, gathered while names are
/// linked and written to `mentionPerson` in id order at the end (one ordered
/// pass, touching nothing where nothing changed).
/// Sixteen bytes a changed mention; person ids are kept once.
struct MentionChanges {
    private struct Change {
        var mention: Int64
        /// Index into `ids`, or -1 for no person.
        var person: Int32
    }

    private var changes: [Change] = []
    private var ids: [String] = []
    private var index: [String: Int32] = [:]

    /// Whether the relink linked anyone to `id`.
    func linked(_ id: String) -> Bool { index[id] != nil }

    /// Records the people of one linked group and the mentions (of `mentions`)
    /// whose person differs from `before`.
    mutating func add(_ linked: NameGroupLinker.Linked, before: [Int64: String], mentions: some Sequence<Int64>) {
        for p in linked.people where index[p.id] == nil {
            index[p.id] = Int32(ids.count)
            ids.append(p.id)
        }
        var now: [Int64: String] = [:]
        for (m, person) in linked.mentionPerson {
            now[m.id] = person
            if before[m.id] != person, let i = index[person] { changes.append(Change(mention: m.id, person: i)) }
        }
        for mention in mentions where now[mention] == nil && before[mention] != nil {
            changes.append(Change(mention: mention, person: -1))
        }
    }

    /// Writes the changes, in mention id order (sorted in place: no second copy).
    mutating func apply(_ db: Database) throws {
        changes.sort { $0.mention < $1.mention }
        // When most mentions change (a first build), the person index is
        // rebuilt once, sorted, instead of updated at random a row at a time.
        let mentions = try Int.fetchOne(db, sql: "SELECT max(id) - min(id) + 1 FROM mention") ?? 0
        let rebuildIndex = changes.count > 10_000 && changes.count * 4 > mentions
        if rebuildIndex { try db.execute(sql: "DROP INDEX mentionPerson_on_personId") }
        let upsert = try RawStatement(db, sql: """
            INSERT INTO mentionPerson (mentionId, personId) VALUES (?, ?)
            ON CONFLICT (mentionId) DO UPDATE SET personId = excluded.personId
            """)
        let unlink = try RawStatement(db, sql: "DELETE FROM mentionPerson WHERE mentionId = ?")
        for change in changes {
            if change.person < 0 {
                try unlink.run(change.mention)
            } else {
                try upsert.run(change.mention, ids[Int(change.person)])
            }
        }
        if rebuildIndex { try db.execute(sql: "CREATE INDEX mentionPerson_on_personId ON mentionPerson(personId)") }
    }
}

/// The people who count for co-appearance in each article, gathered while
/// names are linked (so co-appearance needs no second pass over the
/// mentions): one entry per counted mention, 16 bytes each.
struct CoappearancePresence {
    private struct Entry {
        var article: Int64
        var person: Int32
        /// Index into `dates` (an article has few distinct dates; a String here doubled the entry).
        var date: Int32
    }

    private var dates: [String?] = [nil]
    private var dateIndex: [String: Int32] = [:]

    private var builder: CoappearanceBuilder
    private var entries: [Entry] = []
    private var index: [String: Int32] = [:]
    /// Person ids of the counted people, by the numbers the entries use.
    private var counted: [String] = []

    init(options: LinkOptions) {
        builder = CoappearanceBuilder(options: options)
    }

    /// Records the mentions of `linked` whose person's kind co-appears.
    mutating func add(_ linked: NameGroupLinker.Linked) {
        var kinds: [String: PersonKind] = [:]
        for p in linked.people { kinds[p.id] = p.kind }
        for (m, person) in linked.mentionPerson {
            guard let kind = kinds[person], builder.counts(kind: kind, referenced: m.referenced) else { continue }
            let number: Int32
            if let known = index[person] {
                number = known
            } else {
                number = Int32(counted.count)
                index[person] = number
                counted.append(person)
            }
            entries.append(Entry(article: m.articleId, person: number, date: dateNumber(m.date)))
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

    /// The edges, and the counted people's ids in SQLite's text order: an
    /// edge's people are numbered by their place in `ids`.
    mutating func edges() -> (edges: [CoappearanceBuilder.Edge], ids: [String]) {
        let order = counted.indices.sorted { counted[$0].utf8.lexicographicallyPrecedes(counted[$1].utf8) }
        var rank = [Int32](repeating: 0, count: counted.count)
        for (r, i) in order.enumerated() { rank[i] = Int32(r) }
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
        return (builder.result(), order.map { counted[$0] })
    }
}
