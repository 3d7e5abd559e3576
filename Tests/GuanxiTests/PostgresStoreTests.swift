import Foundation
import Testing

@testable import Guanxi
@testable import GuanxiPostgres

/// What only the PostgreSQL store does (issue 25): roles, and the command
/// end to end. The cases every store shares are in StoreContractTests.
@Suite("PostgreSQL store", .enabled(if: TestPostgres.url != nil, TestPostgres.skipped), .serialized)
struct PostgresStoreTests {
    @Test func aReaderRoleReadsButCannotBuild() throws {
        let test = try StoreKind.postgres.make()
        try test.build([SeedStore.seeds.path])
        let schema = try #require(test.schema)
        let role = "reader_\(UInt32.random(in: 0...UInt32.max))"
        try test.execute(
            """
            CREATE ROLE \(role) LOGIN;
            GRANT USAGE ON SCHEMA \(schema) TO \(role);
            GRANT SELECT ON ALL TABLES IN SCHEMA \(schema) TO \(role);
            """)
        defer { try? test.execute("DROP OWNED BY \(role); DROP ROLE \(role)") }
        var url = try PostgresURL(test.location)
        url.user = role
        let reader = try StoreLocation.open(url.description, create: false)
        #expect(try reader.counts() == test.store.counts())
        #expect(try reader.snapshot(GraphFilter()) == test.store.snapshot(GraphFilter()))
        #expect(try reader.check().problems == [])
        let error = #expect(throws: StoreError.self) {
            try StoreLocation.open(url.description, create: true).beginBuild()
        }
        #expect(error?.message.contains("may only read this store") == true)
        #expect(try test.store.counts().documents == 5)
    }

    @Test func theCommandBuildsAndExportsWhatItDoesFromSQLite() throws {
        let test = try StoreKind.postgres.make()
        let dir = try TempDir()
        let build = try GuanxiCLI.run(
            ["build", SeedStore.seeds.path, "--store", test.location], in: dir.url, timeout: 300)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.contains("files: 5 (5 added"))
        let sqlite = try SeedStore.shared.location
        for format in ["graphml", "gexf", "json"] {
            let ours = try GuanxiCLI.run(["export", "--format", format, "--store", test.location], in: dir.url)
            let theirs = try GuanxiCLI.run(["export", "--format", format, "--store", sqlite], in: dir.url)
            #expect(ours.status == 0 && theirs.status == 0, "\(ours.stderr)")
            #expect(ours.stdout.utf8.count > 1_000)
            #expect(ours.stdout == theirs.stdout, "guanxi export --format \(format) differs between the stores")
        }
        let stats = try GuanxiCLI.run(
            ["stats", "--format", "json"], in: dir.url, environment: ["GUANXI_STORE": test.location])
        let reference = try GuanxiCLI.run(["stats", "--format", "json", "--store", sqlite], in: dir.url)
        #expect(stats.status == 0)
        func withoutStore(_ text: String) -> String {
            text.split(separator: "\n").filter { !$0.contains("\"store\"") }.joined(separator: "\n")
        }
        #expect(withoutStore(stats.stdout) == withoutStore(reference.stdout))
        let check = try GuanxiCLI.run(["check", "--store", test.location], in: dir.url)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test func twoBuildersAtOnceGiveWhatOneBuildGives() throws {
        // The seed pages in two folders, one a builder, built at the same time
        // on two connections; then compared with one SQLite build of both.
        let dir = try TempDir()
        let pages = try FileManager.default.contentsOfDirectory(atPath: SeedStore.seeds.path).sorted()
        let folders = [try dir.directory("paper-a"), try dir.directory("paper-b")]
        for (k, page) in pages.enumerated() {
            try FileManager.default.copyItem(
                at: SeedStore.seeds.appendingPathComponent(page), to: folders[k % 2].appendingPathComponent(page))
        }
        let test = try StoreKind.postgres.make()
        let failures = Failures()
        let location = test.location
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            do {
                let store = try StoreLocation.open(location, create: true)
                _ = try GraphBuilder(store: store).build(paths: [folders[k].path])
            } catch {
                failures.add("\(error)")
            }
        }
        #expect(failures.all == [])
        let reference = try StoreKind.sqlite.make()
        try reference.build(folders.map(\.path))
        let store = try test.reopen(create: false)
        var counts = try store.counts()
        #expect(counts.documents == 5)
        counts.lastBuildStatus = try reference.store.counts().lastBuildStatus
        #expect(counts == (try reference.store.counts()))
        #expect(try store.people() == reference.store.people())
        #expect(try store.check().problems == [])
        // The last of the two to finish writing linked.
        #expect(try store.isLinked(options: LinkOptions(), curation: .none))
    }
}

/// Errors gathered from several threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ failure: String) { lock.withLock { list.append(failure) } }
    var all: [String] { lock.withLock { list } }
}
