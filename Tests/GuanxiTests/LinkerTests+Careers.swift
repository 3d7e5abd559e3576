import Foundation
import Testing

@testable import Guanxi

/// Careers across counties, prefectures and provinces: what the extractor
/// reads for them (appointments, a county paper's 市委, the page's home) and
/// each kind of evidence the linker weighs, on sentences of the kind local
/// papers print (invented names).
@Suite struct CareerLinkingTests {
    let evidence = CareerEvidence()

    func withStore(_ body: (SQLiteGraphStore) throws -> Void) throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        try body(try SQLiteGraphStore(path: dir.path("g.sqlite")))
    }

    private func people(_ body: String, home: String?) throws -> [PersonMention] {
        let article = Article(
            source: "t.txt", index: 0, headline: nil, byline: nil, body: MappedText(verbatim: body, at: 0), date: nil)
        return Extractor(ontology: try Ontology.bundled(homeJurisdiction: home)).extract(article).people
    }

    // MARK: - What the extractor reads

    @Test func anAppointmentNamesEveryPostOfItsRun() throws {
        let found = try people("省委研究决定：张卫东同志任中共衢州市委委员、常委、书记；免去柏青山同志职务。", home: nil)
        let person = try #require(found.first { $0.name == "张卫东" })
        #expect(person.kind == .official)
        #expect(person.titles.map(\.role) == ["委员", "常委", "书记"])
        // The bare 常委, 书记 are the committee's named before them.
        #expect(person.titles.map(\.organization) == ["中共衢州市委", "中共衢州市委", "中共衢州市委"])
        let moved = try people("会议传达了关于李东来任开化县委书记的决定。", home: nil)
        #expect(moved.first { $0.name == "李东来" }?.titles.map(\.text) == ["开化县委书记"])
        // 曾任 is a post held before, not an appointment; 主任 is an office's word.
        let before = try people("李东来曾任开化县委书记。", home: nil)
        #expect(before.first { $0.name == "李东来" }?.titles.isEmpty ?? true)
    }

    @Test func aCountyPapersCityCommitteeIsItsPrefectures() throws {
        let found = try people("市委书记张卫东来我县调研，县委书记柏青山陪同。", home: "开化县")
        let secretary = try #require(found.first { $0.name == "张卫东" }?.titles.first)
        #expect(secretary.organization == "中共衢州市委")
        #expect(secretary.jurisdiction == "衢州市")
        let mayor = try people("市长张卫东来上虞区调研。", home: "上虞区")
        #expect(mayor.first { $0.name == "张卫东" }?.titles.first?.jurisdiction == "绍兴市")
    }

    @Test func aTownsNameIsNoHomeAndAPrefectureNamedMoreWins() throws {
        let guesser = HomeJurisdiction(ontology: try Ontology.bundled())
        let town = Array("市委书记来到南丰镇永联村，南丰镇干部群众欢迎。张家港今年发展好。".unicodeScalars)
        #expect(guesser.counts([town])["南丰县"] == nil)
        let visit = Array("扬州市委书记考察。扬州发展大会在扬州举行，嘉宾来自永新。".unicodeScalars)
        #expect(guesser.guess([visit]) == "扬州市")
    }

    // MARK: - Evidence, one kind at a time

    @Test func aBareCitySecretaryPlacedInACountyMayBeThePrefectures() {
        // A prefecture's paper on a visit to 东台: its 市委书记 was placed in 东台市 by the page.
        let bare = title("市委书记", "书记", "中共东台市委", "东台市")
        let written = title("东台市委书记", "书记", "中共东台市委", "东台市")
        #expect(evidence.gazetteer.places(title: bare.text, jurisdiction: "东台市") == ["东台市", "盐城市"])
        #expect(evidence.gazetteer.places(title: written.text, jurisdiction: "东台市") == ["东台市"])
        let graded = evidence.grade(bare)!
        #expect(graded.low == 30 && graded.high == 40)
    }

    @Test func aRiseTooFastForTheTimeBetweenIsAnotherPerson() throws {
        try withStore { store in
            try HandPage(
                "/p/lt/a.txt", root: "/p/lt",
                [
                    ("2019-10-11", "临潼区委书记王明调研。", [official("王明", title("临潼区委书记", "书记", "中共临潼区委", "临潼区"))])
                ]
            ).store(in: store)
            try HandPage(
                "/p/xa/b.txt", root: "/p/xa",
                [
                    (
                        "2021-09-12", "省委常委、西安市委书记王明主持。",
                        [
                            official(
                                "王明", title("省委常委", "常委", "中共陕西省委", "陕西省"),
                                title("西安市委书记", "书记", "中共西安市委", "西安市"))
                        ]
                    )
                ]
            ).store(in: store)
            _ = try store.relink(options: LinkOptions(), curation: .none)
            #expect(try store.people().filter { $0.name == "王明" }.count == 2)
            let split = try store.explain(name: "王明").flatMap(\.decisions).filter { $0.action == "split" }
            #expect(split.first?.reason.contains("too far above") == true)
        }
    }

    @Test func headsOfPrefecturesInTwoProvincesLinkWhereCountyCadresWouldNot() throws {
        func people(mayor: TitleMention, secretary: TitleMention) throws -> Int {
            var count = 0
            try withStore { store in
                try HandPage(
                    "/p/a/a.txt", root: "/p/a",
                    [
                        ("2015-03-28", "市长王立讲话。", [official("王立", mayor)])
                    ]
                ).store(in: store)
                try HandPage(
                    "/p/b/b.txt", root: "/p/b",
                    [
                        ("2020-07-24", "市委书记王立调研。", [official("王立", secretary)])
                    ]
                ).store(in: store)
                _ = try store.relink(options: LinkOptions(), curation: .none)
                count = try store.people().filter { $0.name == "王立" }.count
            }
            return count
        }
        // 茂名市长 then 南昌市委书记: few prefecture heads share a name, and they move across provinces.
        #expect(
            try people(
                mayor: title("茂名市长", "市长", "茂名市人民政府", "茂名市"),
                secretary: title("南昌市委书记", "书记", "中共南昌市委", "南昌市")) == 1)
        // A county's 县长 then another province's county 书记: a common name among many cadres.
        #expect(
            try people(
                mayor: title("信宜市长", "市长", "信宜市人民政府", "信宜市"),
                secretary: title("安义县委书记", "书记", "中共安义县委", "安义县")) == 2)
    }

    /// How many people a relink makes of `name` named on two papers' pages.
    private func peopleNamed(
        _ name: String, _ a: (date: String?, title: TitleMention), _ b: (date: String?, titles: [TitleMention])
    ) throws -> Int {
        var count = 0
        try withStore { store in
            try HandPage("/p/a/a.txt", root: "/p/a", [(a.date, "\(a.title.text)\(name)讲话。", [official(name, a.title)])])
                .store(in: store)
            let written = b.titles.map(\.text).joined(separator: "、")
            try HandPage(
                "/p/b/b.txt", root: "/p/b",
                [(b.date, "\(written)\(name)出席。", [PersonMention(name: name, kind: .official, titles: b.titles)])]
            ).store(in: store)
            _ = try store.relink(options: LinkOptions(), curation: .none)
            count = try store.people().filter { $0.name == name }.count
        }
        return count
    }

    @Test func aNameAloneJoinsOnlyANameFewShare() throws {
        let council = title("常务副理事长", "常务副理事长", nil, nil)
        let bureau = title("执行局主任", "主任", nil, nil)
        // 刘 and a two-character given name, no place, no time between them:
        // many officials may bear it, and nothing but the name links the two.
        #expect(try peopleNamed("刘晓明", ("2015-06-11", council), ("2016-03-02", [bureau])) == 2)
        // A surname outside the commonest hundreds: the name alone is rare enough.
        #expect(try peopleNamed("仉晓明", ("2015-06-11", council), ("2016-03-02", [bureau])) == 1)
    }

    @Test func aProvincialOfficesDeputyIsNoProvincialLeader() throws {
        // 省长 of one province, and an undated 副市长 who is also deputy of
        // another province's office: not two leaders, among whom a name is rare.
        let governor = title("浙江省省长", "省长", "浙江省人民政府", "浙江省")
        let deputy = [
            title("聊城市副市长", "副市长", "聊城市人民政府", "聊城市"),
            title("山东省援疆工作指挥部副总指挥", "副总指挥", nil, nil),
        ]
        #expect(try peopleNamed("李刚", ("2014-10-18", governor), (nil, deputy)) == 2)
        // Two heads of prefectures in two provinces, as many careers go: one person.
        let secretary = [title("南昌市委书记", "书记", "中共南昌市委", "南昌市")]
        #expect(try peopleNamed("李刚", ("2014-10-18", governor), (nil, secretary)) == 1)
    }

    @Test func aCommissionsSecretaryIsNoCommitteesHead() throws {
        let committee = try #require(evidence.grade(title("县委书记", "书记", "中共武义县委", "武义县")))
        let commission = try #require(evidence.grade(title("政法委书记", "书记", "中共武义县委政法委员会", "武义县")))
        let deputy = try #require(evidence.grade(title("县委副书记", "副书记", "中共武义县委", "武义县")))
        #expect(committee.head && !commission.head)
        // 县委副书记、政法委书记 then 县委副书记: no step down.
        #expect(commission.high < deputy.low)
    }

    @Test func postsFarBelowTheHighestNamedBesideThemAreAResumes() {
        // 省委书记 with its résumé's 市委副书记 in one article: only the first counts then.
        let top = title("浙江省委书记", "书记", "中共浙江省委", "浙江省")
        let old = title("滨州市委副书记", "副书记", "中共滨州市委", "滨州市")
        let mentions = [mention("2024-10-28", [top, old])]
        let profile = CareerEvidence.Profile([0], mentions, evidence: evidence)
        #expect(profile.points.map(\.post) == ["浙江省委书记"])
        #expect(profile.top == 50)
    }

    @Test func namesakesHoldingHeadPostsInOnePrefectureAtOnceAreTwoPeople() throws {
        try withStore { store in
            // A common name, two counties of one prefecture, the same months.
            try HandPage(
                "/p/yk/a.txt", root: "/p/yk",
                [
                    ("2021-03-02", "永康市委书记王强主持会议。", [official("王强", title("永康市委书记", "书记", "中共永康市委", "永康市"))]),
                    ("2021-09-15", "永康市委书记王强调研。", [official("王强", title("永康市委书记", "书记", "中共永康市委", "永康市"))]),
                ]
            ).store(in: store)
            try HandPage(
                "/p/wy/b.txt", root: "/p/wy",
                [
                    ("2021-06-20", "武义县长王强作报告。", [official("王强", title("武义县长", "县长", "武义县人民政府", "武义县"))])
                ]
            ).store(in: store)
            _ = try store.relink(options: LinkOptions(), curation: .none)
            #expect(try store.people().filter { $0.name == "王强" }.count == 2)
            let split = try store.explain(name: "王强").flatMap(\.decisions).filter { $0.action == "split" }
            #expect(split.first?.reason.contains("held at once") == true)
        }
    }

    /// A stored mention of 王某 with `titles` on `date`, for a profile.
    private func mention(_ date: String, _ titles: [TitleMention]) -> LinkMention {
        LinkMention(
            id: 1, row: 0, articleId: 1, path: "/p/a.txt", documentRank: 0, root: "/p", documentHome: nil,
            paperHome: nil, articlePosition: 0, position: 0, date: LinkDate.ranked([date])[0], name: "王某",
            kind: .official, referenced: false, inName: false, titles: LinkTitles(titles))
    }
}
