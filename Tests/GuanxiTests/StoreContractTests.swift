import Foundation
import Testing

@testable import Guanxi
@testable import GuanxiPostgres

/// What every store must do, the same for SQLite and PostgreSQL (issue 25):
/// each case runs against a fresh store of one kind and compares what it
/// holds with the SQLite seed store built once for the run.
enum StoreContract {
    static var seeds: String { SeedStore.seeds.path }

    /// Copies of the seed pages in a folder of the test's own, to change.
    static func seedCopies(in dir: TempDir) throws -> URL {
        let folder = try dir.directory("pages")
        for name in try FileManager.default.contentsOfDirectory(atPath: seeds).sorted() {
            try FileManager.default.copyItem(
                at: SeedStore.seeds.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        return folder
    }

    static func seedBuildHoldsWhatTheSQLiteStoreHolds(_ kind: StoreKind) throws {
        let test = try kind.make()
        let summary = try test.build([seeds])
        let reference = try SeedStore.shared
        #expect(summary.documentsAdded == 5)
        #expect(try test.store.counts() == reference.counts())
        #expect(try test.store.people() == reference.people())
        #expect(try test.store.organizations() == reference.organizations())
        #expect(try test.store.snapshot(GraphFilter()) == reference.snapshot(GraphFilter()))
        let windowed = GraphFilter(since: "2018-03", until: "2019")
        #expect(try test.store.snapshot(windowed) == reference.snapshot(windowed))
        let graph = try test.store.coappearanceGraph(windowed),
            referenceGraph = try reference.coappearanceGraph(windowed)
        #expect(graph.ids == referenceGraph.ids)
        #expect(graph.edgeWeights == referenceGraph.edgeWeights && graph.targets == referenceGraph.targets)
        let someone = try #require(try reference.people().max { ($0.articleCount, $1.id) < ($1.articleCount, $0.id) })
        #expect(try test.store.explain(name: someone.name) == reference.explain(name: someone.name))
        #expect(
            try test.store.partners(of: someone.id, filter: windowed)
                == reference.partners(of: someone.id, filter: windowed))
        #expect(
            try test.store.articles(naming: [someone.id], filter: GraphFilter(), bodies: true)
                == reference.articles(naming: [someone.id], filter: GraphFilter(), bodies: true))
        let selection = PostSelection(personIds: [someone.id])
        #expect(try test.store.posts(selection, filter: windowed) == reference.posts(selection, filter: windowed))
        #expect(try test.store.check().problems == [])
    }

    static func exportsAreByteIdentical(_ kind: StoreKind) throws {
        let test = try kind.make()
        try test.build([seeds])
        // Every format (CSV's nodes and edges too) of every kind of graph.
        try StoreExports.expectIdentical(test.store, try SeedStore.shared, "the \(kind) store's exports")
    }

    static func rebuildingKeepsIdsAndChangesNothing(_ kind: StoreKind) throws {
        let test = try kind.make()
        try test.build([seeds])
        let people = try test.store.people()
        let again = try test.build([seeds])
        #expect(again.documentsUnchanged == 5)
        #expect(again.documentsAdded == 0 && again.documentsReplaced == 0)
        #expect(try test.store.people() == people)
        #expect(try test.store.isLinked(options: LinkOptions(), curation: .none))
    }

    static func aChangedFileIsReplaced(_ kind: StoreKind) throws {
        let dir = try TempDir()
        let pages = try seedCopies(in: dir)
        let test = try kind.make()
        try test.build([pages.path])
        let before = try test.store.counts()
        let page = try #require(try FileManager.default.contentsOfDirectory(atPath: pages.path).sorted().first)
        let file = pages.appendingPathComponent(page)
        let text = try String(contentsOf: file, encoding: .utf8)
        // The page loses its second half: the store must hold only the first.
        let half = String(text.prefix(text.count / 2))
        try half.write(to: file, atomically: true, encoding: .utf8)
        let summary = try test.build([pages.path])
        #expect(summary.documentsReplaced == 1 && summary.documentsUnchanged == 4)
        let after = try test.store.counts()
        #expect(after.documents == before.documents)
        #expect(after.mentions < before.mentions)
        #expect(try test.store.check().problems == [])
        // The same pages built into a new SQLite store give the same graph.
        let fresh = try StoreKind.sqlite.make()
        try fresh.build([pages.path])
        #expect(try fresh.store.counts() == after)
        #expect(try fresh.store.people() == test.store.people())
    }

