import Foundation
import Testing

@testable import Guanxi

/// The first title of `name` in `body` (home 永康市): its text and institution.
private func title(_ body: String, _ name: String, at index: Int = 0) -> (String?, String?) {
    let titles = person(extractPeople(body), name)?.titles ?? []
    guard index < titles.count else { return (nil, nil) }
    return (titles[index].text, titles[index].organization)
}

/// An extractor whose papers are from `home`.
private func extractor(home: String) throws -> Extractor {
    Extractor(ontology: try Ontology.bundled(homeJurisdiction: home))
}

private func people(_ body: String, home: String) throws -> [PersonMention] {
    let article = Article(
        source: "t.txt", index: 0, headline: nil, byline: nil, body: MappedText(verbatim: body, at: 0), date: nil)
    return try extractor(home: home).extract(article).people
}

/// A jurisdiction written in a title wins over the paper's home, and the
/// title keeps its whole scope as written.
@Suite struct ExtractorScopeTests {
    @Test func aPrefectureNamedInTheTitleWinsOverTheHome() {
        #expect(title("会上，金华市委书记王建新讲话。", "王建新") == ("金华市委书记", "中共金华市委"))
        #expect(title("中共金华市委书记王建新出席。", "王建新") == ("中共金华市委书记", "中共金华市委"))
    }

    @Test func aBarePrefixAfterTheCommitteeItNamesIsThatCommittee() {
        #expect(title("代表中共金华市委及市委书记王建新向大家问好。", "王建新") == ("市委书记", "中共金华市委"))
    }

