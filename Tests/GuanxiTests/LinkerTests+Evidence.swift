import Foundation
import Testing

@testable import Guanxi

/// Career evidence: each kind weighed on its own, and movers and homonyms
/// linked through the store.
@Suite struct LinkerEvidenceTests {
    let evidence = CareerEvidence()

    func withStore(_ body: (SQLiteGraphStore) throws -> Void) throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        try body(try SQLiteGraphStore(path: dir.path("g.sqlite")))
    }

    @Test func aCommonNameNeedsMoreEvidenceThanARareOne() {
        let common = evidence.namePrior("王某").bits  // first surname, one given character
        let rare = evidence.namePrior("虞某某").bits  // rare surname, two given characters
        #expect(common < 0)
        #expect(rare >= CareerEvidence.threshold)
    }

    @Test func placesWeighByHowNearTheyAre() {
        func bits(_ a: String, _ b: String) -> Double? {
            var x = CareerEvidence.Profile(), y = CareerEvidence.Profile()
            x.jurisdictions = [a]
            y.jurisdictions = [b]
            return evidence.placeItem(x, y)?.bits
        }
        let same = bits("永康市", "永康市"), nested = bits("永康市", "金华市")
        let neighbours = bits("永康市", "武义县"), province = bits("永康市", "安吉县")
        #expect(same! > nested!)
        #expect(nested! > neighbours!)
        #expect(neighbours! > province!)
        #expect(evidence.placeItem(CareerEvidence.Profile(), CareerEvidence.Profile()) == nil)
    }

    @Test func aLaterPostFarBelowAnEarlierOneWeighsAgainst() throws {
        let secretary = try #require(evidence.grade(title("县委书记", "书记", "中共武义县委", "武义县")))
        let deputy = try #require(evidence.grade(title("副县长", "副县长", "永康市人民政府", "永康市")))
        let head = try #require(evidence.grade(title("县长", "县长", "武义县人民政府", "武义县")))
        #expect(secretary.low > head.high)
        #expect(head.low > deputy.high)
        #expect(secretary.head && head.head && !deputy.head)
        // An unresolved 市 is a county-level or a prefecture city: a range.
        let city = try #require(evidence.grade(title("市委书记", "书记", "中共市委", nil)))
        #expect(city.low < city.high)
    }

    @Test func aDeputyCountyHeadWhoBecomesHeadOfTheNextCountyIsOnePerson() throws {
        try withStore { store in
            try HandPage(
                "/p/yk/a.txt", root: "/p/yk",
                [
                    ("2015-04-02", "副市长甄向阳调研。", [official("甄向阳", title("副市长", "副市长", "永康市人民政府", "永康市"))]),
                    ("2016-06-12", "副市长甄向阳出席。", [official("甄向阳", title("副市长", "副市长", "永康市人民政府", "永康市"))]),
                ]
            ).store(in: store)
            try HandPage(
                "/p/wy/b.txt", root: "/p/wy",
                [
                    ("2019-05-20", "县长甄向阳作政府工作报告。", [official("甄向阳", title("县长", "县长", "武义县人民政府", "武义县"))])
                ]
            ).store(in: store)
            _ = try store.relink(options: LinkOptions(), curation: .none)
            let people = try store.people().filter { $0.name == "甄向阳" }
            #expect(people.count == 1)
            #expect(people.first?.articleCount == 3)
            let merge = try store.explain(name: "甄向阳").flatMap(\.decisions).filter { $0.rule == "career-evidence" }
            #expect(merge.count == 1)
            #expect(merge.first?.reason.contains("a step up") == true)
            #expect(merge.first?.reason.contains("neighbours in one prefecture") == true)
            let whole = try store.explain(name: "甄向阳").flatMap(\.decisions).first
            #expect(whole?.rule == "same-name-several-places")
            #expect(whole?.reason.hasPrefix("same name 甄向阳 in 永康市, 武义县, joined by career evidence") == true)
            // One career in date order across both counties.
            let posts = try #require(try store.explain(name: "甄向阳").first).posts
            #expect(posts.map(\.title) == ["副市长", "县长"])
        }
    }

    @Test func sameNameSamePrefectureOverlappingPostsAreTwoPeople() throws {
        try withStore { store in
            try HandPage(
                "/p/yk/a.txt", root: "/p/yk",
                [
                    ("2019-03-02", "市委书记甄向阳主持会议。", [official("甄向阳", title("市委书记", "书记", "中共永康市委", "永康市"))]),
                    ("2019-11-15", "市委书记甄向阳调研。", [official("甄向阳", title("市委书记", "书记", "中共永康市委", "永康市"))]),
                ]
            ).store(in: store)
            try HandPage(
                "/p/wy/b.txt", root: "/p/wy",
                [
                    ("2019-06-20", "县长甄向阳讲话。", [official("甄向阳", title("县长", "县长", "武义县人民政府", "武义县"))])
                ]
            ).store(in: store)
            _ = try store.relink(options: LinkOptions(), curation: .none)
            #expect(try store.people().filter { $0.name == "甄向阳" }.count == 2)
            let split = try store.explain(name: "甄向阳").flatMap(\.decisions).filter { $0.action == "split" }
            #expect(split.map(\.rule) == ["career-evidence"])
            #expect(split.first?.reason.contains("held at once") == true)
        }
    }

    @Test func aFormerPostNamedInTheTextLinksToTheNamesakeWhoHeldIt() throws {
        func former(_ t: TitleMention) -> TitleMention {
            var t = t
            t.former = true
            return t
        }
        let kaihua = title("县委书记", "书记", "中共开化县委", "开化县")
        try withStore { store in
            try HandPage(
                "/p/a/a.txt", root: "/p/a",
                [
                    ("2017-03-02", "县委书记王泽主持会议。", [official("王泽", kaihua)])
                ]
            ).store(in: store)
            try HandPage(
                "/p/b/b.txt", root: "/p/b",
                [
                    (
                        "2021-06-20", "原开化县委书记、省发改委副主任王泽讲话。",
                        [official("王泽", former(kaihua), title("省发改委副主任", "副主任", "浙江省发展和改革委员会", "浙江省"))]
                    )
                ]
            ).store(in: store)
            _ = try store.relink(options: LinkOptions(), curation: .none)
            #expect(try store.people().filter { $0.name == "王泽" }.count == 1)
            let merge = try store.explain(name: "王泽").flatMap(\.decisions).filter { $0.rule == "career-evidence" }
            #expect(merge.first?.reason.contains("statement +5") == true)
        }
    }

    @Test func peopleNamedBesideBothLinkACommonNameAcrossProvinces() throws {
        func build(sharing: Bool) throws -> Int {
            var count = 0
            try withStore { store in
                try HandPage(
                    "/p/wy/a.txt", root: "/p/wy",
                    [
                        (
                            "2017-03-02", "县长王泽、县委副书记柏青山、副县长甄向阳、副县长祁东来出席。",
                            [
                                official("王泽", title("县长", "县长", "武义县人民政府", "武义县")),
                                official("柏青山", title("县委副书记", "副书记", "中共武义县委", "武义县")),
                                official("甄向阳", title("副县长", "副县长", "武义县人民政府", "武义县")),
                                official("祁东来", title("副县长", "副县长", "武义县人民政府", "武义县")),
                            ]
                        )
                    ]
                ).store(in: store)
                // A common name, a county of another province: only the partners can join them.
                let partners =
                    sharing
                    ? [official("柏青山"), official("甄向阳"), official("祁东来")]
                    : [official("吕一平"), official("岑明远"), official("卜云开")]
                try HandPage(
                    "/p/dt/b.txt", root: "/p/dt",
                    [
                        (
                            "2020-06-20", "东台市长王泽与柏青山、甄向阳、祁东来座谈。",
                            [official("王泽", title("东台市长", "市长", "东台市人民政府", "东台市"))] + partners
                        )
                    ]
                ).store(in: store)
                _ = try store.relink(options: LinkOptions(), curation: .none)
                count = try store.people().filter { $0.name == "王泽" }.count
                if sharing {
                    let merge = try store.explain(name: "王泽").flatMap(\.decisions).filter {
                        $0.rule == "career-evidence"
                    }
                    #expect(merge.first?.reason.contains("partners +6") == true)
                    #expect(merge.first?.reason.contains("different provinces") == true)
                }
            }
            return count
        }
        #expect(try build(sharing: true) == 1)
        #expect(try build(sharing: false) == 2)
    }

    @Test func aFolderOfManyPapersHasNoHome() {
        let homes = PersonLinker.paperHomes(counts: [
            "/p/yk": ["永康市": 30, "金华市": 4],
            "/p/mixed": ["上虞区": 33, "开化县": 22, "嵊州市": 20, "安吉县": 16, "温州市": 10],
        ])
        #expect(homes == ["/p/yk": "永康市"])
    }

    @Test func deputiesOfTwoCountiesForHalfAYearAtOnceAreTwoPeople() {
        var a = CareerEvidence.Profile(), b = CareerEvidence.Profile()
        a.jurisdictions = ["永康市"]
        b.jurisdictions = ["武义县"]
        a.spans["永康市"] = .init(first: 2019 * 12, last: 2019 * 12 + 9, head: false, post: "副市长")
        b.spans["武义县"] = .init(first: 2019 * 12 + 2, last: 2020 * 12 + 3, head: false, post: "副县长")
        #expect(evidence.overlap(a, b)?.contains("held at once") == true)
        // Two months of overlap between deputies is a move's leftover titles.
        b.spans["武义县"] = .init(first: 2019 * 12 + 7, last: 2020 * 12 + 3, head: false, post: "副县长")
        #expect(evidence.overlap(a, b) == nil)
        // Heads: a month is enough.
        a.spans["永康市"]!.head = true
        b.spans["武义县"]!.head = true
        #expect(evidence.overlap(a, b) != nil)
    }

    @Test func aSecretaryNamedLaterAsADeputyIsAnotherPerson() throws {
        try withStore { store in
            // A folder of many papers: no home; the places are not named.
            try HandPage(
                "/p/mixed/a.txt", root: "/p/mixed",
                [
                    ("2018-03-02", "县委书记甄向阳主持会议。", [official("甄向阳", title("县委书记", "书记", "中共县委", nil))])
                ]
            ).store(in: store)
            try HandPage(
                "/p/mixed/b.txt", root: "/p/mixed",
                [
                    ("2019-06-20", "副县长甄向阳讲话。", [official("甄向阳", title("副县长", "副县长", "县人民政府", nil))])
                ]
            ).store(in: store)
            try HandPage(
                "/p/mixed/c.txt", root: "/p/mixed",
                [
                    ("2020-06-20", "县委书记甄向阳讲话。", [official("甄向阳", title("县委书记", "书记", "中共县委", nil))])
                ]
            ).store(in: store)
            _ = try store.relink(options: LinkOptions(), curation: .none)
            let people = try store.people().filter { $0.name == "甄向阳" }
            #expect(people.map(\.articleCount).sorted() == [1, 2])
            let split = try store.explain(name: "甄向阳").flatMap(\.decisions).filter { $0.action == "split" }
            #expect(split.first?.reason.contains("is below the earlier") == true)
        }
    }
}
