/// Resolves person mentions across articles into people, recording why.
///
/// - Officials, citizens and undecided people: the same name in the same
///   jurisdiction is one person unless their careers are incompatible (the same
///   role in two different institutions in the same month). A mention's
///   jurisdiction is that of its first post, else of its rank label, else the
///   home jurisdiction of its paper (given, or the jurisdiction most titles in
///   the paper name). A mention with no title at all in a paper where exactly
///   one titled person of that name appears is attached to that person.
/// - Journalists: the same name within one paper is one person.
/// - Historical figures: the same name is one person.
///
/// Ids are `name@scope`, then `#2`, `#3`… for homonyms in the same scope,
/// numbered by first sighting, so they are stable across rebuilds.
struct PersonLinker: Sendable {
    /// Who else each mention's article names, for the shared-partner evidence; nil: not weighed.
    var partners: PartnerLookup? = nil

    /// Clusters and the decisions behind them; `members` index into `mentions`.
    ///
    /// Only mentions of one name are ever put together, so `mentions` may be
    /// one name's mentions (each knows its paper's home, ``LinkMention/paperHome``).
    func link(_ mentions: [LinkMention]) -> (clusters: [PersonCluster], decisions: [LinkDecision]) {
        let known = Self.knownScopes(mentions)
        var buckets: [BucketKey: [Int]] = [:]
        var bucketOrder: [BucketKey] = []
        let sighted = LinkMention.inSightingOrder(Array(mentions.indices), of: mentions)
        var placedByName: [BucketKey: Int] = [:]  // mentions placed by the only jurisdiction their name is known in
        for index in sighted where !mentions[index].inName {
            let key = bucketKey(mentions[index], known: known)
            let m = mentions[index]
            if key.group == .general, Self.ownJurisdiction(of: m) == nil, key.scope != nil,
                key.scope == Self.onlyKnown(known, .general, m.name)
            {
                placedByName[key, default: 0] += 1
            }
            if buckets[key] == nil { bucketOrder.append(key) }
            buckets[key, default: []].append(index)
        }

        // Split each bucket where careers are incompatible.
        var drafts: [Draft] = []
        var conflicts: [Int: String] = [:]  // draft index → reason it could not join the earlier one
        for key in bucketOrder {
            guard let members = buckets[key] else { continue }
            let start = drafts.count
            for index in members {
                let posts = mentions[index].posts
                let month = mentions[index].month
                var placed = false
                var firstClash: String?
                for d in start..<drafts.count {
                    if let month, let clash = Self.clash(posts, month, drafts[d].postsByMonth[month] ?? []) {
                        firstClash = firstClash ?? clash
                        continue
                    }
                    drafts[d].add(index, month: month, posts: posts)
                    placed = true
                    break
                }
                if !placed {
                    if let firstClash { conflicts[drafts.count] = firstClash }
                    var draft = Draft(key: key, members: [])
                    draft.add(index, month: month, posts: posts)
                    drafts.append(draft)
                }
            }
        }

        // Weigh the evidence that drafts of one name in different places (or
        // placed nowhere) are one person who moved; merge best-first.
        var decisions: [LinkDecision] = []
        var removed = Set<Int>()
        var apart: [Int: String] = [:]  // draft → why it stayed apart from its nearest namesake
        var weighed: [Int: [String]] = [:]  // draft → the merges that joined it
        var handovers: [Int: [String]] = [:]  // draft → the cuts whose parts joined it (one of them first)
        weigh(&drafts, mentions, removed: &removed, apart: &apart, weighed: &weighed, handovers: &handovers)

        // Attach untitled-only people to the only titled person of that name in the same paper.
        var draftsByName: [String: [Int]] = [:]
        for (d, draft) in drafts.enumerated() where draft.key.group == .general && !removed.contains(d) {
            draftsByName[draft.key.name, default: []].append(d)
        }
        // The papers each draft is named with a title in, read once a draft
        // (attaching adds only untitled members).
        var titledRootsOf: [Int: Set<String>] = [:]
        func titledRoots(of d: Int) -> Set<String> {
            if let known = titledRootsOf[d] { return known }
            let roots = Set(drafts[d].members.lazy.filter { !mentions[$0].titles.isEmpty }.map { mentions[$0].root })
            titledRootsOf[d] = roots
            return roots
        }
        for (d, draft) in drafts.enumerated() where draft.key.group == .general && !removed.contains(d) {
            guard draft.members.allSatisfy({ mentions[$0].titles.isEmpty }) else { continue }
            let roots = Set(draft.members.map { mentions[$0].root })
            let candidates = (draftsByName[draft.key.name] ?? []).filter { other in
                other != d && !removed.contains(other) && !titledRoots(of: other).isDisjoint(with: roots)
            }
            guard candidates.count == 1, let target = candidates.first else { continue }
            drafts[target].members.append(contentsOf: draft.members)
            drafts[target].attached.append(
                "\(draft.key.name) named without a title in \(draft.members.count) mention(s) of the paper "
                    + "\(Self.paperName(mentions[draft.members[0]])) attached to the only titled "
                    + "\(draft.key.name) in that paper (jurisdiction \(drafts[target].key.scope ?? "unknown"))")
            removed.insert(d)
        }

        // Number homonyms by first sighting and name them.
        var clusters: [PersonCluster] = []
        var ordinals: [String: Int] = [:]
        var draftCluster: [Int: Int] = [:]
        for (d, draft) in drafts.enumerated() where !removed.contains(d) {
            let members = LinkMention.inSightingOrder(draft.members, of: mentions)
            let ordinal = ordinals[draft.key.baseId, default: 0] + 1
            ordinals[draft.key.baseId] = ordinal
            let id = draft.key.baseId + (ordinal > 1 ? "#\(ordinal)" : "")
            draftCluster[d] = clusters.count
            clusters.append(
                PersonCluster(
                    id: id, name: draft.key.name, group: draft.key.group, scope: draft.key.scope, members: members))
            decisions.append(Self.mergeDecision(clusters[clusters.count - 1], mentions))
            if ordinal == 1, let n = placedByName[draft.key] {
                decisions.append(
                    LinkDecision(
                        personId: id, name: draft.key.name, action: "merge", rule: "only-known-jurisdiction",
                        reason: "\(n) mention(s) of \(draft.key.name) on pages that name no place joined \(id): "
                            + "\(draft.key.scope ?? "?") is the only jurisdiction \(draft.key.name) is known in"))
            }
            for reason in handovers[d] ?? [] {
                decisions.append(
                    LinkDecision(personId: id, name: draft.key.name, action: "split", rule: "handover", reason: reason))
            }
            for reason in weighed[d] ?? [] {
                decisions.append(
                    LinkDecision(
                        personId: id, name: draft.key.name, action: "merge", rule: "career-evidence", reason: reason))
            }
            for reason in draft.attached {
                decisions.append(
                    LinkDecision(
                        personId: id, name: draft.key.name, action: "merge", rule: "untitled-same-paper", reason: reason
                    ))
            }
        }

        // Explain every homonym that was kept apart.
        let clusterDraft = Dictionary(uniqueKeysWithValues: draftCluster.map { ($0.value, $0.key) })
        var seenByName: [String: [Int]] = [:]
        // The first cluster of each name's posts, read once for all its namesakes.
        var firstPosts: [Int: MonthlyPosts] = [:]
        for (c, cluster) in clusters.enumerated() where cluster.group == .general {
            if let earlier = seenByName[cluster.name]?.first {
                let first = clusters[earlier]
                let draftIndex = clusterDraft[c]
                let reason: String
                let rule: String
                if firstPosts[earlier] == nil { firstPosts[earlier] = MonthlyPosts(first.members, mentions) }
                if let clash = firstPosts[earlier]!.clash(with: cluster.members, mentions) {
                    rule = "incompatible-career"
                    reason = "same name \(cluster.name) as \(first.id): \(clash)"
                } else if let draftIndex, let clash = conflicts[draftIndex] {
                    rule = "incompatible-career"
                    reason = "same name \(cluster.name) as \(first.id): \(clash)"
                } else if let draftIndex, let weighedApart = apart[draftIndex] {
                    rule = "career-evidence"
                    reason = "same name \(cluster.name) as \(first.id), kept apart: \(weighedApart)"
                } else {
                    rule = "different-jurisdiction"
                    reason =
                        "same name \(cluster.name) as \(first.id): different jurisdiction "
                        + "\(cluster.scope ?? "unknown") vs \(first.scope ?? "unknown")"
                }
                decisions.append(
                    LinkDecision(personId: cluster.id, name: cluster.name, action: "split", rule: rule, reason: reason))
            }
            seenByName[cluster.name, default: []].append(c)
        }
        return (clusters, decisions)
    }