    @Test func placesOfOtherProvincesAndTheirShortForms() {
        #expect(title("黔东南州委书记李明华出席。", "李明华") == ("黔东南州委书记", "中共黔东南苗族侗族自治州委"))
        #expect(title("科左中旗旗长包文山主持。", "包文山") == ("科左中旗旗长", "科尔沁左翼中旗人民政府"))
        #expect(
            title("伊犁哈萨克自治州人大常委会主任张玉山参加。", "张玉山")
                == ("伊犁哈萨克自治州人大常委会主任", "伊犁哈萨克自治州人民代表大会常务委员会"))
        #expect(title("桃源县委副书记唐明德说。", "唐明德") == ("桃源县委副书记", "中共桃源县委"))
        #expect(title("蕉城区委书记毛国松调研。", "毛国松") == ("蕉城区委书记", "中共蕉城区委"))
    }

    @Test func townsAndStreetsMissingFromTheLexiconKeepTheirName() {
        #expect(title("南大街街道党工委书记汤立新汇报。", "汤立新") == ("南大街街道党工委书记", "中共南大街街道工委"))
        #expect(title("会上，红军镇党委书记晏国清介绍。", "晏国清") == ("红军镇党委书记", "中共红军镇委"))
        #expect(title("吴川市王村港镇党委书记骆明荣介绍。", "骆明荣") == ("吴川市王村港镇党委书记", "中共王村港镇委"))
        #expect(title("金普新区党工委书记张世明讲话。", "张世明") == ("金普新区党工委书记", "中共金普新区工委"))
    }

    @Test func aShortFormInsideANameBeforeATitleIsTheName() {
        // 文成, 金华, 新昌 are short forms of counties; here they end names.
        let p = extractPeople("会上，李文成副市长讲话。张金华局长出席。陈新昌主任介绍。")
        #expect(person(p, "李文成")?.titles.map(\.text) == ["副市长"])
        #expect(person(p, "张金华")?.titles.map(\.text) == ["局长"])
        #expect(person(p, "陈新昌")?.titles.map(\.text) == ["主任"])
    }

    @Test func aUniversityIsNotThePapersCounty() {
        let p = extractPeople("会上，浙江大学校长王立新、浙大党委书记张明远致辞。")
        for name in ["王立新", "张明远"] {
            #expect(person(p, name)?.titles.first?.organization == nil)
            #expect(person(p, name)?.titles.first?.jurisdiction == nil)
        }
    }

    @Test func anUnknownInstitutionKeepsItsWholeName() {
        #expect(title("市政协提案委主任郑文平发言。", "郑文平") == ("市政协提案委主任", nil))
        #expect(title("会上，浙大党委书记张明远致辞。", "张明远") == ("浙大党委书记", nil))
    }

    @Test func aProvinceBeforeAPrefectureStaysInTheTitle() {
        #expect(
            title("新疆维吾尔自治区伊犁哈萨克自治州人大常委会党组书记张玉山参加。", "张玉山")
                == ("新疆维吾尔自治区伊犁哈萨克自治州人大常委会党组书记", "伊犁哈萨克自治州人民代表大会常务委员会"))
        #expect(title("浙江省金华市委书记王建新出席。", "王建新") == ("浙江省金华市委书记", "中共金华市委"))
    }

    @Test func formerWrittenBetweenInstitutionAndTitle() {
        let p = extractPeople("会上，县政协原主席吴国平、省委原副书记何立川讲话。")
        #expect(person(p, "吴国平")?.titles.map(\.text) == ["县政协原主席"])
        #expect(person(p, "吴国平")?.titles.first?.former == true)
        #expect(person(p, "何立川")?.titles.map(\.text) == ["省委原副书记"])
        #expect(person(p, "何立川")?.titles.first?.organization == "中共浙江省委")
        #expect(title("中央统战部原副部长楼国平出席。", "楼国平") == ("中央统战部原副部长", "中共中央统一战线工作部"))
    }

    @Test func actingAndGroupTitles() {
        #expect(title("会上，代省长赵国强作报告。", "赵国强").0 == "代省长")
        #expect(title("会上，市监委代理主任徐国斌讲话。", "徐国斌") == ("市监委代理主任", "永康市监察委员会"))
        #expect(title("会上，广州市政协党组成员黄国峰讲话。", "黄国峰").0 == "广州市政协党组成员")
    }

    @Test func longUnknownInstitutionsAndCourts() {
        #expect(title("会上，大溪法庭庭长马国财介绍。", "马国财").0 == "大溪法庭庭长")
        #expect(
            title("科左中旗国家现代农业产业园服务中心主任孙国强介绍。", "孙国强").0
                == "科左中旗国家现代农业产业园服务中心主任")
    }

    @Test func zonesCommunitiesAndOfficesKeepTheirNames() {
        #expect(
            title("省政府副秘书长、山西转型综改示范区管委会主任张金平出席。", "张金平", at: 1).0
                == "山西转型综改示范区管委会主任")
        #expect(title("县老区促进会聘任红军镇党委书记晏国清为副会长。", "晏国清").0 == "红军镇党委书记")
        #expect(title("会上，机关党组书记、一级巡视员黄国峰讲话。", "黄国峰").0 == "机关党组书记")
        #expect(title("会上，大会主席团常务主席吴国芝主持。", "吴国芝").0 == "大会主席团常务主席")
    }

    @Test func prefectureCommitteesAndOffices() {
        #expect(title("和田地委副书记王立新出席。", "王立新") == ("和田地委副书记", "中共和田地区委"))
        #expect(title("和田行署专员刘志刚出席。", "刘志刚") == ("和田行署专员", "和田地区行政公署"))
    }
}

