/// Resolves organization mentions (and the institutions titles imply) into
/// canonical institutions with a jurisdiction, a parent and their aliases.
///
/// The extractor already maps aliases to a canonical name (`市委统战部` →
/// `中共永康市委统一战线工作部`), so the canonical name is the id; the
/// jurisdiction and parent are the ones most mentions give.
struct OrganizationLinker: Sendable {
    func link(
        _ organizations: [LinkOrganizationMention], titles mentions: [LinkMention]
    ) -> (organizations: [LinkedGraph.Organization], assignments: [Int64: String]) {
        var order: [String] = []
        var jurisdictions: [String: [String: Int]] = [:]
        var parents: [String: [String: Int]] = [:]
        var aliases: [String: [String]] = [:]
        var articles: [String: Set<Int64>] = [:]
        var assignments: [Int64: String] = [:]

        func see(_ name: String, jurisdiction: String?, parent: String?, written: [String], article: Int64) {
            if articles[name] == nil { order.append(name) }
            if let jurisdiction { jurisdictions[name, default: [:]][jurisdiction, default: 0] += 1 }
            if let parent, parent != name { parents[name, default: [:]][parent, default: 0] += 1 }
            for w in written where w != name && !(aliases[name]?.contains(w) ?? false) { aliases[name, default: []].append(w) }
            articles[name, default: []].insert(article)
        }
        for o in organizations {
            see(o.name, jurisdiction: o.jurisdiction, parent: o.parent, written: o.written, article: o.articleId)
            assignments[o.id] = o.name
        }
        for m in mentions where !m.inName {
            for t in m.titles { if let org = t.organization { see(org, jurisdiction: t.jurisdiction, parent: nil, written: [], article: m.articleId) } }
        }
        // Parents named only as parents become institutions too.
        for name in order {
            for parent in (parents[name] ?? [:]).keys.sorted() where articles[parent] == nil {
                order.append(parent)
                articles[parent] = []
                if let j = majority(jurisdictions[name]) { jurisdictions[parent] = [j: 1] }
            }
        }
        let result = order.map { name in
            LinkedGraph.Organization(
                id: name, name: name, jurisdiction: majority(jurisdictions[name]), parent: majority(parents[name]),
                aliases: aliases[name] ?? [], articleCount: articles[name]?.count ?? 0)
        }
        return (result, assignments)
    }

    private func majority(_ counts: [String: Int]?) -> String? {
        counts?.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }
}