    // MARK: - Evidence

    /// Merges general drafts of one name whose career evidence reaches the
    /// threshold (``CareerEvidence``), best pair first; records each merge's
    /// score in `weighed` (under the draft that stays) and, for a draft left
    /// on its own, its best score against a namesake in `apart`.
    private func weigh(
        _ drafts: inout [Draft], _ mentions: [LinkMention], removed: inout Set<Int>, apart: inout [Int: String],
        weighed: inout [Int: [String]], handovers: inout [Int: [String]]
    ) {
        let general = drafts.indices.filter { drafts[$0].key.group == .general }
        guard general.count > 1 else { return }
        let evidence = CareerEvidence()
        let memo = CareerEvidence.TitleMemo()
        // Few drafts a name in practice; bounded so a name in hundreds of places stays cheap.
        let candidates = Array(general.prefix(Self.maxWeighedDrafts))
        var profiles: [Int: CareerEvidence.Profile] = [:]
        for d in candidates {
            profiles[d] = CareerEvidence.Profile(
                drafts[d].members, mentions, scope: drafts[d].key.scope, partners: partners, evidence: evidence,
                memo: memo)
        }
        var alive = candidates
        func describe(_ d: Int) -> String {
            let m = mentions[drafts[d].members[0]]
            let place = drafts[d].key.scope ?? "no known place"
            let titles = m.titles.first.map { " \($0.text)" } ?? ""
            return "\(place)\(titles) (\(m.path) #\(m.articlePosition), \(m.date ?? "undated"))"
        }
        // Pair scores, kept until one of the pair changes: each merge weighs
        // the merged draft against the rest, not every pair again.
        var cache: [Int: CareerEvidence.Score] = [:]
        let stride = drafts.count
        var cuts = 0
        // Cuts are tried first: a whole draft's wrong merge would hide the clash that asks for one.
        var cutsFirst = true
        greedy: while true {
            var best: (a: Int, b: Int, score: CareerEvidence.Score)?
            for (i, a) in alive.enumerated() where !cutsFirst {
                for b in alive[(i + 1)...] {
                    // Drafts split for a clash stay apart.
                    if drafts[a].key.scope != nil, drafts[a].key.scope == drafts[b].key.scope { continue }
                    if drafts[a].vetoed.contains(b) || drafts[b].vetoed.contains(a) { continue }
                    let score: CareerEvidence.Score
                    if let known = cache[a * stride + b] {
                        score = known
                    } else {
                        score = evidence.score(name: drafts[a].key.name, profiles[a]!, profiles[b]!)
                        cache[a * stride + b] = score
                    }
                    guard score.merges else { continue }
                    if best == nil || score.bits > best!.score.bits { best = (a, b, score) }
                }
            }
            guard let (a, b, score) = best else {
                // Nothing more to merge whole: a draft cut where a namesake's clash begins may join two.
                guard cuts < Self.maxCuts,
                    let h = bestHandover(
                        alive, members: { drafts[$0].members }, scope: { drafts[$0].key.scope }, profiles: profiles,
                        mentions, name: drafts[alive[0]].key.name, evidence: evidence, memo: memo)
                else {
                    if cutsFirst {
                        cutsFirst = false
                        continue greedy
                    }
                    break
                }
                cuts += 1
                let e = h.earlyJoins, l = h.lateJoins, d = h.draft
                func cluster(_ members: [Int]) -> PersonCluster {
                    PersonCluster(id: "", name: "", group: .general, scope: nil, members: members)
                }
                if Self.postsAtOnce(cluster(h.early), cluster(drafts[e].members), mentions) != nil
                    || Self.postsAtOnce(cluster(h.late), cluster(drafts[l].members), mentions) != nil
                {
                    if cutsFirst {
                        cutsFirst = false
                        continue greedy
                    }
                    break
                }
                let when = CareerEvidence.monthText(h.month)
                let cut =
                    "cut \(describe(d)) at \(when), where a namesake's posts clash with it (\(h.clash)): "
                    + "its mentions before \(when) joined \(describe(e)): \(h.earlyScore.summary); "
                    + "those from \(when) on joined \(describe(l)): \(h.lateScore.summary)"
                handovers[e, default: []].append(cut)
                handovers[l, default: []].append(cut)
                handovers[e, default: []] += handovers[d] ?? []
                handovers[d] = nil
                weighed[e, default: []] += weighed[d] ?? []
                weighed[d] = nil
                drafts[e].members += h.early
                drafts[l].members += h.late
                profiles[e]!.merge(h.earlyProfile)
                profiles[l]!.merge(h.lateProfile)
                for x in [e, l] {
                    drafts[x].vetoed = []
                    for y in alive { drafts[y].vetoed.remove(x) }
                }
                cache = cache.filter { key, _ in
                    ![d, e, l].contains(key / stride) && ![d, e, l].contains(key % stride)
                }
                removed.insert(d)
                apart[d] = nil
                alive.removeAll { $0 == d }
                continue greedy
            }
            // No two posts at once (the same role in two institutions in one month).
            let left = PersonCluster(id: "", name: "", group: .general, scope: nil, members: drafts[a].members)
            let right = PersonCluster(id: "", name: "", group: .general, scope: nil, members: drafts[b].members)
            if let clash = Self.postsAtOnce(left, right, mentions) {
                apart[b] = "ruled out: \(clash)"
                drafts[b].vetoed.insert(a)  // never proposed again
                drafts[a].vetoed.insert(b)
                continue
            }
            weighed[a, default: []].append(
                "joined \(describe(b)) to \(describe(a)): \(score.summary)")
            weighed[a, default: []] += weighed[b] ?? []
            weighed[b] = nil
            handovers[a, default: []] += handovers[b] ?? []
            handovers[b] = nil
            drafts[a].members += drafts[b].members
            for (month, posts) in drafts[b].postsByMonth { drafts[a].postsByMonth[month, default: []] += posts }
            if drafts[a].key.scope == nil, let scope = drafts[b].key.scope {
                drafts[a].key.scope = scope; drafts[a].key.signature = nil
            }
            drafts[a].vetoed.formUnion(drafts[b].vetoed)
            profiles[a]!.merge(profiles[b]!)
            cache = cache.filter { key, _ in key / stride != a && key % stride != a }
            removed.insert(b)
            apart[b] = nil
            alive.removeAll { $0 == b }
        }
        // Why each remaining draft stayed apart from its nearest namesake.
        for a in alive {
            var nearest: (Int, CareerEvidence.Score)?
            for b in alive where b != a && b < a {
                let score = evidence.score(name: drafts[a].key.name, profiles[b]!, profiles[a]!)
                if nearest == nil || score.bits > nearest!.1.bits { nearest = (b, score) }
            }
            if let (_, score) = nearest, apart[a] == nil { apart[a] = score.summary }
        }
    }

