import Foundation
import Testing

@testable import Guanxi

/// The graph built from the five seed pages: what a reader of those pages knows
/// about who held which post when, and who appeared with whom.
@Suite(.serialized) struct SeedGraphTests {
    let store: SQLiteGraphStore

    init() throws {
        store = try SeedStore.shared
    }

    /// The posts of the one person of this name: title as written, first and last year.
    private func career(_ name: String) throws -> [[String: String?]] {
        try store.rows(
            """
            SELECT po.title, po.role, po.organizationId AS org, substr(po.firstDate, 1, 4) AS first,
                   substr(po.lastDate, 1, 4) AS last
            FROM post po JOIN person p ON p.id = po.personId WHERE p.name = '\(name)' ORDER BY po.firstDate, po.title
            """)
    }

    private func people(_ name: String) throws -> [[String: String?]] {
        try store.rows("SELECT id, kind, firstDate, lastDate, articleCount FROM person WHERE name = '\(name)'")
    }

    @Test func partySecretaryOf2017And2018IsOnePerson() throws {
        let found = try people("金政")
        #expect(found.count == 1)
        let posts = try career("金政")
        #expect(posts.count == 1)
        #expect(posts.first?["title"] == "市委书记")
        #expect(posts.first?["org"] == "中共永康市委")
        #expect(posts.first?["first"] == "2017")
        #expect(posts.first?["last"] == "2018")
    }

    @Test func journalistAcrossFourPagesIsOnePerson() throws {
        let found = try people("陈晓苏")
        #expect(found.count == 1)
        #expect(found.first?["kind"] == "journalist")
        // Four bylined stories, on pages 000 (two), 002 and 004.
        let stories = try store.rows(
            """
            SELECT DISTINCT a.id, a.documentId FROM mention m JOIN article a ON a.id = m.articleId
            JOIN mentionPerson mp ON mp.mentionId = m.id JOIN person p ON p.id = mp.personId WHERE p.name = '陈晓苏'
            """)
        #expect(stories.count == 4)
        #expect(Set(stories.map { $0["documentId"] ?? nil }).count == 3)
        #expect(found.first?["articleCount"] == "4")
    }

    @Test func officialsLinkAcrossYears() throws {
        for name in ["胡天忠", "卢轶"] {
            let found = try people(name)
            #expect(found.count == 1, "\(name)")
            #expect(found.first?["firstDate"] == "2017", "\(name)")
            #expect(found.first?["lastDate"] == "2020", "\(name)")
        }
        let hu = try career("胡天忠").map { $0["title"] ?? nil }
        #expect(hu.contains("市委常委") && hu.contains("统战部部长"))
        #expect(try career("卢轶").map { $0["title"] ?? nil } == ["副市长"])
        // In 2020 both appear in the rank list 市领导, which marks rank, not a post.
        let rank = try store.rows("SELECT rank FROM person WHERE name = '胡天忠'")
        #expect(rank.first?["rank"] == "市领导")
    }

    @Test func partySecretariesInDateOrder() throws {
        let holders = try store.rows(
            """
            SELECT p.name FROM post po JOIN person p ON p.id = po.personId
            WHERE po.role = '书记' AND po.organizationId = '中共永康市委' ORDER BY po.firstDate
            """
        ).map { $0["name"] ?? nil }
        #expect(holders == ["金政", "章旭升", "胡勇春"])
    }

    @Test func deputySecretaryAndMayorIn2020() throws {
        let posts = try career("张群环")
        #expect(Set(posts.map { $0["title"] ?? nil }) == ["市委副书记", "市长"])
        #expect(Set(posts.map { $0["org"] ?? nil }) == ["中共永康市委", "永康市人民政府"])
        #expect(posts.allSatisfy { $0["first"] == "2020" })
    }

    @Test func citizensAndJournalistsDoNotCoAppear() throws {
        let edges = try store.rows(
            """
            SELECT c.personA, c.personB FROM coappearance c JOIN person a ON a.id = c.personA
            JOIN person b ON b.id = c.personB WHERE a.kind <> 'official' OR b.kind <> 'official'
            """)
        #expect(edges.isEmpty)
        // Page 001 names no official, so none of its articles is the evidence of an edge.
        let fromReviews = try store.rows(
            """
            SELECT ca.articleId FROM coappearanceArticle ca JOIN article a ON a.id = ca.articleId
            JOIN document d ON d.id = a.documentId WHERE d.path LIKE '%001_%'
            """)
        #expect(fromReviews.isEmpty)
    }
}

/// Posts written as held before the article (`原…`) are not careers at its date.
@Suite struct FormerPostTests {
    @Test func formerPostIsNotACareerAtTheArticlesDate() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        _ = try dir.write("yk/2020-05-06.txt", "本报讯 永康市召开座谈会，原市委书记王建新，市长陈一平出席。永康各界代表参加。\n")
        let store = try SQLiteGraphStore(path: dir.path("g.sqlite"))
        _ = try GraphBuilder(store: store).build(paths: [dir.path("yk")])
        let wang = try store.rows(
            "SELECT po.title FROM post po JOIN person p ON p.id = po.personId WHERE p.name = '王建新'")
        #expect(wang.isEmpty)
        let chen = try store.rows(
            "SELECT po.title FROM post po JOIN person p ON p.id = po.personId WHERE p.name = '陈一平'")
        #expect(chen == [["title": "市长"]])
        #expect(try store.people().map(\.name).sorted() == ["王建新", "陈一平"].sorted())
    }
}
