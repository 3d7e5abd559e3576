/// `guanxi org NAME`: an institution, its parent, sub-institutions and post holders.
public struct OrganizationProfile: QueryAnswer, Hashable {
    public var organization: StoredOrganization
    public var parent: StoredOrganization?
    public var children: [StoredOrganization]
    /// Posts held in the institution, oldest first.
    public var holders: [PostHolder]

    public var heading: [String] {
        let o = organization
        return [
            "\(o.name)  \(o.jurisdiction ?? "-")  \(o.articleCount) articles",
            "  aliases: \(o.aliases.isEmpty ? "-" : o.aliases.joined(separator: "、"))",
            "  parent: \(parent?.name ?? "-")",
        ]
    }

    public var tables: [QueryTable] {
        [
            QueryTable(
                title: "sub-institutions:", columns: ["name", "jurisdiction", "articles"],
                rows: children.map { [$0.name, $0.jurisdiction ?? "", String($0.articleCount)] }, numeric: [2]),
            QueryTable(title: "people:", columns: PostHolder.columns, rows: holders.map(\.row), numeric: [7]),
        ]
    }

    public var json: JSONValue {
        func org(_ o: StoredOrganization) -> JSONValue {
            .object([
                ("id", .string(o.id)), ("name", .string(o.name)), ("jurisdiction", .string(o.jurisdiction)),
                ("articles", .int(o.articleCount)),
            ])
        }
        return .object([
            ("organization", org(organization)), ("aliases", .array(organization.aliases.map { .string($0) })),
            ("parent", parent.map(org) ?? .null), ("children", .array(children.map(org))),
            ("people", .array(holders.map(\.json))),
        ])
    }
}
