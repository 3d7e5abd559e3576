import Foundation
import Testing

@testable import Guanxi
@testable import GuanxiServe

/// A store built from a page whose headline and text hold `<script>`, quotes
/// and `&`: every page shows them as text, and the data the scripts draw
/// cannot end its `<script>` element.
@Suite struct ServeEscapingTests {
    static let page = """
        《<script>alert("标题")</script>》 & '引号' 会议召开


        3月1日,市委书记孙明远、市长钱立本出席"<script>alert('正文')</script>"专题会议 & 讲话。孙明远、钱立本强调,要抓好<b>落实</b>。
        """

    @Test func hostileTextShowsAsText() async throws {
        let dir = try TempDir()
        let pages = try dir.directory("2019-03-01")
        try Self.page.write(to: pages.appendingPathComponent("page.txt"), atomically: true, encoding: .utf8)
        let store = try SQLiteGraphStore(path: dir.path("hostile.sqlite"))
        _ = try GraphBuilder(store: store).build(paths: [pages.path])
        let query = GraphQuery(store: store)
        let people = try store.people().filter { $0.kind == .official }
        try #require(people.count >= 2, "the page names two officials: \(people.map(\.name))")
        let a = people[0], b = people[1]
        let shared = try query.sharedArticles(a.id, b.id)
        let article = try #require(shared.articles.first)
        let headline = try #require(article.article.headline)
        #expect(
            headline.contains("<script>") && headline.contains("&"), "the headline keeps the hostile text: \(headline)")

        let server = try await LiveServer.start(try ServeSite(store: store))
        defer { server.stop() }
        let pagesToCheck: [(String, [(String, String?)])] = [
            ("/person", [("name", a.id)]),
            ("/shared", [("name", a.id), ("other", b.id)]),
            (
                "/article",
                [
                    ("source", article.article.source), ("index", String(article.article.position)),
                    ("person", a.id), ("other", b.id),
                ]
            ),
            ("/ego", [("name", a.id)]),
            ("/post", [("title", "市委书记")]),
        ]
        for (path, params) in pagesToCheck {
            let reply = try await server.get(path, params)
            #expect(reply.status == 200, "\(path): \(reply.text.prefix(300))")
            let html = reply.text
            // The only script elements are the app's own and its JSON data.
            let scripts = html.components(separatedBy: "<script").count - 1
            let ours =
                html.components(separatedBy: "<script src=\"/assets/app.js\"").count - 1
                + html.components(separatedBy: "<script type=\"application/json\"").count - 1
            #expect(scripts == ours, "\(path): a <script> from the page got through")
            #expect(!html.contains("<b>落实"), "\(path): markup from the page got through")
            if path != "/ego" && path != "/post" {
                #expect(html.contains("&lt;script&gt;"), "\(path) shows the headline's <script> as text")
                #expect(html.contains("&amp;"), "\(path) shows & as text")
            }
        }
        let article_ = try await server.get(
            "/article",
            [("source", article.article.source), ("index", String(article.article.position)), ("person", a.id)])
        #expect(article_.text.contains("&lt;b&gt;落实&lt;/b&gt;"))
        #expect(article_.text.contains("&quot;&lt;script&gt;alert(&#39;正文&#39;)&lt;/script&gt;&quot;"))
        // The JSON the network reads from the person page has no `<` that could close its element.
        let person = try await server.get("/person", [("name", a.id)]).text
        let start = try #require(person.range(of: "<script type=\"application/json\" id=\"ego-data\">"))
        let data = person[start.upperBound...].prefix { $0 != "<" }
        #expect(try JSONSerialization.jsonObject(with: Data(data.utf8)) is [String: Any])
        // The API gives the text as it is, in JSON.
        let api = try await server.get("/api/coappear", [("name", a.id), ("other", b.id)])
        let articles = try #require(try api.json()["articles"] as? [[String: Any]])
        #expect(articles.first?["headline"] as? String == headline)
    }

    @Test func escapingHelpers() {
        #expect(HTML.escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(HTML.scriptJSON("{\"h\": \"</script><!--&\"}") == "{\"h\": \"\\u003c/script\\u003e\\u003c!--\\u0026\"}")
        #expect(HTML.component("金 政&x=1") == "%E9%87%91%20%E6%94%BF%26x%3D1")
        #expect(GuanxiServer.parseQuery("name=%E9%87%91+%E6%94%BF&x=a%2Bb&name=other") == ["name": "金 政", "x": "a+b"])
        #expect(HTML.highlighted("市委书记金政<b>", terms: ["金政", "市委书记"]) == "<mark>市委书记</mark><mark>金政</mark>&lt;b&gt;")
    }
}
