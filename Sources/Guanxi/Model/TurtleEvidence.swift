/// The evidence a Turtle export cites, read a piece at a time in the order the
/// exporter writes it: a store streams it from its tables, so an export holds
/// one edge's or one post's rows at a time instead of every article and mention.
///
/// Every call delivers rows in ascending id order. An article's key is
/// `document path#position` (``ExportGraph`` article ids without the prefix).
public protocol TurtleEvidence {
    /// Forms written in papers, by institution id.
    var aliases: [String: [String]] { get }

    /// Calls `body` with the id and key of each article the people `source`
    /// and `target` share.
    func sharedArticles(source: String, target: String, _ body: (_ id: Int64, _ key: String) throws -> Void) throws

    /// Calls `body` with the id and position of each mention that shows the
    /// post `postId` held (among the mentions ``mentions(where:_:)`` reads) and
    /// its article's key (`nil` when the article is unknown).
    func postMentions(
        postId: String, _ body: (_ mentionId: Int64, _ position: Int, _ articleKey: String?) throws -> Void
    ) throws

    /// Calls `body` with each mention of the snapshot's people whose id
    /// `wanted` accepts, and its article's key (`nil` when the article is unknown).
    func mentions(
        where wanted: (Int64) -> Bool, _ body: (ExportEvidence.Mention, _ articleKey: String?) throws -> Void
    ) throws

    /// Calls `body` with each article whose id `wanted` accepts, its key and
    /// its document (`nil` if the store has lost it).
    func articles(
        where wanted: (Int64) -> Bool,
        _ body: (ExportEvidence.Article, _ key: String, ExportEvidence.Document?) throws -> Void
    ) throws

    /// Calls `body` with each document whose id `wanted` accepts.
    func documents(where wanted: (Int64) -> Bool, _ body: (ExportEvidence.Document) throws -> Void) throws
}
