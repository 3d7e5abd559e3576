import Foundation
import Testing

@testable import Guanxi

/// The PDF fixtures under `Fixtures/pdf` (made by `scripts/make-pdf-pages`, see its README).
enum PDFFixtures {
    static func path(_ name: String) throws -> String {
        let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/pdf")
        return try #require(url).path
    }

    /// The stories `page.json` sets: headline, byline, paragraphs (photos: credit, caption).
    struct SpecStory {
        var headline: String?
        var byline: String
        var paragraphs: [String]
        var photo: Bool
    }

    static func spec() throws -> [SpecStory] {
        let data = try Data(contentsOf: URL(fileURLWithPath: try path("page.json")))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let rows = try #require(root["rows"] as? [[[String: Any]]])
        return rows.flatMap { row in
            row.map { item in
                if item["photo"] as? Bool == true {
                    return SpecStory(
                        headline: nil, byline: item["credit"] as? String ?? "",
                        paragraphs: [item["caption"] as? String ?? ""], photo: true)
                }
                return SpecStory(
                    headline: (item["headline"] as? [String])?.joined(), byline: item["byline"] as? String ?? "",
                    paragraphs: item["paragraphs"] as? [String] ?? [], photo: false)
            }
        }
    }

    /// `text` without spaces (the normalizer drops those between Chinese characters).
    static func squeezed(_ text: String) -> String { text.filter { !$0.isWhitespace } }
}

@Suite("PDF layout (character boxes, no poppler)")
struct PDFLayoutTests {
    /// Glyphs of `text` set left to right from (x, y), each `size` wide and high.
    func set(_ text: String, x: Double, y: Double, size: Double = 10) -> [PDFGlyph] {
        text.unicodeScalars.enumerated().map { k, scalar in
            let x0 = x + Double(k) * size
            return PDFGlyph(scalar, PDFBox(x0: x0, y0: y, x1: x0 + size, y1: y + size), size: size)
        }
    }

    func analyze(_ glyphs: [PDFGlyph], pictures: [PDFBox] = []) -> (text: String, layout: PageLayout) {
        let (scalars, layout) = PDFLayoutAnalyzer().analyze(
            [PDFPageContent(index: 0, glyphs: glyphs.shuffled(), pictures: pictures)], pageCount: 1)
        return (String(String.UnicodeScalarView(scalars)), layout)
    }

    func paragraphs(_ result: (text: String, layout: PageLayout), story: Int) -> [String] {
        let scalars = Array(result.text.unicodeScalars)
        return result.layout.stories[story].paragraphs.map { String(String.UnicodeScalarView(scalars[$0])) }
    }

    @Test("columns are read left to right, a paragraph (and a name) runs on from one column into the next")
    func columnsRunOn() {
        var glyphs = set("全县召开会议", x: 0, y: -40, size: 20)
        glyphs += set("今天上午召开", x: 20, y: 0)  // indented: a paragraph starts
        glyphs += set("会议，由副市长李", x: 0, y: 15)  // full to the column's edge
        glyphs += set("四主持。", x: 100, y: 0)  // next column, not indented: runs on
        glyphs += set("会议要求做好", x: 120, y: 15)  // indented: a new paragraph
        glyphs += set("春耕工作。", x: 100, y: 30)
        let result = analyze(glyphs)
        #expect(result.layout.stories.count == 1)
        let scalars = Array(result.text.unicodeScalars)
        #expect(result.layout.stories[0].headline.map { String(String.UnicodeScalarView(scalars[$0])) } == ["全县召开会议"])
        #expect(paragraphs(result, story: 0) == ["今天上午召开会议，由副市长李四主持。", "会议要求做好春耕工作。"])
    }

    @Test("a larger headline starts a new story; each printed line keeps its box")
    func headlinesStartStories() throws {
        var glyphs = set("第一篇标题", x: 0, y: 0, size: 20)
        glyphs += set("第一篇正文。", x: 0, y: 30)
        glyphs += set("第二篇标题", x: 0, y: 60, size: 20)
        glyphs += set("第二篇正文。", x: 0, y: 90)
        let result = analyze(glyphs)
        #expect(result.layout.stories.count == 2)
        #expect(paragraphs(result, story: 1) == ["第二篇正文。"])
        let offset = try #require(result.text.unicodeScalars.firstIndex(of: "二"))
        let second = result.text.unicodeScalars.distance(from: result.text.unicodeScalars.startIndex, to: offset)
        let line = try #require(result.layout.place(of: second))
        #expect(line.page == 0)
        #expect(line.box == PDFBox(x0: 0, y0: 60, x1: 100, y1: 80))
    }

