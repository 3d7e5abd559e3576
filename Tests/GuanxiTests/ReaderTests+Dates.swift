import Foundation
import Testing

@testable import Guanxi

@Suite("Reader: dates")
struct ReaderDateTests {
    @Test(arguments: [
        ("pages/2018-02-01/p1.txt", "2018-02-01"),
        ("pages/20180201.txt", "2018-02-01"),
        ("pages/2018/02/01/p1.txt", "2018-02-01"),
        ("html/2018-02/01/content_1807921.htm", "2018-02-01"),
        ("scans/2018_02_01_a.txt", "2018-02-01"),
        ("ykrb-2016.10.31.txt", "2016-10-31"),
        ("archive/2019-03/p.txt", "2019-03"),
        ("html/2000-02/29/node_1.htm", "2000-02-29"),
    ])
    func pathForms(path: String, iso: String) {
        let date = DatePatterns.date(inPath: path)
        #expect(date?.iso == iso)
        #expect(date?.origin == .path)
    }

    @Test(arguments: [
        "html/content_1807921.htm",  // an article id is not a date
        "pages/201802011.txt",  // nine digits
        "dump/20180201093000.txt",  // a timestamp
        "pages/2018-13-01.txt",  // month 13
        "pages/2019-02-29.txt",  // not a leap year
        "pages/1900-01-01.txt",  // before 1949
        "seeds/000_079fb6277d6555bd.txt",
        "x20180201.txt",  // eight digits touching a letter
    ])
    func pathsWithoutDates(path: String) {
        #expect(DatePatterns.date(inPath: path) == nil)
    }

    @Test func founderPathDateBeatsTheEnpropertyDate() throws {
        // The fixture's enpproperty says 2018-01-31 (typeset the evening before).
        let page = try PageReader().read(path: try ReaderFixtures.path("html/2018-02/01/content_1807921.htm"))
        #expect(page.date == PageDate(year: 2018, month: 2, day: 1, origin: .path))
    }