    static func curationIsAppliedOnEveryBuild(_ kind: StoreKind) throws {
        let dir = try TempDir()
        let pages = try seedCopies(in: dir)
        let reference = try SeedStore.shared
        let named = try #require(
            try reference.people().filter { $0.kind == .official }.max {
                ($0.articleCount, $1.id) < ($1.articleCount, $0.id)
            })
        let curation = Curation.parse("not-a-person\t\(named.name)\n", file: "curation.tsv")
        let test = try kind.make()
        try test.build([pages.path], curation: curation)
        #expect(try test.store.people(idsOrNames: [named.name]) == [])
        // A later build that changes a page relinks: the curation still holds.
        let page = try #require(try FileManager.default.contentsOfDirectory(atPath: pages.path).sorted().last)
        let file = pages.appendingPathComponent(page)
        try (String(contentsOf: file, encoding: .utf8) + "\n").write(to: file, atomically: true, encoding: .utf8)
        let summary = try test.build([pages.path], curation: curation)
        #expect(summary.relinked && summary.documentsReplaced == 1)
        #expect(try test.store.people(idsOrNames: [named.name]) == [])
        #expect(try test.store.explain(name: named.name).first?.decisions.isEmpty == false)
        // Without the curation the name is a person again.
        try test.build([pages.path])
        #expect(try test.store.people(idsOrNames: [named.name]).isEmpty == false)
    }

    static func aStoppedBuildIsCompletedByTheNextOne(_ kind: StoreKind) throws {
        let test = try kind.make()
        // A build asked to stop writes its first batch (two pages here), then
        // stops before linking; another is killed before it writes anything.
        let pages = try FileManager.default.contentsOfDirectory(atPath: seeds).sorted().prefix(2).map {
            seeds + "/" + $0
        }
        var stopping = try GraphBuilder(store: test.store)
        stopping.shouldStop = { true }
        #expect(throws: GraphBuilder.Interrupted.self) { try stopping.build(paths: Array(pages)) }
        #expect(try test.store.counts().documents == 2)
        #expect(try !test.store.isLinked(options: LinkOptions(), curation: .none))
        _ = try test.store.beginBuild()
        let notes = try test.store.check().notes
        // SQLite cannot tell a live build from a killed one; PostgreSQL can (its build's lock is held).
        #expect(notes.contains { $0.contains("still running") })
        #expect(notes.contains { $0.contains("written after the graph was last linked") })
        // The next build stores the rest, links, and holds what one uninterrupted build holds.
        let summary = try test.build([seeds])
        #expect(summary.documentsUnchanged == 2 && summary.documentsAdded == 3)
        let reference = try SeedStore.shared
        #expect(try test.store.counts() == reference.counts())
        #expect(try test.store.people() == reference.people())
        #expect(try test.store.check().problems == [])
    }

    static func aStoreOfANewerSchemaIsRefused(_ kind: StoreKind) throws {
        let test = try kind.make()
        switch kind {
        case .sqlite: try test.execute("PRAGMA user_version = 99")
        case .postgres:
            try test.execute(
                "INSERT INTO schemaVersion (version, name, appliedAt) VALUES (99, 'from the future', now())")
        }
        for create in [false, true] {
            let error = #expect(throws: StoreError.self) { try test.reopen(create: create) }
            #expect(error?.code == .newerSchema)
            #expect(error?.message.contains("newer guanxi") == true)
        }
    }

    static func checkFindsABrokenCount(_ kind: StoreKind) throws {
        let test = try kind.make()
        try test.build([seeds])
        #expect(try test.store.check().problems == [])
        try test.execute("UPDATE person SET articleCount = articleCount + 1 WHERE id = (SELECT min(id) FROM person)")
        let problems = try test.store.check().problems
        #expect(problems.map(\.check) == ["person-counts"])
        #expect(problems.first?.count == 1)
    }

    static func aDryRunChangesNothing(_ kind: StoreKind) throws {
        let test = try kind.make()
        try test.build([seeds])
        let before = try test.store.counts()
        let ids = try test.store.storedDocuments(under: [seeds]).flatMap { $0 }.map(\.id)
        #expect(ids.count == 5)
        let during = try test.store.simulate { view -> StoreCounts in
            try view.removeDocuments(ids: Array(ids.prefix(2)))
            _ = try view.relink(options: LinkOptions(), curation: .none)
            return try view.counts()
        }
        #expect(during.documents == 3)
        #expect(try test.store.counts() == before)
    }

    static func aReaderIsRefusedWhereNoStoreIs(_ kind: StoreKind) throws {
        let test = try kind.make()
        let location: String
        switch kind {
        case .sqlite: location = test.location + "-missing.sqlite"
        case .postgres: location = TestPostgres.url(schema: "nothing_here_\(UInt32.random(in: 0...UInt32.max))")
        }
        let error = #expect(throws: StoreError.self) { try StoreLocation.open(location, create: false) }
        #expect(error?.code == .missing)
    }
}

