/// An institution as the store holds it: canonical name, jurisdiction, parent,
/// and the forms it was written in (`市委统战部` for 中共永康市委统一战线工作部).
public struct StoredOrganization: Sendable, Hashable {
    /// The canonical name, which is also the id.
    public var id: String
    public var name: String
    public var jurisdiction: String?
    public var parentId: String?
    /// Forms as written in the articles.
    public var aliases: [String]
    public var articleCount: Int

    public init(
        id: String, name: String, jurisdiction: String?, parentId: String?, aliases: [String], articleCount: Int
    ) {
        self.id = id
        self.name = name
        self.jurisdiction = jurisdiction
        self.parentId = parentId
        self.aliases = aliases
        self.articleCount = articleCount
    }
}
