import Foundation
import Testing

@testable import Guanxi
@testable import GuanxiPostgres

/// Every export of a store: each format (CSV's two files apart) of each kind
/// of graph, by file name, to compare two stores byte for byte.
enum StoreExports {
    static func all(of store: any GraphReading, in dir: TempDir, prefix: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for format in ExportFormat.allCases {
            for kind in ExportGraphKind.allCases {
                let output = dir.path("\(prefix)-\(kind).\(format)")
                let written = try GraphExport(format: format, kind: kind).run(
                    store: store, filter: GraphFilter(), output: output)
                for path in written {
                    let name = String(URL(fileURLWithPath: path).lastPathComponent.dropFirst(prefix.count))
                    files[name] = try Data(contentsOf: URL(fileURLWithPath: path))
                }
            }
        }
        return files
    }

    /// Expects `store`'s exports to be `reference`'s, byte for byte, and not nearly empty.
    static func expectIdentical(
        _ store: any GraphReading, _ reference: any GraphReading, _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let dir = try TempDir()
        let ours = try all(of: store, in: dir, prefix: "ours")
        let theirs = try all(of: reference, in: dir, prefix: "theirs")
        // Six formats of three kinds, CSV as two files.
        #expect(ours.count == 21, sourceLocation: sourceLocation)
        #expect(ours.keys.sorted() == theirs.keys.sorted(), sourceLocation: sourceLocation)
        for (name, data) in ours.sorted(by: { $0.key < $1.key }) {
            #expect(data.count > 100, "\(what): \(name) is nearly empty", sourceLocation: sourceLocation)
            #expect(data == theirs[name], "\(what): \(name) differs", sourceLocation: sourceLocation)
        }
    }
}

/// `guanxi copy` (issue 25): a store moved between SQLite and PostgreSQL
/// keeps its stats, ids, link state and every export byte for byte.
enum StoreCopyCase {
    /// What a copy must hold: the seed store's counts, people, decisions, link state and exports.
    static func expectSameStore(_ copy: any GraphStore, as reference: any GraphStore, _ what: String) throws {
        #expect(try copy.counts() == reference.counts(), "\(what): stats differ")
        #expect(try copy.people() == reference.people())
        let someone = try #require(try reference.people().max { ($0.articleCount, $1.id) < ($1.articleCount, $0.id) })
        #expect(try copy.explain(name: someone.name) == reference.explain(name: someone.name))
        #expect(try copy.isLinked(options: LinkOptions(), curation: .none), "\(what): the link state was not copied")
        #expect(try copy.lastLinkSettings() == reference.lastLinkSettings())
        #expect(try copy.check().problems == [])
        try StoreExports.expectIdentical(copy, reference, what)
    }

    /// A copy of the seed store, then a page added to it and to the
    /// original: the copy gives new rows the ids the original gives.
    static func expectNewRowsTakeTheOriginalsIds(_ copy: TestStore, reference: TestStore) throws {
        let dir = try TempDir()
        let extra = try dir.directory("more")
        let page = try #require(
            try FileManager.default.contentsOfDirectory(atPath: SeedStore.seeds.path).sorted().first)
        let text = try String(contentsOf: SeedStore.seeds.appendingPathComponent(page), encoding: .utf8)
        // The first page's second half as a page of its own: new document, article and mention ids.
        try String(text.suffix(text.count / 2)).write(
            to: extra.appendingPathComponent("extra.txt"), atomically: true, encoding: .utf8)
        for test in [copy, reference] {
            let summary = try test.build([SeedStore.seeds.path, extra.path])
            #expect(summary.documentsAdded == 1 && summary.documentsUnchanged == 5)
        }
        #expect(try copy.store.counts() == reference.store.counts())
        try StoreExports.expectIdentical(copy.store, reference.store, "after adding a page")
        let ids = { (store: any GraphStore) in
            try store.storedDocuments(under: [extra.path]).flatMap { $0 }.map(\.id)
        }
        #expect(try ids(copy.store) == ids(reference.store))
    }
}

@Suite("guanxi copy")
struct StoreCopyTests {
    @Test func sqliteToSQLiteKeepsEverything() throws {
        let reference = try StoreKind.sqlite.make()
        try reference.build([SeedStore.seeds.path])
        let dir = try TempDir()
        let target = dir.path("copy.sqlite")
        let copied = try StoreLocation.copy(from: reference.location, to: target, replace: false)
        #expect(copied.map(\.table) == StoreTable.all.map(\.name))
        #expect(copied.first { $0.table == "document" }?.rows == 5)
        #expect(!FileManager.default.fileExists(atPath: target + ".copying"))
        let copy = try StoreLocation.open(target, create: false)
        try StoreCopyCase.expectSameStore(copy, as: reference.store, "SQLite → SQLite")
        try StoreCopyCase.expectNewRowsTakeTheOriginalsIds(
            try TestStore(opening: target, kind: .sqlite), reference: reference)
    }