    @Test("small type under a picture is the photo's caption, apart from the story beside it")
    func captionUnderPicture() {
        var glyphs = set("标题在此", x: 0, y: 0, size: 20)
        glyphs += set("正文第一行写满了", x: 0, y: 30)
        glyphs += set("正文第二行。", x: 0, y: 45)
        glyphs += set("油菜花开。", x: 120, y: 64, size: 8)
        let result = analyze(glyphs, pictures: [PDFBox(x0: 120, y0: 0, x1: 220, y1: 60)])
        #expect(result.layout.stories.map(\.kind) == [.story, .photo])
        #expect(paragraphs(result, story: 1) == ["油菜花开。"])
        #expect(paragraphs(result, story: 0) == ["正文第一行写满了正文第二行。"])
    }

    @Test("a gap of half a character is a space; touching characters are not")
    func gapsAreSpaces() {
        let glyphs = set("记者", x: 0, y: 0) + set("王五", x: 26, y: 0) + set("摄", x: 52, y: 0)
        #expect(analyze(glyphs).text == "记者 王五 摄")
        #expect(analyze(set("记者王五", x: 0, y: 0)).text == "记者王五")
    }

    @Test("tesseract's TSV: a line's words are laid out evenly and read back as one line")
    func tesseractLines() {
        let tsv = """
            level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext
            4\t1\t1\t1\t1\t0\t100\t100\t252\t40\t-1\t
            5\t1\t1\t1\t1\t1\t100\t100\t83\t40\t92\t记者
            5\t1\t1\t1\t1\t2\t230\t98\t40\t63\t92\t陈
            5\t1\t1\t1\t1\t3\t272\t100\t80\t40\t92\t思远
            """
        let glyphs = TesseractOCR.glyphs(tsv: tsv, scale: 1)
        #expect(String(String.UnicodeScalarView(glyphs.map(\.scalar))) == "记者陈思远")
        let text = analyze(glyphs).text
        #expect(text == "记者 陈思远")
    }
}

