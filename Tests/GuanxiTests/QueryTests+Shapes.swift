import Foundation
import Testing

@testable import Guanxi

/// Query answers on small graphs of known shape, written straight into a store.
@Suite struct QueryShapeTests {
    private func query(_ graph: SyntheticGraph, _ filter: GraphFilter = GraphFilter()) throws -> GraphQuery {
        let dir = try TempDir()
        let store = try SQLiteGraphStore(path: dir.path("shape.sqlite"))
        try graph.write(to: store)
        return GraphQuery(store: store, filter: filter)
    }

    /// P0 - P1 - … - P(n-1).
    private func line(_ n: Int) -> SyntheticGraph {
        var g = SyntheticGraph(people: n)
        for i in 0..<(n - 1) { g.link(i, i + 1, date: "20\(10 + i)-06-01") }
        return g
    }

    @Test func pathLengthsOnALine() throws {
        let q = try query(line(5))
        #expect(try q.path("P0", "P4").links?.count == 4)
        #expect(try q.path("P1", "P2").links?.count == 1)
        #expect(try q.path("P3", "P3").links?.count == 0)
        let links = try #require(try q.path("P0", "P2").links)
        #expect(links.map(\.to.person.name) == ["P1", "P2"])
        #expect(links[0].article?.date == "2010-06-01")
    }

    @Test func disconnectedPeopleHaveNoPath() throws {
        var g = line(3)
        g.people.append(SyntheticGraph.Person(id: "Q@永康市", name: "Q"))
        #expect(try query(g).path("P0", "Q").links == nil)
    }

    @Test func pathRespectsTheWindowAndMinWeight() throws {
        var g = line(3)  // P0-P1 (2010), P1-P2 (2011)
        g.link(0, 2, date: "2012-01-01")
        #expect(try query(g).path("P0", "P2").links?.count == 1)
        #expect(try query(g, GraphFilter(until: "2011")).path("P0", "P2").links?.count == 2)
        g.link(0, 1, date: "2010-07-01")
        g.link(1, 2, date: "2011-07-01")
        #expect(try query(g, GraphFilter(minWeight: 2)).path("P0", "P2").links?.count == 2)
    }

    @Test func betweennessOfALine() {
        // a - b - c - d: b and c each lie on two shortest paths.
        let snapshot = GraphSnapshot(
            people: ["a", "b", "c", "d"].map { Self.person($0) },
            edges: [Self.edge("a", "b"), Self.edge("b", "c"), Self.edge("c", "d")], posts: [], organizations: [])
        let c = CoappearanceGraph(snapshot).centrality()
        #expect(c.betweenness == [0, 2, 2, 0])
        #expect(c.degree == [1, 2, 2, 1])
        #expect(c.exact)
    }

    @Test func betweennessOfAStar() {
        // Centre "c" with 5 leaves: every pair of leaves goes through it, C(5, 2) = 10.
        let leaves = ["l1", "l2", "l3", "l4", "l5"]
        let snapshot = GraphSnapshot(
            people: (["c"] + leaves).map { Self.person($0) }, edges: leaves.map { Self.edge("c", $0) }, posts: [],
            organizations: [])
        let graph = CoappearanceGraph(snapshot)
        let c = graph.centrality()
        #expect(c.betweenness[graph.node("c") ?? -1] == 10)
        #expect(leaves.allSatisfy { c.betweenness[graph.node($0) ?? -1] == 0 })
        // Estimated from pivots the centre still ranks first.
        let sampled = graph.centrality(pivots: 3)
        #expect(!sampled.exact && sampled.pivots == 3)
        #expect(sampled.betweenness.firstIndex(of: sampled.betweenness.max() ?? -1) == graph.node("c"))
    }

