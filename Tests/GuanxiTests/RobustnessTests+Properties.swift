import Foundation
import PropertyBased
import Testing

@testable import Guanxi

/// Property-based tests (issue 8): any bytes or text through the reader,
/// normalizer, segmenter and extractor — no crash, no hang, every offset inside
/// the source, every span quoting what it claims.
///
/// Inputs are lists of random tokens (shrinkable: a failure is reported with the
/// fewest tokens that still fail): random CJK and other Unicode scalars,
/// punctuation, newlines and spaces, and words from the lexicons — surnames,
/// title words, cue words — so the extractor's rules actually fire.
@Suite struct RobustnessPropertyTests {
    /// At most this many tokens per input (a token is up to ~6 scalars): keeps
    /// each case small enough that a hang shows up as a slow test, not a stuck one.
    static let maxTokens = 240

    /// Cases per property: 300, or `GUANXI_PROPERTY_CASES` for a longer hunt.
    static let cases = ProcessInfo.processInfo.environment["GUANXI_PROPERTY_CASES"].flatMap(Int.init) ?? 300

    static let text = Gen<UInt64>.uint64().array(of: 0...maxTokens).map { codes in
        codes.map(LexiconTokens.shared.token).joined()
    }

    @Test func readerNeverCrashesOnAnyBytes() async {
        let reader = PageReader()
        await propertyCheck(count: Self.cases, input: Gen<UInt8>.uint8().array(of: 0...600), Gen.bool) { bytes, html in
            let source = html ? "p/2018-02-01/content_1.htm" : "p/2018-02-01.txt"
            if let page = try? reader.read(bytes: bytes, source: source) {
                #expect(!page.text.isEmpty)
            }
        }
    }

    @Test func readerReadsAnyTextAsUTF8PlainAndHTML() async {
        let reader = PageReader()
        await propertyCheck(count: 200, input: Self.text) { text in
            for (source, bytes) in [
                ("a.txt", Array(text.utf8)), ("b.txt", [0xEF, 0xBB, 0xBF] + Array(text.utf8)),
                ("c.html", Array("<html><head><meta charset=\"utf-8\"></head><body><p>\(text)</p></body></html>".utf8)),
            ] {
                if let page = try? reader.read(bytes: bytes, source: source) {
                    #expect(!page.text.isEmpty)
                    checkPipeline(page)
                }
            }
        }
    }

    @Test func normalizerOffsetMapHoldsOnAnyText() async {
        await propertyCheck(count: Self.cases, input: Self.text, Gen.int(in: 0...1000)) { text, cut in
            let scalars = Array(text.unicodeScalars)
            let lower = scalars.isEmpty ? 0 : cut % scalars.count
            checkOffsetMap(scalars, 0..<scalars.count)
            checkOffsetMap(scalars, lower..<scalars.count)
            checkOffsetMap(
                scalars, 0..<scalars.count, TextNormalizer(keepsWordSpaces: true, keepsParagraphBreaks: false))
            checkOffsetMap(scalars, 0..<scalars.count, TextNormalizer(linesAreParagraphs: true))
        }
    }

    @Test func segmenterAndExtractorKeepEveryOffsetInsideThePage() async {
        await propertyCheck(count: Self.cases, input: Self.text) { text in
            checkPipeline(Page(source: "p/2019-05-04.txt", format: .text, encoding: "UTF-8", text: text))
        }
    }

    /// Found by `extractorQuotesNamesFromListsAndTitles`: the byline line was taken
    /// out of the body and the normalizer joined `王伟` and `恛` across it, so the
    /// span of `王伟恛` quoted `王伟记者王伟恛`. Pieces are no longer joined across text.
    @Test func issue8NameIsNotReadAcrossARemovedByline() {
        let page = Page(source: "p/2019-05-04.txt", format: .text, encoding: "UTF-8", text: "，副乡长王伟\n记者 王伟\n恛")
        checkPipeline(page)
        let people = RobustnessFixtures.extractor.extract(ArticleSegmenter().segment(page), on: page).flatMap(\.people)
        #expect(people.map(\.name) == ["王伟"])
    }

