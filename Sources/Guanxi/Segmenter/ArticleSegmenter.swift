/// Cuts a page into its stories, photo captions and weather notes.
///
/// PLACEHOLDER (whole page = one article); the full segmenter replaces this file.
public struct ArticleSegmenter: Sendable {
    public init() {}

    public func segment(_ page: Page) -> [Article] {
        let scalars = Array(page.text.unicodeScalars)
        let body = TextNormalizer().normalize(scalars, range: 0..<scalars.count)
        return [Article(source: page.source, index: 0, headline: nil, byline: nil, body: body, date: page.date)]
    }
}