    @Test func betweennessSplitsAmongEqualPaths() {
        // A square a-b-d, a-c-d: b and c each carry half of the a–d pair.
        let snapshot = GraphSnapshot(
            people: ["a", "b", "c", "d"].map { Self.person($0) },
            edges: [Self.edge("a", "b"), Self.edge("a", "c"), Self.edge("b", "d"), Self.edge("c", "d")], posts: [],
            organizations: [])
        #expect(CoappearanceGraph(snapshot).centrality().betweenness == [0.5, 0.5, 0.5, 0.5])
    }

    @Test func topOnAStoreRanksTheCentre() throws {
        var g = SyntheticGraph(people: 5)
        for leaf in 1...4 { g.link(0, leaf, weight: leaf) }
        let top = try query(g).top()
        #expect(top.rows.first?.person.person.name == "P0")
        #expect(top.rows.first?.degree == 4)
        #expect(top.rows.first?.weightedDegree == 10)
        #expect(top.rows.first?.betweenness == 6)
    }

    @Test func partnersRespectMinWeightAndWindow() throws {
        var g = SyntheticGraph(people: 4)
        g.link(0, 1, date: "2017-03-01", weight: 3)
        g.link(0, 2, date: "2019-05-01", weight: 1)
        g.link(0, 3, date: "2020", weight: 2)
        let all = try query(g).coappearance(of: "P0").partners
        #expect(all.map(\.person.person.name) == ["P1", "P3", "P2"])
        #expect(all.map(\.weight) == [3, 2, 1])
        #expect(try query(g, GraphFilter(minWeight: 2)).coappearance(of: "P0").partners.count == 2)
        let window = try query(g, GraphFilter(since: "2019", until: "2019-12")).coappearance(of: "P0").partners
        #expect(window.map(\.person.person.name) == ["P2"])
        let since = try query(g, GraphFilter(since: "2019-06")).coappearance(of: "P0").partners
        #expect(since.map(\.person.person.name) == ["P3"])
        #expect(since.first?.firstDate == "2020")
    }

    @Test func kindsFilterPartners() throws {
        var g = SyntheticGraph(people: 3)
        g.people[2].kind = "journalist"
        g.link(0, 1)
        g.link(0, 2)
        #expect(try query(g, GraphFilter(kinds: [.official])).coappearance(of: "P0").partners.count == 1)
        #expect(try query(g).coappearance(of: "P0").partners.count == 2)
    }

    @Test func homonymsAreListedToPickById() throws {
        var g = SyntheticGraph()
        g.people = [
            SyntheticGraph.Person(id: "张三@永康市", name: "张三"),
            SyntheticGraph.Person(id: "张三@永康市#2", name: "张三"),
        ]
        g.organizations = [SyntheticGraph.Organization(id: "永康市人民政府", aliases: ["市政府"])]
        g.posts = [SyntheticGraph.Post(person: 1, role: "市长", organization: "永康市人民政府", title: "市长")]
        g.articles = [SyntheticGraph.Article(date: "2019", headline: "h", people: [1])]
        let q = try query(g)
        do {
            _ = try q.resolve("张三")
            Issue.record("resolved an ambiguous name")
        } catch let error as QueryError {
            #expect(error.code == .ambiguousPerson)
            #expect(error.candidates.count == 2)
            #expect(error.candidates[1].contains("张三@永康市#2") && error.candidates[1].contains("市长"))
        }
        #expect(try q.resolve("张三@永康市#2").id == "张三@永康市#2")
        #expect(try q.profile(of: "張三＠永康市＃2").posts.map(\.role) == ["市长"])
    }

    @Test func csvQuotesNamesWithCommasAndQuotes() throws {
        var g = SyntheticGraph()
        g.people = [
            SyntheticGraph.Person(id: "a@x", name: "Smith, John"),
            SyntheticGraph.Person(id: "b@x", name: "say \"hi\""),
        ]
        g.link(0, 1)
        let csv = try query(g).coappearance(of: "a@x").csv()
        #expect(csv == "partner,id,post,shared,first,last\r\n\"say \"\"hi\"\"\",b@x,,1,2018-01-01,2018-01-01\r\n")
        #expect(QueryTable.csvField("a\nb") == "\"a\nb\"")
        #expect(QueryTable.csvField("金政") == "金政")
    }