    @Test func aTargetHoldingAStoreIsReplacedOnlyWhenAsked() throws {
        let reference = try StoreKind.sqlite.make()
        try reference.build([SeedStore.seeds.path])
        // A target holding two of the pages.
        let dir = try TempDir()
        let two = try dir.directory("two")
        for page in try FileManager.default.contentsOfDirectory(atPath: SeedStore.seeds.path).sorted().prefix(2) {
            try FileManager.default.copyItem(
                at: SeedStore.seeds.appendingPathComponent(page), to: two.appendingPathComponent(page))
        }
        let target = try StoreKind.sqlite.make()
        try target.build([two.path])
        let before = try target.store.counts()
        let error = #expect(throws: StoreCopyError.self) {
            try StoreLocation.copy(from: reference.location, to: target.location, replace: false)
        }
        #expect(error?.description.contains("--replace") == true)
        #expect(try target.reopen(create: false).counts() == before)
        try StoreLocation.copy(from: reference.location, to: target.location, replace: true)
        try StoreCopyCase.expectSameStore(try target.reopen(create: false), as: reference.store, "replaced")
    }

    @Test func theSameStoreIsRefused() throws {
        let reference = try StoreKind.sqlite.make()
        try reference.build([SeedStore.seeds.path])
        let link = reference.location + "-link.sqlite"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: reference.location)
        for to in [reference.location, link] {
            let error = #expect(throws: StoreCopyError.self) {
                try StoreLocation.copy(from: reference.location, to: to, replace: true)
            }
            #expect(error?.description.contains("the same store") == true)
        }
        #expect(try reference.store.counts().documents == 5)
    }

    @Test func aMissingOrNewerSourceAndANewerTargetAreRefused() throws {
        let dir = try TempDir()
        let missing = #expect(throws: StoreError.self) {
            try StoreLocation.copy(from: dir.path("none.sqlite"), to: dir.path("copy.sqlite"), replace: false)
        }
        #expect(missing?.code == .missing)
        #expect(!FileManager.default.fileExists(atPath: dir.path("copy.sqlite")))
        let newer = try StoreKind.sqlite.make()
        try newer.build([SeedStore.seeds.path])
        try newer.execute("PRAGMA user_version = 99")
        let fromNewer = #expect(throws: StoreError.self) {
            try StoreLocation.copy(from: newer.location, to: dir.path("copy.sqlite"), replace: false)
        }
        #expect(fromNewer?.code == .newerSchema)
        let toNewer = #expect(throws: StoreError.self) {
            try StoreLocation.copy(from: try SeedStore.shared.location, to: newer.location, replace: true)
        }
        #expect(toNewer?.code == .newerSchema)
        #expect(!FileManager.default.fileExists(atPath: dir.path("copy.sqlite")))
    }

    @Test func aFailedCopyLeavesTheTargetAsItWas() throws {
        let dir = try TempDir()
        let path = dir.path("copy.sqlite")
        struct Stop: Error {}
        let seeds = try SeedStore.shared
        // Into a new file: no file at all, however far the copy got.
        #expect(throws: Stop.self) {
            try SQLiteGraphStore.receiveCopy(at: path, replace: false) { writer in
                try seeds.readingRows { reader in
                    let table = StoreTable.all[0]
                    try writer.insert(table, try reader.rows(table, after: nil, limit: 100))
                }
                throw Stop()
            }
        }
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter {
                $0.hasPrefix("copy") && !$0.hasSuffix(".lock")
            } == [])
        // Into an existing store: it keeps what it held.
        let target = try StoreKind.sqlite.make()
        try target.build([SeedStore.seeds.path])
        let before = try target.store.counts()
        #expect(throws: Stop.self) {
            try SQLiteGraphStore.receiveCopy(at: target.location, replace: true) { writer in
                try writer.insert(StoreTable.all[0], [])
                throw Stop()
            }
        }
        #expect(try target.reopen(create: false).counts() == before)
        // A copy killed before its rename left FILE.copying: the next one replaces it.
        try Data("half a copy".utf8).write(to: URL(fileURLWithPath: path + ".copying"))
        try StoreLocation.copy(from: seeds.location, to: path, replace: false)
        #expect(!FileManager.default.fileExists(atPath: path + ".copying"))
        #expect(try SQLiteGraphStore(path: path, create: false).counts() == seeds.counts())
    }

    @Test func theCommandCopiesAndTeaches() throws {
        let dir = try TempDir()
        let seeds = try SeedStore.shared.location
        let copy = try GuanxiCLI.run(["copy", "--from", seeds, "--to", dir.path("copy.sqlite")], in: dir.url)
        #expect(copy.status == 0, "\(copy.stderr)")
        #expect(copy.stdout.contains("documents: 5"))
        #expect(copy.stderr.contains("copied mention: "))
        let again = try GuanxiCLI.run(["copy", "--from", seeds, "--to", dir.path("copy.sqlite")], in: dir.url)
        #expect(again.status == 2)
        #expect(again.stderr.contains("not empty") && again.stderr.contains("--replace"))
        let stats = try GuanxiCLI.run(["stats", "--format", "json", "--store", dir.path("copy.sqlite")], in: dir.url)
        let reference = try GuanxiCLI.run(["stats", "--format", "json", "--store", seeds], in: dir.url)
        func withoutStore(_ text: String) -> String {
            text.split(separator: "\n").filter { !$0.contains("\"store\"") }.joined(separator: "\n")
        }
        #expect(stats.status == 0 && withoutStore(stats.stdout) == withoutStore(reference.stdout))
        let help = try GuanxiCLI.run(["help", "copy"], in: dir.url)
        #expect(help.stdout.contains("--replace") && help.stdout.contains("byte-identical"))
    }
}