/// Titles of every system of local government, each with its institution.
@Suite struct ExtractorSystemTitleTests {
    @Test func bannersLeaguesAndAutonomousPrefectures() throws {
        let banner = try people("旗委书记王立新、旗长包文山出席。", home: "科尔沁左翼中旗")
        #expect(person(banner, "王立新")?.titles.first?.organization == "中共科尔沁左翼中旗委")
        #expect(person(banner, "包文山")?.titles.first?.organization == "科尔沁左翼中旗人民政府")
        let league = try people("盟委书记王立新、盟长包文山出席。", home: "锡林郭勒盟")
        #expect(person(league, "王立新")?.titles.first?.organization == "中共锡林郭勒盟委")
        #expect(person(league, "包文山")?.titles.first?.organization == "锡林郭勒盟人民政府")
        let prefecture = try people("州委书记王立新、州长杨文山出席。", home: "黔东南苗族侗族自治州")
        #expect(person(prefecture, "王立新")?.titles.first?.organization == "中共黔东南苗族侗族自治州委")
        #expect(person(prefecture, "杨文山")?.titles.first?.organization == "黔东南苗族侗族自治州人民政府")
        let district = try people("区委书记王立新、区长杨文山出席。", home: "婺城区")
        #expect(person(district, "王立新")?.titles.first?.organization == "中共婺城区委")
        #expect(person(district, "杨文山")?.titles.first?.organization == "婺城区人民政府")
    }

    @Test func sumuTownsAndStreets() {
        let p = extractPeople("敖包苏木党委书记王文亮主持。苏木达包文杨、副苏木达包晓华参加。街道党工委书记周立军、街道办事处主任钱小东陪同。")
        #expect(person(p, "王文亮")?.titles.map(\.text) == ["敖包苏木党委书记"])
        #expect(person(p, "包文杨")?.titles.map(\.text) == ["苏木达"])
        #expect(person(p, "包晓华")?.titles.map(\.text) == ["副苏木达"])
        #expect(person(p, "周立军")?.titles.map(\.text) == ["街道党工委书记"])
        #expect(person(p, "钱小东")?.titles.map(\.text) == ["街道办事处主任"])
        #expect(!p.contains { $0.name == "苏木达" })
    }

    @Test func developmentZones() {
        let p = extractPeople("开发区党工委书记赵春明、开发区管委会主任冯国华陪同。")
        #expect(person(p, "赵春明")?.titles.map(\.text) == ["开发区党工委书记"])
        #expect(person(p, "冯国华")?.titles.map(\.text) == ["开发区管委会主任"])
    }

    @Test func disciplineLawCongressConsultativeCourtProcuratoratePolice() {
        let p = extractPeople(
            "市委常委、市纪委书记、市监委主任郑立明讲话。市委常委、政法委书记胡建国，市人大常委会主任吕志明，市政协主席吴光辉，市法院院长楼明青，市检察院检察长何方正，市公安局局长林志强参加。金华市公安局长傅志军出席。")
        #expect(person(p, "郑立明")?.titles.map(\.organization) == ["中共永康市委", "中共永康市纪律检查委员会", "永康市监察委员会"])
        #expect(person(p, "胡建国")?.titles.last?.organization == "中共永康市委政法委员会")
        #expect(person(p, "吕志明")?.titles.first?.organization == "永康市人民代表大会常务委员会")
        #expect(person(p, "吴光辉")?.titles.first?.organization == "中国人民政治协商会议永康市委员会")
        #expect(person(p, "楼明青")?.titles.first?.organization == "永康市人民法院")
        #expect(person(p, "何方正")?.titles.first?.organization == "永康市人民检察院")
        #expect(person(p, "林志强")?.titles.first?.organization == "永康市公安局")
        #expect(person(p, "傅志军")?.titles.map(\.text) == ["金华市公安局长"])
        #expect(person(p, "傅志军")?.titles.first?.organization == "金华市公安局")
    }

    @Test func enterprisesSchoolsAndHospitals() {
        let p = extractPeople("市国资公司董事长王立新、总经理陈国栋，市第一人民医院院长吴海平，市第一中学校长杨文山出席。")
        #expect(person(p, "王立新")?.titles.map(\.text) == ["市国资公司董事长"])
        #expect(person(p, "陈国栋")?.titles.map(\.text) == ["总经理"])
        #expect(person(p, "吴海平")?.titles.map(\.text) == ["市第一人民医院院长"])
        #expect(person(p, "杨文山")?.titles.map(\.text) == ["市第一中学校长"])
    }

