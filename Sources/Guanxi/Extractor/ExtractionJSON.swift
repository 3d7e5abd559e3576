import Foundation

/// Renders an `ArticleExtraction` as one line of the `guanxi extract` JSON Lines
/// contract (see DESIGN.md): source, index, headline, date, people with kind,
/// titles as written, referenced and spans; organizations with canonical name
/// and the forms written.
public enum ExtractionJSON {
    struct Line: Encodable {
        var source: String
        var index: Int
        var kind: String
        var headline: String?
        var byline: String?
        var date: String?
        var date_inferred: Bool
        var people: [Person]
        var organizations: [Organization]

        // Absent optionals are written as null, as the contract shows.
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(source, forKey: .source)
            try c.encode(index, forKey: .index)
            try c.encode(kind, forKey: .kind)
            try c.encode(headline, forKey: .headline)
            try c.encode(byline, forKey: .byline)
            try c.encode(date, forKey: .date)
            try c.encode(date_inferred, forKey: .date_inferred)
            try c.encode(people, forKey: .people)
            try c.encode(organizations, forKey: .organizations)
        }

        enum CodingKeys: String, CodingKey {
            case source, index, kind, headline, byline, date, date_inferred, people, organizations
        }
    }

    struct Person: Encodable {
        var name: String
        var kind: String
        var titles: [String]
        var referenced: Bool
        var in_name: Bool?
        var spans: [[Int]]
        var posts: [Post]
        var rules: [String]
    }

    struct Post: Encodable {
        var title: String
        var role: String
        var rank: Bool
        var organization: String?
        var jurisdiction: String?
    }

    struct Organization: Encodable {
        var name: String
        var mentions: [String]
        var jurisdiction: String?
        var parent: String?
        var spans: [[Int]]
    }

    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    /// The JSON value of one extraction, in the contract's shape.
    static func value(_ e: ArticleExtraction) -> Line {
        let a = e.article
        return Line(
            source: a.source, index: a.index, kind: a.kind.rawValue, headline: a.headline?.text,
            byline: a.byline?.text, date: a.date?.iso, date_inferred: a.date?.inferred ?? false,
            people: e.people.map { p in
                Person(
                    name: p.name, kind: p.kind.rawValue, titles: p.titles.map(\.text), referenced: p.referenced,
                    in_name: p.inName ? true : nil, spans: p.spans.map { [$0.lowerBound, $0.upperBound] },
                    posts: p.titles.map {
                        Post(title: $0.text, role: $0.role, rank: $0.isRank, organization: $0.organization,
                            jurisdiction: $0.jurisdiction)
                    },
                    rules: p.rules)
            },
            organizations: e.organizations.map { o in
                Organization(
                    name: o.name, mentions: o.mentions, jurisdiction: o.jurisdiction, parent: o.parent,
                    spans: o.spans.map { [$0.lowerBound, $0.upperBound] })
            })
    }

    /// One JSON object, no trailing newline.
    public static func line(_ e: ArticleExtraction) -> String {
        guard let data = try? encoder.encode(value(e)) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
