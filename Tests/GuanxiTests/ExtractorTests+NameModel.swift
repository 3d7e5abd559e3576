import Foundation
import PropertyBased
import Testing

@testable import Guanxi

/// Extracts from a page's text through the whole pipeline (normalizer,
/// segmenter, extractor), so that spaces the normalizer drops between names
/// (`记者 甲 乙`) reach the extractor as the pages give them.
func extractFromPage(_ text: String) -> [PersonMention] {
    let page = Page(source: "p/2021-06-01.txt", format: .text, encoding: "UTF-8", text: text)
    return sharedExtractor.extract(ArticleSegmenter().segment(page), on: page).flatMap(\.people)
}

@Suite struct NameModelTests {
    let model = sharedExtractor.ontology.nameModel

    @Test func givenNameCharactersOutscoreFunctionWordsAndInstitutionWords() {
        for c in "伟芳军华明".unicodeScalars {
            for w in "导市的是局".unicodeScalars {
                #expect(model.givenScore(c) > model.givenScore(w), "\(c) vs \(w)")
            }
        }
    }

    @Test func rareSurnamesAreKnownToTheModelButNotFunctionWords() {
        #expect(model.isRareSurname("沃"))
        #expect(model.isRareSurname("占"))
        #expect(!model.isRareSurname("的"))
        #expect(!model.isRareSurname("市"))
    }

    @Test func listItemShapes() {
        let reader = sharedExtractor.names
        func shape(_ text: String) -> NameReader.ListItemShape {
            let s = Array(text.unicodeScalars)
            return reader.listItemShape(s, 0..<s.count)
        }
        #expect(shape("王海涛") == .surname)
        #expect(shape("于会明") == .surname)  // 会 seldom ends a name, but stands in one
        #expect(shape("丹增") == .unmarked)
        #expect(shape("阿不都·买买提") == .surname)
        #expect(shape("义乌") == .none)  // a place
        #expect(shape("市长") == .none)  // a title
        #expect(shape("王村镇") == .none)
    }
}

@Suite struct ExtractorNameListTests {
    @Test func listWithNoTitleBeforeTheRostrum() {
        let people = extractPeople("县第十五次党代会举行预备会议。周明远、郑卫华、孔令东、邵佳宁、钱立群在主席台就座。")
        #expect(people.map(\.name) == ["周明远", "郑卫华", "孔令东", "邵佳宁", "钱立群"])
        #expect(people.allSatisfy { $0.kind == .official })
        #expect(people.allSatisfy { $0.rules == ["name-list"] })
    }

    @Test func listClosedByCollectiveNounOfLeaders() {
        let people = extractPeople("新春团拜会上，刘建华、章国平、郑海林、黄立新等县四套班子领导与各界人士欢聚一堂。")
        #expect(people.map(\.name) == ["刘建华", "章国平", "郑海林", "黄立新"])
        #expect(people.allSatisfy { $0.kind == .official })
    }

    @Test func twoNamesNeedACloser() {
        #expect(extractPeople("王晓峰、李志成等出席会议。").map(\.name) == ["王晓峰", "李志成"])
        // Two items with nothing telling after them are not taken on their own.
        #expect(extractPeople("今年他们种了黄瓜、白菜。").isEmpty)
    }

    @Test func listsOfPlacesAndWordsAreNotPeople() {
        #expect(extractPeople("东阳、义乌、兰溪等地的企业纷纷前来。").isEmpty)
        #expect(extractPeople("教育、卫生、文化、体育等部门负责人参加。").isEmpty)
        #expect(extractPeople("方岩、石柱、古山等镇积极行动。").isEmpty)
    }

    @Test func figuresOfThePastInAList() {
        let people = extractPeople("历史名人众多，黄启明、朱文远、陆中原等诸多名人曾在此青史留名。")
        #expect(people.map(\.name) == ["黄启明", "朱文远", "陆中原"])
        #expect(people.allSatisfy { $0.kind == .historical })
    }

