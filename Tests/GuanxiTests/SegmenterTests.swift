import Testing

@testable import Guanxi

/// Parses one line with ``BylineParser`` and renders the credit text.
func parsedByline(_ line: String) -> (kind: String, credit: String?)? {
    let scalars = Array(line.unicodeScalars)
    guard let parsed = BylineParser().parse(scalars, 0..<scalars.count) else { return nil }
    let credit = parsed.credit.map { scalars.string($0) }
    switch parsed {
    case .marker: return ("marker", credit)
    case .newsLead: return ("lead", credit)
    case .credit(_, let photo): return (photo ? "photo" : "credit", credit)
    case .trailingCredit(_, _, let photo): return (photo ? "trailing photo" : "trailing", credit)
    }
}

func segmenterTestPage(_ text: String, format: Page.Format = .text, headline: String? = nil) -> Page {
    Page(source: "test.txt", format: format, encoding: "UTF-8", text: text, headline: headline)
}

@Suite struct BylineParserTests {
    @Test func boxedBylinesStartAStory() {
        #expect(parsedByline(" □首席记者 陈晓苏")! == ("marker", "首席记者 陈晓苏"))
        #expect(parsedByline("■记者 某某")! == ("marker", "记者 某某"))
        #expect(parsedByline("□记者 张三 通讯员 李四")! == ("marker", "记者 张三 通讯员 李四"))
    }

    @Test func newsLeadsCarryTheCreditInParentheses() {
        #expect(parsedByline(" 本报讯（融媒首席记者 陈晓苏）")! == ("lead", "融媒首席记者 陈晓苏"))
        #expect(parsedByline("本报讯（记者 王五 通讯员 赵六）昨天上午，会议召开。")! == ("lead", "记者 王五 通讯员 赵六"))
        #expect(parsedByline("本报讯 29 日，全市组织宣传统战")! == ("lead", nil))
        #expect(parsedByline("本报讯 在不断增强人民群众获得")! == ("lead", nil))
        #expect(parsedByline("永康讯(记者 王五)全市召开")! == ("lead", "记者 王五"))
    }

    @Test func creditLinesAndPhotoCredits() {
        #expect(parsedByline("记者 陈慧 通讯员 朱宇天")! == ("credit", "记者 陈慧 通讯员 朱宇天"))
        #expect(parsedByline("记者陈慧通讯员朱宇天")! == ("credit", "记者陈慧通讯员朱宇天"))
        #expect(parsedByline("（记者 张三 李四）")! == ("credit", "记者 张三 李四"))
        #expect(parsedByline("记者 林群心 摄")! == ("photo", "记者 林群心 摄"))
        #expect(parsedByline("文/图 记者 某某")! == ("credit", "文/图 记者 某某"))
        #expect(parsedByline("融媒记者 王佳涵摄")! == ("photo", "融媒记者 王佳涵摄"))
        #expect(parsedByline("氛围。 融媒记者 王佳涵 摄")! == ("trailing photo", "融媒记者 王佳涵 摄"))
        #expect(parsedByline("会议结束。（记者 张三 通讯员 李四）")! == ("trailing", "记者 张三 通讯员 李四"))
    }

    @Test func sentencesAboutReportersAreNotBylines() {
        #expect(parsedByline("记者采访了多位参会代表和群众") == nil)
        #expect(parsedByline("通讯员队伍不断壮大，") == nil)
        #expect(parsedByline("本报记者") == nil)
        #expect(parsedByline("市委书记金政在会上") == nil)
        #expect(parsedByline("通讯员说，这次活动") == nil)
    }
}

@Suite struct HeadlineDetectorTests {
    func shaped(_ line: String) -> Bool {
        let scalars = Array(line.unicodeScalars)
        return HeadlineDetector().isHeadlineShaped(scalars, 0..<scalars.count)
    }

