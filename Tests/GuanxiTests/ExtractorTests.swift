import Foundation
import Testing

@testable import Guanxi

/// One extractor shared by the tests: the lexicons are compiled once.
let sharedExtractor: Extractor = {
    do {
        return Extractor(ontology: try Ontology.bundled(homeJurisdiction: "永康市"))
    } catch {
        fatalError("lexicons: \(error)")
    }
}()

/// Extracts from one sentence given as an article body.
func extractPeople(_ body: String, headline: String? = nil, byline: String? = nil) -> [PersonMention] {
    var offset = 0
    let h = headline.map { text -> MappedText in
        defer { offset += text.unicodeScalars.count + 1 }
        return MappedText(verbatim: text, at: offset)
    }
    let b = byline.map { text -> MappedText in
        defer { offset += text.unicodeScalars.count + 1 }
        return MappedText(verbatim: text, at: offset)
    }
    let article = Article(
        source: "test.txt", index: 0, headline: h, byline: b, body: MappedText(verbatim: body, at: offset),
        date: nil)
    return sharedExtractor.extract(article).people
}

func person(_ people: [PersonMention], _ name: String) -> PersonMention? {
    people.first { $0.name == name }
}

@Suite struct ExtractorTitleTests {
    @Test func titleThenName() throws {
        let people = extractPeople("市委书记王建新在会上强调，要牢牢把握新要求。")
        try #require(!people.isEmpty)
        #expect(people.map(\.name) == ["王建新"])
        #expect(people[0].kind == .official)
        #expect(people[0].titles.map(\.text) == ["市委书记"])
        #expect(people[0].titles[0].role == "书记")
        #expect(people[0].titles[0].organization == "中共永康市委")
    }

    @Test func twoCharacterNameEndsBeforeVerb() {
        let people = extractPeople("市委书记林政代表我市从省领导手中接过奖杯。")
        #expect(people.map(\.name) == ["林政"])
    }

    @Test func institutionBeforeTitle() {
        let people = extractPeople("金华市公安局副局长傅志军，市法院院长楼明青参加启动仪式。")
        #expect(person(people, "傅志军")?.titles.map(\.text) == ["金华市公安局副局长"])
        #expect(person(people, "傅志军")?.titles.first?.organization == "金华市公安局")
        #expect(person(people, "傅志军")?.titles.first?.jurisdiction == "金华市")
        #expect(person(people, "楼明青")?.titles.first?.organization == "永康市人民法院")
    }

    @Test func runOfTitles() throws {
        let people = extractPeople("市委副书记、市长张国环授旗并宣布活动启动。")
        try #require(!people.isEmpty)
        #expect(people.map(\.name) == ["张国环"])
        #expect(people[0].titles.map(\.text) == ["市委副书记", "市长"])
        #expect(people[0].titles.map(\.organization) == ["中共永康市委", "永康市人民政府"])
    }

    @Test func runOfPartyTitles() throws {
        let people = extractPeople("市委常委、统战部部长何天明出席会议。市委常委、统战部长何天明明确提出。")
        try #require(!people.isEmpty)
        #expect(people.map(\.name) == ["何天明"])
        #expect(people[0].titles.map(\.text) == ["市委常委", "统战部部长", "统战部长"])
        #expect(people[0].titles[1].organization == "中共永康市委统一战线工作部")
    }

    @Test func runReachesPastATitleWordInsideACommitteesName() throws {
        // 常委 of 市人大常委会 is no title of its own: the run goes on to 主任.
        let people = extractPeople("3月22日，金华市委书记、市人大常委会主任郑立新一行考察调研。市委常委、市人大常委会副主任吴海平陪同。")
        #expect(person(people, "郑立新")?.titles.map(\.text) == ["金华市委书记", "市人大常委会主任"])
        #expect(person(people, "郑立新")?.titles.map(\.jurisdiction) == ["金华市", "金华市"])
        #expect(person(people, "吴海平")?.titles.map(\.text) == ["市委常委", "市人大常委会副主任"])
    }

