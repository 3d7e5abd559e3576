import Foundation
import Testing

@testable import Guanxi
@testable import GuanxiPostgres

#if canImport(Glibc)
    import Glibc
#endif

/// Several builds writing one PostgreSQL store at once (issue 25): batches
/// that do not wait for each other, the last build to finish linking, and a
/// build killed with -9 beside another, completed by a rerun.
@Suite("PostgreSQL builders", .enabled(if: TestPostgres.url != nil, TestPostgres.skipped), .serialized)
struct PostgresBuildersTests {
    let secretary = title("市委书记", "书记", "中共永康市委", "永康市")

    /// A page of one invented article naming two officials.
    func prepared(_ name: String, _ people: (String, String)) -> PreparedDocument {
        let page = HandPage(
            "/p/yk/\(name).txt", root: "/p/yk",
            [("2018-03-01", "市委书记\(people.0)会见\(people.1)。", [official(people.0, secretary), official(people.1)])])
        return PreparedDocument(page.document, extractions: page.extractions)
    }

    @Test func aBatchCommitsWhileAnotherBuildersBatchIsOpen() throws {
        let test = try StoreKind.postgres.make()
        let first = try #require(test.store as? PostgresGraphStore)
        // The institution of both pages is stored before (its row is shared).
        try first.replaceDocuments([prepared("a", ("吴一凡", "甄小明"))], build: nil, more: 0)
        let second = try #require(try test.reopen(create: true) as? PostgresGraphStore)
        let done = DispatchSemaphore(value: 0)
        let failures = Failures()
        // The first builder's batch stays open (a transaction around it) while
        // the second builder writes and commits a batch of its own.
        var committed = false
        try first.session.transaction {
            try first.replaceDocuments([prepared("b", ("柯子墨", "甄小明"))], build: nil, more: 0)
            DispatchQueue.global().async {
                do {
                    try second.replaceDocuments([prepared("c", ("闵向东", "吴一凡"))], build: nil, more: 0)
                } catch {
                    failures.add("\(error)")
                }
                done.signal()
            }
            committed = done.wait(timeout: .now() + 20) == .success
            #expect(committed, "the second builder's batch waited for the first one's")
            let reader = try test.reopen(create: false)
            let paths = try reader.storedDocuments(under: ["/p/yk"]).first?.map(\.path)
            #expect(paths == ["/p/yk/a.txt", "/p/yk/c.txt"])
        }
        if !committed, done.wait(timeout: .now() + 60) == .timedOut { Issue.record("the second batch never ended") }
        #expect(failures.all == [])
        #expect(try test.store.counts().documents == 3)
        #expect(try !test.store.isLinked(options: LinkOptions(), curation: .none))
    }

    @Test func theLastBuildToFinishLinksAndAKilledOneBlocksNoOne() throws {
        let test = try StoreKind.postgres.make()
        let store = try #require(test.store as? PostgresGraphStore)
        // Another build writing: a connection of its own holding the builders lock shared.
        var writing: PostgresSession? = try PostgresSession(PostgresURL(test.location))
        try writing?.rows("SELECT pg_advisory_lock_shared(hashtext($1))", [store.key(.builders)])
        let early = try test.build([SeedStore.seeds.path])
        #expect(early.linkingLeftToOthers && !early.relinked)
        #expect(early.counts.documents == 5 && early.counts.people == 0)
        #expect(try !test.store.isLinked(options: LinkOptions(), curation: .none))
        // That build is killed: its connection closes, its lock goes with it,
        // and the next build (of nothing new) links what is stored.
        writing = nil
        try waitForTheLock(store)
        let next = try test.build([SeedStore.seeds.path])
        #expect(next.relinked && !next.linkingLeftToOthers && next.documentsUnchanged == 5)
        let reference = try SeedStore.shared
        #expect(try test.store.counts().people == reference.counts().people)
        #expect(try test.store.people() == reference.people())
        #expect(try test.store.check().problems == [])
    }

    @Test func aBuilderKilledBesideAnotherIsCompletedByARerun() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        let corpus = try RobustnessCorpus.make(in: dir, size: "3MB")
        let counties = try FileManager.default.contentsOfDirectory(atPath: corpus).filter { !$0.hasSuffix(".json") }
            .sorted()
        try #require(counties.count >= 2, "synth-corpus made \(counties)")
        let halves = [counties.prefix(counties.count / 2), counties.dropFirst(counties.count / 2)].map {
            $0.map { corpus + "/" + $0 }
        }
        // The reference: one build of every county's folder (a folder given
        // to a build is a paper of its own to linking, so not of `corpus`).
        let reference = dir.path("reference.sqlite")
        let whole = try GuanxiCLI.run(["build"] + halves.joined() + ["--store", reference], in: dir.url, timeout: 300)
        #expect(whole.status == 0, "\(whole.stderr)")

