import Foundation
import Testing

@testable import Guanxi

/// Very large inputs finish, bounded: a 5 MB article of column text, one list of
/// 100,000 names, a list of 10,000 names before `等市领导` and in an honour roll.
///
/// These are hang guards, not benchmarks (those live in `scripts/bench`): the
/// ceiling is ten times what a debug build needs on a 2-core machine, so only
/// a quadratic pass (minutes to hours at these sizes) trips it. Measured in
/// debug: ~5 s for 5 MB, ~4 s for 100,000 names (see the README).
@Suite(.serialized) struct RobustnessLimitTests {
    static let ceiling: Duration = .seconds(60)

    /// `count` distinct names built from lexicon surnames and common given characters.
    static func names(_ count: Int) -> [String] {
        let surnames = LexiconTokens.shared.surnames.filter { $0.unicodeScalars.count == 1 }
        let given = Array("伟芳敏静强磊军洋勇杰涛明超平刚英华玉萍红建国志新海波宁晓燕春林云飞鹏辉")
        var out: [String] = []
        var seen = Set<String>()
        var k = 0
        while out.count < count {
            let name =
                surnames[k % surnames.count] + String(given[(k / surnames.count) % given.count])
                + String(given[(k / surnames.count / given.count) % given.count])
            if seen.insert(name).inserted { out.append(name) }
            k += 1
        }
        return out
    }

    /// Segments and extracts `text`, checks the spans, returns the extractions and the time taken.
    func extract(_ text: String) -> ([ArticleExtraction], Duration) {
        let page = Page(source: "big/2020-01-01.txt", format: .text, encoding: "UTF-8", text: text)
        var result: [ArticleExtraction] = []
        let elapsed = ContinuousClock().measure {
            result = RobustnessFixtures.extractor.extract(ArticleSegmenter().segment(page), on: page)
        }
        let length = text.unicodeScalars.count
        for e in result {
            #expect(e.people.allSatisfy { $0.spans.allSatisfy { $0.lowerBound >= 0 && $0.upperBound <= length } })
            #expect(e.people.count <= Extractor.maxPeoplePerArticle)
        }
        return (result, elapsed)
    }

    @Test func listOf100000NamesIsCutTo1000WithAWarning() {
        let names = Self.names(100_000)
        let (result, elapsed) = extract("本报讯 市领导" + names.joined(separator: "、") + "在主席台就座。\n")
        #expect(elapsed < Self.ceiling, "\(elapsed)")
        let article = result.first { $0.peopleCut > 0 }
        #expect(article?.people.count == Extractor.maxPeoplePerArticle)
        #expect(article.map { $0.people.count + $0.peopleCut } ?? 0 >= 99_000)
        #expect(article?.people.first?.name == names[0])
        #expect(article?.cutWarning?.contains("names more than 1000 people") == true)
        print("100,000 names: \(elapsed)")
    }

    /// Issue 23, item 1: every title of a run re-read the whole run (20 s for
    /// 10,000 `市长、`, 418 s for 40,000 `市委副书记、`), and a rejected list of
    /// names was read again from each of its separators.
    @Test func runsOfTitlesAndRejectedListsAreLinear() {
        let (_, titles) = extract(String(repeating: "市委副书记、", count: 40_000))
        #expect(titles < Self.ceiling, "\(titles)")
        let (_, words) = extract(String(repeating: "市长、", count: 40_000) + "等部门")
        #expect(words < Self.ceiling, "\(words)")
        print("40,000 titles: \(titles); 40,000 list items: \(words)")
    }

    @Test func listsOf10000NamesBeforeATitleAndInAnHonourRoll() {
        let names = Self.names(10_000)
        let text =
            "会上，" + names.joined(separator: "、") + "等市领导出席会议。\n"
            + names.prefix(5_000).joined(separator: "、") + "等6人入选“浙江好人”。\n"
        let (result, elapsed) = extract(text)
        #expect(elapsed < Self.ceiling, "\(elapsed)")
        #expect(result.reduce(0) { $0 + $1.people.count + $1.peopleCut } >= 9_900)
        print("10,000 names: \(elapsed)")
    }

    @Test func articleOf5MBOfColumnTextWithNamesThroughout() {
        let names = Self.names(3_000)
        let sentences = [
            "会议强调，要坚持以人民为中心的发展思想，推动各项工作落地见效。", "市委书记%@在会上强调，", "%@副市长指出，",
            "%@说，", "市领导%@、%@和%@参加活动。", "近年来，我市坚持创新驱动发展战略。", "金华市公安局副局长%@、市委统战部部长%@出席。",
        ]
        var text = ""
        var k = 0
        text.reserveCapacity(5_300_000)
        while text.utf8.count < 5_000_000 {
            var sentence = sentences[k % sentences.count]
            while let r = sentence.range(of: "%@") {
                sentence.replaceSubrange(r, with: names[(k * 7919) % names.count])
                k += 1
            }
            k += 1
            text += sentence
        }
        // PDF column layout: a line break every 13 characters, a blank line between lines.
        var column = ""
        column.reserveCapacity(text.utf8.count + text.count / 13 * 2)
        var n = 0
        for c in text {
            column.append(c)
            n += 1
            if n % 13 == 0 { column += "\n\n" }
        }
        let (result, elapsed) = extract(column)
        #expect(elapsed < Self.ceiling, "\(elapsed)")
        #expect(!result.isEmpty)
        #expect(result.contains { !$0.people.isEmpty })
        print("5 MB article: \(elapsed)")
    }

    @Test func longRunsOfTitlesUnitsAndSeparators() {
        let runs = [
            "金华市" + String(repeating: "公安局", count: 100_000) + "副局长王伟讲话。\n",
            String(repeating: "市委书记", count: 100_000) + "\n",
            "市领导王某" + String(repeating: "、", count: 100_000) + "李某\n",
            "记者" + String(repeating: " 王伟", count: 50_000) + "\n",
            String(repeating: "王伟烈士陵园", count: 30_000) + "\n",
        ]
        for text in runs {
            let (_, elapsed) = extract(text)
            #expect(elapsed < Self.ceiling, "\(elapsed) for \(text.prefix(12))…")
        }
    }
}
