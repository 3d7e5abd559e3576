import Foundation
import Testing

@testable import Guanxi

/// Building files into a store: idempotence, increments, changes, kills, curation, dry runs.
@Suite struct BuildTests {
    let pipeline = FixturePipeline(
        titles: [
            "市委书记": ("书记", "中共永康市委", "永康市", false),
            "副市长": ("副市长", "永康市人民政府", "永康市", false),
            "县委书记": ("书记", "中共武义县委", "武义县", false),
            "县长": ("县长", "武义县人民政府", "武义县", false),
        ],
        names: ["吴一凡": .official, "甄小明": .official, "柏青山": .official, "钟笔": .journalist])

    static let yongkang = """
        2018-03-01
        市委书记吴一凡主持会议，副市长甄小明参加。
        ===
        2018-03-02
        吴一凡调研，记者钟笔报道。
        """
    static let wuyi = """
        2018-03-05
        县委书记柏青山、县长甄小明出席。
        """

    func corpus() throws -> (TempDir, yk: String, wy: String) {
        let dir = try TempDir()
        try dir.write("yk/a.txt", Self.yongkang)
        try dir.write("wy/b.txt", Self.wuyi)
        return (dir, dir.path("yk"), dir.path("wy"))
    }

    #if os(Linux)
        @Test func anExtractionWorkerYieldsToTheWriterOnceAndOtherThreadsKeepTheirPriority() {
            // The nice value of this thread (0: the calling thread).
            @Sendable func nice() -> Int32 { getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) }
            let before = nice()
            nonisolated(unsafe) var lowered: [Int32] = []
            let done = DispatchSemaphore(value: 0)
            Thread {
                WriterPriority.yieldToWriter()
                lowered.append(nice())
                WriterPriority.yieldToWriter()  // a second call changes nothing
                lowered.append(nice())
                done.signal()
            }.start()
            done.wait()
            let expected = max(before, WriterPriority.workerNice)  // a new thread starts at its parent’s value
            #expect(lowered == [expected, expected])
            #expect(nice() == before)
        }
    #endif

    @Test func buildLinksTheCorpus() throws {
        let (dir, yk, wy) = try corpus()
        defer { dir.cleanUp() }
        let store = try SQLiteGraphStore(path: dir.path("g.sqlite"))
        var reports: [BuildProgress] = []
        let summary = try pipeline.builder(store).build(paths: [yk, wy]) { reports.append($0) }
        // Progress comes after each batch of files: increasing, ending at the total.
        #expect(reports.map(\.filesDone) == reports.map(\.filesDone).sorted())
        #expect(reports.last?.filesDone == 2 && reports.last?.filesTotal == 2)
        #expect(reports.last?.articles == 3)
        #expect((summary.documentsAdded, summary.articlesRead, summary.skipped.count) == (2, 3, 0))
        #expect(try store.people().map(\.id) == ["吴一凡@永康市", "柏青山@武义县", "甄小明@武义县", "甄小明@永康市", "钟笔@journalist:永康市"])
        #expect(summary.counts.peopleByKind == [.official: 4, .journalist: 1])
        #expect(summary.counts.coappearances == 2)
        #expect(summary.counts.posts == 4)
        #expect(summary.counts.lastBuildStatus == "finished")
    }

    /// Several papers given as one folder: a page that names no place takes
    /// the home of its own paper's folder, not of the busiest paper.
    @Test func aPageWithNoHomeTakesItsFoldersHome() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        try dir.write("corpus/yk/a.txt", "2018-03-01\n市委书记吴一凡主持会议，副市长甄小明参加。")
        try dir.write("corpus/yk/c.txt", "2018-03-09\n甄小明调研。")
        for (file, day) in [("b", "05"), ("d", "06"), ("e", "07")] {
            try dir.write("corpus/wy/\(file).txt", "2018-03-\(day)\n县委书记柏青山、县长甄小明出席。")
        }
        let store = try SQLiteGraphStore(path: dir.path("g.sqlite"))
        _ = try pipeline.builder(store).build(paths: [dir.path("corpus")])
        // 武义县 is named most in the corpus; the untitled 甄小明 is on a page of yk/.
        let untitled = try store.rows(
            """
            SELECT mp.personId FROM mention m JOIN mentionPerson mp ON mp.mentionId = m.id
                JOIN article a ON a.id = m.articleId JOIN document d ON d.id = a.documentId
            WHERE d.path LIKE '%/yk/c.txt'
            """)
        #expect(untitled == [["personId": "甄小明@永康市"]])
    }

    @Test func rebuildingTheSameFilesChangesNothing() throws {
        let (dir, yk, wy) = try corpus()
        defer { dir.cleanUp() }
        let store = try SQLiteGraphStore(path: dir.path("g.sqlite"))
        let first = try pipeline.builder(store).build(paths: [yk, wy])
        let people = try store.people()
        let edges = try store.rows("SELECT * FROM coappearance ORDER BY personA, personB")
        let second = try pipeline.builder(store).build(paths: [yk, wy])
        #expect((second.documentsAdded, second.documentsReplaced, second.documentsUnchanged) == (0, 0, 2))
        #expect(second.counts == first.counts)
        #expect(try store.people() == people)
        #expect(try store.rows("SELECT * FROM coappearance ORDER BY personA, personB") == edges)
        // Nothing the graph depends on changed: it is not linked again.
        #expect(first.relinked && !second.relinked)
    }

    @Test func aNewCurationRelinksUnchangedFiles() throws {
        let (dir, yk, wy) = try corpus()
        defer { dir.cleanUp() }
        let store = try SQLiteGraphStore(path: dir.path("g.sqlite"))
        _ = try pipeline.builder(store).build(paths: [yk, wy])
        var options = GraphBuilder.Options()
        options.curation = Curation.parse("rename\t吴一凡@永康市\t吴逸凡\n", file: "curation.tsv")
        let again = try pipeline.builder(store, options).build(paths: [yk, wy])
        #expect(again.documentsUnchanged == 2 && again.relinked)
        #expect(try store.people().contains { $0.name == "吴逸凡" })
    }

    @Test func newFilesAddToTheGraph() throws {
        let (dir, yk, wy) = try corpus()
        defer { dir.cleanUp() }
        let store = try SQLiteGraphStore(path: dir.path("g.sqlite"))
        let first = try pipeline.builder(store).build(paths: [yk])
        #expect((first.counts.documents, first.counts.people) == (1, 3))
        let second = try pipeline.builder(store).build(paths: [yk, wy])
        #expect((second.documentsAdded, second.documentsUnchanged) == (1, 1))
        #expect((second.counts.documents, second.counts.articles, second.counts.people) == (2, 3, 5))
        #expect(try store.people().filter { $0.name == "吴一凡" }.map(\.articleCount) == [2])
    }

    @Test func aChangedFileReplacesItsArticles() throws {
        let (dir, yk, wy) = try corpus()
        defer { dir.cleanUp() }
        let store = try SQLiteGraphStore(path: dir.path("g.sqlite"))
        _ = try pipeline.builder(store).build(paths: [yk, wy])
        try dir.write("yk/a.txt", "2018-04-01\n市委书记吴一凡讲话。\n")
        let summary = try pipeline.builder(store).build(paths: [yk, wy])
        #expect((summary.documentsReplaced, summary.documentsUnchanged) == (1, 1))
        #expect((summary.counts.documents, summary.counts.articles) == (2, 2))
        #expect(try store.people().map(\.id) == ["吴一凡@永康市", "柏青山@武义县", "甄小明@武义县"])
        #expect(try store.people().first?.firstDate == "2018-04-01")
        #expect(summary.counts.coappearances == 1)
    }

    @Test func aKilledBuildIsCompletedByTheNextOne() throws {
        let (dir, yk, wy) = try corpus()
        defer { dir.cleanUp() }
        let reference = try SQLiteGraphStore(path: dir.path("reference.sqlite"))
        let expected = try pipeline.builder(reference).build(paths: [yk, wy])

        let store = try SQLiteGraphStore(path: dir.path("g.sqlite"))
        var killed = pipeline.builder(store)
        killed.stopAfterDocuments = 1
        #expect(throws: GraphBuilder.SimulatedKill.self) { try killed.build(paths: [yk, wy]) }
        let halfway = try store.counts()
        #expect((halfway.documents, halfway.articles, halfway.people) == (1, 2, 0))
        #expect(halfway.lastBuildStatus == "running")
        // The documents were written but never linked: the next build must link them.
        #expect(try !store.isLinked(options: LinkOptions(), curation: .none))

        let resumed = try pipeline.builder(store).build(paths: [yk, wy])
        #expect((resumed.documentsAdded, resumed.documentsUnchanged) == (1, 1))
        var counts = resumed.counts
        counts.lastBuildStatus = expected.counts.lastBuildStatus
        #expect(counts == expected.counts)
        #expect(try store.people() == reference.people())
    }

    @Test func curationMergesSplitsRenamesAndDropsOnEveryBuild() throws {
        let (dir, yk, wy) = try corpus()
        defer { dir.cleanUp() }
        let curation = Curation.parse(
            """
            # invented corrections
            merge\t甄小明@永康市\t甄小明@武义县
            split\t吴一凡\tby-date\t2018-03-02
            rename\t柏青山@武义县\t柏青山（县委）
            not-a-person\t钟笔
            merge\t无此人\t吴一凡
            split\t吴一凡\tsometimes
            """, file: "curation.tsv")
        let store = try SQLiteGraphStore(path: dir.path("g.sqlite"))
        let options = GraphBuilder.Options(curation: curation)
        let summary = try pipeline.builder(store, options).build(paths: [yk, wy])
        let people = try store.people()
        #expect(people.map(\.id) == ["吴一凡@永康市", "吴一凡@永康市~2018-03-02", "柏青山@武义县", "甄小明@永康市"])
        #expect(people.map(\.name) == ["吴一凡", "吴一凡", "柏青山（县委）", "甄小明"])
        #expect(people.last?.articleCount == 2)
        #expect(
            summary.curationProblems.map(\.description) == [
                "curation.tsv:7: "
                    + "wrong number of fields for split: expected merge⇥A⇥B, split⇥NAME⇥by-date⇥DATE, "
                    + "split⇥NAME⇥by-jurisdiction, rename⇥ID⇥NAME or not-a-person⇥NAME",
                "curation.tsv:6: unknown person “无此人”",
            ])
        let merge = try store.explain(name: "甄小明").flatMap(\.decisions).filter { $0.rule == "curation:2" }
        #expect(merge.map(\.action) == ["merge"])
        #expect(merge.first?.reason.hasPrefix("merged 甄小明@武义县 into 甄小明@永康市") == true)
        let dropped = try store.explain(name: "钟笔")
        #expect(dropped.count == 1 && dropped.first?.person == nil)
        #expect(dropped.first?.decisions.map(\.rule) == ["single-article", "curation:5"])
        #expect(dropped.first?.mentions.count == 1)
        // Coappearance follows the curated people: 甄小明 now meets both 吴一凡 and 柏青山.
        #expect(summary.counts.coappearances == 2)

        let again = try pipeline.builder(store, options).build(paths: [yk, wy])
        #expect(again.counts == summary.counts)
        #expect(try store.people() == people)
    }

    /// Linking runs one name at a time and rewrites only what changed: a merge
    /// of two different names (curated names wait for the end of the pass)
    /// and its removal give back exactly the graph of a store never curated.
    @Test func curatedMergeOfTwoNamesAndItsRemovalLeaveNoTrace() throws {
        let (dir, yk, wy) = try corpus()
        defer { dir.cleanUp() }
        let reference = try SQLiteGraphStore(path: dir.path("reference.sqlite"))
        _ = try pipeline.builder(reference).build(paths: [yk, wy])
        func links(_ store: SQLiteGraphStore) throws -> [[String: String?]] {
            try store.rows(
                "SELECT d.path, a.position, m.position, mp.personId FROM mention m "
                    + "LEFT JOIN mentionPerson mp ON mp.mentionId = m.id JOIN article a ON a.id = m.articleId JOIN document d ON d.id = a.documentId ORDER BY 1, 2, 3"
            )
        }

        let store = try SQLiteGraphStore(path: dir.path("g.sqlite"))
        let merged = try pipeline.builder(
            store,
            .init(
                curation: Curation.parse(
                    "merge\t柏青山@武义县\t甄小明@武义县\n", file: "c.tsv"))
        ).build(paths: [yk, wy])
        #expect(merged.curationProblems.isEmpty)
        #expect(try store.people().map(\.id) == reference.people().map(\.id).filter { $0 != "甄小明@武义县" })
        let joined = try store.rows(
            "SELECT DISTINCT m.name FROM mention m JOIN mentionPerson mp ON mp.mentionId = m.id "
                + "WHERE mp.personId = '柏青山@武义县' ORDER BY 1")
        #expect(joined == [["name": "柏青山"], ["name": "甄小明"]])
        #expect(try store.check().problems == [])

        let undone = try pipeline.builder(store).build(paths: [yk, wy])
        #expect(undone.relinked && undone.documentsUnchanged == 2)
        #expect(try store.people() == reference.people())
        #expect(try links(store) == links(reference))
        #expect(
            try store.rows("SELECT personA, personB, weight FROM coappearance ORDER BY 1, 2")
                == reference.rows("SELECT personA, personB, weight FROM coappearance ORDER BY 1, 2"))
        #expect(try store.check().problems == [])
    }

    @Test(arguments: [1, 5, 100_000])
    func linkingNamesInChunksOfAnySizeGivesTheSameGraph(_ chunkMentions: Int) throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let store = try seedStore(in: dir)
        func graph() throws -> [[[String: String?]]] {
            try [
                "person", "post", "postArticle", "coappearance", "coappearanceArticle", "organization",
                "mentionPerson", "linkDecision",
            ].map { try store.rows("SELECT * FROM \($0) ORDER BY 1, 2") }
        }
        // With a curated name among them: its group waits for the end while the others go by in chunks.
        let curation = Curation.parse("rename\t金政@永康市\t金正\n", file: "c.tsv")
        _ = try store.relink(options: LinkOptions(), curation: curation)
        let whole = try graph()
        #expect(whole[0].count > 30 && whole[6].count > 50)
        #expect(whole[0].contains { $0["name"] == "金正" })
        let report = try store.relink(options: LinkOptions(), curation: curation, chunkMentions: chunkMentions)
        #expect(report.curationProblems.isEmpty)
        #expect(try graph() == whole)
        #expect(try store.check().problems == [])
    }

    @Test func aRelinkUnlinksTheMentionsOfAPersonCurationDropsAndLinksThemAgain() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let store = try seedStore(in: dir)
        let links = "SELECT mentionId, personId FROM mentionPerson ORDER BY mentionId"
        let before = try store.rows(links)
        // The person named most often, who holds the lowest mention id too.
        let most = try store.rows(
            """
            SELECT personId, count(*) AS n, min(mentionId) AS first FROM mentionPerson GROUP BY personId ORDER BY n DESC LIMIT 1
            """)[0]
        let id = most["personId"]!!, name = String(id.prefix { $0 != "@" })
        #expect(Int(most["n"]!!)! > 3)
        let report = try store.relink(
            options: LinkOptions(), curation: Curation.parse("not-a-person\t\(id)\n", file: "c.tsv"))
        #expect(report.curationProblems.isEmpty)
        let after = try store.rows(links)
        #expect(after.count == before.count - Int(most["n"]!!)!)
        #expect(!after.contains { $0["personId"]!! == id })
        #expect(try store.rows("SELECT id FROM person WHERE id = '\(id)'").isEmpty)
        #expect(try store.rows("SELECT count(*) AS n FROM mention WHERE name = '\(name)'")[0]["n"]!! != "0")
        #expect(try store.check().problems == [])
        _ = try store.relink(options: LinkOptions(), curation: .none)
        #expect(try store.rows(links) == before)
        // The lowest mention id linked, unlinked and linked again: the first
        // row of the relink's table counts like any other.
        let first = try store.rows("SELECT min(id) AS id FROM mention")[0]["id"]!!
        let firstPerson = try store.rows("SELECT personId FROM mentionPerson WHERE mentionId = \(first)")[0][
            "personId"]!!
        _ = try store.relink(
            options: LinkOptions(), curation: Curation.parse("not-a-person\t\(firstPerson)\n", file: "c.tsv"))
        #expect(try store.rows("SELECT * FROM mentionPerson WHERE mentionId = \(first)").isEmpty)
        _ = try store.relink(options: LinkOptions(), curation: .none)
        #expect(try store.rows(links) == before)
    }

    @Test func articlesAndDocumentsNumberedFarApartLinkAsDenselyNumberedOnesDo() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let store = try seedStore(in: dir)
        func graph() throws -> [[[String: String?]]] {
            // Every column but those holding article ids.
            try ["person", "post", "coappearance", "organization", "mentionPerson", "linkDecision"]
                .map {
                    try store.rows("SELECT * FROM \($0) ORDER BY 1, 2").map {
                        $0.filter { $0.key != "articles" && $0.key != "articleId" }
                    }
                }
        }
        let dense = try graph()
        #expect(dense[0].count > 30 && dense[2].count > 5)
        // Article and document ids a thousand apart: the relink's tables of
        // them are then kept by id, not as arrays.
        try store.execute(
            """
            PRAGMA defer_foreign_keys = ON;
            UPDATE document SET id = id * 1000 + 3;
            UPDATE article SET documentId = documentId * 1000 + 3;
            UPDATE article SET id = id * 1000 + 7;
            UPDATE mention SET articleId = articleId * 1000 + 7;
            UPDATE mentionPerson SET articleId = articleId * 1000 + 7;
            UPDATE organizationMention SET articleId = articleId * 1000 + 7;
            UPDATE postArticle SET articleId = articleId * 1000 + 7;
            UPDATE coappearance SET articles = (SELECT json_group_array(j.value * 1000 + 7) FROM json_each(articles) j);
            """)
        _ = try store.relink(options: LinkOptions(), curation: .none)
        #expect(try graph() == dense)
        #expect(try store.check().problems == [])
    }

    @Test func batchesHoldAboutFourMegabytesOfPages() {
        #expect(GraphBuilder.nextBatchSize(files: 32, bytes: 32 * 3_000) == 1_024)  // e-paper text pages
        #expect(GraphBuilder.nextBatchSize(files: 64, bytes: 64 * 65_536) == 64)
        #expect(GraphBuilder.nextBatchSize(files: 16, bytes: 16 * 16_000_000) == 16)  // pages at the size limit
        #expect(GraphBuilder.nextBatchSize(files: 32, bytes: 0) == 1_024)  // all skipped
    }

    @Test func dryRunReportsChangesAndWritesNothing() throws {
        let (dir, yk, wy) = try corpus()
        defer { dir.cleanUp() }
        let store = try SQLiteGraphStore(path: dir.path("g.sqlite"))
        let built = try pipeline.builder(store).build(paths: [yk])
        let curation = Curation.parse("rename\t吴一凡@永康市\t吴一帆\n", file: "c.tsv")
        let (summary, diff) = try pipeline.builder(store, .init(curation: curation)).dryRun(paths: [yk, wy])
        #expect(summary.documentsAdded == 1)
        #expect(diff.before == built.counts)
        #expect(diff.after.documents == 2)
        #expect(diff.addedPeople.map(\.id) == ["柏青山@武义县", "甄小明@武义县"])
        #expect(diff.removedPeople.isEmpty)
        #expect(diff.changedPeople.map { "\($0.before.name)→\($0.after.name)" } == ["吴一凡→吴一帆"])
        #expect(try store.counts() == built.counts)
        #expect(try store.people().map(\.name).contains("吴一凡"))
    }

    @Test func missingInputsAreSkippedAndTheRestIsBuilt() throws {
        let (dir, yk, _) = try corpus()
        defer { dir.cleanUp() }
        let store = try SQLiteGraphStore(path: dir.path("g.sqlite"))
        let summary = try pipeline.builder(store).build(paths: [yk, dir.path("nowhere")])
        #expect(summary.skipped.map(\.path) == [dir.path("nowhere")])
        #expect(summary.skipped.first?.reason.hasPrefix("not found") == true)
        #expect(summary.counts.documents == 1)
    }

    @Test func institutionMentionsPointAtTheirInstitutionAsSoonAsWritten() throws {
        let seeds = GuanxiCLI.seeds.path
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let reference = try SQLiteGraphStore(path: dir.path("reference.sqlite"))
        _ = try GraphBuilder(store: reference).build(paths: [seeds])
        // Every page written, none linked yet.
        let store = try SQLiteGraphStore(path: dir.path("g.sqlite"))
        var killed = try GraphBuilder(store: store)
        killed.stopAfterDocuments = 5
        #expect(throws: GraphBuilder.SimulatedKill.self) { try killed.build(paths: [seeds]) }
        let mentions = try store.rows("SELECT count(*) AS n FROM organizationMention").first?["n"] ?? nil
        #expect(Int(mentions ?? "0") ?? 0 > 0)
        #expect(try store.rows("SELECT id FROM organizationMention WHERE organizationId IS NOT name") == [])
        #expect(try store.rows("PRAGMA foreign_key_check") == [])
        // Made empty by the writer, filled in by linking.
        #expect(try store.rows("SELECT id FROM organization WHERE articleCount > 0") == [])
        _ = try GraphBuilder(store: store).build(paths: [seeds])
        #expect(try store.organizations() == reference.organizations())
        #expect(try store.check().problems == [])
    }

    @Test func fullPipelineOnTheSeedPages() throws {
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("seeds").path
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let store = try SQLiteGraphStore(path: dir.path("g.sqlite"))
        let summary = try GraphBuilder(store: store).build(paths: [seeds])
        #expect(summary.skipped.isEmpty)
        #expect(summary.counts.documents == 5)
        #expect(summary.counts.articles >= 5)
        #expect(summary.counts.lastBuildStatus == "finished")
        // Every stored mention can be quoted back from its document's text; a name
        // broken across PDF column lines (`蒋\n\n震雷`) quotes with its line breaks,
        // an abbreviation (`习总书记`) quotes the surname it was written with.
        let bad = try store.rows(
            """
            SELECT m.id FROM mention m JOIN article a ON a.id = m.articleId JOIN document d ON d.id = a.documentId
            WHERE instr(m.name, replace(replace(substr(d.text, m.startOffset + 1, m.endOffset - m.startOffset),
                                                char(10), ''), ' ', '')) <> 1
               OR m.endOffset > length(d.text) OR m.endOffset <= m.startOffset
            """)
        #expect(bad.isEmpty)
        let again = try GraphBuilder(store: store).build(paths: [seeds])
        #expect(again.documentsUnchanged == 5)
        #expect(again.counts == summary.counts)
    }
}
