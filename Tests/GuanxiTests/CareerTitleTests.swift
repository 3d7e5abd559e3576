import Foundation
import Testing

@testable import Guanxi

/// The numbers career profiles file titles under (``CareerTitle``): lists
/// read apart agree on them, and a profile built on them sees what the
/// text says (invented names and places).
@Suite struct CareerTitleTests {
    let evidence = CareerEvidence()

    private func mention(_ date: String?, _ titles: [TitleMention], paper: String? = nil) -> LinkMention {
        LinkMention(
            id: 1, row: 0, articleId: 1, path: "/p/a.txt", documentRank: 0, root: "/p", documentHome: nil,
            paperHome: paper, articlePosition: 0, position: 0, date: LinkDate.ranked([date])[0], name: "郑某",
            kind: .official, referenced: false, inName: false, titles: LinkTitles(titles))
    }

    @Test func listsReadApartShareTheirTitles() {
        // 县委书记 of 甲县 in two articles, once beside 县人大常委会主任, once alone.
        let secretary = title("甲县县委书记", "书记", "中共甲县委", "甲县")
        let chair = title("县人大常委会主任", "主任", "甲县人民代表大会常务委员会", "甲县")
        let both = LinkTitles([secretary, chair]).careerTitles
        let alone = LinkTitles([secretary]).careerTitles
        #expect(both[0] === alone[0])
        #expect(both[1].number != alone[0].number && both[1].span != alone[0].span)
        #expect(both[1].point != alone[0].point && both[1].postKey != alone[0].postKey)
        // The same words of another county are another post.
        let other = LinkTitles([title("乙县县委书记", "书记", "中共乙县委", "乙县")]).careerTitles[0]
        #expect(other.number != alone[0].number && other.span != alone[0].span)
        // Written elsewhere in the text, the same title.
        var later = secretary
        later.span = 40..<46
        #expect(LinkTitles([later]).careerTitles[0] === alone[0])
        #expect(alone[0].postKeyText == "书记@中共甲县委")
        #expect(alone[0].spanText == "甲县|书记@中共甲县委")
    }

    @Test func aRankLabelHasNoPostOrSpanKey() {
        let keys = LinkTitles([
            title("县领导", "", nil, "甲县", rank: true), former(title("原乙县县长", "县长", "乙县人民政府", "乙县")),
        ])
        #expect(keys.careerTitles[0].postKey == -1 && keys.careerTitles[0].span == -1)
        #expect(keys.careerTitles[1].postKeyText == "县长@乙县人民政府")
        #expect(keys.careerTitles[1].spanText == "乙县|县长@乙县人民政府")
        // A former post keeps its keys, but is no post held at the date.
        #expect(keys.posts.isEmpty)
    }

    @Test func aProfileSpansOnePostAcrossListsAndNamesItsFormerPosts() {
        let secretary = title("甲县县委书记", "书记", "中共甲县委", "甲县")
        let deputy = title("县委副书记", "副书记", "中共甲县委", "甲县")
        let mentions = [
            mention("2019-04-02", [secretary]),
            mention("2020-11-20", [secretary, title("县委常委", "常委", "中共甲县委", "甲县")]),
            mention("2018-01-09", [deputy]),
            mention("2021-05-06", [title("丙市副市长", "副市长", "丙市人民政府", "丙市"), former(secretary)]),
        ]
        let profile = CareerEvidence.Profile([0, 1, 2, 3], mentions, evidence: evidence)
        let span = profile.spans["甲县|书记@中共甲县委"]
        #expect(span?.first == 2019 * 12 + 3 && span?.last == 2020 * 12 + 10 && span?.head == true)
        #expect(span?.post == "甲县县委书记")
        #expect(profile.spans["甲县|副书记@中共甲县委"]?.first == 2018 * 12)
        #expect(profile.postKeys["书记@中共甲县委"] == "甲县县委书记")
        #expect(profile.former["书记@中共甲县委"] == "甲县县委书记")
        #expect(profile.first == 2018 * 12 && profile.last == 2021 * 12 + 4)
        // One point a post for its first sighting, another for its last.
        #expect(profile.points.filter { $0.post == "甲县县委书记" }.map(\.month).sorted() == [2019 * 12 + 3, 2020 * 12 + 10])
    }

    @Test func aYearOnlyDateIsItsMiddleAndNoSpan() {
        let secretary = title("甲县县委书记", "书记", "中共甲县委", "甲县")
        let profile = CareerEvidence.Profile(
            [0, 1], [mention("2017", [secretary]), mention(nil, [secretary])], evidence: evidence)
        #expect(profile.points.map(\.month) == [2017 * 12 + 6])
        #expect(profile.points.first?.precise == false)
        #expect(profile.spans.isEmpty)
        #expect(profile.undated.map(\.post) == ["甲县县委书记"])
    }

    private func former(_ t: TitleMention) -> TitleMention {
        var t = t
        t.former = true
        return t
    }
}
