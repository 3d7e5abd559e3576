import Foundation
import Testing

@testable import Guanxi
@testable import GuanxiPostgres

/// `--store` as a URL or a path (issue 25): how a PostgreSQL URL is read,
/// and that no password is ever shown. None of these needs a server.
struct StoreLocationTests {
    @Test func aURLIsReadIntoItsParts() throws {
        let url = try PostgresURL(
            "postgres://builder:s3cr%40t@db.example:6543/county_papers?sslmode=require&schema=zhejiang")
        #expect(url.user == "builder")
        #expect(url.password == "s3cr@t")
        #expect(url.host == "db.example" && url.port == 6543)
        #expect(url.database == "county_papers")
        #expect(url.tls == .require)
        #expect(url.schema == "zhejiang")
        #expect(url.description == "postgres://builder@db.example:6543/county_papers?sslmode=require&schema=zhejiang")
    }

    @Test func defaultsFollowLibpq() throws {
        let url = try PostgresURL("postgresql://reader@localhost/graph", environment: ["PGPASSWORD": "from-env"])
        #expect(url.port == 5432)
        #expect(url.tls == .prefer)
        #expect(url.schema == "guanxi")
        #expect(url.password == "from-env")
        #expect(!url.description.contains("from-env"))
    }

    @Test func aPasswordIsNeverShown() throws {
        #expect(PostgresURL.redacting("postgres://u:hunter2@h:1/d") == "postgres://u:***@h:1/d")
        #expect(
            StoreLocation.shown("postgres://u:hunter2@h/d?sslmode=require") == "postgres://u:***@h/d?sslmode=require")
        #expect(StoreLocation.shown("guanxi.sqlite") == "guanxi.sqlite")
        for bad in [
            "postgres://u:hunter2@/d", "postgres://u:hunter2@h:1/", "postgres://u:hunter2@h/d?sslmode=sometimes",
            "postgres://u:hunter2@h/d?schema=Bad-Name", "postgres://u:hunter2@h/d?color=blue",
        ] {
            let error = #expect(throws: StoreError.self) { try PostgresURL(bad) }
            #expect(error?.description.contains("hunter2") == false, "\(bad)")
            #expect(error?.message.isEmpty == false)
        }
    }

    @Test func aServerThatIsNotThereIsReportedWithoutThePassword() throws {
        // Port 9 on loopback: nothing listens there on a test machine.
        let error = #expect(throws: StoreError.self) {
            try StoreLocation.open("postgres://u:hunter2@127.0.0.1:9/d?sslmode=disable", create: false)
        }
        #expect(error?.description.contains("cannot connect") == true)
        #expect(error?.detailedDescription.contains("hunter2") == false)
    }

    @Test func theStoreKindFollowsTheScheme() {
        #expect(StoreLocation.isPostgres("postgres://u@h/d"))
        #expect(StoreLocation.isPostgres("postgresql://u@h/d"))
        #expect(!StoreLocation.isPostgres("postgres.sqlite"))
        #expect(!StoreLocation.isPostgres("/data/postgres://x"))
    }

    @Test func theCommandNeverPrintsThePassword() throws {
        let dir = try TempDir()
        let result = try GuanxiCLI.run(
            ["stats", "--store", "postgres://u:hunter2@127.0.0.1:9/d?sslmode=disable"], in: dir.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot connect"))
        #expect(!(result.stdout + result.stderr).contains("hunter2"))
    }

    @Test func guanxiStoreGivesTheStoreWhenTheOptionDoesNot() throws {
        let dir = try TempDir()
        let store = try SeedStore.shared.location
        let result = try GuanxiCLI.run(["stats"], in: dir.url, environment: ["GUANXI_STORE": store])
        #expect(result.status == 0)
        #expect(result.stdout.contains("store: \(store)"))
        #expect(result.stdout.contains("documents: 5"))
        let given = try GuanxiCLI.run(
            ["stats", "--store", dir.path("none.sqlite")], in: dir.url, environment: ["GUANXI_STORE": store])
        #expect(given.status == 2)
    }
}
