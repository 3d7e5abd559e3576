import Foundation
import Guanxi

/// The HTML pages. Every text from the store goes through ``HTML/escape(_:)``
/// (or ``HTML/highlighted(_:terms:)``); the data the scripts draw travels as
/// JSON in `<script type="application/json">` (``HTML/scriptJSON(_:)``), and
/// the scripts only ever set `textContent` and attributes.
extension ServeSite {
    func page(_ title: String, _ body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-Hans">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title)) · guanxi</title>
        <link rel="icon" href="data:,">
        <link rel="stylesheet" href="/assets/app.css">
        <script src="/assets/app.js" defer></script>
        </head>
        <body>
        <header><a class="home" href="/">guanxi</a>
        <form class="search" action="/person" method="get" autocomplete="off">
        <input class="name-input" name="name" placeholder="姓名 name" aria-label="person"><ul class="suggestions"></ul>
        <button>person</button></form>
        <nav><a href="/top">top people</a></nav></header>
        <main>
        \(body)
        </main>
        </body>
        </html>

        """
    }

    func link(_ path: String, _ params: [(String, String?)], _ text: String, class cls: String? = nil) -> String {
        let c = cls.map { " class=\"\($0)\"" } ?? ""
        return "<a\(c) href=\"\(HTML.escape(path + HTML.query(params)))\">\(HTML.escape(text))</a>"
    }

    func personLink(_ p: StoredPerson, _ window: [(String, String?)] = []) -> String {
        link("/person", [("name", p.id)] + window, p.name, class: "person \(p.kind.rawValue)")
    }

    func dataScript(_ id: String, _ json: JSONValue) -> String {
        "<script type=\"application/json\" id=\"\(id)\">\(HTML.scriptJSON(json.pretty()))</script>"
    }

    func table(_ columns: [String], _ rows: [[String]], class cls: String = "") -> String {
        var out = "<table class=\"\(cls)\"><thead><tr>"
        out += columns.map { "<th>\(HTML.escape($0))</th>" }.joined()
        out += "</tr></thead><tbody>"
        for row in rows { out += "<tr>" + row.map { "<td>\($0)</td>" }.joined() + "</tr>" }
        return out + "</tbody></table>"
    }

    /// The window parameters of a request, to carry into links.
    func window(_ query: [String: String]) -> [(String, String?)] {
        [
            ("since", query["since"].flatMap { $0.isEmpty ? nil : $0 }),
            ("until", query["until"].flatMap { $0.isEmpty ? nil : $0 }),
        ]
    }

    /// A form that reloads the page with a year window (and the page's own parameters).
    func windowForm(_ path: String, _ keep: [(String, String)], _ query: [String: String], depth: Bool = false)
        -> String
    {
        var out = "<form class=\"window\" action=\"\(HTML.escape(path))\" method=\"get\">"
        for (k, v) in keep { out += "<input type=\"hidden\" name=\"\(HTML.escape(k))\" value=\"\(HTML.escape(v))\">" }
        out +=
            "<label>since <input name=\"since\" size=\"10\" placeholder=\"2017\" value=\"\(HTML.escape(query["since"] ?? ""))\"></label> "
        out +=
            "<label>until <input name=\"until\" size=\"10\" placeholder=\"2020\" value=\"\(HTML.escape(query["until"] ?? ""))\"></label> "
        if depth {
            let d = query["depth"] ?? "1"
            out += "<label>depth <select name=\"depth\">"
            for n in ["1", "2"] { out += "<option\(n == d ? " selected" : "")>\(n)</option>" }
            out += "</select></label> "
        }
        return out + "<button>show</button></form>"
    }

    func years(_ first: String?, _ last: String?) -> String { ISODate.yearSpan(first, last) }

    /// Timeline bars: one per post (or holder), first to last dated sighting.
    func timeline(_ id: String, _ bars: [(label: String, sub: String?, first: String?, last: String?, href: String)])
        -> String
    {
        let data = JSONValue.array(
            bars.map { b in
                .object([
                    ("label", .string(b.label)), ("sub", .string(b.sub)), ("first", .string(b.first)),
                    ("last", .string(b.last)), ("href", .string(b.href)),
                ])
            })
        return "<figure class=\"timeline\" data-src=\"\(id)\"></figure>" + dataScript(id, data)
    }

    // MARK: - Pages

    func searchPage() -> String {
        let counts = try? store.counts()
        let summary =
            counts.map {
                "<p class=\"stats\">\($0.people) people, \($0.organizations) institutions, \($0.posts) posts, "
                    + "\($0.coappearances) co-appearance edges from \($0.articles) articles.</p>"
            } ?? ""
        return page(
            "search",
            """
            <h1>Search the graph</h1>
            \(summary)
            <form class="search big" action="/person" method="get" autocomplete="off">
            <input class="name-input" name="name" placeholder="姓名: 金政, 陳 曉蘇, an id…" aria-label="person" autofocus>
            <ul class="suggestions"></ul><button>person</button></form>
            <form class="search" action="/post" method="get"><input name="title" placeholder="post: 市委书记" aria-label="post">
            <input name="org" placeholder="institution (optional)" aria-label="institution"><button>succession</button></form>
            <form class="search" action="/org" method="get"><input name="name" placeholder="institution: 中共永康市委" aria-label="institution">
            <button>institution</button></form>
            <p><a href="/top">The most central people</a> · <a href="/api/stats">/api/stats</a> · the API is in docs/api.md</p>
            """)
    }

    func personPage(_ query: [String: String]) throws -> String {
        let q = try graphQuery(query)
        let name = try required("name", query, "/person")
        // The latest 30 articles with their text: a person named in 28,000
        // articles would otherwise have every one read.
        let profile = try q.profile(of: name, latestArticles: 30, bodies: true)
        let p = profile.person.person
        let w = window(query)
        let ego = try EgoNetwork(query: q, center: p, depth: 1, limit: try limit(query, default: 40))
        let titles = profile.posts.map(\.title)
        let bars = profile.posts.map { post in
            (
                label: post.title, sub: post.organizationId, first: post.firstDate, last: post.lastDate,
                href: "/post" + HTML.query([("title", post.title), ("org", post.organizationId)] + w)
            )
        }
        let careerRows = profile.posts.map { post -> [String] in
            [
                link("/post", [("title", post.title), ("org", post.organizationId)] + w, post.title),
                HTML.escape(post.role),
                post.organizationId.map { link("/org", [("name", $0)] + w, $0) } ?? "",
                HTML.escape(post.firstDate ?? ""), HTML.escape(post.lastDate ?? ""), String(post.articleCount),
            ]
        }
        let partnerRows = profile.partners.map { partner -> [String] in
            [
                personLink(partner.person.person, w), HTML.escape(partner.person.mainPost ?? ""),
                link("/shared", [("name", p.id), ("other", partner.person.person.id)] + w, String(partner.weight)),
                HTML.escape(partner.firstDate ?? ""), HTML.escape(partner.lastDate ?? ""),
            ]
        }
        let bodies = profile.articles.reversed()
        let evidence = bodies.map { a -> String in
            let sentence = a.body.flatMap { SentenceFinder.sentence(in: $0, naming: [p.name]) }
            return "<li><span class=\"date\">\(HTML.escape(a.date ?? "undated"))</span> "
                + link(
                    "/article", [("source", a.source), ("index", String(a.position)), ("person", p.id)],
                    a.headline ?? "(no headline)", class: "headline")
                + " <span class=\"source\">\(HTML.escape(a.source)) #\(a.position)</span>"
                + (sentence.map { "<blockquote>\(HTML.highlighted($0, terms: [p.name] + titles))</blockquote>" } ?? "")
                + "</li>"
        }
        let details = [
            p.kind.rawValue, p.jurisdiction ?? "-", profile.person.mainPost ?? "-",
            "\(profile.articleCount) articles", years(profile.firstDate, profile.lastDate),
        ]
        return page(
            p.name,
            """
            <h1 class="person-name">\(HTML.escape(p.name)) <small>\(HTML.escape(p.id))</small></h1>
            <p class="details">\(details.map { "<span>\(HTML.escape($0))</span>" }.joined(separator: " · "))</p>
            \(windowForm("/person", [("name", p.id)], query))
            <section><h2>Career</h2>
            \(profile.posts.isEmpty ? "<p class=\"empty\">No post seen in this window.</p>" : timeline("career-data", bars))
            \(table(["title", "role", "institution", "first", "last", "articles"], careerRows, class: "career"))</section>
            <section><h2>Network</h2>
            <p>Co-appearance partners (one step; \(link("/ego", [("name", p.id), ("depth", "2")] + w, "two steps"))). Click an edge for the shared articles.</p>
            <figure class="network" data-src="ego-data"></figure>\(dataScript("ego-data", ego.json))
            <div class="edge-panel" aria-live="polite"></div>
            \(downloadLinks([("view", "ego"), ("name", p.id), ("depth", "1")] + w))</section>
            <section><h2>Top partners</h2>
            \(table(["partner", "main post", "shared articles", "first", "last"], partnerRows, class: "partners"))</section>
            <section><h2>Articles</h2><p>\(profile.articleCount) articles; the latest \(bodies.count), with the sentence naming \(HTML.escape(p.name)).</p>
            <ol class="articles">\(evidence.joined())</ol></section>
            """)
    }

    func egoPage(_ query: [String: String]) throws -> String {
        let q = try graphQuery(query)
        let person = try q.resolve(required("name", query, "/ego"))
        let d = try depth(query)
        let ego = try EgoNetwork(query: q, center: person, depth: d, limit: try limit(query, default: 60))
        let w = window(query)
        return page(
            "\(person.name) network",
            """
            <h1>Network of \(personLink(person, w))</h1>
            <p>\(ego.nodes.count) people, \(ego.edges.count) co-appearance edges\(ego.truncated ? " (the strongest ties only)" : "").
            Node colour: kind; size: degree; edge width: shared articles. Click an edge for the shared articles.</p>
            \(windowForm("/ego", [("name", person.id)], query, depth: true))
            <figure class="network large" data-src="ego-data"></figure>\(dataScript("ego-data", ego.json))
            <div class="edge-panel" aria-live="polite"></div>
            \(downloadLinks([("view", "ego"), ("name", person.id), ("depth", String(d))] + w))
            """)
    }

    func holderRows(_ holders: [PostHolder], _ w: [(String, String?)], organization: Bool = true) -> [[String]] {
        holders.map { h in
            [
                personLink(h.person, w),
                link("/post", [("title", h.post.title), ("org", h.post.organizationId)] + w, h.post.title),
            ]
                + (organization ? [h.post.organizationId.map { link("/org", [("name", $0)] + w, $0) } ?? ""] : [])
                + [
                    HTML.escape(h.post.firstDate ?? ""), HTML.escape(h.post.lastDate ?? ""),
                    String(h.post.articleCount),
                ]
        }
    }

    func postPage(_ query: [String: String]) throws -> String {
        let q = try graphQuery(query)
        let title = try required("title", query, "/post")
        let org = query["org"].flatMap { $0.isEmpty ? nil : $0 }
        let succession = try q.holders(of: title, organization: org)
        let w = window(query)
        let bars = succession.holders.map { h in
            (
                label: h.person.name, sub: h.post.organizationId, first: h.post.firstDate, last: h.post.lastDate,
                href: "/person" + HTML.query([("name", h.person.id)] + w)
            )
        }
        return page(
            title,
            """
            <h1>\(HTML.escape(title))\(org.map { " <small>\(HTML.escape($0))</small>" } ?? "")</h1>
            <p>\(succession.holders.count) holders, in date order.</p>
            \(windowForm("/post", [("title", title)] + (org.map { [("org", $0)] } ?? []), query))
            <section><h2>Succession</h2>\(timeline("succession-data", bars))
            \(table(["holder", "title", "institution", "first", "last", "articles"], holderRows(succession.holders, w), class: "holders"))</section>
            \(downloadLinks([("view", "post"), ("title", title), ("org", org)] + w))
            """)
    }

    func orgPage(_ query: [String: String]) throws -> String {
        let q = try graphQuery(query)
        let profile = try q.organization(required("name", query, "/org"))
        let o = profile.organization
        let w = window(query)
        let bars = profile.holders.map { h in
            (
                label: h.person.name, sub: Optional(h.post.title), first: h.post.firstDate, last: h.post.lastDate,
                href: "/person" + HTML.query([("name", h.person.id)] + w)
            )
        }
        let children = profile.children.map { "<li>" + link("/org", [("name", $0.id)] + w, $0.name) + "</li>" }.joined()
        return page(
            o.name,
            """
            <h1>\(HTML.escape(o.name))</h1>
            <p class="details"><span>\(HTML.escape(o.jurisdiction ?? "-"))</span> · <span>\(o.articleCount) articles</span>
            \(o.aliases.isEmpty ? "" : " · written as " + o.aliases.map { "<span class=\"alias\">\(HTML.escape($0))</span>" }.joined(separator: ", "))</p>
            <p>Part of: \(profile.parent.map { link("/org", [("name", $0.id)] + w, $0.name) } ?? "—")</p>
            <h2>Parts</h2>\(children.isEmpty ? "<p class=\"empty\">none</p>" : "<ul class=\"children\">\(children)</ul>")
            \(windowForm("/org", [("name", o.id)], query))
            <section><h2>People holding posts</h2>\(profile.holders.isEmpty ? "" : timeline("holders-data", bars))
            \(table(["holder", "title", "first", "last", "articles"], holderRows(profile.holders, w, organization: false), class: "holders"))</section>
            \(downloadLinks([("view", "org"), ("name", o.id)] + w))
            """)
    }

    func topPage(_ query: [String: String]) throws -> String {
        let q = try graphQuery(query)
        let ranking = try q.top()
        let w = window(query)
        let rows = ranking.rows.enumerated().map { i, r -> [String] in
            [
                String(i + 1), personLink(r.person.person, w), HTML.escape(r.person.mainPost ?? ""), String(r.degree),
                String(r.weightedDegree), String(format: "%.3f", r.betweenness),
            ]
        }
        return page(
            "top people",
            """
            <h1>The most central people</h1>
            <p>\(ranking.people) people, \(ranking.edges) edges; betweenness \(ranking.exact ? "exact" : "estimated from \(ranking.pivots) pivots").</p>
            \(windowForm("/top", [], query))
            \(table(["#", "person", "main post", "degree", "weighted degree", "betweenness"], rows, class: "ranking"))
            \(downloadLinks([("view", "top"), ("limit", query["limit"])] + w))
            """)
    }

    func sharedPage(_ query: [String: String]) throws -> String {
        let q = try graphQuery(query)
        let shared = try q.sharedArticles(required("name", query, "/shared"), required("other", query, "/shared"))
        let a = shared.person.person, b = shared.other.person
        let w = window(query)
        let items = shared.articles.reversed().map { s -> String in
            "<li><span class=\"date\">\(HTML.escape(s.article.date ?? "undated"))</span> "
                + link(
                    "/article",
                    [
                        ("source", s.article.source), ("index", String(s.article.position)), ("person", a.id),
                        ("other", b.id),
                    ],
                    s.article.headline ?? "(no headline)", class: "headline")
                + " <span class=\"source\">\(HTML.escape(s.article.source)) #\(s.article.position)</span>"
                + (s.sentence.map { "<blockquote>\(HTML.highlighted($0, terms: [a.name, b.name]))</blockquote>" } ?? "")
                + "</li>"
        }
        return page(
            "\(a.name) · \(b.name)",
            """
            <h1>\(personLink(a, w)) and \(personLink(b, w))</h1>
            <p>\(shared.articles.count) shared articles, the latest first, each with the sentence naming both.</p>
            <ol class="articles shared">\(items.joined())</ol>
            """)
    }

    func articlePage(_ query: [String: String]) throws -> String {
        let source = try required("source", query, "/article")
        let indexText = try required("index", query, "/article")
        guard let index = Int(indexText) else {
            throw ServeError.badParameter(
                "index", value: indexText, expected: "the article's index on its page (0, 1, …)")
        }
        let q = GraphQuery(store: store)
        var people = [try q.resolve(required("person", query, "/article"))]
        if let other = query["other"], !other.isEmpty { people.append(try q.resolve(other)) }
        guard
            let article = try store.articles(naming: people.map(\.id), filter: GraphFilter(), bodies: true)
                .first(where: { $0.source == source && $0.position == index })
        else {
            throw ServeError.badParameter(
                "source", value: "\(source) #\(index)",
                expected: "an article that names \(people.map(\.name).joined(separator: " and "))")
        }
        let titles = try store.posts(PostSelection(personIds: people.map(\.id)), filter: GraphFilter()).map(\.title)
        let terms = people.map(\.name) + titles
        let paragraphs = (article.body ?? "").split(separator: "\n").map {
            "<p>\(HTML.highlighted(String($0), terms: terms))</p>"
        }
        return page(
            article.headline ?? "article",
            """
            <article>
            <h1 class="headline">\(HTML.escape(article.headline ?? "(no headline)"))</h1>
            <p class="details"><span>\(HTML.escape(article.date ?? "undated"))</span> · <span class="source">\(HTML.escape(article.source)) #\(article.position)</span>
            · naming \(people.map { personLink($0) }.joined(separator: ", "))</p>
            <div class="body">\(paragraphs.joined(separator: "\n"))</div>
            </article>
            """)
    }

    // MARK: - Errors

    func errorPage(_ error: Error, query: [String: String]) -> ServeResponse {
        let (status, _, _) = classify(error)
        var body =
            "<h1>\(status == 300 ? "Which one?" : status == 404 ? "Not found" : status == 400 ? "Cannot answer" : "Store error")</h1>"
        body += "<p class=\"error\">\(HTML.escape(String(describing: error)))</p>"
        if let e = error as? QueryError, e.code == .ambiguousPerson || e.code == .unknownPerson {
            let people: [StoredPerson]
            if e.code == .ambiguousPerson {
                people = e.candidates.compactMap { c in
                    let id = String(c.prefix { !$0.isWhitespace })
                    return lookup.people.first { $0.id == id }
                }
            } else if case .none(let suggestions) = lookup.resolve(e.name) {
                people = suggestions
            } else {
                people = []
            }
            if !people.isEmpty {
                let summaries = (try? GraphQuery(store: store).summaries(people)) ?? []
                body +=
                    "<ul class=\"choices\">"
                    + summaries.map {
                        "<li>" + personLink($0.person, window(query)) + " <span>\(HTML.escape($0.details))</span></li>"
                    }.joined() + "</ul>"
            }
        }
        return .html(page(status == 300 ? "which one?" : "not found", body), status: status)
    }
}

extension ServeSite {
    /// The filter without the parts that do not restrict store reads (`limit`, ego).
    func windowFilter(_ filter: GraphFilter) -> GraphFilter {
        var f = filter
        f.limit = nil
        f.ego = nil
        return f
    }
}