    /// Drafts of one name weighed against each other; more are left as they are.
    static let maxWeighedDrafts = 64
    /// Drafts of one name cut where a namesake took over (``bestHandover``), at most.
    static let maxCuts = 8

    // MARK: - Keys and scopes

    struct BucketKey: Hashable, Sendable {
        var group: PersonGroup
        var name: String
        var scope: String?
        /// For a mention that names no place: its first post (`书记@中共市委`), so
        /// that unplaced mentions are weighed post by post rather than lumped.
        var signature: String? = nil

        // Compared and hashed by bytes (see ``ByteKey``): a bucket is looked up for every mention.
        static func == (a: BucketKey, b: BucketKey) -> Bool {
            a.group == b.group && ByteKey(a.name) == ByteKey(b.name)
                && a.scope.map(ByteKey.init) == b.scope.map(ByteKey.init)
                && a.signature == b.signature
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(group)
            hasher.combine(ByteKey(name))
            hasher.combine(scope.map(ByteKey.init))
            hasher.combine(signature)
        }

        var baseId: String {
            switch group {
            case .general: "\(name)@\(scope ?? "?")"
            case .journalist: "\(name)@journalist:\(scope ?? "?")"
            case .historical: "\(name)@historical"
            }
        }
    }

    struct Draft {
        var key: BucketKey
        var members: [Int]
        var attached: [String] = []
        /// Drafts it must not be merged with (two posts at once).
        var vetoed: Set<Int> = []
        /// The posts its members name, by month: what a new mention may clash
        /// with. Each distinct post once (the first written), so an official
        /// named in thousands of articles a month is compared with a few posts.
        var postsByMonth: [String: [TitleMention]] = [:]
        private var seenByMonth: [String: Set<PostKey>] = [:]

