import Foundation
import Testing

@testable import Guanxi

/// Linking hand-built extractions of small invented pages through the SQLite store.
@Suite struct LinkerTests {
    let secretary = title("市委书记", "书记", "中共永康市委", "永康市")
    let deputyMayor = title("副市长", "副市长", "永康市人民政府", "永康市")
    let countyHead = title("县长", "县长", "武义县人民政府", "武义县")
    let countySecretary = title("县委书记", "书记", "中共武义县委", "武义县")

    func withStore(_ body: (SQLiteGraphStore, TempDir) throws -> Void) throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        try body(try SQLiteGraphStore(path: dir.path("g.sqlite")), dir)
    }

    @Test func homonymsInDifferentCountiesPapersStayTwo() throws {
        try withStore { store, _ in
            try HandPage(
                "/p/yk/a.txt", root: "/p/yk",
                [
                    ("2018-03-01", "市委书记吴一凡主持会议，甄小明发言。", [official("吴一凡", secretary), official("甄小明")])
                ]
            ).store(in: store)
            try HandPage(
                "/p/wy/b.txt", root: "/p/wy",
                [
                    ("2018-03-02", "县委书记柏青山讲话，甄小明参加。", [official("柏青山", countySecretary), official("甄小明")])
                ]
            ).store(in: store)
            _ = try store.relink(options: LinkOptions(), curation: .none)
            let people = try store.people().filter { $0.name == "甄小明" }
            // people() orders by id (UTF-8 bytes): 武 sorts before 永.
            #expect(people.map(\.id) == ["甄小明@武义县", "甄小明@永康市"])
            #expect(people.map(\.jurisdiction) == ["武义县", "永康市"])
            let explained = try store.explain(name: "甄小明")
            let split = explained.flatMap(\.decisions).filter { $0.action == "split" }
            #expect(split.count == 1)
            // Weighed: neighbouring counties, but no post says either is an
            // official: a rare name among everyone is shared by many.
            #expect(split.first?.rule == "career-evidence")
            #expect(split.first?.reason.contains("neighbours in one prefecture") == true)
            #expect(split.first?.reason.contains("people expected to share it") == true)
        }
    }

    @Test func sameNameOneCityOneCareerIsOnePerson() throws {
        try withStore { store, _ in
            try HandPage(
                "/p/yk/a.txt", root: "/p/yk",
                [
                    ("2017-04-10", "市委书记吴一凡调研。", [official("吴一凡", secretary)]),
                    ("2017-09-01", "吴一凡走访企业。", [official("吴一凡")]),
                ]
            ).store(in: store)
            try HandPage(
                "/p/yk/b.txt", root: "/p/yk",
                [
                    ("2018-03-29", "市委书记吴一凡在会上强调。", [official("吴一凡", secretary)])
                ]
            ).store(in: store)
            _ = try store.relink(options: LinkOptions(), curation: .none)
            let people = try store.people()
            #expect(people.map(\.id) == ["吴一凡@永康市"])
            #expect(people.first?.articleCount == 3)
            #expect(people.first?.firstDate == "2017-04-10")
            #expect(people.first?.lastDate == "2018-03-29")
            let explained = try #require(try store.explain(name: "吴一凡").first)
            #expect(explained.posts.map(\.title) == ["市委书记"])
            #expect(explained.posts.first?.articleCount == 2)
            #expect(explained.posts.first?.firstDate == "2017-04-10")
            // The untitled mention of 2017-09 names no place; it is placed where 吴一凡 is known.
            #expect(explained.decisions.map(\.rule) == ["same-name-same-jurisdiction", "only-known-jurisdiction"])
            #expect(
                explained.decisions.first?.reason == "same name 吴一凡, same jurisdiction 永康市, posts compatible: "
                    + "书记 of 中共永康市委 2017-04-10 … 2018-03-29; 3 articles")
            #expect(explained.mentions.count == 3)
            #expect(explained.mentions.first?.snippet.contains("市委书记吴一凡调研") == true)
        }
    }

    @Test func twoPostsAtOnceInTwoJurisdictionsAreTwoPeople() throws {
        try withStore { store, _ in
            try HandPage(
                "/p/jh/a.txt", root: "/p/jh",
                [
                    ("2018-05-02", "副市长甄小明和县长甄小明分别讲话。", []),
                    ("2018-05-03", "副市长甄小明视察。", [official("甄小明", deputyMayor)]),
                    ("2018-05-20", "县长甄小明视察。", [official("甄小明", countyHead)]),
                ]
            ).store(in: store)
            _ = try store.relink(options: LinkOptions(), curation: .none)
            #expect(try store.people().map(\.id) == ["甄小明@武义县", "甄小明@永康市"])
            let split = try store.explain(name: "甄小明").flatMap(\.decisions).filter { $0.action == "split" }
            #expect(split.map(\.rule) == ["incompatible-career"])
            #expect(split.first?.reason.contains("two posts at once in different jurisdictions") == true)
            #expect(split.first?.reason.contains("2018-05") == true)
        }
    }

    @Test func eachNamesakeIsCheckedAgainstTheFirstPersonOfItsName() throws {
        // The first 王立新 (永康) is read once for every namesake: the 武义 county head
        // named in one of his months clashes; the 呼玛 one, named in no month of his, does not.
        let farHead = title("县长", "县长", "呼玛县人民政府", "呼玛县")
        let yongkang = (1...6).map { month in
            ("2018-0\(month)-03", "副市长王立新视察。", [official("王立新", deputyMayor)])
        }
        try withStore { store, _ in
            try HandPage("/p/yk/a.txt", root: "/p/yk", yongkang).store(in: store)
            try HandPage(
                "/p/wy/b.txt", root: "/p/wy", [("2018-05-20", "县长王立新视察。", [official("王立新", countyHead)])]
            ).store(in: store)
            try HandPage(
                "/p/hm/c.txt", root: "/p/hm", [("2024-11-20", "县长王立新调研。", [official("王立新", farHead)])]
            ).store(in: store)
            _ = try store.relink(options: LinkOptions(), curation: .none)
            #expect(Set(try store.people().map(\.id)) == ["王立新@永康市", "王立新@武义县", "王立新@呼玛县"])
            let wuyi = try store.explain(name: "王立新@武义县").flatMap(\.decisions).filter { $0.action == "split" }
            #expect(wuyi.map(\.rule) == ["incompatible-career"])
            #expect(wuyi.first?.reason.contains("two posts at once in different jurisdictions: 副市长 (永康市)") == true)
            #expect(wuyi.first?.reason.contains("in 2018-05") == true)
            let far = try store.explain(name: "王立新@呼玛县").flatMap(\.decisions).filter { $0.action == "split" }
            #expect(far.count == 1)
            #expect(far.first?.reason.contains("two posts at once") == false)
        }
    }

    @Test func sameRoleInTwoInstitutionsAtOnceSplitsWithinAJurisdiction() throws {
        let townA = title("前山镇镇长", "镇长", "前山镇人民政府", "永康市")
        let townB = title("后溪镇镇长", "镇长", "后溪镇人民政府", "永康市")
        try withStore { store, _ in
            try HandPage(
                "/p/yk/a.txt", root: "/p/yk",
                [
                    ("2019-06-01", "前山镇镇长甄小明。", [official("甄小明", townA)]),
                    ("2019-06-15", "后溪镇镇长甄小明。", [official("甄小明", townB)]),
                    ("2019-09-15", "前山镇镇长甄小明。", [official("甄小明", townA)]),
                ]
            ).store(in: store)
            _ = try store.relink(options: LinkOptions(), curation: .none)
            let people = try store.people()
            #expect(people.map(\.id) == ["甄小明@永康市", "甄小明@永康市#2"])
            #expect(people.map(\.articleCount) == [2, 1])
            let split = try store.explain(name: "甄小明@永康市#2").flatMap(\.decisions).filter { $0.action == "split" }
            #expect(split.first?.reason.contains("two posts at once") == true)
        }
    }

    @Test func coappearanceCountsOfficialsNotReferencedUnlessAsked() throws {
        try withStore { store, _ in
            let leader = PersonMention(name: "龙思远", kind: .official, referenced: true)
            let reporter = PersonMention(name: "钟笔", kind: .journalist, titles: [title("记者", "记者", nil, nil)])
            let citizen = PersonMention(name: "田好人", kind: .citizen)
            try HandPage(
                "/p/yk/a.txt", root: "/p/yk",
                [
                    (
                        "2018-01-05", "记者钟笔 市委书记吴一凡、副市长甄小明学习龙思远思想，田好人获奖。",
                        [reporter, official("吴一凡", secretary), official("甄小明", deputyMayor), leader, citizen]
                    ),
                    ("2018-02-07", "记者钟笔 吴一凡与甄小明调研。", [reporter, official("吴一凡"), official("甄小明")]),
                ]
            ).store(in: store)
            try HandPage(
                "/p/yk/b.txt", root: "/p/yk",
                [
                    ("2018-03-09", "记者钟笔报道。", [reporter])
                ]
            ).store(in: store)
            let report = try store.relink(options: LinkOptions(), curation: .none)
            #expect(report.coappearances == 1)
            let edges = try store.rows("SELECT personA, personB, weight, firstDate, lastDate FROM coappearance")
            #expect(
                edges == [
                    [
                        "personA": "吴一凡@永康市", "personB": "甄小明@永康市", "weight": "2",
                        "firstDate": "2018-01-05", "lastDate": "2018-02-07",
                    ]
                ])
            #expect(try store.rows("SELECT count(*) AS n FROM coappearanceArticle") == [["n": "2"]])
            let reporters = try store.people().filter { $0.kind == .journalist }
            #expect(reporters.map(\.id) == ["钟笔@journalist:永康市"])
            #expect(reporters.first?.articleCount == 3)
            #expect(try store.counts().peopleByKind == [.official: 3, .journalist: 1, .citizen: 1])
            // 书记, 副市长, and the journalist's 记者 (a role with no institution).
            #expect(try store.counts().posts == 3)

            let wide = try store.relink(options: LinkOptions(includeReferenced: true), curation: .none)
            #expect(wide.coappearances == 3)
            let all = try store.relink(
                options: LinkOptions(coappearanceKinds: [.official, .journalist, .citizen]), curation: .none)
            #expect(all.coappearances == 6)
        }
    }

    @Test func rankLabelsAreNotPosts() throws {
        try withStore { store, _ in
            let rank = title("市领导", "领导", nil, "永康市", rank: true)
            try HandPage(
                "/p/yk/a.txt", root: "/p/yk",
                [
                    ("2018-01-05", "市领导甄小明出席。", [official("甄小明", rank)])
                ]
            ).store(in: store)
            _ = try store.relink(options: LinkOptions(), curation: .none)
            #expect(try store.counts().posts == 0)
            #expect(try store.rows("SELECT rank FROM person") == [["rank": "市领导"]])
            #expect(try store.people().map(\.id) == ["甄小明@永康市"])
        }
    }

    @Test func untitledMentionJoinsTheOnlyTitledNamesakeOfItsPaper() throws {
        let police = title("金华市公安局副局长", "副局长", "金华市公安局", "金华市")
        try withStore { store, _ in
            try HandPage(
                "/p/yk/a.txt", root: "/p/yk",
                [
                    ("2018-01-05", "市委书记吴一凡、金华市公安局副局长甄小明出席。", [official("吴一凡", secretary), official("甄小明", police)]),
                    ("2018-01-06", "市委书记吴一凡会见甄小明。", [official("吴一凡", secretary), official("甄小明")]),
                ]
            ).store(in: store)
            _ = try store.relink(options: LinkOptions(), curation: .none)
            #expect(try store.people().map(\.id) == ["吴一凡@永康市", "甄小明@金华市"])
            let rules = try store.explain(name: "甄小明").flatMap(\.decisions).map(\.rule)
            // The untitled mention's page names no place: it joins the one jurisdiction 甄小明 is known in.
            #expect(rules.contains("only-known-jurisdiction"))
        }
    }

    @Test func namesInsidePlaceNamesAreNotPeople() throws {
        try withStore { store, _ in
            try HandPage(
                "/p/yk/a.txt", root: "/p/yk",
                [
                    ("2018-01-05", "参观甄小明纪念馆。", [PersonMention(name: "甄小明", kind: .historical, inName: true)])
                ]
            ).store(in: store)
            _ = try store.relink(options: LinkOptions(), curation: .none)
            #expect(try store.people().isEmpty)
            #expect(try store.counts().mentions == 1)
        }
    }

    @Test func institutionsSeenOnTwoThreadsMergeIntoWhatOneLinkerSees() {
        func sighting(
            _ id: Int64, _ article: Int64, _ name: String, _ jurisdiction: String?, parent: String?, written: [String]
        ) -> LinkOrganizationMention {
            LinkOrganizationMention(
                id: id, articleId: article, name: name, jurisdiction: jurisdiction, parent: parent, written: written)
        }
        let sightings = [
            sighting(1, 10, "中共永康市委组织部", "永康市", parent: "中共永康市委", written: ["市委组织部"]),
            sighting(2, 10, "永康市人民政府", "永康市", parent: nil, written: ["市政府"]),
            sighting(3, 11, "中共永康市委组织部", "永康市", parent: "中共永康市委", written: ["组织部"]),
            sighting(4, 12, "中共永康市委组织部", "金华市", parent: nil, written: ["市委组织部"]),
            sighting(5, 12, "永康市人民政府", "永康市", parent: nil, written: ["永康市政府"]),
            sighting(6, 13, "武义县人民政府", "武义县", parent: nil, written: []),
        ]
        var whole = OrganizationLinker()
        for s in sightings { whole.see(s) }
        // Every split of the sightings in two, merged in order.
        for cut in 0...sightings.count {
            var first = OrganizationLinker(), second = OrganizationLinker()
            for s in sightings[..<cut] { first.see(s) }
            for s in sightings[cut...] { second.see(s) }
            first.merge(second)
            #expect(first.organizations() == whole.organizations(), "cut at \(cut)")
        }
        #expect(whole.organizations().first { $0.id == "中共永康市委组织部" }?.aliases == ["市委组织部", "组织部"])
    }
}
