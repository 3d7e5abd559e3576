/// Answers questions about the graph in a store: who a person is, with whom
/// they appear, who held a post, what an institution holds, how two people are
/// linked, who is central (`guanxi person|coappear|post|org|path|top`).
///
/// Every answer respects ``filter`` (window, kinds, minimum weight). Questions
/// about one person or post use targeted store reads (indexes on
/// `coappearance`, `mention`, `post`); `path` and `top` read the filtered
/// ``GraphSnapshot``. The answers are values with a table and a JSON form
/// (``QueryAnswer``).
///
/// ```swift
/// let query = GraphQuery(store: try SQLiteGraphStore(path: "guanxi.sqlite", create: false),
///                        filter: GraphFilter(since: "2017"))
/// let holders = try query.holders(of: "市委书记")
/// ```
public struct GraphQuery: Sendable {
    public let store: any GraphReading
    /// Window, kinds and minimum weight of every answer; `limit` caps the rows of lists.
    public var filter: GraphFilter

    public init(store: any GraphReading, filter: GraphFilter = GraphFilter()) {
        self.store = store
        self.filter = filter
    }

    /// The filter without the parts that do not restrict store reads (`limit`, ego).
    var window: GraphFilter {
        var f = filter
        f.limit = nil
        f.ego = nil
        return f
    }

    // MARK: - People

    /// The one person a typed name or id means.
    ///
    /// Tries the name as typed and folded (spaces, full-width forms, traditional
    /// characters: ``PersonLookup/normalize(_:)``) with an index lookup first,
    /// then every person of the store.
    ///
    /// - Throws: ``QueryError`` `.unknownPerson` with the closest names, or
    ///   `.ambiguousPerson` with the people to pick from by id; ``StoreError``.
    /// - Complexity: one index lookup when the name is stored as typed, else O(people).
    public func resolve(_ typed: String) throws -> StoredPerson {
        let folded = PersonLookup.normalize(typed)
        var direct = try store.people(idsOrNames: [typed, folded])
        if let exact = direct.first(where: { $0.id == typed || $0.id == folded }) { direct = [exact] }
        let result: PersonLookup.Result
        if direct.count == 1 {
            result = .one(direct[0])
        } else if direct.count > 1 {
            result = .several(direct)
        } else {
            result = PersonLookup(people: try store.people()).resolve(typed)
        }
        switch result {
        case .one(let person): return person
        case .several(let people):
            throw QueryError(
                .ambiguousPerson, name: typed, store: store.location,
                candidates: try summaries(people).map { "\($0.person.id)  (\($0.details))" })
        case .none(let suggestions):
            throw QueryError(
                .unknownPerson, name: typed, store: store.location,
                candidates: try summaries(suggestions).map {
                    let details = [$0.person.id, $0.mainPost, years($0.person.firstDate, $0.person.lastDate)]
                    return "\($0.person.name) (\(details.compactMap { $0 }.joined(separator: ", ")))"
                })
        }
    }

    /// The people with their main post (over the whole store), in the given order.
    public func summaries(_ people: [StoredPerson]) throws -> [PersonSummary] {
        let posts = try store.posts(PostSelection(personIds: people.map(\.id)), filter: GraphFilter())
        let main = GraphSnapshot.mainPosts(posts)
        return people.map { PersonSummary(person: $0, mainPost: main[$0.id]) }
    }