@Suite("guanxi copy: PostgreSQL", .enabled(if: TestPostgres.url != nil, TestPostgres.skipped), .serialized)
struct PostgresStoreCopyTests {
    @Test func sqliteToPostgresAndBackKeepsEverything() throws {
        let reference = try StoreKind.sqlite.make()
        try reference.build([SeedStore.seeds.path])
        let postgres = try StoreKind.postgres.make()
        try StoreLocation.copy(from: reference.location, to: postgres.location, replace: true)
        try StoreCopyCase.expectSameStore(
            try postgres.reopen(create: false), as: reference.store, "SQLite → PostgreSQL")
        let dir = try TempDir()
        let back = dir.path("back.sqlite")
        try StoreLocation.copy(from: postgres.location, to: back, replace: false)
        try StoreCopyCase.expectSameStore(
            try StoreLocation.open(back, create: false), as: reference.store, "SQLite → PostgreSQL → SQLite")
        // The PostgreSQL copy numbers new rows as the original does.
        try StoreCopyCase.expectNewRowsTakeTheOriginalsIds(
            try TestStore(opening: postgres.location, kind: .postgres), reference: reference)
    }

    @Test func aPostgresTargetIsWrittenWholeOrNotAtAll() throws {
        let target = try StoreKind.postgres.make()
        try target.build([SeedStore.seeds.path])
        let before = try target.store.counts()
        let seeds = try SeedStore.shared
        let error = #expect(throws: StoreCopyError.self) {
            try StoreLocation.copy(from: seeds.location, to: target.location, replace: false)
        }
        #expect(error?.description.contains("5 documents") == true)
        struct Stop: Error {}
        let url = try PostgresURL(target.location)
        #expect(throws: Stop.self) {
            try PostgresGraphStore.receiveCopy(
                session: try PostgresSession(url), location: url.description, schema: url.schema, replace: true
            ) { writer in
                try seeds.readingRows { reader in
                    let table = StoreTable.all[0]
                    try writer.insert(table, try reader.rows(table, after: nil, limit: 100))
                }
                throw Stop()
            }
        }
        #expect(try target.reopen(create: false).counts() == before)
        // Into a schema that does not exist: none is left behind.
        let fresh = "copy_\(UInt32.random(in: 0...UInt32.max))"
        #expect(throws: Stop.self) {
            try PostgresGraphStore.receiveCopy(
                session: try PostgresSession(url), location: url.description, schema: fresh, replace: false
            ) { _ in throw Stop() }
        }
        let missing = #expect(throws: StoreError.self) {
            try StoreLocation.open(TestPostgres.url(schema: fresh), create: false)
        }
        #expect(missing?.code == .missing)
        // The same schema under another name of the host is the same store.
        let alias = target.location.replacingOccurrences(of: "127.0.0.1", with: "localhost")
        let same = #expect(throws: StoreCopyError.self) {
            try StoreLocation.copy(from: target.location, to: alias, replace: true)
        }
        #expect(same?.description.contains("the same store") == true)
    }
}