    @Test func listAfterAColonWithNamesThatHaveNoSurname() {
        // Tibetan names carry no surname; the list and its title vouch for them.
        let people = extractPeople("新一届市委常委还包括市委常委：格桑、巴桑、王海涛、李建平等11人。")
        #expect(people.map(\.name) == ["格桑", "巴桑", "王海涛", "李建平"])
        #expect(person(people, "巴桑")?.titles.map(\.text) == ["市委常委"])
    }

    @Test func titleListGoesOnPastASurnameTheLexiconLacks() {
        let people = extractPeople("县领导赵建华、占立民、石国庆，县政协秘书长詹东明出席会议。")
        #expect(people.map(\.name) == ["赵建华", "占立民", "石国庆", "詹东明"])
        #expect(person(people, "占立民")?.titles.map(\.text) == ["县领导"])
    }

    @Test func aTitleAfterTheSeparatorIsNoListItem() {
        let people = extractPeople("敖包苏木党委书记王海明、苏木达李明陪同调研。")
        #expect(people.map(\.name) == ["王海明", "李明"])
        #expect(person(people, "李明")?.titles.map(\.text) == ["苏木达"])
    }

    @Test func dottedNameAfterATitle() {
        let people = extractPeople("州人大常委会主任阿不都·买买提一行来到县里调研。")
        #expect(people.map(\.name) == ["阿不都·买买提"])
        #expect(people.first?.kind == .official)
    }

    @Test func dottedNameWhoseFirstPartStartsLikeASurname() {
        let people = extractPeople("县长马木提·艾力江等陪同调研。")
        #expect(people.map(\.name) == ["马木提·艾力江"])
    }

    @Test func commonSurnameAfterATitleWithNothingEndingIt() {
        // 方 is also a common word; the title vouches for the name the model reads.
        let people = extractPeople("市委副书记、市长方昕做主旨讲话。")
        #expect(people.map(\.name) == ["方昕"])
        #expect(people.first?.titles.map(\.text) == ["市委副书记", "市长"])
    }

    @Test func honourListAfterADescriptor() {
        let people = extractPeople("为孝老爱亲模范邓良华、陈优明；诚实守信模范胡香兰、周蕙颁奖。")
        #expect(people.map(\.name) == ["邓良华", "陈优明", "胡香兰", "周蕙"])
        #expect(people.allSatisfy { $0.kind == .citizen })
    }

    @Test func aFinalCharacterTheLexiconBarsWhenTheListEndsTheName() {
        // 堂 usually ends an institution (礼堂); between separators it ends a name.
        let people = extractPeople("敬业奉献模范邵玉堂、钟森；助人为乐模范阙良辉、陈华升。")
        #expect(people.map(\.name) == ["邵玉堂", "钟森", "阙良辉", "陈华升"])
    }

    @Test func oneSpaceBetweenTitleAndName() {
        let people = extractPeople("市委书记 傅建荣\n\n市长 沃建特\n\n岁序更替，华章日新。")
        #expect(people.map(\.name) == ["傅建荣", "沃建特"])
        #expect(person(people, "沃建特")?.titles.map(\.text) == ["市长"])
    }

    @Test func rareSurnameAfterATitle() {
        let people = extractPeople("市长沃立新出席会议并讲话。")
        #expect(people.map(\.name) == ["沃立新"])
    }
}

@Suite struct ExtractorCuedNameTests {
    @Test func appointmentsNameOfficialsWithNoTitle() {
        let people = extractPeople("接受李建明同志辞去县人民政府县长职务。决定周海平同志为县人民政府代理县长。")
        #expect(people.map(\.name) == ["李建明", "周海平"])
        #expect(people.allSatisfy { $0.kind == .official })
    }

    @Test func electedAsAndElected() {
        let people = extractPeople("经过无记名投票，会议选举林志远为县人民政府县长。张永华当选市委书记。")
        #expect(people.map(\.name) == ["林志远", "张永华"])
        #expect(person(people, "林志远")?.rules == ["appointment"])
    }

