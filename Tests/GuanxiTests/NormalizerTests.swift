import Testing

@testable import Guanxi

/// Normalizes a whole string.
func normalizedText(_ text: String, _ normalizer: TextNormalizer = TextNormalizer()) -> MappedText {
    let scalars = Array(text.unicodeScalars)
    return normalizer.normalize(scalars, range: 0..<scalars.count)
}

@Suite struct NormalizerTests {
    @Test func joinsANameBrokenAcrossColumnLines() {
        let text = "市领导胡积合、周启标、蒋\n\n震雷、吴婉珍、童国华、陈剑云、朱茂均\n\n和市法院院长楼常青参加启动仪式。"
        #expect(normalizedText(text).text == "市领导胡积合、周启标、蒋震雷、吴婉珍、童国华、陈剑云、朱茂均和市法院院长楼常青参加启动仪式。")
    }

    @Test func keepsAParagraphBreakAfterAShortSentenceEnd() {
        let text = """
            市委副书记范晓东主持会议并宣

            读各类工作先进集体和个人名单。市

            委组织部、市委宣传部、市委统战部分

            别部署工作要点。

            金政在全市组织宣传统战工作会议上

            提出要求，努力开创工作新局面。
            """
        #expect(
            normalizedText(text).text == """
                市委副书记范晓东主持会议并宣读各类工作先进集体和个人名单。市委组织部、市委宣传部、市委统战部分别部署工作要点。
                金政在全市组织宣传统战工作会议上提出要求，努力开创工作新局面。
                """)
    }

    @Test func joinsAFullColumnLineEndingInAFullStop() {
        // The line is as wide as the column: the sentence end is where the column wrapped.
        let text = "工作会议召开。市委书记在会上\n\n强调，要牢牢把握新要求。\n\n过去一年，我市组织宣传"
        #expect(normalizedText(text).text == "工作会议召开。市委书记在会上强调，要牢牢把握新要求。过去一年，我市组织宣传")
    }

    @Test func keepsParagraphsOfAPageDumpedOneParagraphPerLine() {
        let long = String(repeating: "过去一年我们筑牢忠诚根基政治定力不断增强", count: 3)
        let text = "\(long)，全面完成。\n\(long)，继续推进\n\(long)。"
        #expect(normalizedText(text).text == "\(long)，全面完成。\n\(long)，继续推进\(long)。")
    }

    @Test func dropsOCRSpacesBetweenCJKCharacters() {
        #expect(normalizedText("28 日, 前 仓 镇 盘 龙\n\n谷 牡 丹 园 挤 满 了 赏 花").text == "28日，前仓镇盘龙谷牡丹园挤满了赏花")
        #expect(normalizedText("光 ，凝 聚 着 全 市 干 部 群 众 心 血 和 汗").text == "光，凝聚着全市干部群众心血和汗")
        #expect(normalizedText("全面推行餐饮业 4D 管理\u{3000}，率先 100%完成").text == "全面推行餐饮业4D管理，率先100%完成")
    }

    @Test func keepsASpaceBetweenTwoASCIIWords() {
        #expect(normalizedText("推进 Smart City 建设").text == "推进Smart City建设")
        #expect(normalizedText("the PDF\n\nexport").text == "the PDF export")
    }

    @Test func unifiesHalfWidthPunctuationBesideCJKText() {
        #expect(normalizedText("4月27日,我市召开会议;各镇(街道、区)参加:好!对吗?").text == "4月27日，我市召开会议；各镇（街道、区）参加：好！对吗？")
        #expect(normalizedText("分别达 15.2%和 44.4%, 时间 10:30").text == "分别达15.2%和44.4%，时间10:30")
        #expect(normalizedText("(1, 2)").text == "(1, 2)")
    }

    @Test func turnsFullWidthLettersAndDigitsHalfWidth() {
        let text = "２０２１年ＧＤＰ增长"
        let result = normalizedText(text)
        #expect(result.text == "2021年GDP增长")
        #expect(result.sourceOffsets == Array(0..<10))
    }

    @Test func stripsLeadingAndTrailingWhitespace() {
        #expect(normalizedText("\n\n \u{3000}本报讯 在不断增强\u{3000} \n\n").text == "本报讯在不断增强")
        #expect(normalizedText(" \n\t ").isEmpty)
    }

    @Test func mapsEveryScalarBackToItsSource() {
        let text = "蒋\n\n震雷 说"
        let result = normalizedText(text)
        #expect(result.text == "蒋震雷说")
        #expect(result.sourceOffsets == [0, 3, 4, 6])
        #expect(result.sourceRange(of: 0..<3) == 0..<5)
    }

    @Test func keepsWordSpacesInHeadlinesWhenAsked() {
        let headline = TextNormalizer(keepsWordSpaces: true, keepsParagraphBreaks: false)
        #expect(normalizedText(" 元宵清风  廉动永康", headline).text == "元宵清风 廉动永康")
        #expect(normalizedText("石柱镇前仓镇舟山镇\n启动“一月一镇平安大会战”", headline).text == "石柱镇前仓镇舟山镇启动“一月一镇平安大会战”")
    }
}
