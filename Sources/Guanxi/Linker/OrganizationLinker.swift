/// Resolves organization mentions (and the institutions titles imply) into
/// canonical institutions with a jurisdiction, a parent and their aliases.
///
/// The extractor already maps aliases to a canonical name (`市委统战部` →
/// `中共永康市委统一战线工作部`), so the canonical name is the id; the
/// jurisdiction and parent are the ones most mentions give.
///
/// Fed sighting by sighting (organization mentions, then the titles of
/// person mentions, in any order), so a store can stream them; memory holds
/// one entry per institution.
struct OrganizationLinker: Sendable {
    private struct Seen: Sendable {
        /// Where it was first seen: organization mentions by id come before titles by mention id.
        var first: (source: Int, id: Int64, index: Int)
        var jurisdictions: [ByteKey: Int] = [:]
        var parents: [ByteKey: Int] = [:]
        var aliases: [String] = []
        var articles: Set<Int64> = []
    }

    private var entries: [Seen] = []
    private var index: [ByteKey: Int] = [:]

    /// An organization mention (its id, article, canonical name, and the forms written).
    mutating func see(_ o: LinkOrganizationMention) {
        see(
            o.name, at: (0, o.id, 0), jurisdiction: o.jurisdiction, parent: o.parent, written: o.written,
            article: o.articleId)
    }

    /// The institutions a person mention's titles imply.
    mutating func see(titlesOf m: LinkMention) {
        guard !m.inName else { return }
        for (index, t) in m.titles.enumerated() {
            if let org = t.organization {
                see(
                    org, at: (1, m.id, index), jurisdiction: t.jurisdiction, parent: nil, written: [],
                    article: m.articleId)
            }
        }
    }

    /// Adds what `other` saw (sightings fed to another linker, on another
    /// thread): the same as having fed them here.
    mutating func merge(_ other: OrganizationLinker) {
        for (name, o) in other.index {
            let seen = other.entries[o]
            guard let e = index[name] else {
                index[name] = entries.count
                entries.append(seen)
                continue
            }
            if seen.first < entries[e].first { entries[e].first = seen.first }
            entries[e].jurisdictions.merge(seen.jurisdictions, uniquingKeysWith: +)
            entries[e].parents.merge(seen.parents, uniquingKeysWith: +)
            for w in seen.aliases where !entries[e].aliases.contains(w) { entries[e].aliases.append(w) }
            entries[e].articles.formUnion(seen.articles)
        }
    }

    private mutating func see(
        _ name: String, at place: (Int, Int64, Int), jurisdiction: String?, parent: String?, written: [String],
        article: Int64
    ) {
        let e: Int
        if let known = index[ByteKey(name)] {
            e = known
        } else {
            e = entries.count
            index[ByteKey(name)] = e
            entries.append(Seen(first: place))
        }
        // In place: copying an entry out and back would copy its article set each time.
        if place < entries[e].first { entries[e].first = place }
        if let jurisdiction { entries[e].jurisdictions[ByteKey(jurisdiction), default: 0] += 1 }
        if let parent, parent != name { entries[e].parents[ByteKey(parent), default: 0] += 1 }
        for w in written where w != name && !entries[e].aliases.contains(w) { entries[e].aliases.append(w) }
        entries[e].articles.insert(article)
    }

    /// The institutions, in order of first sighting, with parents named only as parents added.
    func organizations() -> [LinkedGraph.Organization] {
        let seen = Dictionary(uniqueKeysWithValues: index.map { ($0.key.string, entries[$0.value]) })
        var order = seen.keys.sorted { seen[$0]!.first < seen[$1]!.first }
        var jurisdictions = seen.mapValues(\.jurisdictions)
        var known = Set(order)
        for name in order {
            for parent in (seen[name]?.parents ?? [:]).keys.map(\.string).sorted() where !known.contains(parent) {
                order.append(parent)
                known.insert(parent)
                if let j = majority(jurisdictions[name]) { jurisdictions[parent] = [ByteKey(j): 1] }
            }
        }
        return order.map { name in
            LinkedGraph.Organization(
                id: name, name: name, jurisdiction: majority(jurisdictions[name]),
                parent: majority(seen[name]?.parents),
                aliases: seen[name]?.aliases ?? [], articleCount: seen[name]?.articles.count ?? 0)
        }
    }

    private func majority(_ counts: [ByteKey: Int]?) -> String? {
        counts?.max { ($0.value, $1.key.string) < ($1.value, $0.key.string) }?.key.string
    }
}
