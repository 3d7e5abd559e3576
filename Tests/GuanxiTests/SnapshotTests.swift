import Foundation
import Testing

@testable import Guanxi

/// The filtered view of the seed graph that queries and exporters read.
@Suite(.serialized) struct SnapshotTests {
    let store: SQLiteGraphStore

    init() throws {
        store = try SeedStore.shared
    }

    @Test func wholeGraphMatchesTheStoreCounts() throws {
        let all = try store.snapshot(GraphFilter())
        let counts = try store.counts()
        #expect(all.people.count == counts.people)
        #expect(all.edges.count == counts.coappearances)
        #expect(all.people.map(\.id) == all.people.map(\.id).sorted())
        #expect(all.edges.allSatisfy { $0.source < $0.target && $0.weight >= 1 })
        #expect(all.people.first { $0.name == "金政" }?.mainPost == "市委书记")
    }

    @Test func timeWindowRecountsWeightsAndDates() throws {
        let y2018 = try store.snapshot(GraphFilter(since: "2018", until: "2018"))
        let jin = try #require(y2018.people.first { $0.name == "金政" })
        #expect(jin.articleCount == 2)
        #expect(jin.firstDate == "2018" && jin.lastDate == "2018")
        // 2020's plenary session is outside the window.
        #expect(!y2018.people.contains { $0.name == "章旭升" })
        #expect(y2018.edges.allSatisfy { $0.firstDate == "2018" })
        let fan = try #require(y2018.edges.first { Set([$0.source, $0.target]) == ["金政@永康市", "范晓东@永康市"] })
        #expect(fan.weight == 2)
    }

    @Test func kindsMinWeightEgoAndLimit() throws {
        let journalists = try store.snapshot(GraphFilter(kinds: [.journalist]))
        #expect(!journalists.people.isEmpty && journalists.people.allSatisfy { $0.kind == .journalist })
        let heavy = try store.snapshot(GraphFilter(minWeight: 2))
        #expect(heavy.edges.allSatisfy { $0.weight >= 2 })
        let ego = try store.snapshot(GraphFilter(ego: "胡勇春@永康市", depth: 1))
        #expect(ego.people.map(\.name) == ["胡勇春"])
        let jin = try store.snapshot(GraphFilter(ego: "金政@永康市", depth: 1))
        #expect(Set(jin.people.map(\.name)) == ["金政", "范晓东", "朱志杰", "陈美蓉", "朱世道", "胡天忠", "卢轶"])
        let top = try store.snapshot(GraphFilter(limit: 3))
        #expect(top.people.count == 3)
        #expect(top.edges.allSatisfy { e in top.people.contains { $0.id == e.source } })
    }

    @Test func lookupForgivesSpacesAndSuggests() throws {
        let lookup = PersonLookup(people: try store.people())
        guard case .one(let p) = lookup.resolve(" 金 政 ") else {
            Issue.record("金 政 should resolve")
            return
        }
        #expect(p.id == "金政@永康市")
        guard case .none(let suggestions) = lookup.resolve("金正") else {
            Issue.record("金正 is nobody")
            return
        }
        #expect(suggestions.first?.name == "金政")
    }
}
