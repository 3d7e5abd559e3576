import Foundation
import Testing

@testable import Guanxi

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 8: bad input, interrupted builds and concurrent use never lose data.
/// `guanxi check` on good and damaged stores, store lifecycle (older and newer
/// schemas), the build lock and SIGINT with real processes, and readers while a
/// build writes. The kill test at random points is `scripts/kill-test`.
@Suite(.serialized) struct RobustnessTests {
    // MARK: - guanxi check

    /// Builds the seed store in `dir` and copies it to `path`, with its WAL
    /// if the last commits are still there.
    func copyOfSeedStore(_ dir: TempDir, to path: String) throws {
        _ = try seedStore(in: dir)
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: dir.path("seeds.sqlite" + suffix)) {
            try FileManager.default.copyItem(atPath: dir.path("seeds.sqlite" + suffix), toPath: path + suffix)
        }
    }

    @Test func seedStorePassesCheck() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let report = try seedStore(in: dir).check()
        #expect(report.problems == [], "\(report.problems)")
        #expect(report.checksRun >= 15)
        #expect(report.notes == [])
    }

    @Test(arguments: [
        (
            "UPDATE coappearance SET weight = weight + 1 WHERE rowid = (SELECT min(rowid) FROM coappearance)",
            "coappearance-weight"
        ),
        ("UPDATE mention SET endOffset = 1000000 WHERE id = (SELECT min(id) FROM mention)", "mention-offsets"),
        ("UPDATE mention SET spans = '[[5,3]]' WHERE id = (SELECT min(id) FROM mention)", "mention-spans"),
        (
            "UPDATE coappearance SET articles = json_insert(articles, '$[#]', 999999) WHERE rowid = (SELECT min(rowid) FROM coappearance)",
            "coappearance-articles"
        ),
        (
            "UPDATE coappearance SET articles = '[1,' WHERE rowid = (SELECT min(rowid) FROM coappearance)",
            "coappearance-weight"
        ),
        (
            "DELETE FROM person WHERE id = (SELECT personId FROM post LIMIT 1)",
            "post-person"
        ),
        (
            "UPDATE person SET articleCount = articleCount + 3 WHERE rowid = (SELECT min(rowid) FROM person)",
            "person-counts"
        ),
        (
            "UPDATE mentionPerson SET personId = '甲@无' WHERE mentionId = (SELECT min(mentionId) FROM mentionPerson)",
            "mention-person"
        ),
        (
            "DELETE FROM mentionPerson WHERE mentionId = (SELECT min(mentionId) FROM mentionPerson)",
            "unlinked-mentions"
        ),
        (
            "UPDATE mentionPerson SET date = '1900-01-01' WHERE mentionId = (SELECT min(mentionId) FROM mentionPerson)",
            "mention-person-article"
        ),
        (
            "INSERT INTO mentionPerson VALUES (999999, (SELECT min(id) FROM person), (SELECT min(id) FROM article), NULL)",
            "foreign-keys"
        ),
    ])
    func damagedStoreFailsCheckNamingTheProblem(_ damage: String, _ expected: String) throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let store = try seedStore(in: dir)
        // The sqlite3 shell, as a user would: foreign keys are off there.
        try sqlite3(dir.path("seeds.sqlite"), damage)
        let report = try store.check()
        #expect(report.problems.map(\.check).contains(expected), "\(report.problems)")
        let problem = report.problems.first { $0.check == expected }
        #expect(problem?.count ?? 0 >= 1)

        // The CLI prints it and exits 1.
        let result = try GuanxiCLI.run(["check", "--store", dir.path("seeds.sqlite")], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stdout.contains("problem: \(expected): "), "\(result.stdout)")
        #expect(result.stdout.contains("checks failed"))
    }

    @Test func checkCommandPrintsOkOnAGoodStore() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        _ = try seedStore(in: dir)
        let result = try GuanxiCLI.run(["check", "--store", dir.path("seeds.sqlite")], in: dir.url)
        #expect(result.status == 0, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.hasPrefix("ok: ") && result.stdout.contains("checks passed"))
        let missing = try GuanxiCLI.run(["check", "--store", dir.path("none.sqlite")], in: dir.url)
        #expect(missing.status == 2)
        #expect(!FileManager.default.fileExists(atPath: dir.path("none.sqlite")))
    }

    @Test func stoppedBuildPassesCheckAndTheNextBuildCompletesIt() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let store = try SQLiteGraphStore(path: dir.path("g.sqlite"))
        _ = try GraphBuilder(store: store).build(paths: [GuanxiCLI.seeds.path])
        let reference = try store.counts()
        // A store whose graph is older than its documents: check skips the counts, with a note.
        let fresh = try SQLiteGraphStore(path: dir.path("h.sqlite"))
        var builder = try GraphBuilder(store: fresh)
        builder.shouldStop = { true }
        #expect(throws: GraphBuilder.Interrupted.self) { try builder.build(paths: [GuanxiCLI.seeds.path]) }
        #expect(try fresh.rows("SELECT status FROM build") == [["status": "interrupted"]])
        let report = try fresh.check()
        #expect(report.problems == [])
        #expect(report.notes.contains { $0.contains("interrupted") })
        _ = try GraphBuilder(store: fresh).build(paths: [GuanxiCLI.seeds.path])
        var completed = try fresh.counts()
        completed.lastBuildStatus = reference.lastBuildStatus
        #expect(completed == reference)
        #expect(try fresh.check().problems == [])
    }

    // MARK: - Store lifecycle

    @Test func storeOfSchemaVersion1OpensAndMigrates() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let path = dir.path("old.sqlite")
        do {
            let store = try seedStore(in: dir)
            _ = store
            try FileManager.default.copyItem(atPath: dir.path("seeds.sqlite"), toPath: path)
        }
        // Back to what guanxi 1 wrote: no linkState, the build table without
        // `interrupted`, no jurisdiction counts, user_version 1, two migrations recorded.
        let old = try SQLiteGraphStore(path: path)
        try old.execute(
            """
            DROP TABLE linkState;
            CREATE TABLE oldBuild (
                id INTEGER PRIMARY KEY, startedAt TEXT NOT NULL, finishedAt TEXT,
                status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'failed')), note TEXT);
            INSERT INTO oldBuild SELECT * FROM build;
            PRAGMA foreign_keys = OFF;
            DROP TABLE build;
            ALTER TABLE oldBuild RENAME TO build;
            ALTER TABLE document DROP COLUMN jurisdictionCounts;
            ALTER TABLE document DROP COLUMN readOptions;
            \(Self.evidenceBackInItsTable)
            \(Self.mentionPersonBackInMention)
            DELETE FROM grdb_migrations WHERE identifier NOT IN ('Create documents and articles', 'Create graph');
            PRAGMA user_version = 1;
            """)
        #expect(try old.rows("PRAGMA user_version") == [["user_version": "1"]])

        let migrated = try SQLiteGraphStore(path: path)
        #expect(try migrated.rows("PRAGMA user_version") == [["user_version": "\(SQLiteGraphStore.schemaVersion)"]])
        #expect(try migrated.rows("SELECT count(*) AS n FROM linkState") == [["n": "1"]])
        #expect(try migrated.check().problems == [])
        // The migrated store takes interrupted builds and completes them.
        var builder = try GraphBuilder(store: migrated)
        builder.shouldStop = { true }
        #expect(throws: GraphBuilder.Interrupted.self) { try builder.build(paths: [GuanxiCLI.seeds.path]) }
        let summary = try GraphBuilder(store: migrated).build(paths: [GuanxiCLI.seeds.path])
        let fresh = try SQLiteGraphStore(path: dir.path("fresh.sqlite"))
        let reference = try GraphBuilder(store: fresh).build(paths: [GuanxiCLI.seeds.path])
        #expect(summary.counts.people == reference.counts.people)
        #expect(try migrated.people() == fresh.people())
        #expect(summary.counts.lastBuildStatus == "finished")
    }

    @Test func schema3EvidenceTablesMigrateWithoutRowidsKeepingEveryRow() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let path = dir.path("v3.sqlite")
        try copyOfSeedStore(dir, to: path)
        // Back to the evidence tables of schema 3: rowid tables referencing articles and mentions.
        let old = try SQLiteGraphStore(path: path)
        let edges = try old.rows("SELECT count(*) AS n FROM coappearanceArticle")
        let posts = try old.rows("SELECT count(*) AS n FROM postArticle")
        #expect(edges != [["n": "0"]] && posts != [["n": "0"]])
        try old.execute(
            Self.evidenceBackInItsTable + """
                CREATE TABLE v3 (personA TEXT NOT NULL, personB TEXT NOT NULL,
                    articleId INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                    PRIMARY KEY (personA, personB, articleId),
                    FOREIGN KEY (personA, personB) REFERENCES coappearance(personA, personB) ON DELETE CASCADE);
                INSERT INTO v3 SELECT * FROM coappearanceArticle;
                DROP TABLE coappearanceArticle;
                ALTER TABLE v3 RENAME TO coappearanceArticle;
                CREATE TABLE v3p (postId TEXT NOT NULL REFERENCES post(id) ON DELETE CASCADE,
                    articleId INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
                    mentionId INTEGER NOT NULL REFERENCES mention(id) ON DELETE CASCADE, PRIMARY KEY (postId, articleId));
                INSERT INTO v3p SELECT * FROM postArticle;
                DROP TABLE postArticle;
                ALTER TABLE v3p RENAME TO postArticle;
                DELETE FROM grdb_migrations WHERE identifier IN ('Keep evidence without rowids', \(Self.schema6));
                PRAGMA user_version = 3;
                """)

        let migrated = try SQLiteGraphStore(path: path)
        #expect(try migrated.rows("PRAGMA user_version") == [["user_version": "\(SQLiteGraphStore.schemaVersion)"]])
        #expect(try migrated.rows("SELECT count(*) AS n FROM coappearanceArticle") == edges)
        #expect(try migrated.rows("SELECT count(*) AS n FROM postArticle") == posts)
        let definition = try migrated.rows("SELECT sql FROM sqlite_master WHERE name = 'postArticle'")
        #expect(definition.count == 1 && (definition[0]["sql"] ?? nil)?.hasSuffix("WITHOUT ROWID") == true)
        #expect(
            try migrated.rows("SELECT type FROM sqlite_master WHERE name = 'coappearanceArticle'") == [["type": "view"]]
        )
        #expect(try migrated.check().problems == [])
    }

    /// The identifier of schema 6's migration, quoted for SQL.
    static let schema6 = "'Keep each edge''s articles in the edge'"
    static let schema9 = "'Keep each person''s articles by date'"

    /// Puts each edge's articles back in a `coappearanceArticle` table, a row
    /// each, as schemas 4 and 5 kept them.
    static let evidenceBackInItsTable = """
        PRAGMA foreign_keys = OFF;
        DROP VIEW coappearanceArticle;
        CREATE TABLE coappearanceArticle (
            personA TEXT NOT NULL, personB TEXT NOT NULL, articleId INTEGER NOT NULL,
            PRIMARY KEY (personA, personB, articleId)) WITHOUT ROWID;
        INSERT INTO coappearanceArticle SELECT c.personA, c.personB, j.value FROM coappearance c, json_each(c.articles) j;
        ALTER TABLE coappearance DROP COLUMN articles;

        """

    @Test func schema5EvidenceRowsMoveIntoTheirEdgesKeepingEveryArticle() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let path = dir.path("v5.sqlite")
        try copyOfSeedStore(dir, to: path)
        let evidenceSQL = "SELECT personA, personB, articleId FROM coappearanceArticle ORDER BY 1, 2, 3"
        let old = try SQLiteGraphStore(path: path)
        let evidence = try old.rows(evidenceSQL)
        #expect(evidence.count > 20)
        try old.execute(
            Self.evidenceBackInItsTable + """
                DELETE FROM grdb_migrations WHERE identifier = \(Self.schema6);
                PRAGMA user_version = 5;
                """)
        #expect(
            try old.rows("SELECT type FROM sqlite_master WHERE name = 'coappearanceArticle'") == [["type": "table"]])
        #expect(try old.rows(evidenceSQL) == evidence)

        let migrated = try SQLiteGraphStore(path: path)
        #expect(try migrated.rows("PRAGMA user_version") == [["user_version": "\(SQLiteGraphStore.schemaVersion)"]])
        #expect(
            try migrated.rows("SELECT type FROM sqlite_master WHERE name = 'coappearanceArticle'") == [["type": "view"]]
        )
        #expect(try migrated.rows(evidenceSQL) == evidence)
        #expect(try migrated.check().problems == [])
        #expect(try migrated.isLinked(options: LinkOptions(), curation: .none))
    }

    /// Puts each mention's person back in `mention.personId`, as schema 4 kept it.
    static let mentionPersonBackInMention = """
        PRAGMA foreign_keys = OFF;
        ALTER TABLE mention ADD COLUMN personId TEXT REFERENCES person(id) ON DELETE SET NULL;
        UPDATE mention SET personId = (SELECT mp.personId FROM mentionPerson mp WHERE mp.mentionId = mention.id);
        CREATE INDEX mention_on_personId ON mention(personId);
        DROP TABLE mentionPerson;
        """

    @Test func schema4MentionPeopleMoveToTheirOwnTableKeepingEveryLink() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let path = dir.path("v4.sqlite")
        try copyOfSeedStore(dir, to: path)
        let linksSQL =
            "SELECT m.id, mp.personId FROM mention m LEFT JOIN mentionPerson mp ON mp.mentionId = m.id ORDER BY m.id"
        let old = try SQLiteGraphStore(path: path)
        let links = try old.rows(linksSQL)
        #expect(links.contains { $0["personId"] != .some(nil) } && links.contains { $0["personId"] == .some(nil) })
        try old.execute(
            Self.evidenceBackInItsTable + Self.mentionPersonBackInMention + """
                DELETE FROM grdb_migrations
                    WHERE identifier IN ('Keep each mention''s person apart', \(Self.schema6), \(Self.schema9));
                PRAGMA user_version = 4;
                """)
        #expect(try old.rows("SELECT count(*) AS n FROM sqlite_master WHERE name = 'mentionPerson'") == [["n": "0"]])

        let migrated = try SQLiteGraphStore(path: path)
        #expect(try migrated.rows("PRAGMA user_version") == [["user_version": "\(SQLiteGraphStore.schemaVersion)"]])
        #expect(try migrated.rows(linksSQL) == links)
        #expect(try migrated.rows("SELECT name FROM pragma_table_info('mention') WHERE name = 'personId'").isEmpty)
        #expect(try migrated.check().problems == [])
        #expect(try migrated.isLinked(options: LinkOptions(), curation: .none))
    }

    @Test func schema8MentionPeopleGainTheirArticlesAndDates() throws {
        let dir = try TempDir()
        let path = dir.path("v8.sqlite")
        try copyOfSeedStore(dir, to: path)
        let old = try SQLiteGraphStore(path: path)
        let busiest = try #require(try old.people().max { ($0.articleCount, $1.id) < ($1.articleCount, $0.id) })
        let articles = try old.articles(naming: [busiest.id], filter: GraphFilter(), bodies: false)
        let linksSQL = "SELECT mentionId, personId FROM mentionPerson ORDER BY mentionId"
        let links = try old.rows(linksSQL)
        try old.execute(
            """
            PRAGMA foreign_keys = OFF;
            CREATE TABLE oldMentionPerson (
                mentionId INTEGER PRIMARY KEY REFERENCES mention(id) ON DELETE CASCADE,
                personId TEXT NOT NULL
            );
            INSERT INTO oldMentionPerson SELECT mentionId, personId FROM mentionPerson;
            DROP TABLE mentionPerson;
            ALTER TABLE oldMentionPerson RENAME TO mentionPerson;
            CREATE INDEX mentionPerson_on_personId ON mentionPerson(personId);
            DELETE FROM grdb_migrations WHERE identifier = \(Self.schema9);
            PRAGMA user_version = 8;
            """)

        let migrated = try SQLiteGraphStore(path: path)
        #expect(try migrated.rows("PRAGMA user_version") == [["user_version": "\(SQLiteGraphStore.schemaVersion)"]])
        #expect(try migrated.rows(linksSQL) == links)
        #expect(try migrated.check().problems == [])
        #expect(
            try migrated.articles(naming: [busiest.id], filter: GraphFilter(), bodies: false, latest: 2)
                == articles.suffix(2))
        #expect(try migrated.articleTally(naming: [busiest.id], filter: GraphFilter()).count == articles.count)
    }

    @Test func schema6LetsGoOfTheMentionsNameIndexAndStillExplainsADroppedName() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let path = dir.path("v6.sqlite")
        try copyOfSeedStore(dir, to: path)
        let indexSQL = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'mention' ORDER BY name"
        let old = try SQLiteGraphStore(path: path)
        let name = try #require(
            try old.rows("SELECT name FROM mention WHERE inName = 0 ORDER BY id LIMIT 1").first?["name"] ?? nil)
        try old.execute(
            """
            CREATE INDEX mention_on_name ON mention(name);
            DELETE FROM grdb_migrations WHERE identifier = 'Find mentions by name through their people';
            PRAGMA user_version = 6;
            """)
        #expect(try old.rows(indexSQL).contains(["name": "mention_on_name"]))

        let migrated = try SQLiteGraphStore(path: path)
        #expect(try migrated.rows("PRAGMA user_version") == [["user_version": "\(SQLiteGraphStore.schemaVersion)"]])
        #expect(try migrated.rows(indexSQL) == [["name": "mention_on_articleId_position"]])
        #expect(try migrated.check().problems == [])
        // A name curation drops is still explained with every mention it had, found by a scan.
        let mentions = try migrated.rows("SELECT count(*) AS n FROM mention WHERE name = '\(name)'")
        _ = try migrated.relink(
            options: LinkOptions(), curation: Curation.parse("not-a-person\t\(name)\n", file: "curation.tsv"))
        let dropped = try #require(try migrated.explain(name: name).last)
        #expect(dropped.person == nil)
        #expect([["n": "\(dropped.mentions.count)"]] == mentions)
    }

    @Test func aNewStoreHas16KiBPagesAndAnOlderOneKeepsItsOwn() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        _ = try seedStore(in: dir)
        #expect(try sqlite3(dir.path("seeds.sqlite"), "PRAGMA page_size") == "16384\n")
        // A store begun with SQLite's default pages, as guanxi made them before.
        let old = dir.path("old.sqlite")
        #expect(
            try sqlite3(old, "PRAGMA page_size = 4096; PRAGMA journal_mode = WAL; CREATE TABLE t (x); DROP TABLE t;")
                == "wal\n")
        let store = try SQLiteGraphStore(path: old)
        let summary = try GraphBuilder(store: store).build(paths: [GuanxiCLI.seeds.path])
        #expect(summary.counts.people > 0)
        #expect(try sqlite3(old, "PRAGMA page_size") == "4096\n")
        #expect(try store.check().problems == [])
        #expect(try store.people() == SQLiteGraphStore(path: dir.path("seeds.sqlite")).people())
    }

    @Test func newerSchemaIsRefusedByTheCLIWithoutWriting() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let path = dir.path("new.sqlite")
        try SQLiteGraphStore(path: path).execute("PRAGMA user_version = 42")
        // Compared as content: GRDB's pool writes an empty transaction on open
        // when there is no WAL file, so the bytes of the file may change.
        let before = try sqlite3(path, ".dump")
        for arguments in [["stats"], ["check"], ["build", GuanxiCLI.seeds.path]] {
            let result = try GuanxiCLI.run(arguments + ["--store", path], in: dir.url)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.contains("newer guanxi"), "\(result.stderr)")
        }
        #expect(try sqlite3(path, ".dump") == before)
        #expect(try sqlite3(path, "PRAGMA user_version") == "42\n")
    }

    @Test func nonSQLiteStoreIsRefusedByBuildAndCheckAndLeftUntouched() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let path = try dir.write("notes.sqlite", "not a database\n")
        for arguments in [["check"], ["build", GuanxiCLI.seeds.path]] {
            let result = try GuanxiCLI.run(arguments + ["--store", path], in: dir.url)
            #expect(result.status == 2)
            #expect(result.stderr.contains("not an SQLite database"))
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "not a database\n")
    }

    // MARK: - One writer, many readers

    @Test func writeLockRefusesASecondHolderAndIsReleased() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let path = dir.path("g.sqlite")
        let first = try SQLiteGraphStore.lockForWriting(path: path)
        let error = #expect(throws: StoreError.self) { try SQLiteGraphStore.lockForWriting(path: path) }
        #expect(error?.message.contains("another guanxi build is writing to \(path) (pid \(getpid()))") == true)
        first.release()
        let again = try SQLiteGraphStore.lockForWriting(path: path)
        again.release()
    }

    @Test func secondBuildRefusesWhileReadersReadDuringABuild() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let corpus = try RobustnessCorpus.make(in: dir, size: "3MB")
        let store = dir.path("g.sqlite")
        // People to look up while the corpus is written.
        #expect(try GuanxiCLI.run(["build", GuanxiCLI.seeds.path, "--store", store], in: dir.url).status == 0)

        let build = try BackgroundGuanxi(["build", corpus, "--store", store], in: dir)
        try build.waitForOutput(timeout: 30) { try documentCount(store) > 5 }
        #expect(build.isRunning, "the build ended too soon to test concurrency")

        let second = try GuanxiCLI.run(["build", corpus, "--store", store], in: dir.url)
        #expect(second.status == 2)
        #expect(
            second.stderr.contains(
                "another guanxi build is writing to \(store) (pid \(build.pid)); wait for it or use another --store"),
            "\(second.stderr)")
        for arguments in [["stats"], ["person", "金政"], ["check"]] {
            let read = try GuanxiCLI.run(arguments + ["--store", store], in: dir.url)
            #expect(read.status == 0, "\(arguments): \(read.stderr)")
        }
        let status = build.wait(timeout: 120)
        #expect(status == 0, "\(build.stderr)")
        let check = try GuanxiCLI.run(["check", "--store", store], in: dir.url)
        #expect(check.status == 0, "\(check.stdout)")
    }

    @Test func sigintStopsABuildWhichTheNextBuildCompletes() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let corpus = try RobustnessCorpus.make(in: dir, size: "3MB")
        let reference = dir.path("reference.sqlite")
        #expect(try GuanxiCLI.run(["build", corpus, "--store", reference], in: dir.url, timeout: 120).status == 0)

        let store = dir.path("g.sqlite")
        // A first build commits every 32 MB of pages; this corpus is 3 MB.
        let build = try BackgroundGuanxi(["build", corpus, "--store", store, "--bulk-commit-kb", "64"], in: dir)
        try build.waitForOutput(timeout: 30) { try documentCount(store) > 5 }
        kill(build.pid, SIGINT)
        let status = build.wait(timeout: 60)
        #expect(status == 130, "\(build.stderr)")
        #expect(build.stderr.contains("interrupted; run the same build again to complete it"), "\(build.stderr)")
        let stopped = try SQLiteGraphStore(path: store, create: false)
        #expect(try stopped.rows("SELECT status FROM build") == [["status": "interrupted"]])
        #expect(try stopped.check().problems == [])

        let again = try GuanxiCLI.run(["build", corpus, "--store", store], in: dir.url, timeout: 120)
        #expect(again.status == 0, "\(again.stderr)")
        let people = "SELECT id FROM person ORDER BY id"
        #expect(try stopped.rows(people) == SQLiteGraphStore(path: reference, create: false).rows(people))
        #expect(try stopped.check().problems == [])
    }
}

