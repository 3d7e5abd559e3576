extension StoreCounts {
    /// What `guanxi stats --format json` prints: the store and its counts,
    /// keys in a fixed order, people by every kind (0 when none).
    public func json(store: String) -> JSONValue {
        .object([
            ("store", .string(store)), ("documents", .int(documents)), ("articles", .int(articles)),
            ("mentions", .int(mentions)), ("people", .int(people)),
            ("people_by_kind", .object(PersonKind.allCases.map { ($0.rawValue, .int(peopleByKind[$0] ?? 0)) })),
            ("institutions", .int(organizations)), ("posts", .int(posts)),
            ("coappearance_edges", .int(coappearances)), ("link_decisions", .int(linkDecisions)),
            ("last_build", .string(lastBuildStatus)),
        ])
    }
}

extension PersonExplanation {
    /// One explained person as `guanxi explain --format json` prints it
    /// (`person` is null for a name curation says is not a person).
    public var json: JSONValue {
        .object([
            (
                "person",
                person.map { p in
                    .object([
                        ("id", .string(p.id)), ("name", .string(p.name)), ("kind", .string(p.kind.rawValue)),
                        ("jurisdiction", .string(p.jurisdiction)), ("articles", .int(p.articleCount)),
                        ("first", .string(p.firstDate)), ("last", .string(p.lastDate)),
                    ])
                } ?? .null
            ),
            (
                "posts",
                .array(
                    posts.map { post in
                        .object([
                            ("title", .string(post.title)), ("role", .string(post.role)),
                            ("organization", .string(post.organization)), ("first", .string(post.firstDate)),
                            ("last", .string(post.lastDate)), ("articles", .int(post.articleCount)),
                        ])
                    })
            ),
            (
                "mentions",
                .array(
                    mentions.map { m in
                        .object([
                            ("source", .string(m.source)), ("article", .int(m.article)), ("date", .string(m.date)),
                            ("written", .string(m.written)), ("kind", .string(m.kind.rawValue)),
                            ("referenced", .bool(m.referenced)), ("snippet", .string(m.snippet)),
                            ("start", .int(m.start)), ("end", .int(m.end)),
                        ])
                    })
            ),
            (
                "decisions",
                .array(
                    decisions.map { d in
                        .object([
                            ("action", .string(d.action)), ("rule", .string(d.rule)), ("reason", .string(d.reason)),
                        ])
                    })
            ),
        ])
    }
}