    /// Who a person is: kind, jurisdiction, career, top partners and articles,
    /// within the window. `filter.limit` caps partners and articles (default 10
    /// partners); `latestArticles` caps the articles alone, and `bodies` reads
    /// their text. The count and dates of the articles are over the whole window.
    ///
    /// - Complexity: O(posts + partners + articles of the person), with only
    ///   the latest articles read when capped.
    public func profile(of typed: String, latestArticles: Int? = nil, bodies: Bool = false) throws -> PersonProfile {
        let person = try resolve(typed)
        let posts = try store.posts(PostSelection(personIds: [person.id]), filter: window)
        let articles: [StoredArticle]
        let tally: ArticleTally
        if let latest = latestArticles ?? filter.limit {
            articles = try store.articles(naming: [person.id], filter: window, bodies: bodies, latest: latest)
            tally = try store.articleTally(naming: [person.id], filter: window)
        } else {
            articles = try store.articles(naming: [person.id], filter: window, bodies: bodies)
            let dates = articles.compactMap(\.date)
            tally = ArticleTally(count: articles.count, firstDate: dates.min(), lastDate: dates.max())
        }
        let partners = try self.partners(of: person, limit: filter.limit ?? 10)
        let main = GraphSnapshot.mainPosts(
            try store.posts(PostSelection(personIds: [person.id]), filter: GraphFilter()))
        return PersonProfile(
            person: PersonSummary(person: person, mainPost: main[person.id]), articleCount: tally.count,
            firstDate: tally.firstDate, lastDate: tally.lastDate, posts: posts, partners: partners,
            articles: articles)
    }

    /// Co-appearance partners of a person ranked by shared articles (then latest
    /// date, then id), within the window and of the filter's kinds.
    ///
    /// - Complexity: O(partners log partners) after an index lookup.
    public func partners(of person: StoredPerson, limit: Int? = nil) throws -> [Partner] {
        let edges = try store.partners(of: person.id, filter: window)
        var ranked = edges.map { edge -> (String, GraphSnapshot.Edge) in
            (edge.source == person.id ? edge.target : edge.source, edge)
        }
        ranked.sort {
            ($1.1.weight, $1.1.lastDate ?? "", $0.0) < ($0.1.weight, $0.1.lastDate ?? "", $1.0)
        }
        if let limit = limit ?? filter.limit { ranked = Array(ranked.prefix(max(0, limit))) }
        let people = Dictionary(
            uniqueKeysWithValues: try store.people(idsOrNames: ranked.map(\.0)).map { ($0.id, $0) })
        let summaries = Dictionary(
            uniqueKeysWithValues: try summaries(Array(people.values)).map { ($0.person.id, $0) })
        return ranked.compactMap { id, edge in
            guard let summary = summaries[id] else { return nil }
            return Partner(person: summary, weight: edge.weight, firstDate: edge.firstDate, lastDate: edge.lastDate)
        }
    }

    /// `guanxi coappear NAME`: the person and their ranked partners.
    public func coappearance(of typed: String) throws -> PartnerList {
        let person = try resolve(typed)
        return PartnerList(person: try summaries([person])[0], partners: try partners(of: person))
    }

    /// The articles two people share in the window, oldest first, each with the
    /// sentence that names both (``SentenceFinder``).
    ///
    /// - Complexity: O(articles of the first person + text of the shared ones).
    public func sharedArticles(_ typed: String, _ otherTyped: String) throws -> SharedArticles {
        let a = try resolve(typed), b = try resolve(otherTyped)
        guard a.id != b.id else {
            throw QueryError(.samePerson, name: "\(typed) and \(otherTyped)", store: store.location, candidates: [a.id])
        }
        var articles = try store.articles(naming: [a.id, b.id], filter: window, bodies: true)
        if let limit = filter.limit { articles = Array(articles.suffix(max(0, limit))) }
        let shared = articles.map { article -> SharedArticles.Article in
            let sentence = article.body.flatMap { SentenceFinder.sentence(in: $0, naming: [a.name, b.name]) }
            var plain = article
            plain.body = nil
            return SharedArticles.Article(article: plain, sentence: sentence)
        }
        let people = try summaries([a, b])
        return SharedArticles(person: people[0], other: people[1], articles: shared)
    }

    // MARK: - Posts and institutions

    /// The institutions a typed name means: an id, a canonical name, or an alias
    /// as written (folded like names); the exact id or name wins over aliases.
    public func organizations(named typed: String) throws -> [StoredOrganization] {
        let all = try store.organizations()
        let key = PersonLookup.normalize(typed)
        let exact = all.filter { PersonLookup.normalize($0.id) == key || PersonLookup.normalize($0.name) == key }
        if !exact.isEmpty { return exact }
        return all.filter { $0.aliases.contains { PersonLookup.normalize($0) == key } }
    }

