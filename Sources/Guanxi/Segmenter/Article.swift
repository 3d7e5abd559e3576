/// One story cut from a page: what every later stage counts by.
///
/// Co-appearance is counted per article, so the segmenter's boundaries matter.
/// Headline, byline and body are each a `MappedText` into the page's text.
public struct Article: Sendable, Hashable {
    /// What sort of item on the page this is.
    public enum Kind: String, Sendable, Hashable, Codable {
        case story
        case photo
        case weather
    }

    public var source: String
    /// Position of the article on its page, from 0, in reading order.
    public var index: Int
    public var kind: Kind
    public var headline: MappedText?
    public var byline: MappedText?
    public var body: MappedText
    public var date: PageDate?

    public init(
        source: String, index: Int, kind: Kind = .story, headline: MappedText?,
        byline: MappedText?, body: MappedText, date: PageDate?
    ) {
        self.source = source
        self.index = index
        self.kind = kind
        self.headline = headline
        self.byline = byline
        self.body = body
        self.date = date
    }
}
