import Foundation
import Testing

@testable import Guanxi

@Suite("Reader: HTML e-paper pages")
struct ReaderHTMLTests {
    @Test func founderPageGivesHeadlineBylineBodyAndDate() throws {
        let page = try PageReader().read(path: try ReaderFixtures.path("founder-utf8.htm"))
        #expect(page.format == .html)
        #expect(page.encoding == "UTF-8")
        #expect(page.headline == "郑一鸣在全市经济工作会议上强调")
        #expect(page.byline == "记者 周文澜")
        // Headline first, then one line per paragraph: indents (&nbsp;, 　) trimmed, the
        // source line wrap inside the second paragraph joined, script/nav/footer left out.
        #expect(
            page.text == """
                郑一鸣在全市经济工作会议上强调
                本报讯 31日，全市经济工作会议召开。市委书记郑一鸣出席会议并讲话，市委副书记、市长钱思远作工作报告。
                郑一鸣指出，过去一年，全市上下紧扣发展大局，经济运行稳中有进，各项工作取得明显成效。
                会议要求，要坚持稳中求进工作总基调，扎实做好今年各项工作。
                """)
        #expect(page.date == PageDate(year: 2018, month: 2, day: 1, origin: .html))
        #expect(!page.text.contains("不是正文"))
        #expect(!page.text.contains("版权所有"))
    }

    @Test func bodySourcesArePreferredInOrder() throws {
        let parser = HTMLPageParser()
        let founder = try #require(
            parser.parse(utf8: try String(contentsOfFile: try ReaderFixtures.path("founder-utf8.htm"), encoding: .utf8))
        )
        #expect(founder.bodySource == .enpcontent)
        let noMarkers = """
            <html><body><div id="ozoom"><p>　　本报讯 市政协召开主席会议，听取有关工作情况汇报。</p></div>
            <founder-content><p>　　本报讯 市人大常委会召开主任会议，研究部署下阶段工作。</p></founder-content></body></html>
            """
        let article = try #require(parser.parse(utf8: noMarkers))
        #expect(article.bodySource == .founderContent)
        #expect(article.paragraphs == ["本报讯 市人大常委会召开主任会议，研究部署下阶段工作。"])
        let ozoomOnly = "<html><body><div id=\"ozoom\">本报讯 市政协召开主席会议<br>听取有关工作情况汇报。</div></body></html>"
        let ozoom = try #require(parser.parse(utf8: ozoomOnly))
        #expect(ozoom.bodySource == .ozoom)
        #expect(ozoom.paragraphs == ["本报讯 市政协召开主席会议", "听取有关工作情况汇报。"])
    }

    @Test func pageWithoutFounderMarkupFallsBackToTheLargestBlock() throws {
        let page = try PageReader().read(path: try ReaderFixtures.path("fallback-plain.html"))
        #expect(page.headline == "全市防汛工作会议召开")
        #expect(page.byline == nil)
        #expect(
            page.text == """
                全市防汛工作会议召开
                本报讯 17日，全市防汛工作会议召开。副市长王德昭出席会议并讲话。
                王德昭要求，各地各部门要压实防汛责任，加强隐患排查，确保安全度汛。
                会上，市水利局、市应急管理局分别汇报了有关工作。
                """)
        #expect(page.date == PageDate(year: 2020, month: 6, day: 18, origin: .html))
        let article = try #require(
            HTMLPageParser().parse(
                utf8: try String(contentsOfFile: try ReaderFixtures.path("fallback-plain.html"), encoding: .utf8)))
        #expect(article.bodySource == .largestBlock)
    }

    @Test func truncatedPageKeepsTheTextThatWasThere() throws {
        let page = try PageReader().read(path: try ReaderFixtures.path("truncated.htm"))
        #expect(page.headline == "郑一鸣在全市经济工作会议上强调")
        #expect(
            page.text.hasSuffix(
                "各项工作取得明显成效。\n会议要求，要坚持稳中求进工作总基调，扎实做好今年各项工作。"))
        #expect(page.text.split(separator: "\n").count == 4)
        #expect(page.date == PageDate(year: 2018, month: 2, day: 1, origin: .html))
    }

    @Test func pageCutBeforeItsBodyIsNoArticle() throws {
        let full = try String(contentsOfFile: try ReaderFixtures.path("founder-utf8.htm"), encoding: .utf8)
        let cut = String(full.unicodeScalars.prefix(400))
        let error = ReaderFixtures.readerError { () throws(ReaderError) in
            try PageReader().read(bytes: Array(cut.utf8), source: "cut.htm")
        }
        #expect(error?.code == .noArticle)
    }

    @Test func headerDateAndCanonicalURL() throws {
        let html = """
            <html><head><title>标题</title><link rel="canonical" href="http://epaper.example.cn/html/2021-07/02/content_1.htm"></head>
            <body><div class="top">2021年7月2日 星期五</div>
            <div id="ozoom"><p>本报讯 全市庆祝中国共产党成立100周年大会召开，市领导出席。</p></div></body></html>
            """
        let page = try PageReader().read(bytes: Array(html.utf8), source: "page.html")
        #expect(page.date == PageDate(year: 2021, month: 7, day: 2, origin: .html))
        #expect(page.url == "http://epaper.example.cn/html/2021-07/02/content_1.htm")
        #expect(page.headline == "标题")
    }

    @Test func enppropertyEntitiesAreDecoded() throws {
        let html = """
            <html><body><!--enpproperty <title>&quot;两会&quot;精神进基层</title><author>记者 周文澜</author>/enpproperty-->
            <founder-content><p>　　本报讯 市委宣传部组织宣讲团深入镇街开展宣讲活动。</p></founder-content></body></html>
            """
        let page = try PageReader().read(bytes: Array(html.utf8), source: "p.htm")
        #expect(page.headline == "\"两会\"精神进基层")
        #expect(page.text == "\"两会\"精神进基层\n本报讯 市委宣传部组织宣讲团深入镇街开展宣讲活动。")
        #expect(page.date == nil)
    }

    @Test func everyPrefixOfAPageReadsOrFailsCleanly() throws {
        // Truncated downloads: cut the GB2312 and UTF-8 pages at many points, including
        // mid-character and mid-tag; each cut gives a page or a ReaderError, never a crash.
        for name in ["founder-gb2312.htm", "founder-utf8.htm"] {
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: try ReaderFixtures.path(name))))
            var read = 0
            for end in stride(from: 0, through: bytes.count, by: 7) {
                do {
                    let page = try PageReader().read(bytes: Array(bytes[..<end]), source: "cut.htm")
                    #expect(!page.text.isEmpty)
                    read += 1
                } catch {
                    #expect([.empty, .noArticle, .undecodable].contains(error.code))
                }
            }
            #expect(read > 0)
        }
    }

    @Test func gbPageCutMidCharacterKeepsTheText() throws {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: try ReaderFixtures.path("founder-gb2312.htm"))))
        // "全面进步" in GB2312 is C8AB C3E6 BDF8 B2BD; cut after its first byte of "步".
        let target: [UInt8] = [0xC8, 0xAB, 0xC3, 0xE6, 0xBD, 0xF8, 0xB2]
        let at = try #require(
            (0...(bytes.count - target.count)).first { bytes[$0..<$0 + target.count].elementsEqual(target) })
        let page = try PageReader().read(bytes: Array(bytes[..<(at + target.count)]), source: "cut.htm")
        #expect(page.encoding == "GB18030")
        #expect(page.text.hasSuffix("方立群强调，要坚持抓基层、打基础，推动基层党组织全面进"))
    }
}