/// Runs `sql` with the sqlite3 shell on the database at `path`; returns what it printed.
@discardableResult
func sqlite3(_ path: String, _ sql: String) throws -> String {
    let process = Process()
    let pipe = Pipe()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sqlite3", path, sql]
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "sqlite3 \(sql) failed")
    return String(decoding: output, as: UTF8.self)
}

/// Documents stored so far (0 while the store does not exist yet).
func documentCount(_ path: String) throws -> Int {
    guard FileManager.default.fileExists(atPath: path) else { return 0 }
    let store = try SQLiteGraphStore(path: path, create: false)
    return Int(try store.rows("SELECT count(*) AS n FROM document").first?["n"].flatMap { $0 } ?? "0") ?? 0
}

/// A synthetic corpus made by `scripts/synth-corpus`.
enum RobustnessCorpus {
    static func make(in dir: TempDir, size: String) throws -> String {
        let out = dir.path("corpus")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", GuanxiCLI.root.appendingPathComponent("scripts/synth-corpus").path, out,
            "--size", size, "--seed", "5",
        ]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "synth-corpus failed")
        return out
    }
}

/// `guanxi` running in the background, its stderr captured to a file.
final class BackgroundGuanxi {
    let process = Process()
    let errURL: URL

    init(_ arguments: [String], in dir: TempDir) throws {
        errURL = dir.url.appendingPathComponent("background-\(UUID().uuidString).err")
        guard FileManager.default.createFile(atPath: errURL.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: errURL.path])
        }
        process.executableURL = try GuanxiCLI.executable()
        process.arguments = arguments
        process.currentDirectoryURL = dir.url
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }
    var stderr: String { (try? String(contentsOf: errURL, encoding: .utf8)) ?? "" }

    /// Polls `ready` until it holds; records an issue, with what the process
    /// printed, if it ends or `timeout` passes first.
    func waitForOutput(timeout: TimeInterval, _ ready: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline {
            if (try? ready()) == true { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("guanxi \(process.arguments ?? []) ended or timed out before it was ready: \(stderr)")
    }

    /// Waits for the exit status; kills the process after `timeout` seconds.
    func wait(timeout: TimeInterval) -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            kill(pid, SIGKILL)
            Issue.record("guanxi \(process.arguments ?? []) ran longer than \(timeout) s")
        }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