    @Test func aNameAfterAnOfficeBeforeItsReport() {
        let people = extractPeople("会议听取了市府办王建明关于全市安全生产工作的汇报。")
        #expect(people.map(\.name) == ["王建明"])
        #expect(people.first?.rules == ["office-name"])
        // The trap: 李永 followed by 有关 — the cue 关于 says where the name ends.
        #expect(extractPeople("会议听取了市府办李永有关于全市安全生产工作的汇报。").map(\.name) == ["李永有"])
    }

    @Test func listBeforeTheTitleItTakes() {
        let people = extractPeople("会议决定，王建明、李海东为副组长。")
        #expect(people.map(\.name) == ["王建明", "李海东"])
        #expect(people.allSatisfy { $0.kind == .official })
    }

    @Test func aCueWordIsNoNameAndAThreeCharacterNameIsNotCut() {
        #expect(extractPeople("县委书记应邀出席。").isEmpty)
        #expect(extractPeople("市领导陈德年应邀出席。").map(\.name) == ["陈德年"])
    }

    @Test func aPartyDelegateIsAnOfficialOfNoPost() {
        let people = extractPeople("党代表杨海明说，报告中对全区发展提出了明确要求。")
        #expect(people.map(\.name) == ["杨海明"])
        #expect(people.first?.kind == .official)
        #expect(people.first?.titles.first?.isRank == true)
    }

    @Test func comradeAfterAName() {
        let people = extractPeople("8月9日，市第三次党代会召开，王林山同志代表市二届委员会作工作报告。")
        #expect(people.map(\.name) == ["王林山"])
        #expect(people.first?.kind == .official)
    }
}

@Suite struct ExtractorCreditTests {
    @Test func severalNamesAfterOneRoleSetApartBySpaces() {
        let people = extractFromPage("义乌网3月1日讯（记者 楼晓琪 朱宇亭）今天下午，市人大会议开幕。\n")
        #expect(people.map(\.name) == ["楼晓琪", "朱宇亭"])
        #expect(people.allSatisfy { $0.kind == .journalist && $0.titles.map(\.text) == ["记者"] })
    }

    @Test func aNameWithASurnameTheLexiconLacksInAByline() {
        let people = extractFromPage("本报讯（记者 干晓婧 诸暨日报记者 周升华）近年来，诸暨市开展工作。\n")
        #expect(people.map(\.name) == ["干晓婧", "周升华"])
        #expect(people.allSatisfy { $0.kind == .journalist })
    }

    @Test func editorsAndReviewers() {
        let people = extractFromPage("会议圆满完成各项议程。\n\n编辑：丁文静 审核人：叶玲珑\n")
        #expect(people.map(\.name) == ["丁文静", "叶玲珑"])
        #expect(person(people, "叶玲珑")?.titles.map(\.text) == ["审核人"])
    }

    @Test func authorLine() {
        let people = extractFromPage("来源：福建炎黄纵横 作者：沈延平\n\n我会与省作协联合采风团走进蕉城。\n")
        #expect(person(people, "沈延平")?.kind == .journalist)
    }

    @Test func photoAndTextCredits() {
        let people = extractFromPage("县委书记杨立新现场开讲。王小刚 摄\n\n作者：中心记者 张卓文/文 孙一明/摄\n")
        #expect(person(people, "王小刚")?.kind == .journalist)
        #expect(person(people, "王小刚")?.titles.map(\.text) == ["摄"])
        #expect(person(people, "张卓文")?.kind == .journalist)
        #expect(person(people, "孙一明")?.titles.map(\.text) == ["摄"])
    }

    @Test func namesInParenthesesCloseTheStory() {
        let people = extractFromPage("会议还研究了其他事项。 （朱亚明 李得华）\n")
        #expect(people.map(\.name) == ["朱亚明", "李得华"])
        #expect(people.allSatisfy { $0.kind == .journalist && $0.titles.isEmpty })
    }

    @Test func outletBeforeTheReporter() {
        let people = extractFromPage("乐东县人大会议落下帷幕。\n南海网记者邓小松 莫壮林 乐东报道\n")
        #expect(person(people, "邓小松")?.kind == .journalist)
        #expect(person(people, "莫壮林")?.kind == .journalist)
    }