    @Test func extractorQuotesNamesFromListsAndTitles() async {
        // Denser in names and titles than `text`: lists such as 市领导甲、乙和丙.
        let listy = Gen<UInt64>.uint64().array(of: 0...Self.maxTokens).map { codes in
            codes.map(LexiconTokens.shared.nameHeavyToken).joined()
        }
        let rules = RuleTally()
        await propertyCheck(count: Self.cases, input: listy) { text in
            let page = Page(source: "p/2019-05-04.txt", format: .text, encoding: "UTF-8", text: text)
            checkPipeline(page)
            let found = RobustnessFixtures.extractor.extract(ArticleSegmenter().segment(page), on: page)
            rules.add(found.flatMap { $0.people.flatMap(\.rules) })
        }
        // The inputs reach the rules they are meant to exercise.
        let seen = rules.seen
        for rule in ["title-name", "list-after-title", "bare-mention", "byline"] {
            #expect(seen.contains(rule), "no input fired \(rule); fired: \(seen.sorted())")
        }
    }
}

/// Segments and extracts `page` and checks every offset and span against its text.
func checkPipeline(_ page: Page) {
    let scalars = Array(page.text.unicodeScalars)
    let articles = ArticleSegmenter().segment(page)
    #expect(articles.map(\.index) == Array(articles.indices))
    for article in articles {
        var parts = [("body", article.body)]
        // HTML metadata headlines/bylines missing from the text point at offset 0 by design.
        if page.format == .text {
            parts += [("headline", article.headline ?? .empty), ("byline", article.byline ?? .empty)]
        }
        for (name, part) in parts { checkMapsBack(part, to: scalars, name) }
    }
    let extractor = RobustnessFixtures.extractor
    let extractions = extractor.extract(articles, on: page)
    #expect(extractions.count == articles.count)
    for extraction in extractions {
        for person in extraction.people {
            #expect(!person.spans.isEmpty, "\(person.name) has no span")
            for span in person.spans {
                guard span.lowerBound >= 0, span.lowerBound < span.upperBound, span.upperBound <= scalars.count else {
                    Issue.record("span \(span) of \(person.name) outside the page (\(scalars.count) scalars)")
                    continue
                }
                let quoted = String(
                    String.UnicodeScalarView(
                        scalars[span].filter { !ScalarClass.isWhitespace($0) }))
                let ok =
                    quoted == person.name
                    || (person.rules.contains("abbreviation") && !quoted.isEmpty && person.name.hasPrefix(quoted))
                #expect(ok, "span \(span) quotes “\(quoted)” for \(person.name) (rules \(person.rules))")
            }
            for title in person.titles {
                #expect(title.span.lowerBound >= 0 && title.span.upperBound <= scalars.count)
            }
        }
        for organization in extraction.organizations {
            for span in organization.spans {
                #expect(span.lowerBound >= 0 && span.lowerBound < span.upperBound && span.upperBound <= scalars.count)
            }
        }
        // The single-article entry point agrees on who is named.
        let alone = extractor.extract(extraction.article, home: extractor.ontology.homeJurisdiction)
        #expect(alone.people.allSatisfy { p in p.spans.allSatisfy { $0.upperBound <= scalars.count } })
    }
}

/// Checks that a normalized piece maps back into `scalars`: offsets in range and
/// non-decreasing, each scalar equal to its source or a normalizer substitution.
func checkMapsBack(_ text: MappedText, to scalars: [Unicode.Scalar], _ what: String) {
    #expect(text.sourceOffsets.count == text.scalars.count)
    #expect(zip(text.sourceOffsets, text.sourceOffsets.dropFirst()).allSatisfy { $0 <= $1 }, "\(what) offsets decrease")
    for (out, offset) in zip(text.scalars, text.sourceOffsets) {
        guard offset >= 0, offset < scalars.count else {
            Issue.record("\(what) offset \(offset) outside the page (\(scalars.count) scalars)")
            return
        }
        let input = scalars[offset]
        let same =
            out == input || ScalarClass.isWhitespace(out)
            || ScalarClass.fullWidthPunctuation(input) == out || ScalarClass.halfWidthAlphanumeric(input) == out
        #expect(same, "\(what): \(out) does not come from \(input) at \(offset)")
    }
}