    @Test func traditionalScriptIsReadAndGivenBackAsWritten() throws {
        let people = extractPeople("3月22日，嘉善縣委書記鄭立新主持會議。縣委副書記、縣長吳海平作報告。記者 陳曉東")
        let zheng = try #require(person(people, "鄭立新"))
        #expect(zheng.titles.map(\.text) == ["嘉善縣委書記"])
        #expect(zheng.titles.first?.organization == "中共嘉善县委")
        #expect(person(people, "吳海平")?.titles.map(\.text) == ["縣委副書記", "縣長"])
        #expect(person(people, "陳曉東")?.kind == .journalist)
        // A simplified page with a few characters of the table (乾, 於) is left as it is.
        #expect(!TraditionalChinese.isTraditional([Array("乾隆年间，于是市委书记王建新於会上讲话。".unicodeScalars)]))
    }

    @Test func pinyinReadingsSetAfterCharactersAreDropped() throws {
        let page = Array("11月10日，市委书(shū)记郑立新率队(duì)考察（调研）。".unicodeScalars)
        let text = TextNormalizer().normalize(page, range: 0..<page.count)
        #expect(text.text == "11月10日，市委书记郑立新率队考察（调研）。")
        let article = Article(source: "t.txt", index: 0, headline: nil, byline: nil, body: text, date: nil)
        let people = sharedExtractor.extract(article).people
        #expect(person(people, "郑立新")?.titles.map(\.text) == ["市委书记"])
        // The name's place in the page, readings and all.
        #expect(person(people, "郑立新")?.spans == [16..<19])
    }

    @Test func aWordBeforeAColonInACreditLineIsItsNextField() {
        let people = extractPeople("会议召开。", byline: "责任编辑：陈晓华 关键词：振兴 乡村")
        #expect(people.map(\.name) == ["陈晓华"])
    }

    @Test func aNameBeforeLeadsItsTeam() {
        // 率 ends the name as 带领 would: 郑斌率调研组 is 郑斌.
        let people = extractPeople("全国政协副主席兼秘书长郑斌率调研组赴舒城县调研。郑斌指出，要巩固成果。")
        #expect(people.map(\.name) == ["郑斌"])
    }

    @Test func aProjectHeadquartersHasItsCommanders() {
        let people = extractPeople("会见了来我市调研的山东省援疆工作指挥部副总指挥郑立新一行。市重点项目建设指挥部指挥长吴海平陪同。")
        #expect(person(people, "郑立新")?.titles.map(\.text) == ["山东省援疆工作指挥部副总指挥"])
        #expect(person(people, "吴海平")?.titles.map(\.text) == ["市重点项目建设指挥部指挥长"])
        #expect(people.allSatisfy { $0.kind == .official })
    }

    @Test func runInheritsTheJurisdictionOfItsFirstTitle() {
        let people = extractPeople("省委常委、宣传部部长朱国亮出席。金华市委副书记、市长邵明辉讲话。")
        #expect(person(people, "朱国亮")?.titles.map(\.organization) == ["中共浙江省委", "中共浙江省委宣传部"])
        #expect(person(people, "邵明辉")?.titles.map(\.organization) == ["中共金华市委", "金华市人民政府"])
    }

    @Test func formerPostsAreKeptAsWrittenAndMarked() throws {
        let people = extractPeople("原市委书记王建新，时任副市长李明华，市长陈一平出席座谈会。")
        let wang = try #require(person(people, "王建新"))
        #expect(wang.titles.map(\.text) == ["原市委书记"])
        #expect(wang.titles.first?.former == true)
        #expect(wang.titles.first?.organization == "中共永康市委")
        #expect(person(people, "李明华")?.titles.map(\.text) == ["时任副市长"])
        #expect(person(people, "陈一平")?.titles.first?.former == nil)
    }

    @Test func countyHeadInACityPaperIsNotTheCitys() {
        // Home is 永康市 (a 市): a bare 县长 is some county's, not 永康市人民政府.
        let people = extractPeople("县长李晓明主持会议，副市长王芳出席。")
        #expect(person(people, "李晓明")?.titles.first?.organization == nil)  // no made-up 县人民政府
        #expect(person(people, "李晓明")?.titles.first?.jurisdiction == nil)
        #expect(person(people, "王芳")?.titles.first?.organization == "永康市人民政府")
    }

    @Test func schoolBeforeTitle() {
        let people = extractPeople("座谈会上，县第一中学校长孔维平发言。")
        #expect(person(people, "孔维平")?.titles.map(\.text) == ["县第一中学校长"])
    }

