extension ExportGraph {
    /// The `kind` graph of a snapshot, with spells and articles from `evidence`
    /// (pass ``ExportEvidence/none`` for first/last dates only).
    ///
    /// - coappear: the snapshot's people and co-appearance edges.
    /// - affiliation: people with posts, the institutions of those posts, one
    ///   `member_of` edge per person and institution (titles joined).
    /// - full: people, posts, their institutions and the institutions above
    ///   them, articles naming the people; edges `coappears`, `holds`,
    ///   `post_in`, `sub_organization_of`, `mentioned_in`, `evidence`.
    ///
    /// - Complexity: O((people + edges + posts + mentions) log(…)).
    public init(snapshot: GraphSnapshot, evidence: ExportEvidence = .none, kind: ExportGraphKind) {
        let articles = Dictionary(evidence.articles.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let documents = Dictionary(evidence.documents.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let organizations = Dictionary(snapshot.organizations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func spells(_ dates: [String?], first: String?, last: String?) -> [DateSpan] {
            let spans = dates.compactMap { $0.flatMap(DateSpan.init(partial:)) }
            if !spans.isEmpty { return DateSpan.merged(spans) }
            return DateSpan(first: first, last: last).map { [$0] } ?? []
        }
        // A person's main post: most articles, ties the latest, then the id.
        var mainPost: [String: GraphSnapshot.Post] = [:]
        for post in snapshot.posts {
            if let best = mainPost[post.personId],
                (best.articleCount, best.lastDate ?? "", post.id) >= (post.articleCount, post.lastDate ?? "", best.id)
            {
                continue
            }
            mainPost[post.personId] = post
        }
        var postArticles: [String: [Int64]] = [:]
        for e in evidence.postEvidence { postArticles[e.postId, default: []].append(e.articleId) }

        var nodes: [Node] = []
        var edges: [Edge] = []
        var peopleKept = snapshot.people
        if kind == .affiliation {
            let holders = Set(snapshot.posts.filter { $0.organizationId != nil }.map(\.personId))
            peopleKept = peopleKept.filter { holders.contains($0.id) }
        }
        for p in peopleKept {
            let main = mainPost[p.id]
            nodes.append(
                Node(
                    id: Self.id(.person, p.id), type: .person, label: p.name, kind: p.kind.rawValue,
                    jurisdiction: p.jurisdiction, storeId: p.id, rank: p.rank, mainPost: p.mainPost ?? main?.title,
                    institution: main?.organizationId, firstSeen: p.firstDate, lastSeen: p.lastDate,
                    articleCount: p.articleCount,
                    spells: DateSpan(first: p.firstDate, last: p.lastDate).map { [$0] } ?? []))
        }
        if kind != .affiliation {
            for e in snapshot.edges {
                let shared = evidence.edgeSpells[ExportEvidence.Pair(source: e.source, target: e.target)] ?? []
                edges.append(
                    Edge(
                        source: Self.id(.person, e.source), target: Self.id(.person, e.target), type: .coappears,
                        weight: max(1, e.weight), firstSeen: e.firstDate, lastSeen: e.lastDate,
                        spells: shared.isEmpty ? spells([], first: e.firstDate, last: e.lastDate) : shared))
            }
        }
        // Institutions: those of the posts kept, and (full graph) their ancestors.
        var orgIds = Set(snapshot.posts.compactMap(\.organizationId))
        if kind == .full {
            var frontier = Array(orgIds)
            while let id = frontier.popLast() {
                if let parent = organizations[id]?.parentId, orgIds.insert(parent).inserted { frontier.append(parent) }
            }
        }
        if kind != .coappear {
            for id in orgIds.sorted() {
                let o = organizations[id]
                nodes.append(
                    Node(
                        id: Self.id(.organization, id), type: .organization, label: o?.name ?? id, kind: "organization",
                        jurisdiction: o?.jurisdiction, storeId: id, parent: o?.parentId, articleCount: o?.articleCount))
                if kind == .full, let parent = o?.parentId, orgIds.contains(parent) {
                    edges.append(
                        Edge(
                            source: Self.id(.organization, id), target: Self.id(.organization, parent),
                            type: .subOrganizationOf, weight: 1))
                }
            }
        }
        if kind == .affiliation {
            var byPair: [String: [GraphSnapshot.Post]] = [:]
            for post in snapshot.posts {
                guard let org = post.organizationId else { continue }
                byPair["\(post.personId)\u{0}\(org)", default: []].append(post)
            }
            for (_, posts) in byPair {
                let posts = posts.sorted { ($0.firstDate ?? "", $0.id) < ($1.firstDate ?? "", $1.id) }
                let first = posts.compactMap(\.firstDate).min(), last = posts.compactMap(\.lastDate).max()
                let ids = posts.flatMap { postArticles[$0.id] ?? [] }
                let weight = ids.isEmpty ? posts.map(\.articleCount).reduce(0, +) : Set(ids).count
                var titles: [String] = []
                for p in posts where !titles.contains(p.title) { titles.append(p.title) }
                edges.append(
                    Edge(
                        source: Self.id(.person, posts[0].personId),
                        target: Self.id(.organization, posts[0].organizationId ?? ""),
                        type: .memberOf, weight: max(1, weight), title: titles.joined(separator: "; "),
                        firstSeen: first,
                        lastSeen: last, spells: spells(ids.map { articles[$0]?.date }, first: first, last: last)))
            }
        }
        if kind == .full {
            for post in snapshot.posts {
                let postId = Self.id(.post, post.id)
                let ids = postArticles[post.id] ?? []
                let postSpells = spells(ids.map { articles[$0]?.date }, first: post.firstDate, last: post.lastDate)
                nodes.append(
                    Node(
                        id: postId, type: .post, label: post.title, kind: "post", storeId: post.id,
                        institution: post.organizationId,
                        role: post.role, firstSeen: post.firstDate, lastSeen: post.lastDate,
                        articleCount: post.articleCount, spells: postSpells))
                edges.append(
                    Edge(
                        source: Self.id(.person, post.personId), target: postId, type: .holds,
                        weight: max(1, post.articleCount), title: post.title, firstSeen: post.firstDate,
                        lastSeen: post.lastDate, spells: postSpells))
                if let org = post.organizationId {
                    edges.append(
                        Edge(
                            source: postId, target: Self.id(.organization, org), type: .postIn, weight: 1))
                }
                for articleId in Set(ids).sorted() {
                    guard let a = articles[articleId] else { continue }
                    edges.append(
                        Edge(
                            source: postId, target: Self.id(.article, Self.articleKey(a, documents)), type: .evidence,
                            weight: 1, firstSeen: a.date, lastSeen: a.date,
                            spells: a.date.flatMap(DateSpan.init(partial:)).map { [$0] } ?? []))
                }
            }
            var seen = Set<String>()

            for m in evidence.mentions where seen.insert("\(m.personId)\u{0}\(m.articleId)").inserted {

                guard let a = articles[m.articleId] else { continue }
                edges.append(
                    Edge(
                        source: Self.id(.person, m.personId), target: Self.id(.article, Self.articleKey(a, documents)),
                        type: .mentionedIn, weight: 1, firstSeen: a.date, lastSeen: a.date,
                        spells: a.date.flatMap(DateSpan.init(partial:)).map { [$0] } ?? []))
            }
            for a in evidence.articles {
                let key = Self.articleKey(a, documents)
                let headline = a.headline.flatMap { $0.isEmpty ? nil : $0 }
                nodes.append(
                    Node(
                        id: Self.id(.article, key), type: .article, label: headline ?? key, kind: "article",
                        storeId: key,
                        source: documents[a.documentId]?.path, firstSeen: a.date, lastSeen: a.date,
                        spells: a.date.flatMap(DateSpan.init(partial:)).map { [$0] } ?? []))
            }
        }
        self.init(kind: kind, nodes: nodes, edges: edges)
    }

    /// `document path#position`: an article's id that survives rebuilds.
    static func articleKey(_ a: ExportEvidence.Article, _ documents: [Int64: ExportEvidence.Document]) -> String {
        "\(documents[a.documentId]?.path ?? "document-\(a.documentId)")#\(a.position)"
    }
}