    /// `guanxi post TITLE [--org ORG]`: who held a post, in date order.
    ///
    /// `title` matches posts whose title as first written is `title`, every post
    /// of the same role and institution as those, and role + institution when
    /// `title` is an institution's alias followed by a role (`统战部部长`). With
    /// `organization`, `title` may also be a bare role (`书记 --org 市委`), and only
    /// posts in that institution count.
    ///
    /// - Throws: ``QueryError`` `.unknownOrganization` when `organization` names
    ///   none, `.unknownPost` when no post of the store (in any window) fits.
    /// - Complexity: a scan of `post` by title, then index lookups by role.
    public func holders(of title: String, organization: String? = nil) throws -> Succession {
        let key = PersonLookup.normalize(title)
        var orgIds: Set<String>?
        if let organization {
            let found = try organizations(named: organization)
            guard !found.isEmpty else {
                throw QueryError(
                    .unknownOrganization, name: organization, store: store.location,
                    candidates: try organizationSuggestions(organization))
            }
            orgIds = Set(found.map(\.id))
        }
        var pairs: Set<[String]> = []
        let byTitle = try store.posts(PostSelection(titles: Array(Set([title, key]))), filter: GraphFilter())
        for post in byTitle { pairs.insert([post.role, post.organizationId ?? ""]) }
        for org in try store.organizations() {
            for alias in [org.name] + org.aliases {
                let a = PersonLookup.normalize(alias)
                if key.count > a.count, key.hasPrefix(a) { pairs.insert([String(key.dropFirst(a.count)), org.id]) }
            }
        }
        if let orgIds { for id in orgIds { pairs.insert([key, id]) } }
        if let orgIds { pairs = pairs.filter { orgIds.contains($0[1]) } }
        let roles = Array(Set(pairs.map { $0[0] }))
        var posts = roles.isEmpty ? [] : try store.posts(PostSelection(roles: roles), filter: window)
        posts = posts.filter { pairs.contains([$0.role, $0.organizationId ?? ""]) }
        // Nobody in the window is an answer; no such post at all is not.
        if posts.isEmpty {
            let ever = roles.isEmpty ? [] : try store.posts(PostSelection(roles: roles), filter: GraphFilter())
            if !ever.contains(where: { pairs.contains([$0.role, $0.organizationId ?? ""]) }) {
                throw QueryError(.unknownPost, name: title, store: store.location, candidates: [])
            }
        }
        return Succession(title: title, organization: organization, holders: try holders(posts))
    }

    private func holders(_ posts: [GraphSnapshot.Post]) throws -> [PostHolder] {
        let people = Dictionary(
            uniqueKeysWithValues: try store.people(idsOrNames: posts.map(\.personId)).map { ($0.id, $0) })
        var holders = posts.compactMap { post in people[post.personId].map { PostHolder(person: $0, post: post) } }
        if let limit = filter.limit { holders = Array(holders.prefix(max(0, limit))) }
        return holders
    }

    private func organizationSuggestions(_ typed: String) throws -> [String] {
        let key = Array(PersonLookup.normalize(typed).unicodeScalars)
        let scored = try store.organizations().map { org -> (Int, String) in
            let names = [org.name] + org.aliases
            let d = names.map { PersonLookup.editDistance(key, Array(PersonLookup.normalize($0).unicodeScalars)) }
            return (d.min() ?? Int.max, org.id)
        }
        return scored.filter { $0.0 <= max(2, key.count / 2) }.sorted { $0 < $1 }.prefix(5).map(\.1)
    }

