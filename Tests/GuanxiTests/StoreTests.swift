import Foundation
import GRDB
import Testing

@testable import Guanxi

/// Opening, refusing, transactions and WAL readers of the SQLite store.
@Suite struct StoreTests {
    let secretary = title("市委书记", "书记", "中共永康市委", "永康市")

    func page(_ name: String, _ date: String = "2018-03-01") -> HandPage {
        HandPage(
            "/p/yk/\(name).txt", root: "/p/yk",
            [
                (date, "市委书记吴一凡会见甄小明。", [official("吴一凡", secretary), official("甄小明")])
            ])
    }

    func prepared(_ name: String) -> PreparedDocument {
        PreparedDocument(page(name).document, extractions: page(name).extractions)
    }

    @Test func contentHashIsFNV1a64() {
        // Published FNV-1a 64 test vectors: stores made by any guanxi compare equal.
        #expect(ContentHash.of(Data()) == "cbf29ce484222325")
        #expect(ContentHash.of(Data("a".utf8)) == "af63dc4c8601ec8c")
        #expect(ContentHash.of(Data("foobar".utf8)) == "85944171f73967e8")
    }

    @Test func newStoreHasTheCurrentSchemaVersionAndWAL() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let store = try SQLiteGraphStore(path: dir.path("g.sqlite"))
        #expect(try store.rows("PRAGMA user_version") == [["user_version": "\(SQLiteGraphStore.schemaVersion)"]])
        #expect(try store.rows("PRAGMA journal_mode") == [["journal_mode": "wal"]])
        #expect(try store.counts() == StoreCounts())
    }

    @Test func storeFromANewerVersionIsRefused() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let path = dir.path("g.sqlite")
        try SQLiteGraphStore(path: path).execute("PRAGMA user_version = 99")
        let error = #expect(throws: StoreError.self) { try SQLiteGraphStore(path: path) }
        #expect(error?.code == .newerSchema)
        #expect(error?.message.contains("schema version 99, written by a newer guanxi") == true)
    }

    @Test func nonSQLiteFileIsRefusedAndLeftUntouched() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let path = try dir.write("notes.sqlite", "甲乙丙：这不是数据库。\n")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try SQLiteGraphStore(path: path) }
        #expect(error?.code == .notADatabase)
        #expect(error?.description.contains("left it untouched") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func corruptSQLiteFileIsRefusedAndLeftUntouched() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let path = dir.path("broken.sqlite")
        let bytes = Data("SQLite format 3\0".utf8) + Data(repeating: 0xAB, count: 2000)
        try bytes.write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try SQLiteGraphStore(path: path) }
        #expect(error?.code == .notADatabase || error?.code == .corrupt)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test func missingStoreIsReportedWhenNotCreating() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let error = #expect(throws: StoreError.self) {
            try SQLiteGraphStore(path: dir.path("none.sqlite"), create: false)
        }
        #expect(error?.code == .missing)
        #expect(!FileManager.default.fileExists(atPath: dir.path("none.sqlite")))
    }

    @Test func replacingADocumentReplacesItsArticlesAndMentions() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let store = try SQLiteGraphStore(path: dir.path("g.sqlite"))
        try page("a").store(in: store)
        try page("a").store(in: store)
        _ = try store.relink(options: LinkOptions(), curation: .none)
        var counts = try store.counts()
        #expect((counts.documents, counts.articles, counts.mentions, counts.people) == (1, 1, 2, 2))
        try HandPage("/p/yk/a.txt", root: "/p/yk", [("2018-04-01", "甄小明讲话。", [official("甄小明")])]).store(in: store)
        _ = try store.relink(options: LinkOptions(), curation: .none)
        counts = try store.counts()
        #expect((counts.documents, counts.articles, counts.mentions, counts.people) == (1, 1, 1, 1))
        #expect(try store.people().map(\.firstDate) == ["2018-04-01"])
    }

    @Test func aFirstBuildWritesWithARollbackJournalThenReturnsToWAL() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let store = try SQLiteGraphStore(path: dir.path("g.sqlite"))
        func journal() throws -> String? { try store.rows("PRAGMA journal_mode").first?["journal_mode"] ?? nil }
        let build = try store.beginBuild()
        #expect(try store.beginBulkWrite())
        #expect(try journal() == "delete")
        try page("a").store(in: store)
        try store.endBulkWrite()
        // Back to replacing documents, with the cascades of the foreign keys:
        // the page written again replaces its article and mentions.
        try page("a").store(in: store)
        var counts = try store.counts()
        #expect((counts.documents, counts.articles, counts.mentions) == (1, 1, 2))
        // The first linking writes without the WAL too; the build's end returns to it.
        _ = try store.relink(options: LinkOptions(), curation: .none)
        #expect(try journal() == "delete")
        try store.finishBuild(build, status: "finished", note: "")
        #expect(try journal() == "wal")
        // A store that holds documents is written through the WAL.
        #expect(try !store.beginBulkWrite())
        #expect(try journal() == "wal")
        try page("b").store(in: store)
        _ = try store.relink(options: LinkOptions(), curation: .none)
        counts = try store.counts()
        #expect((counts.documents, counts.articles, counts.mentions, counts.people) == (2, 2, 4, 2))
        #expect(try store.check().problems == [])
    }

    @Test func aFirstBuildCommitsSeveralBatchesTogether() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let path = dir.path("g.sqlite")
        let lock = try SQLiteGraphStore.lockForWriting(path: path)
        defer { lock.release() }
        let store = try SQLiteGraphStore(path: path)
        let build = try store.beginBuild()
        #expect(try store.beginBulkWrite())
        let reader = try SQLiteGraphStore(path: path, create: false)  // as another process would
        func write(_ name: String, more: Int) throws {
            try store.replaceDocuments([prepared(name)], build: build, more: more)
        }
        // Batches with more to come share a transaction…
        try write("a", more: 3)
        try write("b", more: 2)
        #expect(try reader.counts().documents == 0)
        // …committed once enough pages are in it,
        store.bulkCommitBytes = 1
        try write("c", more: 1)
        #expect(try reader.counts().documents == 3)
        store.bulkCommitBytes = 1 << 30
        // a batch that fails taking the uncommitted ones with it (a path
        // written twice in bulk breaks its uniqueness),
        try write("d", more: 1)
        #expect(throws: StoreError.self) { try write("a", more: 1) }
        #expect(try reader.counts().documents == 3)
        try write("e", more: 1)
        #expect(try reader.counts().documents == 3)
        // …or when the build's documents are written.
        try store.endBulkWrite()
        #expect(try reader.counts().documents == 4)
        #expect(try store.rows("PRAGMA foreign_keys") == [["foreign_keys": "1"]])
        _ = try store.relink(options: LinkOptions(), curation: .none)
        try store.finishBuild(build, status: "finished", note: "")
        #expect(try store.check().problems == [])
    }

    @Test func aRelinkChecksTheKeysOfWhatItWroteAndLeavesThemOn() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let store = try seedStore(in: dir)  // built and linked
        #expect(try store.rows("PRAGMA foreign_keys").first?["foreign_keys"] == "1")
        #expect(try store.check().problems == [])
        // Rows pointing at nothing, as a linking bug would leave them (keys
        // deferred, so that they can be written and taken out again).
        let broken = [
            "INSERT INTO post (id, personId, role, title, articleCount) VALUES ('p', 'nobody', '书记', '书记', 1)",
            "INSERT INTO linkDecision (personId, name, action, rule, reason) VALUES ('nobody', 'n', 'new', 'r', '')",
            "INSERT INTO coappearance (personA, personB, weight) SELECT id, id || 'z', 1 FROM person LIMIT 1",
            "UPDATE organization SET parentId = 'nowhere'",
            "UPDATE organizationMention SET organizationId = 'nowhere'",
        ]
        #expect(try store.rows("SELECT count(*) AS n FROM organizationMention").first?["n"] != "0")
        for sql in broken {
            try store.write { db in
                try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
                try db.execute(sql: "SAVEPOINT broken")
                try db.execute(sql: sql)
                #expect(db.changesCount > 0, "\(sql)")
                #expect(throws: StoreError.self, "\(sql)") { try store.checkRelinkedKeys(db) }
                try db.execute(sql: "ROLLBACK TO broken")
                try store.checkRelinkedKeys(db)
            }
        }
    }

    @Test func aReaderOfAFirstBuildReadsWithoutTakingTheStoreBackToWAL() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let path = dir.path("g.sqlite")
        let lock = try SQLiteGraphStore.lockForWriting(path: path)
        defer { lock.release() }
        let store = try SQLiteGraphStore(path: path)
        let build = try store.beginBuild()
        #expect(try store.beginBulkWrite())
        try page("a").store(in: store)
        // Opened as another process would (the build holds the lock): a
        // pool would switch the store to WAL under the build.
        let reader = try SQLiteGraphStore(path: path, create: false)
        #expect(try reader.counts().documents == 1)
        #expect(try store.rows("PRAGMA journal_mode") == [["journal_mode": "delete"]])
        try page("b").store(in: store)
        #expect(try reader.counts().documents == 2)
        let error = #expect(throws: StoreError.self) { try reader.beginBuild() }
        #expect(error?.message == "this store is open for reading only; only `guanxi build` writes to it")
        try store.endBulkWrite()
        _ = try store.relink(options: LinkOptions(), curation: .none)
        try store.finishBuild(build, status: "finished", note: "")
        #expect(try store.rows("PRAGMA journal_mode") == [["journal_mode": "wal"]])
        #expect(try reader.counts().people == 2)
    }

    @Test func aFirstBuildWritesThroughTheWALWhileAnotherConnectionHoldsTheStoreOpen() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let path = dir.path("g.sqlite")
        let store = try SQLiteGraphStore(path: path)
        // Opened and read before the build leaves WAL, as `guanxi stats` in
        // another process would: its connection keeps WAL's shared lock.
        let reader = try SQLiteGraphStore(path: path, create: false)
        #expect(try reader.counts().documents == 0)
        let build = try store.beginBuild()
        #expect(try !store.beginBulkWrite(patience: 0.2))
        #expect(try store.rows("PRAGMA journal_mode") == [["journal_mode": "wal"]])
        try page("a").store(in: store)
        #expect(try reader.counts().documents == 1)
        _ = try store.relink(options: LinkOptions(), curation: .none)
        try store.finishBuild(build, status: "finished", note: "")
        #expect(try reader.counts().people == 2)
        #expect(try store.check().problems == [])
    }

    @Test func aFirstBuildKilledWhileWritingInBulkOpensAgainInWAL() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let path = dir.path("g.sqlite")
        do {
            let store = try SQLiteGraphStore(path: path)
            #expect(try store.beginBulkWrite())
            try page("a").store(in: store)
            try page("b").store(in: store)  // each the build's last batch: committed
            try store.replaceDocuments([prepared("c")], build: nil, more: 4)  // in the open transaction
        }  // closed without endBulkWrite(), as by a kill
        let reopened = try SQLiteGraphStore(path: path)
        #expect(try reopened.rows("PRAGMA journal_mode") == [["journal_mode": "wal"]])
        #expect(
            try reopened.rows("SELECT path FROM document ORDER BY path") == [
                ["path": "/p/yk/a.txt"], ["path": "/p/yk/b.txt"],
            ])
        _ = try reopened.relink(options: LinkOptions(), curation: .none)
        #expect(try reopened.counts().people == 2)
        #expect(try reopened.check().problems == [])
    }

    @Test func evidenceIsQuotedFromTheDocumentText() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let store = try SQLiteGraphStore(path: dir.path("g.sqlite"))
        try page("a").store(in: store)
        _ = try store.relink(options: LinkOptions(), curation: .none)
        let rows = try store.rows(
            """
            SELECT substr(d.text, m.startOffset + 1, m.endOffset - m.startOffset) AS quoted
            FROM mention m JOIN article a ON a.id = m.articleId JOIN document d ON d.id = a.documentId
            ORDER BY m.id
            """)
        #expect(rows == [["quoted": "吴一凡"], ["quoted": "甄小明"]])
        #expect(try store.rows("SELECT bodyOffsets FROM article") == [["bodyOffsets": "[[0,0,13]]"]])
        #expect(SQLiteGraphStore.offsetRuns([0, 1, 2, 5, 6, 9]) == "[[0,0,3],[3,5,2],[5,9,1]]")
        #expect(SQLiteGraphStore.offsetRuns([]) == "[]")
        #expect(SQLiteGraphStore.spansJSON([3..<5, 10..<12]) == "[[3,5],[10,12]]")
    }

    @Test func textOfEveryUTF8WidthIsStoredByteForByte() throws {
        // A page's text and an article's body are written from their scalars,
        // not from a String: one-, two-, three- and four-byte UTF-8 must come
        // back exactly, with the offsets counting scalars.
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let store = try SQLiteGraphStore(path: dir.path("g.sqlite"))
        let body = "A é 市委书记吴一凡 𠮷 😀 会见甄小明。"
        try HandPage(
            "/p/yk/w.txt", root: "/p/yk",
            [
                ("2018-03-01", body, [official("吴一凡", secretary), official("甄小明")])
            ]
        ).store(in: store)
        let rows = try store.rows(
            """
            SELECT d.text AS page, hex(d.text) AS pageHex, a.body AS body, hex(a.body) AS bodyHex,
                substr(d.text, m.startOffset + 1, m.endOffset - m.startOffset) AS quoted
            FROM mention m JOIN article a ON a.id = m.articleId JOIN document d ON d.id = a.documentId
            ORDER BY m.id
            """)
        func hex(_ s: String) -> String { s.utf8.map { String(format: "%02X", $0) }.joined() }
        #expect(rows.map { $0["page"] } == [body + "\n", body + "\n"])
        #expect(rows.first?["pageHex"] == hex(body + "\n"))
        #expect(rows.first?["body"] == body)
        #expect(rows.first?["bodyHex"] == hex(body))
        #expect(rows.map { $0["quoted"] } == ["吴一凡", "甄小明"])
        let empty = try SQLiteGraphStore(path: dir.path("e.sqlite"))
        try HandPage("/p/yk/e.txt", root: "/p/yk", [(nil, "", [])]).store(in: empty)
        #expect(
            try empty.rows("SELECT typeof(body) AS t, length(body) AS n FROM article") == [["t": "text", "n": "0"]])
    }

    @Test func multiRowInsertStoresEveryRowInOrder() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)")
            let insert = MultiRowInsert(
                db, "INSERT INTO t (k, v) VALUES", columns: 2, "ON CONFLICT (k) DO UPDATE SET v = excluded.v")
            // Around the 64 rows of one execution, and its powers of two.
            var expected: [Int64: String] = [:]
            var next: Int64 = 0
            for count in [0, 1, 7, 63, 64, 65, 200] {
                let keys = (0..<count).map { next + Int64($0) }
                try insert.run(count: count) { statement, k, first in
                    statement.bind(keys[k], at: first)
                    statement.bind("值\(keys[k])", at: first + 1)
                }
                for key in keys { expected[key] = "值\(key)" }
                next += Int64(count)
            }
            // The ON CONFLICT clause applies to every row of an execution.
            try insert.run(count: 70) { statement, k, first in
                statement.bind(Int64(k * 5), at: first)
                statement.bind("改\(k)", at: first + 1)
            }
            for k in 0..<70 { expected[Int64(k * 5)] = "改\(k)" }
            let rows = try Row.fetchAll(db, sql: "SELECT k, v FROM t ORDER BY k")
            #expect(rows.count == expected.count)
            #expect(rows.allSatisfy { expected[$0["k"]] == $0["v"] })
        }
    }

    @Test func simulateRollsEverythingBack() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let store = try SQLiteGraphStore(path: dir.path("g.sqlite"))
        let inside = try store.simulate { view -> StoreCounts in
            try page("a").store(in: view)
            _ = try view.relink(options: LinkOptions(), curation: .none)
            return try view.counts()
        }
        #expect(inside.documents == 1 && inside.people == 2)
        #expect(try store.counts() == StoreCounts())
    }

    @Test func readerOnAnotherConnectionIsNotBlockedByAnOpenWrite() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let path = dir.path("g.sqlite")
        let writer = try SQLiteGraphStore(path: path)
        try page("a").store(in: writer)
        let reader = try SQLiteGraphStore(path: path)
        // While the writer holds an open write transaction, the reader sees the last commit.
        let seen = try writer.simulate { view -> (inside: Int, outside: Int) in
            try page("b").store(in: view)
            return (try view.counts().documents, try reader.counts().documents)
        }
        #expect(seen.inside == 2)
        #expect(seen.outside == 1)
    }

    @Test func readerWorksWhileAnotherThreadWrites() async throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let path = dir.path("g.sqlite")
        let writer = try SQLiteGraphStore(path: path)
        let reader = try SQLiteGraphStore(path: path)
        let pages = (0..<30).map { page("p\($0)") }
        let task = Task.detached {
            for p in pages { try p.store(in: writer) }
            _ = try writer.relink(options: LinkOptions(), curation: .none)
        }
        var observed: [Int] = []
        while observed.last != 30 {
            observed.append(try reader.counts().documents)
            if observed.count > 100_000 { break }
        }
        try await task.value
        #expect(observed == observed.sorted())
        #expect(try reader.counts().documents == 30)
        #expect(try reader.counts().people == 2)
    }
}

