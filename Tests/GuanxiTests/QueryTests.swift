import Foundation
import Testing

@testable import Guanxi

/// `guanxi person|coappear|post|org|path|top` on the graph of the five seed pages.
@Suite(.serialized) struct QueryTests {
    let query: GraphQuery

    init() throws {
        query = GraphQuery(store: try SeedStore.shared)
    }

    @Test func partySecretariesSucceedEachOther() throws {
        let names = try query.holders(of: "市委书记").holders.map(\.person.name)
        #expect(names == ["金政", "章旭升", "胡勇春"])
        // The same post as role + institution alias, and in traditional characters.
        #expect(try query.holders(of: "书记", organization: "市委").holders.map(\.person.name) == names)
        #expect(try query.holders(of: "市委書記").holders.map(\.person.name) == names)
    }

    @Test func successionRespectsTheWindow() throws {
        var q = query
        q.filter = GraphFilter(since: "2019", until: "2020")
        #expect(try q.holders(of: "市委书记").holders.map(\.person.name) == ["章旭升"])
    }

    @Test func partnersOfThePartySecretary() throws {
        let list = try query.coappearance(of: "金政")
        #expect(list.partners.first?.person.person.name == "范晓东")
        #expect(list.partners.first?.weight == 2)
        #expect(list.partners.contains { $0.person.person.name == "卢轶" })
        #expect(list.partners.allSatisfy { $0.person.person.kind == .official })
    }

    @Test func sharedArticlesQuoteTheSentenceNamingBoth() throws {
        let shared = try query.sharedArticles("金政", "范晓东")
        #expect(shared.articles.count == 2)
        for a in shared.articles {
            let sentence = try #require(a.sentence)
            #expect(sentence.contains("金政") && sentence.contains("范晓东"))
            #expect(a.article.date?.hasPrefix("2018") == true)
        }
    }

    @Test func profileHasCareerPartnersAndArticles() throws {
        let profile = try query.profile(of: "金政")
        #expect(profile.person.person.jurisdiction == "永康市")
        #expect(profile.posts.map(\.title) == ["市委书记"])
        #expect(profile.articleCount == 3)
        #expect(profile.articles.count == 3)
        #expect(profile.partners.first?.person.person.name == "范晓东")
        #expect(profile.json["person"]?["main_post"] == .string("市委书记"))
    }

    @Test func pathAcrossYearsGoesThroughASharedPartnerOrReportsNone() throws {
        let path = try query.path("金政", "张群环")
        let links = try #require(path.links)
        #expect(links.count == 2)
        #expect(links.allSatisfy { $0.article != nil })
        // The middle person appears with both.
        let middle = links[0].to.person.id
        #expect(try query.sharedArticles("金政", middle).articles.count >= 1)
        #expect(try query.sharedArticles(middle, "张群环").articles.count >= 1)
        // Restricted to 2017–2018 there is no chain to someone first seen in 2020.
        var q = query
        q.filter = GraphFilter(until: "2018")
        #expect(try q.path("金政", "张群环").links == nil)
    }

    @Test func partyCommitteeListsItsUnitedFrontDepartment() throws {
        let org = try query.organization("中共永康市委")
        #expect(org.children.map(\.id).contains("中共永康市委统一战线工作部"))
        #expect(org.holders.contains { $0.person.name == "金政" && $0.post.role == "书记" })
        // By an alias as written.
        #expect(try query.organization("市委统战部").parent?.id == "中共永康市委")
    }

    @Test func unknownNameSuggestsTheClosest() throws {
        do {
            _ = try query.resolve("金正")
            Issue.record("金正 resolved")
        } catch let error as QueryError {
            #expect(error.code == .unknownPerson)
            #expect(error.candidates.first?.hasPrefix("金政 (金政@永康市, 市委书记, 2017–2018)") == true)
            #expect(error.description.contains("did you mean: 金政"))
        }
    }

    @Test func traditionalSpacedAndFullWidthNamesResolve() throws {
        #expect(try query.resolve("陳曉蘇").name == "陈晓苏")
        #expect(try query.resolve(" 金 政 ").id == "金政@永康市")
        #expect(try query.resolve("金政＠永康市").id == "金政@永康市")
        #expect(try query.resolve("張 群環").name == "张群环")
    }

    @Test func topRanksConnectedOfficials() throws {
        var q = query
        q.filter = GraphFilter(limit: 3)
        let top = try q.top()
        #expect(top.exact)
        #expect(top.rows.count == 3)
        #expect(top.rows.allSatisfy { $0.degree > 0 })
        #expect(top.rows.map(\.betweenness) == top.rows.map(\.betweenness).sorted(by: >))
    }

    @Test func missingStoreIsAStoreError() throws {
        let dir = try TempDir()
        #expect(throws: StoreError.self) { try SQLiteGraphStore(path: dir.path("none.sqlite"), create: false) }
    }
}