    @Test func nationalCommittees() {
        let p = extractPeople("全国政协副主席陈志平出席。")
        #expect(person(p, "陈志平")?.titles.map(\.text) == ["全国政协副主席"])
        #expect(person(p, "陈志平")?.titles.first?.organization == "中国人民政治协商会议全国委员会")
    }
}

/// Institutions are only named when they exist: no made-up canonical name,
/// no alias inside a longer name.
@Suite struct ExtractorInstitutionScopeTests {
    private func organizations(_ body: String) -> [OrganizationMention] {
        let article = Article(
            source: "t.txt", index: 0, headline: nil, byline: nil, body: MappedText(verbatim: body, at: 0), date: nil)
        return sharedExtractor.extract(article).organizations
    }

    @Test func aCommitteeOfAnUnknownJurisdictionIsNoInstitution() {
        // Home 永康市 is a 市: 县委 and 镇党委 name some county and town, not one we know.
        #expect(title("县委书记孙立平出席。", "孙立平") == ("县委书记", nil))
        #expect(title("镇党委书记孙立平出席。", "孙立平") == ("镇党委书记", nil))
        let names = organizations("县委、镇党委和区委负责人参加。").map(\.name)
        #expect(!names.contains { $0.hasPrefix("中共县") || $0.hasPrefix("中共镇") || $0.hasPrefix("中共区") })
    }

    @Test func aCommitteeAfterAnotherUnitIsThatUnitsOwn() {
        // 教育局党委 is the bureau's party committee, not 中共永康市委.
        #expect(title("会上，市教育局党委书记王国平讲话。", "王国平") == ("市教育局党委书记", nil))
        let orgs = organizations("市公安局党委召开会议。有关单位要向党委党工委汇报，党委政府高度重视。")
        #expect(orgs.map(\.name) == ["永康市公安局"])
    }

    @Test func aTwoCharacterCountyInsideOtherWordsIsNoPlace() {
        // 和县, 成县, 新县 are counties; 市委和县委, 完成县委, 创新县域 name none of them.
        let names = organizations("市委和县委负责人参加。要完成县委交办的任务。").map(\.name)
        #expect(!names.contains { $0.contains("和县") || $0.contains("成县") })
        let texts = ["省、市和县三级联动，市和县两级财政。创新县域经济。"].map { Array($0.unicodeScalars) }
        #expect(HomeJurisdiction(ontology: sharedExtractor.ontology).guess(texts) == nil)
        // Written as a place, it is one.
        #expect(title("会上，和县县委书记王国平讲话。", "王国平") == ("和县县委书记", "中共和县委"))
        #expect(title("会上，永康市市委书记王国平讲话。", "王国平") == ("永康市市委书记", "中共永康市委"))
    }

    @Test func countiesNamedLikeWordsAreWrittenWithTheirPrefecture() {
        let ontology = sharedExtractor.ontology
        #expect(ontology.places["城区"] == nil)
        #expect(ontology.places["郊区"] == nil)
        #expect(ontology.level(of: "晋城市城区") == "county")
        let texts = ["主城区道路改造，城区绿化，郊区农业。"].map { Array($0.unicodeScalars) }
        #expect(HomeJurisdiction(ontology: ontology).guess(texts) == nil)
    }

    @Test func anAliasInsideALongerNameIsNotThatInstitution() {
        let orgs = organizations("政协永康市委员会召开常委会议。市纪委委员、市委委员、政协委员参加。")
        #expect(orgs.first?.name == "中国人民政治协商会议永康市委员会")
        let party = orgs.first { $0.name == "中共永康市委" }
        #expect(party?.parent == nil)
        for alias in ["市纪委委", "政协委", "市委委", "永康市委"] {
            #expect(party?.mentions.contains(alias) != true, "\(alias) is no alias of the party committee")
        }
    }
}