extension StoreContract {
    /// A person page reads the latest few articles and a tally of the rest:
    /// they must be the tail of the whole list and its count and dates.
    static func theLatestArticlesAreTheTailOfAll(_ kind: StoreKind) throws {
        let test = try kind.make()
        try test.build([seeds])
        let busiest = try #require(try test.store.people().max { ($0.articleCount, $1.id) < ($1.articleCount, $0.id) })
        #expect(busiest.articleCount >= 3)
        for filter in [GraphFilter(), GraphFilter(since: "2018-03", until: "2019")] {
            let all = try test.store.articles(naming: [busiest.id], filter: filter, bodies: false)
            for latest in [1, 2, all.count, all.count + 5] {
                let tail = try test.store.articles(naming: [busiest.id], filter: filter, bodies: false, latest: latest)
                #expect(tail == Array(all.suffix(latest)))
            }
            let dates = all.compactMap(\.date)
            #expect(
                try test.store.articleTally(naming: [busiest.id], filter: filter)
                    == ArticleTally(count: all.count, firstDate: dates.min(), lastDate: dates.max()))
        }
        let withText = try test.store.articles(naming: [busiest.id], filter: GraphFilter(), bodies: true, latest: 2)
        let allWithText = try test.store.articles(naming: [busiest.id], filter: GraphFilter(), bodies: true)
        #expect(withText == Array(allWithText.suffix(2)) && withText.allSatisfy { $0.body?.isEmpty == false })
        #expect(try test.store.articleTally(naming: ["nobody@nowhere"], filter: GraphFilter()).count == 0)
    }
}

@Suite("Store contract: SQLite")
struct SQLiteStoreContractTests {
    @Test func seedBuildHoldsWhatTheSQLiteStoreHolds() throws {
        try StoreContract.seedBuildHoldsWhatTheSQLiteStoreHolds(.sqlite)
    }
    @Test func exportsAreByteIdentical() throws { try StoreContract.exportsAreByteIdentical(.sqlite) }
    @Test func rebuildingKeepsIdsAndChangesNothing() throws {
        try StoreContract.rebuildingKeepsIdsAndChangesNothing(.sqlite)
    }
    @Test func aChangedFileIsReplaced() throws { try StoreContract.aChangedFileIsReplaced(.sqlite) }
    @Test func curationIsAppliedOnEveryBuild() throws { try StoreContract.curationIsAppliedOnEveryBuild(.sqlite) }
    @Test func aStoppedBuildIsCompletedByTheNextOne() throws {
        try StoreContract.aStoppedBuildIsCompletedByTheNextOne(.sqlite)
    }
    @Test func aStoreOfANewerSchemaIsRefused() throws { try StoreContract.aStoreOfANewerSchemaIsRefused(.sqlite) }
    @Test func checkFindsABrokenCount() throws { try StoreContract.checkFindsABrokenCount(.sqlite) }
    @Test func aDryRunChangesNothing() throws { try StoreContract.aDryRunChangesNothing(.sqlite) }
    @Test func aReaderIsRefusedWhereNoStoreIs() throws { try StoreContract.aReaderIsRefusedWhereNoStoreIs(.sqlite) }
    @Test func theLatestArticlesAreTheTailOfAll() throws {
        try StoreContract.theLatestArticlesAreTheTailOfAll(.sqlite)
    }
}

@Suite("Store contract: PostgreSQL", .enabled(if: TestPostgres.url != nil, TestPostgres.skipped), .serialized)
struct PostgresStoreContractTests {
    @Test func seedBuildHoldsWhatTheSQLiteStoreHolds() throws {
        try StoreContract.seedBuildHoldsWhatTheSQLiteStoreHolds(.postgres)
    }
    @Test func exportsAreByteIdentical() throws { try StoreContract.exportsAreByteIdentical(.postgres) }
    @Test func rebuildingKeepsIdsAndChangesNothing() throws {
        try StoreContract.rebuildingKeepsIdsAndChangesNothing(.postgres)
    }
    @Test func aChangedFileIsReplaced() throws { try StoreContract.aChangedFileIsReplaced(.postgres) }
    @Test func curationIsAppliedOnEveryBuild() throws { try StoreContract.curationIsAppliedOnEveryBuild(.postgres) }
    @Test func aStoppedBuildIsCompletedByTheNextOne() throws {
        try StoreContract.aStoppedBuildIsCompletedByTheNextOne(.postgres)
    }
    @Test func aStoreOfANewerSchemaIsRefused() throws { try StoreContract.aStoreOfANewerSchemaIsRefused(.postgres) }
    @Test func checkFindsABrokenCount() throws { try StoreContract.checkFindsABrokenCount(.postgres) }
    @Test func aDryRunChangesNothing() throws { try StoreContract.aDryRunChangesNothing(.postgres) }
    @Test func aReaderIsRefusedWhereNoStoreIs() throws { try StoreContract.aReaderIsRefusedWhereNoStoreIs(.postgres) }
    @Test func theLatestArticlesAreTheTailOfAll() throws {
        try StoreContract.theLatestArticlesAreTheTailOfAll(.postgres)
    }
}
