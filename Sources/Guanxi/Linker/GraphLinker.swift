/// Runs every linking step over all stored mentions: people, curation,
/// institutions, careers and co-appearance.
///
/// Pure and deterministic: the same mentions give the same graph and ids.
struct GraphLinker: Sendable {
    var options: LinkOptions
    var curation: Curation

    func link(_ input: [LinkMention], organizations: [LinkOrganizationMention]) -> LinkedGraph {
        let mentions = input.sorted { $0.id < $1.id }
        var graph = LinkedGraph()
        var (clusters, decisions) = PersonLinker().link(mentions)
        let applied = CurationApplier(curation: curation, homes: PersonLinker.paperHomes(mentions))
            .apply(&clusters, mentions)
        // Decisions about people curation merged away follow them; those about dropped people keep only the name.
        let kept = Set(clusters.map(\.id))
        for d in decisions.indices {
            guard var id = decisions[d].personId, !kept.contains(id) else { continue }
            while let next = applied.mergedInto[id], !kept.contains(id) { id = next }
            decisions[d].personId = kept.contains(id) ? id : nil
        }
        decisions += applied.decisions
        graph.problems = applied.problems
        graph.decisions = decisions

        var kinds: [String: PersonKind] = [:]
        for cluster in clusters {
            let members = cluster.members.map { mentions[$0] }
            let kind = Self.kind(of: members)
            kinds[cluster.id] = kind
            let dates = members.compactMap(\.date)
            let ranks = members.flatMap { $0.titles.filter(\.isRank).map(\.text) }
            graph.people.append(LinkedGraph.Person(
                id: cluster.id, name: cluster.name, kind: kind, jurisdiction: cluster.group == .general ? cluster.scope : nil,
                rank: Self.mostFrequent(ranks), firstDate: dates.min(), lastDate: dates.max(),
                articleCount: Set(members.map(\.articleId)).count, mentionCount: members.count))
            for m in members { graph.mentionPerson[m.id] = cluster.id }
        }
        let linked = OrganizationLinker().link(organizations, titles: mentions)
        graph.organizations = linked.organizations
        graph.organizationMentionOrganization = linked.assignments
        graph.posts = CareerBuilder().posts(clusters, mentions)
        graph.coappearances = CoappearanceBuilder(options: options).edges(clusters, kinds: kinds, mentions)
        return graph
    }

    /// The most telling kind among a person's mentions.
    static func kind(of members: [LinkMention]) -> PersonKind {
        let kinds = Set(members.map(\.kind))
        return [PersonKind.official, .journalist, .citizen, .historical].first { kinds.contains($0) } ?? .person
    }

    private static func mostFrequent(_ values: [String]) -> String? {
        var counts: [String: Int] = [:]
        for v in values { counts[v, default: 0] += 1 }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }
}
