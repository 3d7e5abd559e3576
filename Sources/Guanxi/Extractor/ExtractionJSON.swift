import Foundation

/// Renders an `ArticleExtraction` as one line of the `guanxi extract` JSON Lines
/// contract (see DESIGN.md): source, index, headline, date, people with kind,
/// titles as written, referenced and spans; organizations with canonical name
/// and the forms written.
public enum ExtractionJSON {
    /// One JSON object, no trailing newline. Keys are sorted for stable output.
    public static func line(_ e: ArticleExtraction) -> String {
        let a = e.article
        var object: [String: Any] = [
            "source": a.source,
            "index": a.index,
            "kind": a.kind.rawValue,
            "headline": a.headline.map { $0.text as Any } ?? NSNull(),
            "byline": a.byline.map { $0.text as Any } ?? NSNull(),
            "date": a.date.map { $0.iso as Any } ?? NSNull(),
            "date_inferred": a.date?.inferred ?? false,
        ]
        object["people"] = e.people.map { p -> [String: Any] in
            var o: [String: Any] = [
                "name": p.name, "kind": p.kind.rawValue, "titles": p.titles.map(\.text),
                "referenced": p.referenced, "spans": p.spans.map { [$0.lowerBound, $0.upperBound] },
                "posts": p.titles.map { t -> [String: Any] in
                    var post: [String: Any] = ["title": t.text, "role": t.role, "rank": t.isRank]
                    if let org = t.organization { post["organization"] = org }
                    if let j = t.jurisdiction { post["jurisdiction"] = j }
                    return post
                },
                "rules": p.rules,
            ]
            if p.inName { o["in_name"] = true }
            return o
        }
        object["organizations"] = e.organizations.map { o -> [String: Any] in
            var d: [String: Any] = [
                "name": o.name, "mentions": o.mentions, "spans": o.spans.map { [$0.lowerBound, $0.upperBound] },
            ]
            if let j = o.jurisdiction { d["jurisdiction"] = j }
            if let p = o.parent { d["parent"] = p }
            return d
        }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]),
            let line = String(data: data, encoding: .utf8)
        else { return "{}" }
        return line
    }
}
