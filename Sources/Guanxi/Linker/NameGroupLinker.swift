/// Links a corpus one name at a time: the mentions of a name become people,
/// their posts and the decisions behind them.
///
/// Automatic linking only ever puts mentions of one name together, so a
/// store can stream its mentions in name order and hand each name's group
/// here, holding one group in memory rather than the corpus. Groups of names
/// a curation line touches wait for ``finish()``, where the curation is
/// applied to them together (a merge may join two names).
///
/// Deterministic: the same groups give the same people, ids and decisions.
struct NameGroupLinker: Sendable {
    /// What linking one or more name groups produced, ready to be written.
    struct Linked: Sendable {
        var people: [LinkedGraph.Person] = []
        /// The person of each linked mention, by its place in `people`;
        /// mentions not listed are unlinked.
        var mentionPerson: [(mention: LinkMention, person: Int)] = []
        var posts: [LinkedGraph.Post] = []
        var decisions: [LinkDecision] = []
    }

    let curation: Curation
    /// Names some curation line refers to (by name or by a person id).
    let curatedNames: Set<String>
    private var deferred: [LinkMention] = []
    private var deferredClusters: [PersonCluster] = []
    private var deferredDecisions: [LinkDecision] = []

    init(curation: Curation) {
        self.curation = curation
        var names = Set<String>()
        func note(_ key: String) { names.insert(String(key.prefix { $0 != "@" })) }
        for line in curation.lines {
            switch line.command {
            case .merge(let a, let b): note(a); note(b)
            case .splitByDate(let key, _), .splitByJurisdiction(let key), .notAPerson(let key): note(key)
            case .rename(let key, let name): note(key); note(name)
            }
        }
        curatedNames = names
    }

    /// Whether the group of `name` waits for ``finish()``: a curation line
    /// refers to it.
    func isCurated(_ name: String) -> Bool { curatedNames.contains(name) }

    /// Links the mentions of one name (in id order). Returns nil when the
    /// name is curated: it is then linked by ``finish()``.
    mutating func link(_ group: [LinkMention], partners: PartnerLookup? = nil) -> Linked? {
        guard let name = group.first?.name else { return Linked() }
        guard isCurated(name) else { return Self.linkUncurated(group, partners: partners) }
        let (clusters, decisions) = PersonLinker(partners: partners).link(group)
        let offset = deferred.count
        deferred += group
        deferredClusters += clusters.map { cluster in
            var shifted = cluster
            shifted.members = cluster.members.map { $0 + offset }
            return shifted
        }
        deferredDecisions += decisions
        return nil
    }

    /// Links the mentions of one name that no curation line touches: depends
    /// on the group alone, so groups may be linked on any thread.
    static func linkUncurated(_ group: [LinkMention], partners: PartnerLookup? = nil) -> Linked {
        let (clusters, decisions) = PersonLinker(partners: partners).link(group)
        var linked = Linked()
        add(clusters, group, to: &linked)
        linked.decisions = decisions
        return linked
    }

    /// Applies the curation to the curated names' groups and links them.
    /// Lines naming nobody in the corpus are reported as problems.
    func finish() -> (linked: Linked, problems: [CurationProblem]) {
        var clusters = deferredClusters
        var decisions = deferredDecisions
        let applied = CurationApplier(curation: curation).apply(&clusters, deferred)
        // Decisions about people curation merged away follow them; those about dropped people keep only the name.
        let kept = Set(clusters.map(\.id))
        for d in decisions.indices {
            guard var id = decisions[d].personId, !kept.contains(id) else { continue }
            while let next = applied.mergedInto[id], !kept.contains(id) { id = next }
            decisions[d].personId = kept.contains(id) ? id : nil
        }
        var linked = Linked()
        Self.add(clusters, deferred, to: &linked)
        linked.decisions = decisions + applied.decisions
        return (linked, applied.problems)
    }

    /// People, their mentions and posts from clusters over `mentions`.
    private static func add(_ clusters: [PersonCluster], _ mentions: [LinkMention], to linked: inout Linked) {
        for cluster in clusters {
            let members = cluster.members.map { mentions[$0] }
            let person = linked.people.count
            let dates = members.compactMap(\.date)
            let ranks = members.flatMap { $0.titles.filter(\.isRank).map(\.text) }
            linked.people.append(
                LinkedGraph.Person(
                    id: cluster.id, name: cluster.name, kind: kind(of: members),
                    jurisdiction: cluster.group == .general ? cluster.scope : nil,
                    rank: mostFrequent(ranks), firstDate: dates.min(), lastDate: dates.max(),
                    articleCount: LinkMention.distinctCount(members.map(\.articleId)), mentionCount: members.count))
            for m in members { linked.mentionPerson.append((m, person)) }
        }
        linked.posts += CareerBuilder().posts(clusters, mentions)
    }

    /// The most telling kind among a person's mentions.
    static func kind(of members: [LinkMention]) -> PersonKind {
        // Official, then journalist, citizen, historical figure: the first any member is.
        var seen = (journalist: false, citizen: false, historical: false)
        for m in members {
            switch m.kind {
            case .official: return .official
            case .journalist: seen.journalist = true
            case .citizen: seen.citizen = true
            case .historical: seen.historical = true
            case .person: continue
            }
        }
        return seen.journalist ? .journalist : seen.citizen ? .citizen : seen.historical ? .historical : .person
    }

    private static func mostFrequent(_ values: [String]) -> String? {
        var counts: [ByteKey: Int] = [:]
        for v in values { counts[ByteKey(v), default: 0] += 1 }
        return counts.max { ($0.value, $1.key.string) < ($1.value, $0.key.string) }?.key.string
    }
}