        init(key: BucketKey, members: [Int]) {
            self.key = key
            self.members = members
        }

        mutating func add(_ index: Int, month: String?, posts: [TitleMention]) {
            members.append(index)
            guard let month else { return }
            for p in posts where seenByMonth[month, default: []].insert(PostKey(p)).inserted {
                postsByMonth[month, default: []].append(p)
            }
        }
    }

    /// What ``clash(_:_:_:)`` looks at in a post: two posts with the same key
    /// clash with the same posts.
    private struct PostKey: Hashable {
        var post: RoleAtOrganization
        var hasJurisdiction: Bool

        init(_ p: TitleMention) {
            post = RoleAtOrganization(p)
            hasJurisdiction = p.jurisdiction != nil
        }
    }

    /// The last component of a folder's path (`/data/永康日报` → `永康日报`).
    static func folderName(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.isEmpty ? path : name
    }

    func bucketKey(_ m: LinkMention, known: [ScopeKey: Set<ByteKey>] = [:]) -> BucketKey {
        switch m.kind {
        case .journalist:
            // Last, the name of the input folder, not its path: ids stay when a corpus moves.
            // A page of a county's paper that named its prefecture most is still that paper's.
            let page = m.documentHome.map { h in
                m.paperHome.flatMap { CareerGazetteer.shared.parents[$0] == h ? $0 : nil } ?? h
            }
            let scope = page ?? Self.onlyKnown(known, .journalist, m.name) ?? m.paperHome ?? Self.folderName(m.root)
            return BucketKey(group: .journalist, name: m.name, scope: scope)
        case .historical:
            return BucketKey(group: .historical, name: m.name, scope: nil)
        case .official, .citizen, .person:
            let scope = Self.ownJurisdiction(of: m) ?? Self.onlyKnown(known, .general, m.name) ?? m.paperHome
            guard scope == nil else { return BucketKey(group: .general, name: m.name, scope: scope) }
            let signature = m.posts.first.map { "\($0.role)@\($0.organization ?? "-")" } ?? ""
            return BucketKey(group: .general, name: m.name, scope: nil, signature: signature)
        }
    }