/// The extractor rules that fired across a property's cases.
final class RuleTally: @unchecked Sendable {
    private let lock = NSLock()
    private var rules: Set<String> = []
    func add(_ more: [String]) { lock.withLock { rules.formUnion(more) } }
    var seen: Set<String> { lock.withLock { rules } }
}

/// Shared, expensive fixtures: the bundled lexicons compiled once.
enum RobustnessFixtures {
    static let extractor: Extractor = {
        do {
            return Extractor(ontology: try Ontology.bundled())
        } catch {
            fatalError("the bundled lexicons do not load: \(error)")
        }
    }()
}

/// Turns random numbers into tokens of newspaper-like text.
struct LexiconTokens: Sendable {
    static let shared = LexiconTokens()

    let surnames: [String]
    let titles: [String]
    let cues: [String]
    let given = Array("伟芳敏静强磊军洋勇杰涛明超平刚英华玉萍红建国志新海波宁晓燕春林云飞鹏辉政轶环东")
    let punctuation = Array("，。、；：！？“”‘’（）《》—…·□■,.;:!?()\"'「」【】")
    let separators = ["、", "和", "及", "与", "等", "等6人入选", "在主席台就座", "说，", "强调，", "本报讯（记者 ", "）", " 摄"]
    let whitespace = ["\n", "\n\n", " ", "\u{3000}", "\t", "\r\n", "\r"]
    let odd: [Unicode.Scalar] = [
        "\u{0}", "\u{7F}", "\u{200B}", "\u{FEFF}", "\u{FFFD}", "\u{1F600}", "\u{20000}", "\u{301}",
        "\u{D7FF}", "\u{E000}", "\u{FF21}", "\u{FF11}",
    ]

    init() {
        func column(_ file: String) -> [String] {
            (BundledLexicons.files[file] ?? "").split(separator: "\n").compactMap { line in
                guard !line.hasPrefix("#"), let word = line.split(separator: "\t").first, !word.isEmpty else {
                    return nil
                }
                return String(word)
            }
        }
        surnames = column("surnames.tsv")
        titles = column("titles.tsv")
        cues = column("cues.tsv")
    }

    private func pick<T>(_ items: [T], _ code: UInt64) -> T { items[Int(code % UInt64(items.count))] }

    private func name(_ code: UInt64) -> String {
        pick(surnames, code) + String(pick(given, code / 7)) + (code % 3 == 0 ? "" : String(pick(given, code / 131)))
    }

    /// Any sort of token.
    func token(_ code: UInt64) -> String {
        let rest = code / 16
        switch code % 16 {
        case 0, 1: return String(Unicode.Scalar(UInt32(0x4E00 + rest % 0x51A6)) ?? "字")
        case 2: return name(rest)
        case 3: return pick(surnames, rest)
        case 4, 5: return pick(titles, rest)
        case 6: return pick(cues, rest)
        case 7: return String(pick(punctuation, rest))
        case 8, 9: return pick(whitespace, rest)
        case 10: return pick(separators, rest)
        case 11: return String(Unicode.Scalar(UInt32(0x20 + rest % 0x5F)) ?? " ")
        case 12: return String(pick(odd, rest))
        case 13:
            // Any scalar at all (surrogates are not scalars: fall back to U+FFFD).
            return String(Unicode.Scalar(UInt32(rest % 0x110000)) ?? "\u{FFFD}")
        case 14: return "市" + pick(titles, rest)
        default: return pick(["2018年", "12月", "永康市", "金华市", "市委", "市政府", "镇", "街道"], rest)
        }
    }

    /// A token that is usually a name, a title or a list separator.
    func nameHeavyToken(_ code: UInt64) -> String {
        let rest = code / 8
        switch code % 8 {
        case 0, 1, 2: return name(rest)
        case 3: return pick(titles, rest)
        case 4: return pick(["、", "、", "和", "等", "，"], rest)
        case 5: return pick(["市领导", "市委书记", "副市长", "记者 ", "首席记者 "], rest)
        case 6: return pick(whitespace, rest)
        default: return token(rest)
        }
    }
}
