import Foundation
import Testing

@testable import Guanxi

/// Reads a seed page by hand (UTF-8, CRLF → LF), as the Reader is rewritten elsewhere.
func segmenterSeedPage(_ name: String) throws -> Page {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let path = root.appendingPathComponent("seeds").appendingPathComponent(name).path
    let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\r\n", with: "\n")
    return Page(source: "seeds/" + name, format: .text, encoding: "UTF-8", text: text)
}

let segmenterSeedNames = [
    "000_079fb6277d6555bd.txt", "001_543cd74df5d7101c.txt", "002_464f650378e7a734.txt",
    "003_3b3c3c81c1d6d9c1.txt", "004_bd9b75ef619eb89a.txt",
]

/// What a reader sees on a seed page: kind, a piece of the headline, the byline.
struct ExpectedSeedItem: Sendable, CustomTestStringConvertible {
    var kind: Article.Kind
    var headline: String?
    var byline: String?
    var bodyContains: String

    var testDescription: String { "\(kind) \(headline ?? "-")" }
}

let expectedSeedItems: [(String, [ExpectedSeedItem])] = [
    (
        "000_079fb6277d6555bd.txt",
        [
            ExpectedSeedItem(
                kind: .story, headline: "金政在全市组织宣传统战工作会议上强调", byline: "首席记者 陈晓苏",
                bodyContains: "市委副书记范晓东主持会议并宣读各类工作先进集体和个人名单。"),
            ExpectedSeedItem(
                kind: .photo, headline: "牡丹盛开", byline: "记者 林群心 摄",
                bodyContains: "28日，前仓镇盘龙谷牡丹园挤满了赏花客。"),
            ExpectedSeedItem(
                kind: .story, headline: "我市昨从省里捧回平安金鼎", byline: "首席记者 陈晓苏",
                bodyContains: "朱志杰、陈美蓉、朱世道、范晓东等市领导"),
        ]
    ),
    (
        "001_543cd74df5d7101c.txt",
        [
            ExpectedSeedItem(kind: .story, headline: "——2022年全市组织工作综述", byline: nil, bodyContains: "刘英烈士陵园"),
            ExpectedSeedItem(kind: .story, headline: "——2022年全市宣传思想工作综述", byline: nil, bodyContains: "韦明昆"),
            ExpectedSeedItem(kind: .story, headline: "——2022年全市统战工作综述", byline: nil, bodyContains: "永康统一战线"),
        ]
    ),
    (
        "002_464f650378e7a734.txt",
        [
            ExpectedSeedItem(
                kind: .story, headline: "石柱镇前仓镇舟山镇启动“一月一镇平安大会战”", byline: "首席记者 张赤奎",
                bodyContains: "蒋震雷、吴婉珍"),
            ExpectedSeedItem(
                kind: .story, headline: "市委十四届九次全体（扩大）会议暨市政府十七届八次全体会议召开",
                byline: "首席记者 陈晓苏", bodyContains: "市委书记章旭升代表市委"),
            ExpectedSeedItem(kind: .weather, headline: nil, byline: nil, bodyContains: "强寒潮来袭"),
        ]
    ),
    (
        "003_3b3c3c81c1d6d9c1.txt",
        [
            ExpectedSeedItem(
                kind: .story, headline: "全市统战工作会议明确今年重点", byline: "记者 陈慧 通讯员 朱宇天",
                bodyContains: "B今年市委统战部重点抓好八项工作")
        ]
    ),
    (
        "004_bd9b75ef619eb89a.txt",
        [
            ExpectedSeedItem(kind: .photo, headline: "元宵清风 廉动永康", byline: "融媒记者 王佳涵 摄", bodyContains: "浓厚氛围。"),
            ExpectedSeedItem(kind: .story, headline: nil, byline: "融媒首席记者 陈晓苏", bodyContains: "市委书记胡勇春主持会议。"),
        ]
    ),
]

@Suite struct SegmenterSeedTests {
    @Test(arguments: expectedSeedItems) func segmentsSeedPageAsAReaderSeesIt(
        _ name: String, _ expected: [ExpectedSeedItem]
    ) throws {
        var page = try segmenterSeedPage(name)
        page.date = PageDate(year: 2018, month: 3, day: 29, origin: .path)
        let articles = ArticleSegmenter().segment(page)
        #expect(articles.map(\.kind) == expected.map(\.kind))
        #expect(articles.map(\.index) == Array(articles.indices))
        for (article, item) in zip(articles, expected) {
            #expect(article.source == "seeds/" + name)
            #expect(article.date == page.date)
            if let headline = item.headline {
                #expect(article.headline?.text.contains(headline) == true, "\(article.headline?.text ?? "nil")")
            } else {
                #expect(article.headline == nil)
            }
            #expect(article.byline?.text == item.byline)
            #expect(article.body.text.contains(item.bodyContains), "\(article.body.text.prefix(80))")
        }
    }

    @Test(arguments: segmenterSeedNames) func losesNoBodyText(_ name: String) throws {
        let page = try segmenterSeedPage(name)
        let scalars = Array(page.text.unicodeScalars)
        let articles = ArticleSegmenter().segment(page)
        var inBody = [Int](repeating: 0, count: scalars.count)
        var consumed = Set<Int>()
        for article in articles {
            for offset in article.body.sourceOffsets where !ScalarClass.isWhitespace(scalars[offset]) {
                inBody[offset] += 1
            }
            consumed.formUnion(article.headline?.sourceOffsets ?? [])
            consumed.formUnion(article.byline?.sourceOffsets ?? [])
            // Headline and byline text maps back verbatim.
            for mapped in [article.headline, article.byline].compactMap({ $0 }) {
                for (s, offset) in zip(mapped.scalars, mapped.sourceOffsets) where !ScalarClass.isWhitespace(s) {
                    #expect(scalars[offset] == s)
                }
            }
        }
        for line in PageLine.lines(of: scalars) {
            let lineConsumed = line.range.contains { consumed.contains($0) }
            for i in line.range where !ScalarClass.isWhitespace(scalars[i]) {
                #expect(inBody[i] <= 1, "\(scalars[i]) at \(i) is in several bodies")
                if inBody[i] == 0 {
                    #expect(lineConsumed, "\(scalars[i]) at \(i) is lost: \(scalars.string(line.range))")
                }
            }
        }
    }
}
