/// Which posts a query reads: every condition given must hold; nil means any.
///
/// ```swift
/// PostSelection(roles: ["书记"], organizationIds: ["中共永康市委"])
/// ```
public struct PostSelection: Sendable, Hashable {
    /// Posts of these people.
    public var personIds: [String]?
    /// Posts with one of these roles (`书记`).
    public var roles: [String]?
    /// Posts first written with one of these titles (`市委书记`).
    public var titles: [String]?
    /// Posts in one of these institutions (canonical ids).
    public var organizationIds: [String]?

    public init(
        personIds: [String]? = nil, roles: [String]? = nil, titles: [String]? = nil, organizationIds: [String]? = nil
    ) {
        self.personIds = personIds
        self.roles = roles
        self.titles = titles
        self.organizationIds = organizationIds
    }
}