    @Test func institutionMissingFromTheLexicon() {
        let people = extractPeople("农工党永康基层委员会主委胡小雁发言，永康市五金产业发展局局长陈一波介绍。")
        #expect(person(people, "胡小雁")?.titles.map(\.text) == ["农工党永康基层委员会主委"])
        #expect(person(people, "陈一波")?.titles.map(\.text) == ["永康市五金产业发展局局长"])
    }

    @Test func nameThenTitle() throws {
        let people = extractPeople("为贯彻落实会议精神，卢明副市长强调，与会人员要做好传达。")
        try #require(!people.isEmpty)
        #expect(people.map(\.name) == ["卢明"])
        #expect(people[0].titles.map(\.text) == ["副市长"])
    }

    @Test func titleOfAnotherCounty() {
        let people = extractPeople("县委书记周小平说，乡党委书记吴海强调，区长郑晓东指出。")
        #expect(people.map(\.name) == ["周小平", "吴海", "郑晓东"])
        #expect(person(people, "吴海")?.titles.map(\.text) == ["乡党委书记"])
        // A 县 in a city's paper is not the home city.
        #expect(person(people, "周小平")?.titles.first?.organization != "中共永康市委")
    }

    @Test func titlesOutsideGovernment() {
        let people = extractPeople("浙江某某工贸有限公司董事长李大龙，永康一中校长胡小平出席。")
        #expect(person(people, "李大龙")?.titles.map(\.text) == ["浙江某某工贸有限公司董事长"])
        #expect(person(people, "胡小平")?.titles.map(\.text) == ["永康一中校长"])
    }

    @Test func compoundSurname() {
        let people = extractPeople("副市长欧阳明主持会议，市政协副主席司马建国出席。")
        #expect(people.map(\.name) == ["欧阳明", "司马建国"])
    }

    @Test func titleAndNameSplitByNormalizedLineBreak() {
        // The normalizer joins column lines; the extractor sees running text.
        let people = extractPeople("市委副书记范晓明主持会议并宣读名单。")
        #expect(people.map(\.name) == ["范晓明"])
    }
}

@Suite struct ExtractorListTests {
    @Test func listAfterRank() {
        let people = extractPeople("市领导陈美华、朱世明、胡积军、朱长青在主席台就座。")
        #expect(people.map(\.name) == ["陈美华", "朱世明", "胡积军", "朱长青"])
        #expect(people.allSatisfy { $0.kind == .official && $0.titles.map(\.text) == ["市领导"] })
        #expect(people.allSatisfy { $0.titles.first?.isRank == true })
    }

    @Test func listEndingWithConjunctionAndTitledPerson() {
        let people = extractPeople("我市领导胡积军、周启明、蒋雷、朱茂林和市法院院长楼明青参加启动仪式。")
        #expect(people.map(\.name) == ["胡积军", "周启明", "蒋雷", "朱茂林", "楼明青"])
        #expect(person(people, "楼明青")?.titles.map(\.text) == ["市法院院长"])
        #expect(person(people, "朱茂林")?.titles.map(\.text) == ["市领导"])
    }

    @Test func listAfterRankAndHas() {
        let people = extractPeople("出席会议的市领导有陈美华、朱世明和胡积军。县领导：吴国强、李明。")
        #expect(people.map(\.name) == ["陈美华", "朱世明", "胡积军", "吴国强", "李明"])
        #expect(person(people, "胡积军")?.titles.map(\.text) == ["市领导"])
        #expect(person(people, "李明")?.titles.map(\.text) == ["县领导"])
    }

    @Test func listBeforeRank() {
        let people = extractPeople("这一画面定格的瞬间，朱志明、陈美华、范晓明等市领导所在的分会场爆发出掌声。")
        #expect(people.map(\.name) == ["朱志明", "陈美华", "范晓明"])
        #expect(people.allSatisfy { $0.titles.map(\.text) == ["市领导"] })
    }
}

@Suite struct ExtractorMentionTests {
    @Test func bareLaterMentionsJoinTheEstablishedPerson() throws {
        let people = extractPeople("市委书记金建在会上强调，要转变作风。金建肯定了各项工作。金建要求，组织工作要选好人。")
        try #require(!people.isEmpty)
        #expect(people.map(\.name) == ["金建"])
        #expect(people[0].spans.count == 3)
        #expect(people[0].spans[0] == 4..<6)
    }