@Suite("PDF reader")
struct PDFReaderTests {
    @Test("the text-layer page gives page.json's stories, headlines, bylines and paragraphs exactly")
    func textLayerStories() throws {
        let page = try PageReader().read(path: try PDFFixtures.path("columns.pdf"))
        #expect(page.format == .pdf)
        let articles = ArticleSegmenter().segment(page)
        let spec = try PDFFixtures.spec()
        #expect(articles.count == spec.count)
        for (article, story) in zip(articles, spec) {
            #expect(article.kind == (story.photo ? .photo : .story))
            #expect(article.headline?.text == story.headline)
            #expect(article.byline?.text == story.byline)
            #expect(
                article.body.text.split(separator: "\n").map { PDFFixtures.squeezed(String($0)) }
                    == story.paragraphs.map(PDFFixtures.squeezed))
        }
    }

    @Test("a name's offset in an article leads back to its page and the box of its printed line")
    func evidenceBoxes() throws {
        let page = try PageReader().read(path: try PDFFixtures.path("columns.pdf"))
        let layout = try #require(page.layout)
        let articles = ArticleSegmenter().segment(page)
        let second = try #require(articles.dropFirst().first)
        // The official of the second story (副市长 + name) stands in its first column.
        let body = second.body.scalars
        let title: [Unicode.Scalar] = Array("副市长".unicodeScalars)
        let at = try #require((0..<(body.count - title.count)).first { Array(body[$0..<$0 + title.count]) == title })
        let line = try #require(layout.place(of: second.body.sourceOffsets[at + title.count]))
        #expect(line.page == 0)
        let headline = try #require(second.headline)
        let headlineLine = try #require(layout.place(of: headline.sourceOffsets[0]))
        #expect(line.box.y0 > headlineLine.box.y1, "the body line stands under the story's headline")
        #expect(line.box.x1 < 595 * 0.64, "in the story's columns, left of the photo")
        #expect(!line.ocr)
    }

    @Test("a PDF is known by its %PDF- header whatever its name")
    func magic() throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: try PDFFixtures.path("columns.pdf"))))
        let page = try PageReader().read(bytes: bytes, source: "page-without-extension")
        #expect(page.format == .pdf)
        #expect(page.layout?.stories.count == 3)
    }

    @Test(
        "encrypted, damaged, page-less and textless PDFs: one ReaderError naming the file",
        arguments: [
            ("encrypted.pdf", ReaderError.Code.encrypted), ("truncated.pdf", .damaged), ("no-pages.pdf", .empty),
            ("blank.pdf", .empty),
        ])
    func hostile(_ name: String, _ code: ReaderError.Code) throws {
        let path = try PDFFixtures.path(name)
        #expect {
            _ = try PageReader().read(path: path)
        } throws: { error in
            guard let error = error as? ReaderError else { return false }
            return error.code == code && error.path == path && !error.description.contains("\n")
        }
    }

    @Test(
        "the scanned page, read by OCR, names the page's officials with their titles",
        .enabled(
            if: TesseractOCR.missing == nil,
            "tesseract-ocr and tesseract-ocr-chi-sim are not installed (scripts/install-deps installs them)"))
    func scannedOfficials() throws {
        let page = try PageReader().read(path: try PDFFixtures.path("scanned.pdf"))
        #expect(page.encoding == "PDF+OCR")
        #expect(page.layout?.ocrPages == [0])
        let extractor = Extractor(ontology: try Ontology.bundled())
        let articles = ArticleSegmenter().segment(page)
        // Officials with their titles, article by article (who appears beside whom).
        let found: [Set<String>] = extractor.extract(articles, on: page).map { extraction in
            Set(
                extraction.people.filter { $0.kind == .official }.flatMap { person in
                    person.titles.map { person.name + " " + $0.text }
                })
        }
        // The gold of the fixture, article by article.
        let data = try Data(contentsOf: URL(fileURLWithPath: try PDFFixtures.path("gold.json")))
        let gold = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let document = try #require((gold["documents"] as? [[String: Any]])?.first)
        let expected: [Set<String>] = (document["articles"] as? [[String: Any]] ?? []).map { article in
            var officials: Set<String> = []
            for person in article["people"] as? [[String: Any]] ?? [] where person["kind"] as? String == "official" {
                for title in person["titles"] as? [String] ?? [] {
                    officials.insert("\(person["name"] ?? "") \(title)")
                }
            }
            return officials
        }
        #expect(expected.contains { !$0.isEmpty })
        #expect(articles.map(\.kind) == (try PDFFixtures.spec()).map { $0.photo ? .photo : .story })
        #expect(found == expected)
    }
}

@Suite("guanxi reads PDFs")
struct PDFCLITests {
    @Test("guanxi articles on the text-layer page: page.json's headlines and bylines, in order")
    func articles() throws {
        let sandbox = try TempDir()
        let result = try GuanxiCLI.run(
            ["articles", "--format", "json", try PDFFixtures.path("columns.pdf")], in: sandbox.url)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let rows = try result.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let spec = try PDFFixtures.spec()
        #expect(rows.map { $0["headline"] as? String } == spec.map(\.headline))
        #expect(rows.map { $0["byline"] as? String } == spec.map(\.byline))
        #expect(rows.map { $0["kind"] as? String } == spec.map { $0.photo ? "photo" : "story" })
    }

    @Test("without tesseract a scan gets one line saying what to install; the other files are read")
    func scanWithoutTesseract() throws {
        let sandbox = try TempDir()
        let result = try GuanxiCLI.run(
            ["articles", try PDFFixtures.path("scanned.pdf"), try PDFFixtures.path("columns.pdf")], in: sandbox.url,
            environment: ["PATH": sandbox.url.path])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").filter { $0.contains("scanned.pdf") }
        #expect(lines.count == 1)
        #expect(
            lines.first?.contains("needs OCR") == true && lines.first?.contains("apt-get install tesseract-ocr") == true
        )
        #expect(result.stdout.split(separator: "\n").count == 3, "the text-layer page's three items")
    }
}
