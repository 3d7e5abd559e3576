/// A linked person as the store holds it.
public struct StoredPerson: Sendable, Hashable {
    /// Stable id derived from name, scope and ordinal (`张三@永康市`, `张三@永康市#2`).
    public var id: String
    public var name: String
    public var kind: PersonKind
    public var jurisdiction: String?
    public var firstDate: String?
    public var lastDate: String?
    public var articleCount: Int

    public init(
        id: String, name: String, kind: PersonKind, jurisdiction: String?, firstDate: String?,
        lastDate: String?, articleCount: Int
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.jurisdiction = jurisdiction
        self.firstDate = firstDate
        self.lastDate = lastDate
        self.articleCount = articleCount
    }
}