    @Test func nameInHeadlineIsAMention() throws {
        let people = extractPeople("市委书记金建在会上强调。", headline: "金建在全市工作会议上强调")
        try #require(!people.isEmpty)
        #expect(people.map(\.name) == ["金建"])
        #expect(people[0].spans.count == 2)
    }

    @Test func spansQuoteTheSource() {
        let body = "会议由副市长卢明主持，市委书记王建新讲话。"
        let people = extractPeople(body)
        let scalars = Array(body.unicodeScalars)
        for p in people {
            for span in p.spans {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[span])
                #expect(String(view) == p.name)
            }
        }
    }

    @Test func abbreviationLinksToFullName() throws {
        let people = extractPeople("组织学习习总书记关于统一战线的重要论述，深入贯彻落实习近平总书记重要讲话精神。")
        try #require(!people.isEmpty)
        #expect(people.map(\.name) == ["习近平"])
        #expect(people[0].spans.count == 2)
        #expect(people[0].referenced)
    }

    @Test func referencedInIdeologyPhrase() {
        let people = extractPeople("全会以习近平新时代中国特色社会主义思想为指导，深入贯彻习近平总书记考察浙江重要讲话精神。市委书记章明升作报告。")
        #expect(person(people, "习近平")?.referenced == true)
        #expect(person(people, "习近平")?.titles.map(\.text) == ["总书记"])
        #expect(person(people, "章明升")?.referenced == false)
    }

    @Test func ideologyPhraseAloneNamesNoPerson() {
        let people = extractPeople("聚焦习近平新时代中国特色社会主义思想在永康的生动实践。")
        #expect(people.isEmpty)
    }
}

@Suite struct ExtractorKindTests {
    @Test func bylineJournalists() {
        let people = extractPeople("本报讯 全市工作会议召开。", byline: "□首席记者 陈晓华")
        #expect(person(people, "陈晓华")?.kind == .journalist)
        #expect(person(people, "陈晓华")?.titles.map(\.text) == ["首席记者"])
    }

    @Test func reporterAndCorrespondent() {
        let people = extractPeople("会议强调。", byline: "记者 陈慧敏 通讯员 朱宇")
        #expect(people.map(\.name) == ["陈慧敏", "朱宇"])
        #expect(people.map { $0.titles.map(\.text) } == [["记者"], ["通讯员"]])
        #expect(people.allSatisfy { $0.kind == .journalist })
    }

    @Test func photoCredit() throws {
        let people = extractPeople("牡丹园挤满了赏花客。记者 林群 摄")
        try #require(!people.isEmpty)
        #expect(people.map(\.name) == ["林群"])
        #expect(people[0].kind == .journalist)
    }

    @Test func bylineInParenthesesWithoutSpaces() throws {
        let people = extractPeople("本报讯（融媒首席记者陈晓华）2月21日下午，市委常委会召开扩大会议。")
        try #require(!people.isEmpty)
        #expect(people.map(\.name) == ["陈晓华"])
        #expect(people[0].titles.map(\.text) == ["融媒首席记者"])
    }

    @Test func reporterInRunningTextIsNotAByline() {
        let people = extractPeople("接受记者采访时，他表示将继续努力。")
        #expect(people.isEmpty)
    }

    @Test func citizensInHonourList() {
        let people = extractPeople("韦明山、朱雄飞、厉晓红等3人入选“浙江好人”。陈羿新获评“全国新时代好少年”。")
        #expect(people.map(\.name).sorted() == ["厉晓红", "朱雄飞", "陈羿新", "韦明山"].sorted())
        #expect(people.allSatisfy { $0.kind == .citizen })
    }

    @Test func citizenAfterDescriptor() {
        let people = extractPeople("村民王大明告诉记者，今年收入翻了一番。游客李芳表示，这里风景很美。群众满意度持续提升，工人们正在施工。")
        #expect(people.map(\.name) == ["王大明", "李芳"])
        #expect(people.allSatisfy { $0.kind == .citizen && $0.titles.isEmpty })
    }

    @Test func citizenAfterEpithet() {
        let people = extractPeople("“泥瓦师傅”姚满山、“快递小哥”危田生等事迹多次亮相主流媒体。")
        #expect(people.map(\.name) == ["姚满山", "危田生"])
        #expect(people.allSatisfy { $0.kind == .citizen })
    }