    @Test func manifestBeatsPathAndMatchesByWholePathOnly() throws {
        let fixture = try ReaderFixtures.path("html/2018-02/01/content_1807921.htm")
        let csv = """
            path,date,url
            \(fixture),2018-02-02,http://epaper.example.cn/html/2018-02/01/content_1807921.htm
            # comment
            other/founder-utf8.htm,2017-05
            "a,b/founder-gb2312.htm",20190313
            x/utf8-bom.txt,2015
            y/utf8-bom.txt,2016
            """
        let manifest = try DateManifest(csv: csv)
        #expect(manifest.entries.count == 5)
        let reader = PageReader(manifest: manifest)

        let exact = try reader.read(path: fixture)
        #expect(exact.date == PageDate(year: 2018, month: 2, day: 2, origin: .manifest))
        #expect(exact.url == "http://epaper.example.cn/html/2018-02/01/content_1807921.htm")

        // A line naming a page of the same name in another folder is not this
        // page's date (issue 23): the page keeps its own.
        let byName = try reader.read(path: try ReaderFixtures.path("founder-utf8.htm"))
        #expect(byName.date?.origin != .manifest)
        #expect(try reader.read(path: try ReaderFixtures.path("founder-gb2312.htm")).date?.iso != "2019-03-13")
        let ambiguous = try reader.read(path: try ReaderFixtures.path("utf8-bom.txt"))
        #expect(ambiguous.date == nil)
        #expect(
            manifest.unmatched(by: [fixture, try ReaderFixtures.path("founder-utf8.htm")]).map(\.line) == [4, 5, 6, 7])
    }

    @Test func tabSeparatedCatalogueWithIdsGivesDatesByFileNamePrefix() throws {
        let tsv = """
            id\turl\tdate\tprovince\tdate_note
            001\thttps://paper.example.cn/content_1.html\t2023-11-18\t江苏\tURL path
            002\thttps://paper.example.cn/content_2.html\t2021-05-06?\t湖南\tguessed
            003\thttps://paper.example.cn/content_3.html\t2019 or 2020?\t陕西\tno date
            """
        let manifest = try DateManifest(csv: tsv)
        #expect(manifest.entries.map(\.path) == ["001", "002"])
        #expect(manifest.entry(for: "/corpus/articles/001.txt")?.date.iso == "2023-11-18")
        #expect(manifest.entry(for: "/corpus/articles/001.txt")?.url == "https://paper.example.cn/content_1.html")
        #expect(manifest.entry(for: "articles/002_b.htm")?.date.iso == "2021-05-06")
        #expect(manifest.entry(for: "articles/003.txt") == nil)
        #expect(manifest.entry(for: "articles/0011.txt") == nil)
        // A CSV line with a tab in it is still CSV: no header names the columns.
        #expect(try DateManifest(csv: "a\tb.txt,2018-02-01\n").entries.first?.path == "a\tb.txt")
    }

    @Test func manifestFileWithRelativePaths() throws {
        let dir = try ReaderFixtures.scratch()
        defer { ReaderFixtures.cleanUp(dir) }
        try ReaderFixtures.write(Array("本报讯 会议召开。".utf8), to: dir + "/pages/a.txt")
        try ReaderFixtures.write(Array("pages/a.txt,2020-12-29\n".utf8), to: dir + "/dates.csv")
        let manifest = try DateManifest(contentsOf: dir + "/dates.csv")
        let page = try PageReader(manifest: manifest).read(path: dir + "/pages/../pages/a.txt")
        #expect(page.date == PageDate(year: 2020, month: 12, day: 29, origin: .manifest))
    }

    @Test func badManifestLinesAreReportedWithTheirNumber() throws {
        func failure(_ csv: String) -> ReaderError? {
            do {
                _ = try DateManifest(csv: csv, source: "dates.csv")
                return nil
            } catch {
                return error
            }
        }
        let badDate = failure("path,date\na.txt,2018-02-01\nb.txt,2018-02-30\n")
        #expect(badDate?.code == .badManifest)
        #expect(badDate?.line == 3)
        #expect(
            badDate?.description
                == "dates.csv:3: bad manifest: `2018-02-30` is not a date (use YYYY-MM-DD, YYYY-MM or YYYY, years 1949–2100)"
        )
        let missing = failure("a.txt\n")
        #expect(missing?.line == 1)
        #expect(missing?.message == "expected `path,date[,url]`, found 1 field(s)")
        let nofile = ReaderFixtures.readerError { () throws(ReaderError) in
            _ = try DateManifest(contentsOf: "/nonexistent/dates.csv")
            return Page(source: "", format: .text, encoding: "", text: "")
        }
        #expect(nofile?.code == .notFound)
    }

    @Test func dateFields() {
        #expect(DatePatterns.parseField("2016-10-31 09:28:27.0", origin: .html)?.iso == "2016-10-31")
        #expect(DatePatterns.parseField(" 2018/2/1 ", origin: .manifest)?.iso == "2018-02-01")
        #expect(DatePatterns.parseField("2018年2月1日", origin: .html)?.iso == "2018-02-01")
        #expect(DatePatterns.parseField("2018", origin: .manifest)?.iso == "2018")
        #expect(DatePatterns.parseField("2018-02-01x", origin: .manifest) == nil)
        #expect(DatePatterns.parseField("1800", origin: .manifest) == nil)
    }

    // MARK: Inference

    @Test(arguments: [
        ("000", 2018, "year planned"),  // 分别部署2018年工作要点
        ("001", 2023, "annual review"),  // 2022年全市组织工作综述
        ("002", 2020, "year summed up"),  // 全面总结2020年工作，研究部署2021年工作
        ("003", 2017, "year described"),  // 2017年是党的十九大…召开之年
    ])
    func seedYearsAreInferredFromTheText(prefix: String, year: Int, rule: String) throws {
        let page = try PageReader().read(path: try ReaderFixtures.seed(prefix))
        #expect(page.date == PageDate(year: year, origin: .text))
        #expect(page.date?.inferred == true)
        #expect(DateInference().finding(for: page.text) == DateInference.Finding(year: year, rule: rule))
    }

    @Test func seed004IsDatedByAProvincialAnniversary() throws {
        // Printed in 2024; the text writes no year, but marks 平安浙江建设 20 周年
        // (the campaign began in 2004).
        let page = try PageReader().read(path: try ReaderFixtures.seed("004"))
        #expect(page.date == PageDate(year: 2024, origin: .text))
        #expect(DateInference().finding(for: page.text)?.rule == "anniversary")
    }

    @Test func provincialCampaignAnniversaries() {
        #expect(DateInference().finding(for: "纪念“八八战略”实施20周年")?.year == 2023)
        #expect(DateInference().finding(for: "深化千万工程 20周年")?.year == 2023)
    }

    @Test func inferenceRules() {
        let inference = DateInference()
        // Line breaks and spaces from PDF columns do not hide a year.
        #expect(inference.finding(for: "研究部署\n\n2021 年工作")?.year == 2021)
        #expect(inference.finding(for: "今年是2019年，也是……")?.rule == "this year")
        // Most frequent year, ties to the latest.
        #expect(inference.finding(for: "2015年建成。2016年投用。2016年扩建。") == .init(year: 2016, rule: "most frequent year"))
        #expect(inference.finding(for: "2015年建成，2016年投用。")?.year == 2016)
        // A cue across a sentence end does not count.
        #expect(inference.finding(for: "会议作了部署。2015年以来成效明显，2014年起步。")?.rule == "most frequent year")
        // National anniversaries when no year is written.
        #expect(inference.finding(for: "迎接建党 100 周年") == .init(year: 2021, rule: "anniversary"))
        #expect(inference.finding(for: "庆祝香港回归20周年系列活动") == .init(year: 2017, rule: "anniversary"))
        // Month and day alone are not a date; out-of-range years are ignored.
        #expect(inference.date(for: "本报讯 12 月 28 日，会议召开。1900年的老照片。") == nil)
        #expect(inference.date(for: "2022年全市组织工作综述")?.iso == "2023")
    }
}
