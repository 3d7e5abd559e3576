import Foundation
import Testing

@testable import Guanxi
@testable import GuanxiServe

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `guanxi serve` against the seed store, over HTTP on a free loopback port:
/// every page and `/api/…` answer (status, content type, the data shown).
@Suite(.serialized) struct ServeTests {
    /// The seed store, its query, and the person the pages are about: the
    /// holder of 市委书记 first seen in 2017 (found in the store, not written here).
    struct Fixture {
        let store: SQLiteGraphStore
        let query: GraphQuery
        let secretary: StoredPerson
        let partner: StoredPerson
        let site: ServeSite

        init() throws {
            store = try SeedStore.shared
            query = GraphQuery(store: store)
            let holders = try query.holders(of: "市委书记").holders
            secretary = try #require(holders.first { $0.post.firstDate?.hasPrefix("2017") == true }?.person)
            let partners = try query.partners(of: secretary)
            partner = try #require(partners.first?.person.person)
            site = try ServeSite(store: store)
        }
    }

    static func withServer(_ body: (LiveServer, Fixture) async throws -> Void) async throws {
        let fixture = try Fixture()
        let server = try await LiveServer.start(fixture.site)
        defer { server.stop() }
        try await body(server, fixture)
    }

    @Test func apiAnswersAreTheCLIJSON() async throws {
        try await Self.withServer { server, f in
            let me = f.secretary, other = f.partner
            let cases: [(String, [(String, String?)], JSONValue)] = [
                ("/api/person", [("name", me.name)], try f.query.profile(of: me.id).json),
                ("/api/coappear", [("name", me.id)], try f.query.coappearance(of: me.id).json),
                (
                    "/api/coappear", [("name", me.id), ("other", other.id)],
                    try f.query.sharedArticles(me.id, other.id).json
                ),
                ("/api/post", [("title", "市委书记")], try f.query.holders(of: "市委书记").json),
                ("/api/path", [("name", me.id), ("other", other.id)], try f.query.path(me.id, other.id).json),
                ("/api/top", [], try f.query.top().json),
            ]
            for (path, params, expected) in cases {
                let reply = try await server.get(path, params)
                #expect(reply.status == 200, "\(path): \(reply.text)")
                #expect(reply.contentType == "application/json; charset=utf-8", "\(path)")
                #expect(reply.text == expected.pretty() + "\n", "\(path) differs from --format json")
                #expect(reply.headers["server-timing"]?.hasPrefix("app;dur=") == true)
            }
            let org = try #require(try f.query.holders(of: "市委书记").holders.first?.post.organizationId)
            let orgReply = try await server.get("/api/org", [("name", org)])
            #expect(orgReply.status == 200)
            #expect(orgReply.text == (try f.query.organization(org).json.pretty()) + "\n")
            // A window narrows the answer as --since does.
            var windowed = f.query
            windowed.filter = GraphFilter(since: "2018")
            let since = try await server.get("/api/person", [("name", me.id), ("since", "2018")])
            #expect(since.text == (try windowed.profile(of: me.id).json.pretty()) + "\n")
            // `articles` caps the list to the latest, while the count and dates cover every one.
            let whole = try f.query.profile(of: me.id)
            #expect(whole.articles.count >= 2)
            let latest = try await server.get("/api/person", [("name", me.id), ("articles", "1")])
            let capped = try latest.json()
            #expect((capped["articles"] as? [[String: Any]])?.count == 1)
            #expect(capped["articles_in_window"] as? Int == whole.articleCount)
            #expect(capped["first"] as? String == whole.firstDate && capped["last"] as? String == whole.lastDate)
            #expect(
                (capped["articles"] as? [[String: Any]])?.first?["headline"] as? String
                    == whole.articles.last?.headline)
            let all = try await server.get("/api/person", [("name", me.id), ("articles", "all")])
            #expect(all.text == whole.json.pretty() + "\n")
            let bad = try await server.get("/api/person", [("name", me.id), ("articles", "0")])
            #expect(bad.status == 400 && bad.text.contains("articles=0"))
        }
    }

    @Test func egoNetworkHoldsThePartnersAndTheEdgesAmongThem() async throws {
        try await Self.withServer { server, f in
            let reply = try await server.get("/api/ego", [("name", f.secretary.id)])
            #expect(reply.status == 200 && reply.contentType.hasPrefix("application/json"))
            let json = try reply.json()
            let nodes = try #require(json["nodes"] as? [[String: Any]])
            let ids = Set(nodes.compactMap { $0["id"] as? String })
            let partners = try f.query.partners(of: f.secretary, limit: 1000).map(\.person.person.id)
            #expect(ids == Set([f.secretary.id] + partners))
            // Every edge of the export's ego network is drawn, with its weight.
            var filter = GraphFilter()
            filter.ego = f.secretary.id
            let snapshot = try f.store.snapshot(filter)
            let edges = try #require(json["edges"] as? [[String: Any]])
            let drawn = Set(edges.map { "\($0["source"]!)|\($0["target"]!)|\($0["shared"]!)" })
            #expect(drawn == Set(snapshot.edges.map { "\($0.source)|\($0.target)|\($0.weight)" }))
            let two = try await server.get("/api/ego", [("name", f.secretary.id), ("depth", "2")])
            let twoNodes = try #require(try two.json()["nodes"] as? [[String: Any]])
            filter.depth = 2
            #expect(twoNodes.count == min(60, try f.store.snapshot(filter).people.count))
        }
    }

    @Test func pagesShowTheData() async throws {
        try await Self.withServer { server, f in
            let me = f.secretary
            let home = try await server.get("/")
            #expect(home.status == 200 && home.contentType == "text/html; charset=utf-8")
            #expect(home.text.contains("name-input") && home.text.contains("/assets/app.js"))
            #expect(home.headers["content-security-policy"]?.contains("script-src 'self'") == true)

            let person = try await server.get("/person", [("name", me.name)])
            #expect(person.status == 200 && person.contentType == "text/html; charset=utf-8")
            let profile = try f.query.profile(of: me.id)
            #expect(person.text.contains("<h1 class=\"person-name\">\(me.name)"))
            for post in profile.posts { #expect(person.text.contains(post.title)) }
            for partner in profile.partners { #expect(person.text.contains(">\(partner.person.person.name)</a>")) }
            #expect(person.text.contains("class=\"timeline\"") && person.text.contains("class=\"network\""))
            #expect(person.text.contains("<mark>\(me.name)</mark>"), "the evidence highlights the name")
            for format in ["graphml", "gexf", "dot", "csv"] { #expect(person.text.contains("format=\(format)")) }

            let succession = try f.query.holders(of: "市委书记")
            let post = try await server.get("/post", [("title", "市委书记")])
            #expect(post.status == 200)
            for h in succession.holders { #expect(post.text.contains(">\(h.person.name)</a>")) }

            let orgId = try #require(succession.holders.first?.post.organizationId)
            let org = try await server.get("/org", [("name", orgId)])
            #expect(org.status == 200 && org.text.contains("<h1>\(orgId)</h1>"))
            for h in try f.query.organization(orgId).holders { #expect(org.text.contains(">\(h.person.name)</a>")) }

            let top = try await server.get("/top")
            #expect(top.status == 200)
            for row in try f.query.top().rows.prefix(5) { #expect(top.text.contains(">\(row.person.person.name)</a>")) }

            let ego = try await server.get("/ego", [("name", me.id), ("depth", "2")])
            #expect(ego.status == 200 && ego.text.contains("id=\"ego-data\""))

            let shared = try f.query.sharedArticles(me.id, f.partner.id)
            let sharedPage = try await server.get("/shared", [("name", me.id), ("other", f.partner.id)])
            #expect(sharedPage.status == 200)
            let first = try #require(shared.articles.first)
            #expect(sharedPage.text.contains(HTML.escape(first.article.headline ?? "")))

            let article = try await server.get(
                "/article",
                [
                    ("source", first.article.source), ("index", String(first.article.position)), ("person", me.id),
                    ("other", f.partner.id),
                ])
            #expect(article.status == 200)
            #expect(
                article.text.contains("<mark>\(me.name)</mark>")
                    && article.text.contains("<mark>\(f.partner.name)</mark>"))

            let script = try await server.get("/assets/app.js")
            #expect(script.status == 200 && script.contentType == "text/javascript; charset=utf-8")
            #expect(
                script.text.contains("function drawNetwork") && !script.text.contains("http://")
                    || script.text.contains("www.w3.org/2000/svg"))
            let style = try await server.get("/assets/app.css")
            #expect(style.status == 200 && style.contentType == "text/css; charset=utf-8")
            #expect(style.text.contains("Noto Sans CJK SC"))
        }
    }

    @Test func forgivingLookupSuggestsAsYouType() async throws {
        try await Self.withServer { server, f in
            let name = f.secretary.name
            let spaced = name.unicodeScalars.map { String($0) }.joined(separator: " ")
            for typed in [String(name.prefix(1)), spaced, name + "一"] {
                let reply = try await server.get("/api/suggest", [("q", typed)])
                #expect(reply.status == 200)
                let people = try #require(try reply.json()["people"] as? [[String: Any]])
                #expect(
                    people.contains { $0["id"] as? String == f.secretary.id },
                    "\(typed) should suggest \(f.secretary.id)")
            }
            // The page of a near miss offers the person.
            let miss = try await server.get("/person", [("name", name + "一")])
            #expect(miss.status == 404 && miss.text.contains(">\(name)</a>"))
        }
    }

    @Test func downloadsAreTheExportersOutput() async throws {
        try await Self.withServer { server, f in
            var filter = GraphFilter()
            filter.ego = f.secretary.id
            let snapshot = try f.store.snapshot(filter)
            for (format, type) in [
                (ExportFormat.gexf, "application/gexf+xml"), (.graphml, "application/graphml+xml"),
                (.dot, "text/vnd.graphviz"), (.json, "application/json"),
            ] {
                let sink = ExportSink.memory()
                try GraphExport(format: format).write(store: f.store, snapshot: snapshot, filter: filter, to: sink)
                try sink.finish()
                let reply = try await server.get(
                    "/api/export", [("format", format.rawValue), ("view", "ego"), ("name", f.secretary.name)])
                #expect(reply.status == 200 && reply.contentType.hasPrefix(type), "\(format): \(reply.contentType)")
                #expect(
                    reply.headers["content-disposition"] == "attachment; filename=\"guanxi-ego.\(format.rawValue)\"")
                #expect(reply.body == Data(sink.bytes), "\(format) differs from guanxi export --ego")
            }
            let nodes = try await server.get(
                "/api/export", [("format", "csv"), ("view", "ego"), ("name", f.secretary.id)])
            #expect(nodes.status == 200 && nodes.contentType.hasPrefix("text/csv"))
            #expect(nodes.text.split(separator: "\n").count == snapshot.people.count + 1)
            let edges = try await server.get(
                "/api/export", [("format", "csv"), ("table", "edges"), ("view", "ego"), ("name", f.secretary.id)])
            #expect(edges.text.split(separator: "\n").count == snapshot.edges.count + 1)
            let holders = try f.query.holders(of: "市委书记").holders
            let post = try await server.get("/api/export", [("format", "csv"), ("view", "post"), ("title", "市委书记")])
            for h in holders { #expect(post.text.contains(h.person.id)) }
        }
    }

    @Test func errorsSayWhatToDo() async throws {
        try await Self.withServer { server, f in
            let unknown = try await server.get("/api/person", [("name", "无此人名")])
            #expect(unknown.status == 404 && unknown.contentType.hasPrefix("application/json"))
            let code = try unknown.json()["error"] as? String
            #expect(code == "unknown person")
            let missing = try await server.get("/api/person")
            let message = try missing.json()["message"] as? String
            #expect(missing.status == 400 && message?.contains("name") == true)
            let depth = try await server.get("/api/ego", [("name", f.secretary.id), ("depth", "3")])
            #expect(depth.status == 400)
            let date = try await server.get("/person", [("name", f.secretary.id), ("since", "yesterday")])
            #expect(date.status == 400 && date.contentType.hasPrefix("text/html"))
            let format = try await server.get("/api/export", [("format", "xlsx")])
            #expect(format.status == 400)
            let nowhere = try await server.get("/admin")
            #expect(nowhere.status == 404)
            for method in ["POST", "PUT", "DELETE"] {
                let write = try await server.get("/api/person", [("name", f.secretary.id)], method: method)
                #expect(write.status == 405 && write.headers["allow"] == "GET, HEAD", "\(method)")
            }
        }
    }
}

/// The server answers while other work holds every thread of the shared
/// cooperative pool (as a full `swift test` does on two cores): its tasks run
/// on threads of its own.
@Suite struct ServeLivenessTests {
    @Test func answersWhileThePoolIsBusy() async throws {
        let server = try await LiveServer.start(try ServeSite(store: try SeedStore.shared))
        defer { server.stop() }
        let url = try #require(URL(string: "http://127.0.0.1:\(server.port)/api/stats"))
        let hold = 8.0, start = Date()
        // Blocks more threads than the pool has, for `hold` seconds.
        let blockers = (0..<(ProcessInfo.processInfo.activeProcessorCount + 2)).map { _ in
            Task.detached { usleep(UInt32(hold * 1_000_000)) }  // blocks its thread, as synchronous work does
        }
        let answered = LockedValue<(Int, TimeInterval)?>(nil)
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: url) { _, response, _ in
            answered.set(((response as? HTTPURLResponse)?.statusCode ?? 0, Date().timeIntervalSince(start)))
            done.signal()
        }.resume()
        // Waits on a thread outside the pool, so as not to hold one more.
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            Thread {
                done.wait(); c.resume()
            }.start()
        }
        for b in blockers { _ = await b.value }
        let (status, after) = try #require(answered.get())
        #expect(status == 200)
        #expect(after < hold - 1, "answered after \(after) s: the server waited for the pool")
    }
}

/// A value shared between threads under a lock.
final class LockedValue<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: T
    init(_ value: T) { self.value = value }
    func set(_ new: T) { lock.withLock { value = new } }
    func get() -> T { lock.withLock { value } }
}