    @Test func nameInsidePlaceName() {
        let people = extractPeople("组织新党员赴刘英烈士陵园开展入党宣誓，胡则史迹馆获评清廉建设单位。")
        #expect(people.map(\.name) == ["刘英", "胡则"])
        #expect(people.allSatisfy { $0.inName && $0.kind == .historical })
    }

    @Test func figureOfThePast() {
        let people = extractPeople("启动胡公、陈亮宋韵文化复兴。")
        #expect(person(people, "陈亮")?.kind == .historical)
        // 宋韵 is a cue word standing before another cue, not a name.
        #expect(people.map(\.name) == ["陈亮"])
    }

    @Test func placesAndInstitutionsAreNotNames() {
        let people = extractPeople("古山镇获评全国示范点，石柱初级中学、大徐小学获评省级重点培育单位。在市委的坚强领导下，领导班子成员联系企业家。")
        #expect(people.isEmpty)
    }
}

@Suite struct ExtractorInstitutionTests {
    @Test func aliasesResolveToCanonicalNames() {
        let article = Article(
            source: "t.txt", index: 0, headline: nil, byline: nil,
            body: MappedText(verbatim: "市委统战部、市法院、金华市公安局和民革、九三学社负责人参加。", at: 0), date: nil)
        let orgs = sharedExtractor.extract(article).organizations
        #expect(orgs.map(\.name) == ["中共永康市委统一战线工作部", "永康市人民法院", "金华市公安局", "中国国民党革命委员会", "九三学社"])
        #expect(orgs[0].parent == "中共永康市委")
        #expect(orgs[0].mentions == ["市委统战部"])
        #expect(orgs[2].jurisdiction == "金华市")
    }

    @Test func homeJurisdictionIsTheCountyNamedMost() {
        let ontology = sharedExtractor.ontology
        let texts = ["永康市召开会议，金华市领导出席。永康经济稳步发展，永康人民", "东阳市"].map { Array($0.unicodeScalars) }
        #expect(HomeJurisdiction(ontology: ontology).guess(texts) == "永康市")
    }

    @Test func homeIsNotThePlaceAVisitGoesTo() {
        let guesser = HomeJurisdiction(ontology: sharedExtractor.ontology)
        let visit = "市委副书记、市长甲带领有关部门负责同志，赴衢州市对接山海协作工作，与衢州市委副书记、市长乙会见座谈。丽水市委常委丙参加活动。"
        #expect(guesser.guess([Array(visit.unicodeScalars)]) == "丽水市")
        // The same places without the journey: the place named most wins.
        let meeting = visit.replacingOccurrences(of: "赴衢州市", with: "在衢州市")
        #expect(guesser.guess([Array(meeting.unicodeScalars)]) == "衢州市")
        // A visit to the paper's own county, which it names throughout, leaves it the home.
        let visited = "县领导赴缙云检查防台工作。缙云县各乡镇做好准备，缙云县应急局值班。丽水市气象台发布预警。"
        #expect(guesser.guess([Array(visited.unicodeScalars)]) == "缙云县")
    }
}

@Suite struct OntologyTests {
    @Test func bundledLexiconsMatchTheOntologyFolder() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("ontology")
        for name in Ontology.fileNames {
            let onDisk = try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
            let bundled = BundledLexicons.files[name]
            #expect(
                bundled?.trimmingCharacters(in: .newlines) == onDisk.trimmingCharacters(in: .newlines),
                "ontology/\(name) changed: run scripts/gen-lexicons")
        }
    }

    @Test func malformedLexiconNamesFileAndLine() {
        var files = BundledLexicons.files
        files["titles.tsv"] = "#title\trole\n书记\t书记\tpost\n"
        #expect(throws: OntologyError.self) { try Ontology(files: files) }
        do {
            _ = try Ontology(files: files)
        } catch {
            #expect(error.description == "titles.tsv:2: expected 6 tab-separated columns")
        }
    }

    @Test func surnamesAreOneOrTwoCharacters() {
        for line in (BundledLexicons.files["surnames.tsv"] ?? "").split(separator: "\n") where !line.hasPrefix("#") {
            let word = line.split(separator: "\t").first.map(String.init) ?? ""
            #expect((1...2).contains(word.unicodeScalars.count), "surnames.tsv: \(word)")
        }
    }
}