    @Test func outletAndRoleAreOneTitle() {
        let people = extractFromPage("活动结束后，衢江传媒集团记者杨小睿表示：“作为新闻工作者，我深受感动。”\n")
        #expect(person(people, "杨小睿")?.kind == .journalist)
        #expect(person(people, "杨小睿")?.titles.map(\.text) == ["衢江传媒集团记者"])
    }

    @Test func namesPaddedToThreeCharactersAndContinuedOnTheNextLine() {
        // As a headline (spaces kept) and in a story's body (spaces dropped).
        for page in [
            "■全媒体记者 孙 契 奚嘉明 胡凌云\n\n  蔡培林\n\n本报讯 昨天下午，县委召开会议。\n",
            "县委召开全会。\n\n  ■全媒体记者 孙 契 奚嘉明 胡凌云\n\n  蔡培林\n\n本报讯 昨天下午，县委召开会议。\n",
        ] {
            let people = extractFromPage(page)
            #expect(people.map(\.name) == ["孙契", "奚嘉明", "胡凌云", "蔡培林"])
            #expect(people.allSatisfy { $0.kind == .journalist })
        }
    }

    @Test func aRoleAfterASpaceStartsItsOwnCredit() {
        let people = extractFromPage("圆满完成各项议程。（记 者：吴阳明 张志斌 见习记者 汪子怡）\n")
        #expect(person(people, "汪子怡")?.titles.map(\.text) == ["见习记者"])
        #expect(person(people, "张志斌")?.kind == .journalist)
    }

    @Test func aWordAfterTheBylineOnTheNextLineIsNoName() {
        let people = extractFromPage(
            "来源：缙云新闻网 记者 吴敏杰 通讯员 许晓峰 郑湘 \n\n  国家级、省级主流媒体来缙采写故事\n\n本报讯 寻一方绿水青山。\n")
        #expect(people.map(\.name) == ["吴敏杰", "许晓峰", "郑湘"])
    }

    @Test func aReporterInProseIsNoByline() {
        // `记者介绍` is the reporter being told, not a credit.
        let people = extractFromPage("法院院长陈文明向《法制日报》记者介绍，法庭是基层司法服务的窗口。\n")
        #expect(people.map(\.name) == ["陈文明"])
    }
}

@Suite struct NameModelPropertyTests {
    /// The name model reads names only between the places that end them: no
    /// name it returns holds punctuation or a line break the normalizer kept
    /// (dots inside transcribed names aside).
    @Test func namesNeverCrossPunctuationOrAKeptLine() async {
        let stops = ScalarSet("，。、；：！？,.;:!?（）()《》“”\"\n ".unicodeScalars)
        let listy = Gen<UInt64>.uint64().array(of: 0...RobustnessPropertyTests.maxTokens).map { codes in
            codes.map(LexiconTokens.shared.nameHeavyToken).joined()
        }
        await propertyCheck(count: RobustnessPropertyTests.cases, input: listy) { text in
            for p in extractFromPage(text) {
                #expect(!p.name.unicodeScalars.contains { stops.contains($0) }, "\(p.name) in \(text)")
            }
        }
    }
}

@Suite struct HomeGuessWordTests {
    /// `和安` (和安县) inside `坚持和安全` and `宁强` (宁强县) inside `某某宁强调`
    /// are words, not the places a page names most.
    @Test func placeWordsInsideOtherWordsDoNotMakeTheHome() {
        let text =
            String(repeating: "要坚持发展和安全并重，", count: 5) + String(repeating: "刘明宁强调，", count: 5)
            + "东阳将继续推进共同富裕。"
        let guesser = HomeJurisdiction(ontology: sharedExtractor.ontology)
        let counts = guesser.counts([Array(text.unicodeScalars)])
        #expect(counts["和安县"] == nil)
        #expect(counts["宁强县"] == nil)
        #expect(guesser.guess([Array(text.unicodeScalars)]) == "东阳市")
    }
}
