import Foundation
import Testing

@testable import Guanxi

/// Scalar offsets of every occurrence of `needle` in `text`.
func scalarRanges(of needle: String, in text: String) -> [Range<Int>] {
    let hay = Array(text.unicodeScalars), pin = Array(needle.unicodeScalars)
    guard !pin.isEmpty, hay.count >= pin.count else { return [] }
    return (0...(hay.count - pin.count)).filter { Array(hay[$0..<($0 + pin.count)]) == pin }.map {
        $0..<($0 + pin.count)
    }
}

/// A title as the extractor would write it.
func title(_ text: String, _ role: String, _ organization: String?, _ jurisdiction: String?, rank: Bool = false)
    -> TitleMention
{
    TitleMention(
        text: text, role: role, organization: organization, jurisdiction: jurisdiction, isRank: rank, span: 0..<0)
}

/// A small invented page held by hand: one article per entry of `articles`.
struct HandPage {
    var path: String
    var root: String
    var text: String
    var extractions: [ArticleExtraction]

    /// `articles`: (date, text, people); spans are found by searching the text.
    init(_ path: String, root: String, _ articles: [(date: String?, text: String, people: [PersonMention])]) {
        self.path = path
        self.root = root
        var text = ""
        var extractions: [ArticleExtraction] = []
        for (index, a) in articles.enumerated() {
            let offset = text.unicodeScalars.count
            text += a.text + "\n"
            let date = a.date.map(Self.date)
            let article = Article(
                source: path, index: index, headline: nil, byline: nil, body: MappedText(verbatim: a.text, at: offset),
                date: date)
            let people = a.people.map { p -> PersonMention in
                var p = p
                p.spans = scalarRanges(of: p.name, in: a.text).map {
                    ($0.lowerBound + offset)..<($0.upperBound + offset)
                }
                return p
            }
            extractions.append(ArticleExtraction(article: article, people: people, organizations: []))
        }
        self.text = text
        self.extractions = extractions
    }

    static func date(_ iso: String) -> PageDate {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        return PageDate(
            year: parts[0], month: parts.count > 1 ? parts[1] : nil, day: parts.count > 2 ? parts[2] : nil,
            origin: .path)
    }

    var document: DocumentInput {
        DocumentInput(page: Page(source: path, format: .text, encoding: "UTF-8", text: text), root: root)
    }

    func store(in store: any GraphStore) throws {
        try store.replaceDocument(document, extractions: extractions, build: nil)
    }
}

func official(_ name: String, _ titles: TitleMention..., referenced: Bool = false) -> PersonMention {
    PersonMention(name: name, kind: .official, titles: titles, referenced: referenced)
}

/// Builder-test pipeline: articles are separated by a line `===`, each starts
/// with its date line; the extractor finds the names and titles of a lexicon.
struct FixturePipeline: Sendable {
    /// Title as written → (role, organization, jurisdiction, rank).
    var titles: [String: (String, String?, String?, Bool)]
    /// Name → kind.
    var names: [String: PersonKind]

    func segment(_ page: Page) -> [Article] {
        let scalars = Array(page.text.unicodeScalars)
        var articles: [Article] = []
        var start = 0
        var lineStart = 0
        func flush(_ end: Int) {
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[start..<end])
            let block = String(s)
            guard !block.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return }
            let firstLine = block.split(separator: "\n").first.map(String.init) ?? ""
            let date =
                firstLine.range(of: #"^\d{4}-\d{2}-\d{2}"#, options: .regularExpression) != nil
                ? HandPage.date(firstLine) : nil
            articles.append(
                Article(
                    source: page.source, index: articles.count, headline: nil, byline: nil,
                    body: MappedText(verbatim: block, at: start), date: date))
        }
        for i in 0...scalars.count where i == scalars.count || scalars[i] == "\n" {
            var line = String.UnicodeScalarView()
            line.append(contentsOf: scalars[lineStart..<i])
            if String(line) == "===" {
                flush(lineStart)
                start = min(i + 1, scalars.count)
            }
            lineStart = i + 1
        }
        flush(scalars.count)
        return articles
    }

    func extract(_ article: Article) -> ArticleExtraction {
        let text = article.body.text
        var people: [PersonMention] = []
        for (name, kind) in names.sorted(by: { $0.key < $1.key }) {
            let ranges = scalarRanges(of: name, in: text)
            guard !ranges.isEmpty else { continue }
            var found: [TitleMention] = []
            let scalars = Array(text.unicodeScalars)
            for r in ranges {
                for (written, info) in titles where r.lowerBound >= written.unicodeScalars.count {
                    let from = r.lowerBound - written.unicodeScalars.count
                    var s = String.UnicodeScalarView()
                    s.append(contentsOf: scalars[from..<r.lowerBound])
                    if String(s) == written, !found.contains(where: { $0.text == written }) {
                        found.append(
                            TitleMention(
                                text: written, role: info.0, organization: info.1, jurisdiction: info.2, isRank: info.3,
                                span: article.body.sourceRange(of: from..<r.lowerBound)))
                    }
                }
            }
            people.append(
                PersonMention(
                    name: name, kind: kind, titles: found, spans: ranges.map { article.body.sourceRange(of: $0) }))
        }
        return ArticleExtraction(article: article, people: people, organizations: [])
    }

    func builder(_ store: any GraphStore, _ options: GraphBuilder.Options = .init()) -> GraphBuilder {
        let pipeline = self
        return GraphBuilder(
            store: store, options: options, segment: { pipeline.segment($0) }, extract: { pipeline.extract($0) })
    }
}
