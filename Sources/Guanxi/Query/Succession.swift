/// A person seen holding a post, with the dates of the sightings.
public struct PostHolder: Sendable, Hashable {
    public var person: StoredPerson
    public var post: GraphSnapshot.Post

    static let columns = ["name", "id", "title", "role", "organization", "first", "last", "articles"]

    var row: [String] {
        [
            person.name, person.id, post.title, post.role, post.organizationId ?? "", post.firstDate ?? "",
            post.lastDate ?? "", String(post.articleCount),
        ]
    }

    var json: JSONValue {
        .object([("id", .string(person.id)), ("name", .string(person.name))] + postJSON(post))
    }
}

/// `guanxi post TITLE`: who held a post, in date order (a succession list).
public struct Succession: QueryAnswer, Hashable {
    /// The title and institution as typed.
    public var title: String
    public var organization: String?
    public var holders: [PostHolder]

    public var heading: [String] {
        ["\(title)\(organization.map { " (\($0))" } ?? ""): \(holders.count) holders"]
    }

    public var tables: [QueryTable] {
        [QueryTable(columns: PostHolder.columns, rows: holders.map(\.row), numeric: [7])]
    }

    public var json: JSONValue {
        .object([
            ("title", .string(title)), ("organization", .string(organization)),
            ("holders", .array(holders.map(\.json))),
        ])
    }
}