    struct ScopeKey: Hashable {
        var group: PersonGroup
        var name: String

        static func == (a: ScopeKey, b: ScopeKey) -> Bool { a.group == b.group && ByteKey(a.name) == ByteKey(b.name) }

        func hash(into hasher: inout Hasher) {
            hasher.combine(group)
            hasher.combine(ByteKey(name))
        }
    }

    /// The jurisdiction a mention places its person in: its titles', else its page's.
    /// Posts held now come before former ones (`原开化县委书记、现…`).
    static func ownJurisdiction(of m: LinkMention) -> String? {
        m.titles.first { !$0.isRank && $0.former != true && $0.jurisdiction != nil }?.jurisdiction
            ?? m.titles.first { !$0.isRank && $0.jurisdiction != nil }?.jurisdiction
            ?? m.titles.first { $0.jurisdiction != nil }?.jurisdiction
            ?? m.documentHome
    }

    /// The jurisdiction a mention places its person in, with the folder's home last.
    static func jurisdiction(of m: LinkMention) -> String? {
        ownJurisdiction(of: m) ?? m.paperHome
    }

    /// For each name, the jurisdictions its mentions place it in on their own.
    static func knownScopes(_ mentions: [LinkMention]) -> [ScopeKey: Set<ByteKey>] {
        var known: [ScopeKey: Set<ByteKey>] = [:]
        // Mentions in a row mostly name one place: the last place added is not added again.
        var last: (key: ScopeKey, scope: ByteKey)?
        func add(_ key: ScopeKey, _ scope: ByteKey) {
            if let last, last.key == key, last.scope == scope { return }
            known[key, default: []].insert(scope)
            last = (key, scope)
        }
        for m in mentions where !m.inName {
            switch m.kind {
            case .journalist:
                if let h = m.documentHome { add(ScopeKey(group: .journalist, name: m.name), ByteKey(h)) }
            case .official, .citizen, .person:
                if let j = ownJurisdiction(of: m) { add(ScopeKey(group: .general, name: m.name), ByteKey(j)) }
            case .historical:
                continue
            }
        }
        return known
    }