/// The `titles` column is read back by a small reader of its own (linking reads
/// it for every mention): it must give what `JSONDecoder` gives.
@Suite struct TitlesColumnTests {
    @Test func titlesReadBackAsWritten() throws {
        var former = TitleMention(
            text: "原市委书记", role: "书记", organization: "中共永康市委", jurisdiction: "永康市", isRank: false, span: 10..<15)
        former.former = true
        let cases: [[TitleMention]] = [
            [],
            [TitleMention(text: "市领导", role: "", organization: nil, jurisdiction: nil, isRank: true, span: 0..<3)],
            [
                former,
                TitleMention(
                    text: "副市长", role: "副市长", organization: "永康市人民政府", jurisdiction: "永康市", isRank: false, span: 16..<19
                ),
            ],
            // Quotes and backslashes are escaped: the reader hands these to JSONDecoder.
            [
                TitleMention(
                    text: "“快递\"小哥\\”", role: "小哥", organization: nil, jurisdiction: nil, isRank: false, span: 1..<9)
            ],
        ]
        for titles in cases {
            let json = SQLiteGraphStore.titlesJSON(titles)
            #expect(TitlesJSON.decode(json) == titles)
            #expect(try JSONDecoder().decode([TitleMention].self, from: Data(json.utf8)) == titles)
        }
        #expect(TitlesJSON.decode("[{\"text\":\"x\"") == nil)
        #expect(TitlesJSON.decode("not json") == nil)
    }

    @Test func writtenFormsReadBackAsWritten() {
        func decode(_ json: String) -> [String]? {
            var json = json
            return json.withUTF8 { TitlesJSON.decodeStrings($0) }
        }
        for forms in [[], ["市委统战部"], ["市委统战部", "统战部"], ["“引号\"和\\反斜杠”"]] {
            #expect(decode(SQLiteGraphStore.stringsJSON(forms)) == forms)
        }
        #expect(decode("[\"x\"") == nil)
        #expect(decode("{}") == nil)
    }
}
