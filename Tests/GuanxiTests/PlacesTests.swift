import Foundation
import Testing

@testable import Guanxi

/// The jurisdictions of `places.tsv`: every province, prefecture and county of
/// China, with the short forms papers write.
@Suite struct OntologyPlaceTests {
    let ontology = sharedExtractor.ontology

    @Test func everyLevelOfEveryProvinceIsListed() {
        #expect(ontology.level(of: "浙江省") == "province")
        #expect(ontology.level(of: "内蒙古自治区") == "province")
        #expect(ontology.level(of: "黔东南苗族侗族自治州") == "prefecture")
        #expect(ontology.level(of: "锡林郭勒盟") == "prefecture")
        #expect(ontology.level(of: "和田地区") == "prefecture")
        #expect(ontology.level(of: "科尔沁左翼中旗") == "county")
        #expect(ontology.level(of: "神农架林区") == "county")
        #expect(ontology.level(of: "六枝特区") == "county")
        #expect(ontology.level(of: "鄂伦春自治旗") == "county")
        #expect(ontology.ancestors(of: "蕉城区") == ["宁德市", "福建省", "中国"])
        #expect(ontology.ancestors(of: "仙桃市") == ["湖北省", "中国"])
        #expect(ontology.ancestors(of: "海淀区") == ["北京市", "中国"])
        #expect(ontology.ancestors(of: "永康市") == ["金华市", "浙江省", "中国"])
    }

    @Test func everyParentIsAListedPlace() {
        for place in ontology.places.values {
            guard let parent = place.parent else { continue }
            #expect(ontology.places[parent] != nil, "\(place.name): parent \(parent) is not listed")
        }
    }

    @Test func shortFormsAsPapersWriteThem() {
        #expect(ontology.placeByShort["金华"] == "金华市")
        #expect(ontology.placeByShort["婺城"] == "婺城区")
        #expect(ontology.placeByShort["伊犁"] == "伊犁哈萨克自治州")
        #expect(ontology.placeByShort["伊犁州"] == "伊犁哈萨克自治州")
        #expect(ontology.placeByShort["黔东南"] == "黔东南苗族侗族自治州")
        #expect(ontology.placeByShort["黔东南州"] == "黔东南苗族侗族自治州")
        #expect(ontology.placeByShort["科左中旗"] == "科尔沁左翼中旗")
        #expect(ontology.placeByShort["景宁"] == "景宁畲族自治县")
        #expect(ontology.placeByShort["内蒙古"] == "内蒙古自治区")
        #expect(ontology.placeByShort["新疆"] == "新疆维吾尔自治区")
    }

    @Test func noShortFormThatIsAWordOrShared() {
        // One character, ordinary words, position words, a people's name.
        for word in ["泾", "东区", "新区", "城关", "长安", "和平", "新华", "江南", "比如", "公安", "鄂温克"] {
            #expect(ontology.placeByShort[word] == nil, "\(word) must not be a place")
        }
        // Shared by units of one level: nobody gets it.
        #expect(ontology.placeByShort["鼓楼"] == nil)
        #expect(ontology.placeByShort["普陀"] == nil)
        // Shared across levels: the province, or the one higher unit.
        #expect(ontology.placeByShort["吉林"] == "吉林省")
        #expect(ontology.placeByShort["长沙"] == "长沙市")
    }

    @Test func aFullNameSharedByUnitsOfTwoProvincesHasNoWrongParent() {
        // 鼓楼区 is in 福州, 南京, 徐州 and 开封: the row names no prefecture.
        #expect(ontology.places["鼓楼区"]?.parent == "中国")
        // 市中区 is in 济南 and 枣庄 (山东) and in 乐山 and 内江 (四川).
        #expect(ontology.places["市中区"]?.parent == "中国")
    }

    @Test func townsWrittenByHandAreKept() {
        #expect(ontology.level(of: "前仓镇") == "town")
        #expect(ontology.places["前仓镇"]?.parent == "永康市")
    }
}