        let test = try StoreKind.postgres.make()
        let builds = try halves.map { try BackgroundGuanxi(["build"] + $0 + ["--store", test.location], in: dir) }
        // The first is killed once both have stored documents, while they write.
        let reader = try test.reopen(create: false)
        try builds[0].waitForOutput(timeout: 120) {
            try halves.allSatisfy { try reader.storedDocuments(under: $0).joined().count > 5 }
        }
        kill(builds[0].pid, SIGKILL)
        #expect(builds[0].wait(timeout: 60) == SIGKILL)
        #expect(builds[1].wait(timeout: 300) == 0, "\(builds[1].stderr)")
        #expect(try test.reopen(create: false).check().problems == [])

        let rerun = try GuanxiCLI.run(["build"] + halves[0] + ["--store", test.location], in: dir.url, timeout: 300)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        /// `guanxi stats` without the lines naming the store and the last build.
        func stats(_ store: String) throws -> [Substring] {
            let run = try GuanxiCLI.run(["stats", "--store", store], in: dir.url)
            #expect(run.status == 0, "\(run.stderr)")
            return run.stdout.split(separator: "\n").filter { !$0.hasPrefix("store:") && !$0.hasPrefix("last build:") }
        }
        #expect(try stats(test.location) == stats(reference))
        let people = try test.reopen(create: false).people()
        #expect(people == (try SQLiteGraphStore(path: reference, create: false).people()))
        #expect(try test.reopen(create: false).check().problems == [])
        // The killed build is recorded as such, not left running.
        let statuses = try #require(test.store as? PostgresGraphStore).session.rows(
            "SELECT status FROM build ORDER BY id"
        ).compactMap { $0.string(0) }
        #expect(statuses.count == 3 && !statuses.contains("running"), "\(statuses)")
        #expect(statuses.filter { $0 == "interrupted" }.count == 1, "\(statuses)")
    }

    @Test func aBuildWhoseBuilderIsGoneIsRecordedAsInterrupted() throws {
        let test = try StoreKind.postgres.make()
        let store = try #require(test.store as? PostgresGraphStore)
        // Another builder, on a connection of its own, begins a build.
        var other: (any GraphStore)? = try test.reopen(create: true)
        let id = try #require(other).beginBuild()
        #expect(try store.counts().lastBuildStatus == "running")
        #expect(try store.check().notes.contains { $0.contains("(#\(id)) is still running") })
        // It dies: its connection closes, and the server lets go of its build's lock.
        other = nil
        let deadline = Date().addingTimeInterval(20)
        while try !store.isDead(build: id), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        // Readers say so at once; the row says so from the next build on.
        #expect(try store.counts().lastBuildStatus == "interrupted")
        #expect(try store.check().notes.contains { $0.contains("(#\(id)) is dead (its builder was killed)") })
        try test.build([SeedStore.seeds.path])
        let rows = try store.session.rows("SELECT id, status, note FROM build ORDER BY id")
        #expect(rows.map { $0.string(1) } == ["interrupted", "finished"])
        #expect(rows.first?.int64(0) == id && rows.first?.string(2)?.contains("killed") == true)
        #expect(try store.counts().lastBuildStatus == "finished")
    }

    @Test func aLiveBuildOfAnotherBuilderIsLeftRunning() throws {
        let test = try StoreKind.postgres.make()
        let store = try #require(test.store as? PostgresGraphStore)
        let other = try test.reopen(create: true)
        let id = try other.beginBuild()
        try test.build([SeedStore.seeds.path])
        let status = try store.session.rows("SELECT status FROM build WHERE id = $1", [.int(id)]).first?.string(0)
        #expect(status == "running")
        try other.finishBuild(id, status: "finished", note: "")
        #expect(
            try store.session.rows("SELECT status FROM build WHERE id = $1", [.int(id)]).first?.string(0) == "finished")
    }

    /// Waits (at most 20 s) until no connection holds the builders lock of
    /// `store`: the server lets go of a closed connection's locks when its
    /// process ends, a moment after the close.
    func waitForTheLock(_ store: PostgresGraphStore) throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let free = try store.session.int(
                "SELECT CASE WHEN pg_try_advisory_lock(hashtext($1)) THEN 1 ELSE 0 END", [store.key(.builders)])
            if free == 1 {
                try store.session.rows("SELECT pg_advisory_unlock(hashtext($1))", [store.key(.builders)])
                return
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("the builders lock was still held 20 s after its connection closed")
    }
}