    @Test func titlesAreShortAndHaveNoSentencePunctuation() {
        #expect(shaped("金政在全市组织宣传统战工作会议上强调"))
        #expect(shaped("——2022年全市组织工作综述"))
        #expect(shaped(" 元宵清风 廉动永康"))
        #expect(shaped("市委十四届九次全体（扩大）会议暨市政府十七届八次全体会议召开"))
        #expect(shaped("启动“一月一镇平安大会战”"))
        #expect(!shaped("人，鼓好劲、造好势，凝好心、聚好力。"))
        #expect(!shaped("过去一年，我市组织、宣传、统战"))
        #expect(!shaped("委组织部、市委宣传部、市委统战部分别为："))
        #expect(!shaped("2018"))
    }

    @Test func sectionHeadsAreCrossheads() {
        let detector = HeadlineDetector()
        for line in ["A 去年我市统战成绩跻身金华各县市前列", "一、强化思想引领", "（三）抓好队伍建设", "2.推进改革"] {
            let scalars = Array(line.unicodeScalars)
            #expect(detector.isSectionHead(scalars, 0..<scalars.count), "\(line)")
            #expect(!detector.isHeadlineShaped(scalars, 0..<scalars.count), "\(line)")
        }
        let subtitle = Array("——2022年全市统战工作综述".unicodeScalars)
        #expect(detector.isSubtitle(subtitle, 0..<subtitle.count))
    }
}

@Suite struct WeatherDetectorTests {
    func hits(_ line: String) -> (strong: Int, weak: Int) {
        let scalars = Array(line.unicodeScalars)
        return WeatherDetector().hits(scalars, 0..<scalars.count)
    }

    @Test func weatherLinesNeedAStrongWord() {
        let detector = WeatherDetector()
        #expect(detector.isWeather([hits("早晨到上午雨雪止转阴"), hits("到多云，中午起多云到晴")]))
        #expect(detector.isWeather([hits("明天阴有小雨，气温 8～14℃")]))
        #expect(!detector.isWeather([hits("元宵清风 廉动永康")]))
        #expect(!detector.isWeather([hits("狠抓作风建设，风清气正")]))
        #expect(hits(String(repeating: "今天多云到晴", count: 6)) == (0, 0))
    }
}

@Suite struct ArticleSegmenterTests {
    @Test func htmlPageIsOneStoryWithItsHeadlineAndLeadByline() {
        let text = "市委常委会召开扩大会议\n本报讯（记者 王五 通讯员 赵六）2月21日下午，市委常委会召开扩大会议。\n会议审议并原则通过了实施方案。\n"
        let articles = ArticleSegmenter().segment(segmenterTestPage(text, format: .html, headline: "市委常委会召开扩大会议"))
        #expect(articles.count == 1)
        let article = articles[0]
        #expect(article.kind == .story)
        #expect(article.headline?.text == "市委常委会召开扩大会议")
        #expect(article.headline?.sourceOffsets.first == 0)
        #expect(article.byline?.text == "记者 王五 通讯员 赵六")
        #expect(article.body.text == "2月21日下午，市委常委会召开扩大会议。\n会议审议并原则通过了实施方案。")
    }

    @Test func htmlHeadlineMissingFromTheTextIsKept() {
        let articles = ArticleSegmenter().segment(segmenterTestPage("会议召开。\n会议结束。", format: .html, headline: "标题"))
        #expect(articles.map { $0.headline?.text } == ["标题"])
        #expect(articles[0].body.text == "会议召开。\n会议结束。")
    }

    @Test func pageWithoutCuesIsOneStoryWithAllItsText() {
        let text = "今年以来，我市实现市域警情、火\n\n灾数量大幅“双降”，群众安全指数\n\n持续攀升。"
        let articles = ArticleSegmenter().segment(segmenterTestPage(text))
        #expect(articles.count == 1)
        #expect(articles[0].headline == nil)
        #expect(articles[0].byline == nil)
        #expect(articles[0].body.text == "今年以来，我市实现市域警情、火灾数量大幅“双降”，群众安全指数持续攀升。")
    }

