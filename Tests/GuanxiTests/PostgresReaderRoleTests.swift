import Foundation
import Testing

@testable import Guanxi
@testable import GuanxiPostgres

/// The README's team setup (issue 25): one schema owned by a writer role,
/// a reader role given USAGE and SELECT. Every reading command works for
/// the reader and answers what the SQLite store answers; a build, a remove
/// or a copy into the store says the role may only read.
@Suite("PostgreSQL reader role", .enabled(if: TestPostgres.url != nil, TestPostgres.skipped), .serialized)
struct PostgresReaderRoleTests {
    @Test func aReaderRoleRunsEveryReadingCommandButCannotWrite() throws {
        let admin = try PostgresSession(try PostgresURL(TestPostgres.url ?? ""))
        let tag = UInt32.random(in: 0...UInt32.max)
        let (writer, reader, schema) = ("writer_\(tag)", "reader_\(tag)", "team_\(tag)")
        try admin.execute(
            """
            CREATE ROLE \(writer) LOGIN;
            CREATE ROLE \(reader) LOGIN;
            CREATE SCHEMA \(schema) AUTHORIZATION \(writer);
            GRANT USAGE ON SCHEMA \(schema) TO \(reader);
            ALTER DEFAULT PRIVILEGES FOR ROLE \(writer) IN SCHEMA \(schema) GRANT SELECT ON TABLES TO \(reader);
            """)
        defer {
            try? admin.execute(
                """
                DROP SCHEMA IF EXISTS \(schema) CASCADE;
                DROP OWNED BY \(reader), \(writer);
                DROP ROLE \(reader);
                DROP ROLE \(writer)
                """)
        }
        var url = try PostgresURL(TestPostgres.url(schema: schema))
        url.user = writer
        let writerStore = url.description
        url.user = reader
        let readerStore = url.description
        let dir = try TempDir()
        let build = try GuanxiCLI.run(
            ["build", SeedStore.seeds.path, "--store", writerStore], in: dir.url, timeout: 300)
        #expect(build.status == 0, "the writer role cannot build: \(build.stderr)")

        let sqlite = try SeedStore.shared
        // The official named in most articles who has a partner and a post.
        let officials = try sqlite.people().filter { $0.kind == .official }.sorted {
            ($0.articleCount, $1.id) > ($1.articleCount, $0.id)
        }
        var picked: (person: StoredPerson, partner: GraphSnapshot.Edge, title: String)?
        for official in officials where picked == nil {
            if let partner = try sqlite.partners(of: official.id, filter: GraphFilter()).first,
                let title = try sqlite.posts(PostSelection(personIds: [official.id]), filter: GraphFilter()).first?
                    .title
            {
                picked = (official, partner, title)
            }
        }
        let (someone, partner, title) = try #require(picked)
        let partnerName = try #require(
            try sqlite.people().first { $0.id == (partner.source == someone.id ? partner.target : partner.source) }
        ).name
        var commands: [[String]] = [
            ["stats", "--format", "json"], ["check"], ["explain", someone.name], ["person", someone.name],
            ["coappear", someone.name], ["coappear", someone.name, partnerName], ["post", title],
        ]
        for format in ["graphml", "gexf", "json", "dot", "ttl"] { commands.append(["export", "--format", format]) }
        func withoutStore(_ text: String) -> String {
            text.split(separator: "\n").filter { !$0.contains("\"store\"") }.joined(separator: "\n")
        }
        for command in commands {
            let ours = try GuanxiCLI.run(command + ["--store", readerStore], in: dir.url, timeout: 120)
            let theirs = try GuanxiCLI.run(command + ["--store", sqlite.location], in: dir.url, timeout: 120)
            #expect(ours.status == 0, "\(command.joined(separator: " ")) as the reader: \(ours.stderr)")
            #expect(ours.stdout.utf8.count > 10, "\(command.joined(separator: " ")) printed nothing")
            // `check` runs other checks in each store (SQLite's integrity check): only its status counts.
            guard command != ["check"] else { continue }
            #expect(
                withoutStore(ours.stdout) == withoutStore(theirs.stdout),
                "\(command.joined(separator: " ")) answers otherwise than from SQLite")
        }
        let csv = try GuanxiCLI.run(
            ["export", "--format", "csv", "-o", dir.path("csv") + "/", "--store", readerStore], in: dir.url)
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.path("csv/edges.csv")))

        let stats = try GuanxiCLI.run(["stats", "--format", "json", "--store", readerStore], in: dir.url)
        let writes: [[String]] = [
            ["build", SeedStore.seeds.path, "--store", readerStore],
            ["remove", SeedStore.seeds.path, "--store", readerStore],
            ["copy", "--from", sqlite.location, "--to", readerStore, "--replace"],
        ]
        for command in writes {
            let refused = try GuanxiCLI.run(command, in: dir.url, timeout: 120)
            #expect(refused.status == 2, "\(command[0]) as the reader: \(refused.stdout)\(refused.stderr)")
            #expect(
                refused.stderr.contains("may only read this store") && !refused.stderr.contains("PostgreSQL error"),
                "\(command[0]) as the reader: \(refused.stderr)")
        }
        let after = try GuanxiCLI.run(["stats", "--format", "json", "--store", readerStore], in: dir.url)
        #expect(after.stdout == stats.stdout)
    }
}