    @Test func tablesAlignWideCharacters() {
        let table = QueryTable(columns: ["name", "n"], rows: [["金政", "3"], ["ab", "12"]], numeric: [1])
        #expect(table.text() == "name   n\n金政   3\nab    12")
        #expect(QueryTable.displayWidth("市委书记") == 8)
        #expect(QueryTable.displayWidth("a，b") == 4)
    }

    @Test func jsonKeepsNullKeysAndEscapes() {
        let value = JSONValue.object([("name", .string("a\"b")), ("date", .null), ("n", .array([.int(1)]))])
        #expect(value.pretty() == "{\n  \"name\": \"a\\\"b\",\n  \"date\": null,\n  \"n\": [\n    1\n  ]\n}")
    }

    @Test func traditionalCharactersFold() {
        #expect(TraditionalChinese.simplified("市委書記陳曉蘇") == "市委书记陈晓苏")
        #expect(TraditionalChinese.simplified("劉黃趙吳鄭馮楊葉蔣") == "刘黄赵吴郑冯杨叶蒋")
        #expect(TraditionalChinese.count > 3000)
        #expect(PersonLookup.normalize(" 金　政 ") == "金政")
    }

    @Test func sentenceFinderCutsAroundBothNames() {
        let body = "会议由甲主持。乙、丙出席。\n\n丙讲话，甲作总结。"
        #expect(SentenceFinder.sentence(in: body, naming: ["甲", "丙"]) == "丙讲话，甲作总结。")
        #expect(SentenceFinder.sentence(in: body, naming: ["甲", "乙"]) == "会议由甲主持。乙、丙出席。")
        #expect(SentenceFinder.sentence(in: body, naming: ["甲", "丁"]) == nil)
    }

    @Test func syntheticStoreHasTheRequestedShape() throws {
        let g = SyntheticGraph.large(people: 500, articles: 400)
        let q = try query(g)
        let counts = try q.store.counts()
        #expect(counts.people == 500)
        #expect(counts.articles == 400)
        #expect(counts.coappearances > 2000)
        let top = try q.top(sample: 50)
        #expect(!top.rows.isEmpty)
        // Every sixth member of group 0 (people 0, 6, …, 48) is its 书记.
        let secretaries = try q.holders(of: "简称0书记").holders.map(\.person.id)
        #expect(Set(secretaries) == Set(stride(from: 0, to: 50, by: 6).map { g.people[$0].id }))
    }

    static func person(_ id: String) -> GraphSnapshot.Person {
        GraphSnapshot.Person(
            id: id, name: id, kind: .official, jurisdiction: nil, rank: nil, mainPost: nil, articleCount: 1,
            firstDate: nil, lastDate: nil)
    }

    static func edge(_ a: String, _ b: String) -> GraphSnapshot.Edge {
        GraphSnapshot.Edge(source: min(a, b), target: max(a, b), weight: 1, firstDate: nil, lastDate: nil)
    }
}

/// Writes the large synthetic store used to time the query commands by hand:
/// `GUANXI_SYNTHETIC_STORE=/tmp/big.sqlite swift test --filter QueryLargeStore`
/// (30,000 people, 35,000 articles, about 300,000 co-appearance edges). Skipped otherwise.
@Suite struct QueryLargeStore {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["GUANXI_SYNTHETIC_STORE"] != nil))
    func writeLargeSyntheticStore() throws {
        let path = try #require(ProcessInfo.processInfo.environment["GUANXI_SYNTHETIC_STORE"])
        try? FileManager.default.removeItem(atPath: path)
        let store = try SQLiteGraphStore(path: path)
        try SyntheticGraph.large(people: 30_000, articles: 35_000).write(to: store)
        #expect(try store.counts().coappearances > 200_000)
    }
}