    @Test func emptyPageHasNoItems() {
        #expect(ArticleSegmenter().segment(segmenterTestPage(" \n\n ")).isEmpty)
    }

    @Test func headlinesAfterTheirStoriesInAColumnDump() {
        let text = """
            □记者 张三

            本报讯 昨天，全市召开安全生

            产会议，部署今年工作。

            全市召开安全生产会议

            □记者 李四 通讯员 王五

            本报讯 昨天，市图书馆开

            展读书活动。

            市图书馆开展读书活动
            """
        let articles = ArticleSegmenter().segment(segmenterTestPage(text))
        #expect(articles.map { $0.headline?.text } == ["全市召开安全生产会议", "市图书馆开展读书活动"])
        #expect(articles.map { $0.byline?.text } == ["记者 张三", "记者 李四 通讯员 王五"])
        #expect(articles.map(\.body.text) == ["本报讯昨天，全市召开安全生产会议，部署今年工作。", "本报讯昨天，市图书馆开展读书活动。"])
    }

    @Test func headlinesBeforeTheirStoriesWhenThePageOpensWithOne() {
        let text = """
            全市召开安全生产会议
            本报讯（记者 张三）昨天，全市召开安全生产会议，部署今年工作。会议要求各地落实责任。
            市图书馆开展读书活动
            本报讯（记者 李四）昨天，市图书馆开展读书活动，吸引了众多市民参加。活动持续一周。
            """
        let articles = ArticleSegmenter().segment(segmenterTestPage(text))
        #expect(articles.map { $0.headline?.text } == ["全市召开安全生产会议", "市图书馆开展读书活动"])
        #expect(articles.map { $0.byline?.text } == ["记者 张三", "记者 李四"])
    }

    @Test func creditAtTheEndIsTheBylineAndDoesNotCut() {
        let text = """
            全市统战工作会议召开
            4月27日,我市召开统战工作会议,有关部门负责人参加,会议由副市长主持,全面部署今年工作。
            A 去年工作成绩显著
            去年,市委统战部组织开展丰富多彩的主题教育活动,增强全市统一战线成员的凝聚力和向心力。
            记者 陈慧 通讯员 朱宇天
            B 今年重点抓好八项工作
            今年,市委统战部将重点抓好八个方面工作,强化思想引领,加强队伍建设,推动工作上台阶。
            """
        let articles = ArticleSegmenter().segment(segmenterTestPage(text))
        #expect(articles.count == 1)
        #expect(articles[0].headline?.text == "全市统战工作会议召开")
        #expect(articles[0].byline?.text == "记者 陈慧 通讯员 朱宇天")
        #expect(articles[0].body.text.contains("全面部署今年工作。\nA去年工作成绩显著去年，市委统战部"))
        #expect(articles[0].body.text.hasSuffix("推动工作上台阶。"))
    }

    @Test func photoCaptionEndsWithItsCreditAndTakesTheTitleAbove() {
        let text = """
            □记者 张三

            本报讯 全市召开会议，部

            署今年工作。

            牡丹盛开

            28 日, 前 仓 镇 盘 龙

            谷 牡 丹 园 挤 满 了 赏 花

            客。

            记者 林群心 摄
            """
        let articles = ArticleSegmenter().segment(segmenterTestPage(text))
        #expect(articles.map(\.kind) == [.story, .photo])
        #expect(articles[1].headline?.text == "牡丹盛开")
        #expect(articles[1].byline?.text == "记者 林群心 摄")
        #expect(articles[1].body.text == "28日，前仓镇盘龙谷牡丹园挤满了赏花客。")
        #expect(articles[0].headline == nil)
    }

    @Test func weatherBoxAtThePageTopIsItsOwnItem() {
        let text = "今天多云到晴\n气温 8～16℃\n□记者 张三\n本报讯 全市召开会议，部署今年工作。"
        let articles = ArticleSegmenter().segment(segmenterTestPage(text))
        #expect(articles.map(\.kind) == [.weather, .story])
        #expect(articles[0].body.text == "今天多云到晴气温8～16℃")
    }
}