    /// A mention whose page and titles name no place joins the one jurisdiction
    /// its name is known in, when there is exactly one.
    private static func onlyKnown(_ known: [ScopeKey: Set<ByteKey>], _ group: PersonGroup, _ name: String) -> String? {
        guard let scopes = known[ScopeKey(group: group, name: name)], scopes.count == 1 else { return nil }
        return scopes.first?.string
    }

    /// Each folder's home jurisdiction, from counts of the jurisdictions its
    /// pages' mentions and titles name (`folder → jurisdiction → count`): the
    /// most named, ties by name, when it has at least half the counts (a folder
    /// holding many papers has no home). Used only for mentions whose page has no home.
    static func paperHomes(counts: [String: [String: Int]]) -> [String: String] {
        var homes: [String: String] = [:]
        for (root, byJurisdiction) in counts {
            // A folder of many papers (no place named by half its counts) has no home.
            guard let top = byJurisdiction.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }),
                top.value * 2 >= byJurisdiction.values.reduce(0, +)
            else { continue }
            homes[root] = top.key
        }
        return homes
    }

    private static func paperName(_ m: LinkMention) -> String {
        m.root + ((m.documentHome ?? m.paperHome).map { " (home \($0))" } ?? "")
    }

    // MARK: - Careers

    /// Why `posts` (named in `month`) cannot belong with a person who, that
    /// month, was named with `others`: the same role in two different
    /// institutions in the same month.
    static func clash(_ posts: [TitleMention], _ month: String, _ others: [TitleMention]) -> String? {
        for p in posts {
            for q in others where p.role == q.role {
                // Two named institutions of known jurisdictions; an unresolved 市委 proves nothing.
                if let a = p.organization, let b = q.organization, a != b, p.jurisdiction != nil, q.jurisdiction != nil
                {
                    return "two posts at once: \(q.text) (\(b)) and \(p.text) (\(a)) in \(month)"
                }
            }
        }
        return nil
    }

    /// Posts held in the same month in different jurisdictions by two clusters.
    static func postsAtOnce(_ a: PersonCluster, _ b: PersonCluster, _ mentions: [LinkMention]) -> String? {
        MonthlyPosts(b.members, mentions).clash(with: a.members, mentions)
    }

    /// One cluster's placed posts by month, each place and post once, in
    /// order of first sighting: what ``postsAtOnce(_:_:_:)`` checks another
    /// cluster's posts against. Built once, it checks many clusters (a
    /// name's first cluster against each namesake) without reading its
    /// mentions again.
    struct MonthlyPosts {
        private var byMonth: [String: [TitleMention]] = [:]

        init(_ members: [Int], _ mentions: [LinkMention]) {
            for j in members {
                let m = mentions[j]
                guard let month = m.month else { continue }
                for q in m.posts where q.jurisdiction != nil {
                    let known = byMonth[month]?.contains { $0.jurisdiction == q.jurisdiction && $0.text == q.text }
                    if known != true { byMonth[month, default: []].append(q) }
                }
            }
        }

        /// The first post of `members` held in a month when this cluster held
        /// a post of another place, neither inside the other.
        func clash(with members: [Int], _ mentions: [LinkMention]) -> String? {
            guard !byMonth.isEmpty else { return nil }
            // Places already checked in a month (the check depends on the place, not the post).
            var checked: [String: [String]] = [:]
            // Pairs of places known to nest (or not).
            var nests: [(x: String, y: String, nested: Bool)] = []
            for i in members {
                let m = mentions[i]
                guard let month = m.month, let others = byMonth[month] else { continue }
                for p in m.posts {
                    guard let x = p.jurisdiction, !(checked[month]?.contains(x) ?? false) else { continue }
                    checked[month, default: []].append(x)
                    for q in others {
                        let y = q.jurisdiction!
                        guard x != y else { continue }
                        let nested: Bool
                        if let known = nests.first(where: { $0.x == x && $0.y == y }) {
                            nested = known.nested
                        } else {
                            nested = CareerGazetteer.shared.relation(x, y) == .nested
                            nests.append((x, y, nested))
                        }
                        // A county's post and its prefecture's at once is one cadre (`市委常委、县委书记`),
                        // or a page's home read one level wrong.
                        if !nested {
                            return "two posts at once in different jurisdictions: \(q.text) (\(y)) and "
                                + "\(p.text) (\(x)) in \(month)"
                        }
                    }
                }
            }
            return nil
        }
    }

    /// `书记 of 中共永康市委 2017-04 … 2018-03; 副市长 2016-01`.
    static func careerSummary(_ members: [Int], _ mentions: [LinkMention]) -> String {
        // Each post as written in the summary, with its first and last date, in order of first sighting.
        var posts: [(text: String, first: String?, last: String?)] = []
        var index: [RoleAtOrganization: Int] = [:]
        for i in members {
            for p in mentions[i].posts {
                let k: Int
                if let known = index[RoleAtOrganization(p)] {
                    k = known
                } else {
                    k = posts.count
                    index[RoleAtOrganization(p)] = k
                    posts.append((p.role + (p.organization.map { " of \($0)" } ?? ""), nil, nil))
                }
                if let date = mentions[i].date {
                    posts[k].first = min(posts[k].first ?? date, date)
                    posts[k].last = max(posts[k].last ?? date, date)
                }
            }
        }
        guard !posts.isEmpty else { return "no posts named" }
        return posts.map { post in
            switch (post.first, post.last) {
            case (let f?, let l?) where f != l: "\(post.text) \(f) … \(l)"
            case (let f?, _): "\(post.text) \(f)"
            default: post.text
            }
        }.joined(separator: "; ")
    }

    static func mergeDecision(_ cluster: PersonCluster, _ mentions: [LinkMention]) -> LinkDecision {
        let articles = LinkMention.distinctCount(cluster.members.map { mentions[$0].articleId })
        let first = mentions[cluster.members[0]]
        guard articles > 1 else {
            return LinkDecision(
                personId: cluster.id, name: cluster.name, action: "new", rule: "single-article",
                reason: "\(cluster.name) named in one article: \(first.path) #\(first.articlePosition)")
        }
        switch cluster.group {
        case .general:
            // Places joined by career evidence are named, in order of first sighting.
            var places: [String] = []
            for i in cluster.members {
                if let j = ownJurisdiction(of: mentions[i]), !places.contains(j) {
                    places.append(j)
                    if places.count > 8 { break }
                }
            }
            if places.count > 1 {
                return LinkDecision(
                    personId: cluster.id, name: cluster.name, action: "merge", rule: "same-name-several-places",
                    reason: "same name \(cluster.name) in \(places.joined(separator: ", ")), joined by career evidence "
                        + "(below): \(careerSummary(cluster.members, mentions)); \(articles) articles")
            }
            return LinkDecision(
                personId: cluster.id, name: cluster.name, action: "merge", rule: "same-name-same-jurisdiction",
                reason: "same name \(cluster.name), "
                    + (cluster.scope.map { "same jurisdiction \($0)" } ?? "no place named, same first post")
                    + ", posts compatible: "
                    + "\(careerSummary(cluster.members, mentions)); \(articles) articles")
        case .journalist:
            return LinkDecision(
                personId: cluster.id, name: cluster.name, action: "merge", rule: "journalist-same-paper",
                reason: "journalist \(cluster.name) of the paper \(cluster.scope ?? "unknown"): \(articles) articles")
        case .historical:
            return LinkDecision(
                personId: cluster.id, name: cluster.name, action: "merge", rule: "historical-same-name",
                reason: "historical figure \(cluster.name): \(articles) articles")
        }
    }
}
