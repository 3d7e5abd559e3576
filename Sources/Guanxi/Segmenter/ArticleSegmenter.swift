/// Cuts a page into its stories, photo captions and weather notes, in reading order.
///
/// The page is read line by line. Each line is first given a role:
/// a byline (``BylineParser``: `□首席记者 X`, `本报讯（记者 X）…`, `记者 X 通讯员 Y`,
/// `记者 X 摄`), a headline line (``HeadlineDetector``: short, no sentence punctuation,
/// right after a sentence end or another headline line), or body. Then:
///
/// 1. Weather boxes (``WeatherDetector``) are taken from the page's top and bottom.
/// 2. Each photo credit (`… 摄`) closes a photo caption that starts at the nearest
///    headline line above it (the photo's title).
/// 3. The remaining lines are cut into chunks at story starts: a boxed byline, a
///    `本报讯` line, or a credit line directly above a `本报讯` line. A credit elsewhere
///    (`记者 陈慧 通讯员 朱宇天` at a story's end) is that story's byline and cuts nothing.
/// 4. Headlines: when the page opens with a headline, headlines stand *before* their
///    stories (web and paragraph dumps); otherwise they stand *after* them (PDF column
///    dumps), as the run of lines after a story's last sentence. Inside a chunk, a
///    headline block with a subtitle line (`——…`), or of two or more lines on a page
///    dumped one paragraph per line, starts (or ends) another story; a single short
///    line or a section head (`A …`, `一、…`) is a crosshead and stays in the body.
///
/// An HTML page is one story; its headline is the line matching `Page.headline`.
/// A PDF page is cut as its layout says (``PageLayout``, `ArticleSegmenter+PDF.swift`).
/// A page with no cue is one story with all its text.
///
/// ```swift
/// for article in ArticleSegmenter().segment(page) { print(article.headline?.text ?? "") }
/// ```
public struct ArticleSegmenter: Sendable {
    let normalizer = TextNormalizer()
    let paragraphNormalizer = TextNormalizer(linesAreParagraphs: true)
    let headlineNormalizer = TextNormalizer(keepsWordSpaces: true, keepsParagraphBreaks: false)
    let bylines = BylineParser()
    let headlines = HeadlineDetector()
    let weather = WeatherDetector()

    public init() {}

    /// The items of `page`, in reading order, indexed from 0.
    ///
    /// - Complexity: O(n) in the page's scalars (a few passes).
    public func segment(_ page: Page) -> [Article] {
        let scalars = page.scalars
        let lines = PageLine.lines(of: scalars)
        guard !lines.isEmpty else { return [] }
        let drafts: [Draft]
        if page.format == .html {
            drafts = [htmlDraft(page, scalars, lines)]
        } else if let layout = page.layout {
            drafts = pdfDrafts(layout, scalars, lines)
        } else {
            drafts = pageDrafts(scalars, lines).sorted { $0.firstLine < $1.firstLine }
        }
        // A page whose only lines look like headlines (a title with no story, a
        // fragment) is still read: one story holding all its text, so nothing is lost.
        guard !drafts.isEmpty else {
            return [
                Article(
                    source: page.source, index: 0, kind: .story, headline: nil, byline: nil,
                    body: normalizer.normalize(scalars, range: 0..<scalars.count), date: page.date)
            ]
        }
        return drafts.enumerated().map { index, draft in
            Article(
                source: page.source, index: index, kind: draft.kind,
                headline: draft.headline ?? headline(of: draft.headlineLines, scalars, lines),
                byline: draft.byline.map { MappedText(verbatim: scalars, $0) }
                    ?? draft.metadataByline,
                body: (page.format == .text ? normalizer : paragraphNormalizer).normalize(
                    scalars, pieces: draft.body, pageLines: lines),
                date: page.date)
        }
    }
}

/// One item being assembled: which lines and line pieces it owns.
struct Draft {
    var kind: Article.Kind = .story
    var headlineLines: [Int] = []
    /// A headline not taken from the page's lines (HTML metadata).
    var headline: MappedText?
    var byline: Range<Int>?
    /// A byline not taken from the page's lines (HTML metadata).
    var metadataByline: MappedText?
    var body: [Range<Int>] = []
    /// Smallest line index the item owns, for reading order.
    var firstLine: Int = .max

    mutating func own(_ line: Int) { firstLine = min(firstLine, line) }
}

/// What a line is, before it is assigned to an item.
enum LineRole: Equatable {
    case body
    case title
    case byline(BylineLine)
}

extension ArticleSegmenter {
    /// Gives each line its role; a headline line must follow a sentence end, a byline,
    /// another headline line, or the page top.
    func roles(_ scalars: [Unicode.Scalar], _ lines: [PageLine]) -> [LineRole] {
        var roles: [LineRole] = []
        roles.reserveCapacity(lines.count)
        for (k, line) in lines.enumerated() {
            if let byline = bylines.parse(scalars, line.range) {
                roles.append(.byline(byline))
                continue
            }
            let afterBreak: Bool
            if k == 0 {
                afterBreak = true
            } else {
                switch roles[k - 1] {
                case .title, .byline(.marker), .byline(.credit): afterBreak = true
                case .body, .byline(.newsLead), .byline(.trailingCredit):
                    afterBreak = endsSentence(scalars, lines[k - 1])
                }
            }
            roles.append(afterBreak && headlines.isHeadlineShaped(scalars, line.range) ? .title : .body)
        }
        return roles
    }

    func endsSentence(_ scalars: [Unicode.Scalar], _ line: PageLine) -> Bool {
        ScalarClass.endsSentence(scalars, line.range)
    }

    /// The headline made of `lineIndices`: lines printed together (no blank line
    /// between) are one title and run on; separate titles are joined with a space.
    func headline(of lineIndices: [Int], _ scalars: [Unicode.Scalar], _ lines: [PageLine]) -> MappedText? {
        guard !lineIndices.isEmpty else { return nil }
        var parts: [MappedText] = []
        var group: [Range<Int>] = []
        for (n, k) in lineIndices.enumerated() {
            if n > 0, lines[k].blankBefore || lineIndices[n - 1] != k - 1 {
                parts.append(headlineNormalizer.normalize(scalars, pieces: group, pageLines: lines))
                group = []
            }
            group.append(lines[k].range)
        }
        parts.append(headlineNormalizer.normalize(scalars, pieces: group, pageLines: lines))
        return MappedText.joined(parts, separator: " ")
    }
}
