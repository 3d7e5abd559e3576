/// An article as queries show it: where it is, when, its headline, and (when
/// asked for) its text.
public struct StoredArticle: Sendable, Hashable {
    /// The article's row id in the store.
    public var id: Int64
    /// The page it was read from, as given to `guanxi build`.
    public var source: String
    /// Its index on the page.
    public var position: Int
    /// ISO date at any precision (`2018-03-29`, `2018-03`, `2018`), if known.
    public var date: String?
    public var headline: String?
    /// The normalized article text; nil unless the query asked for bodies.
    public var body: String?

    public init(id: Int64, source: String, position: Int, date: String?, headline: String?, body: String? = nil) {
        self.id = id
        self.source = source
        self.position = position
        self.date = date
        self.headline = headline
        self.body = body
    }
}