    /// `guanxi org NAME`: the institution, its parent and sub-institutions, and
    /// the people seen holding posts in it (in date order).
    ///
    /// - Throws: ``QueryError`` `.unknownOrganization` or `.ambiguousOrganization`.
    /// - Complexity: O(institutions + posts in it).
    public func organization(_ typed: String) throws -> OrganizationProfile {
        let found = try organizations(named: typed)
        guard let org = found.first else {
            throw QueryError(
                .unknownOrganization, name: typed, store: store.location,
                candidates: try organizationSuggestions(typed))
        }
        guard found.count == 1 else {
            throw QueryError(
                .ambiguousOrganization, name: typed, store: store.location,
                candidates: found.map { "\($0.id)  (\($0.jurisdiction ?? "-"))" })
        }
        let all = try store.organizations()
        let posts = try store.posts(PostSelection(organizationIds: [org.id]), filter: window)
        return OrganizationProfile(
            organization: org, parent: all.first { $0.id == org.parentId },
            children: all.filter { $0.parentId == org.id }, holders: try holders(posts))
    }

    // MARK: - Whole graph

    /// `guanxi path NAME OTHER`: a shortest co-appearance chain, with the latest
    /// shared article behind each link; nil `links` when no chain exists.
    ///
    /// - Complexity: reading the filtered ``CoappearanceGraph``, then O(people + edges).
    public func path(_ typed: String, _ otherTyped: String) throws -> CoappearancePath {
        let a = try resolve(typed), b = try resolve(otherTyped)
        let graph = try store.coappearanceGraph(window)
        let people = try summaries([a, b])
        guard let ids = graph.shortestPath(from: a.id, to: b.id) else {
            return CoappearancePath(person: people[0], other: people[1], links: nil)
        }
        let byId = Dictionary(
            uniqueKeysWithValues: try summaries(try store.people(idsOrNames: ids)).map { ($0.person.id, $0) })
        var links: [CoappearancePath.Link] = []
        for (from, to) in zip(ids, ids.dropFirst()) {
            guard let f = byId[from], let t = byId[to] else { continue }
            let shared = try store.articles(naming: [from, to], filter: window, bodies: false)
            var weight = shared.count
            if let node = graph.node(from), let other = graph.node(to), let w = graph.weight(node, other) {
                weight = w
            }
            links.append(CoappearancePath.Link(from: f, to: t, weight: weight, article: shared.last))
        }
        return CoappearancePath(person: people[0], other: people[1], links: links)
    }

    /// `guanxi top`: the most central people by degree, weighted degree and
    /// betweenness on the filtered co-appearance graph.
    ///
    /// Betweenness is exact when `sample` is nil and the graph has at most
    /// ``exactBetweennessLimit`` people; otherwise it is estimated from `sample`
    /// (default 100) pivots (``CoappearanceGraph/centrality(pivots:)``).
    /// Ranked by betweenness, then weighted degree, degree, id; `filter.limit`
    /// rows (default 20).
    ///
    /// - Complexity: reading the snapshot, then O(pivots × (people + edges)).
    public func top(sample: Int? = nil) throws -> CentralityRanking {
        let graph = try store.coappearanceGraph(window)
        let pivots = sample ?? (graph.ids.count <= Self.exactBetweennessLimit ? nil : 100)
        let c = graph.centrality(pivots: pivots)
        let order = graph.ids.indices.sorted {
            (c.betweenness[$1], c.weightedDegree[$1], c.degree[$1], graph.ids[$0])
                < (c.betweenness[$0], c.weightedDegree[$0], c.degree[$0], graph.ids[$1])
        }.prefix(max(0, filter.limit ?? 20))
        let people = try store.people(idsOrNames: order.map { graph.ids[$0] })
        let byId = Dictionary(uniqueKeysWithValues: try summaries(people).map { ($0.person.id, $0) })
        let rows = order.compactMap { i -> CentralityRanking.Row? in
            guard let person = byId[graph.ids[i]] else { return nil }
            return CentralityRanking.Row(
                person: person, degree: c.degree[i], weightedDegree: c.weightedDegree[i],
                betweenness: c.betweenness[i])
        }
        return CentralityRanking(
            people: graph.ids.count, edges: graph.edgeCount, pivots: c.pivots, exact: c.exact, rows: rows)
    }

    /// Up to this many people, `top` computes betweenness exactly by default.
    public static let exactBetweennessLimit = 2000
}
