import Foundation
import Testing

@testable import Guanxi

/// Namesakes who hold one post one after the other in one county: the
/// county's mentions are one draft, cut where a namesake's posts elsewhere
/// begin to clash with it (invented names, sentences as county papers print them).
@Suite struct HandoverLinkingTests {
    func withStore(_ body: (SQLiteGraphStore) throws -> Void) throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        try body(try SQLiteGraphStore(path: dir.path("g.sqlite")))
    }

    /// 义乌's 市委书记 郑立 in 2019–20 moves to 永康 in 2022; 东阳's 市委副书记
    /// 郑立, another man, becomes 义乌's 市委书记 in 2022.
    private func store(_ store: SQLiteGraphStore, withMove: Bool) throws {
        let yiwu = title("市委书记", "书记", "中共义乌市委", "义乌市")
        try HandPage(
            "/p/yw/a.txt", root: "/p/yw",
            [
                ("2019-03-02", "市委书记郑立主持会议。", [official("郑立", yiwu)]),
                ("2020-06-15", "市委书记郑立调研。", [official("郑立", yiwu)]),
                ("2022-04-20", "市委书记郑立出席会议并讲话。", [official("郑立", yiwu)]),
                ("2023-09-10", "市委书记郑立主持召开市委常委会。", [official("郑立", yiwu)]),
            ]
        ).store(in: store)
        let deputy = title("市委副书记", "副书记", "中共东阳市委", "东阳市")
        try HandPage(
            "/p/dy/b.txt", root: "/p/dy",
            [
                ("2018-02-11", "市委副书记郑立出席。", [official("郑立", deputy)]),
                ("2021-05-08", "市委副书记郑立讲话。", [official("郑立", deputy)]),
            ]
        ).store(in: store)
        guard withMove else { return }
        let yongkang = title("市委书记", "书记", "中共永康市委", "永康市")
        try HandPage(
            "/p/yk/c.txt", root: "/p/yk",
            [
                ("2022-05-16", "市委书记郑立主持会议。", [official("郑立", yongkang)]),
                ("2023-10-12", "市委书记郑立调研。", [official("郑立", yongkang)]),
            ]
        ).store(in: store)
    }

    @Test func namesakesHoldingOnePostOneAfterTheOtherAreTwoPeople() throws {
        try withStore { store in
            try self.store(store, withMove: true)
            _ = try store.relink(options: LinkOptions(), curation: .none)
            let people = try store.explain(name: "郑立")
            #expect(people.count == 2)
            // One went from 义乌 to 永康, the other from 东阳 to 义乌.
            func yiwu(_ paper: String) -> [String] {
                let person = people.first { $0.mentions.contains { $0.source == paper } }
                return (person?.mentions ?? []).filter { $0.source == "/p/yw/a.txt" }.compactMap(\.date).sorted()
            }
            #expect(yiwu("/p/yk/c.txt") == ["2019-03-02", "2020-06-15"])
            #expect(yiwu("/p/dy/b.txt") == ["2022-04-20", "2023-09-10"])
            let cut = people.flatMap(\.decisions).filter { $0.rule == "handover" }
            #expect(!cut.isEmpty)
            #expect(cut.first?.reason.hasPrefix("cut 义乌市 市委书记") == true)
            #expect(cut.first?.reason.contains("held at once") == true)
        }
    }

    @Test func withNoNamesakeToJoinTheCountysDraftStaysWhole() throws {
        try withStore { store in
            // No one in 永康: 义乌's 书记 is one man, 东阳's 副书记 another (posts at once).
            try self.store(store, withMove: false)
            _ = try store.relink(options: LinkOptions(), curation: .none)
            let people = try store.explain(name: "郑立")
            #expect(people.count == 2)
            #expect(people.flatMap(\.decisions).allSatisfy { $0.rule != "handover" })
            #expect(people.contains { $0.mentions.filter { $0.source == "/p/yw/a.txt" }.count == 4 })
        }
    }
}

/// What careers need read right in the visits and titles papers print.
@Suite struct CareerReadingTests {
    @Test func aPrefecturesOfficialVisitingEndsTheNameBeforeTheVisit() {
        // `来` is also a given-name character: `来市调研`, `来我县` end the name before it.
        let people = extractPeople("金华市副市长郑立来市调研并参加会议。金华市政协副主席孔令东来我县考察。")
        #expect(people.map(\.name) == ["郑立", "孔令东"])
        #expect(people.first?.titles.first?.jurisdiction == "金华市")
    }

    @Test func aDeputySecretaryWithNoInstitutionIsStillThePartyCommittees() throws {
        let evidence = CareerEvidence()
        let unresolved = try #require(evidence.grade(title("县委副书记", "副书记", nil, nil)))
        let resolved = try #require(evidence.grade(title("县委副书记", "副书记", "中共武义县委", "武义县")))
        #expect(unresolved.low == resolved.low)
        // So the same post, named once without its institution, is no step down.
        #expect(unresolved.low > evidence.grade(title("副县长", "副县长", nil, nil))!.low)
    }
}
