import Foundation
import Testing

@testable import Guanxi
@testable import GuanxiServe

/// The end-to-end test: headless Chromium (Debian's, which scripts/install-deps
/// installs) driven by `scripts/browser-check` over the DevTools protocol
/// opens the person page of the seeds' 市委书记 of 2017, checks that the
/// timeline and the network are drawn with no console error, clicks an edge,
/// follows the first shared article, and saves screenshots (into
/// `$GUANXI_SCREENSHOTS` when set, as docs/ was made).
@Suite struct ServeBrowserTests {
    static let browser = ["chromium", "chromium-headless-shell", "chromium-browser", "google-chrome"]
        .lazy.compactMap { ProcessRunner.which($0) }.first

    @Test(
        .enabled(
            if: browser != nil, "no chromium on PATH; scripts/install-deps installs Debian's chromium (CI runs it)"))
    func personPageInChromium() async throws {
        let store = try SeedStore.shared
        let query = GraphQuery(store: store)
        let secretary = try #require(
            try query.holders(of: "市委书记").holders.first { $0.post.firstDate?.hasPrefix("2017") == true }?.person)
        let profile = try query.profile(of: secretary.id)
        let ego = try EgoNetwork(query: query, center: secretary, depth: 1, limit: 40)

        let server = try await LiveServer.start(try ServeSite(store: store))
        defer { server.stop() }
        let dir = try TempDir()
        let out = ProcessInfo.processInfo.environment["GUANXI_SCREENSHOTS"] ?? dir.path("shots")
        let script = SeedStore.root.appendingPathComponent("scripts/browser-check")
        let run = try await Task.detached {
            try ProcessRunner.run(script, ["http://127.0.0.1:\(server.port)", secretary.id, out], timeout: 180)
        }.value
        #expect(run.status == 0, "\(run.stderr)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout)")

        let person = try #require(report["person"] as? [String: Any])
        #expect(person["rendered"] as? String == "timeline network")
        #expect(person["jsError"] is NSNull)
        #expect(person["bars"] as? Int == profile.posts.count)
        #expect(person["barLabels"] as? [String] == profile.posts.map(\.title))
        #expect(Set(person["nodes"] as? [String] ?? []) == Set(ego.nodes.map(\.person.id)))
        #expect(person["edges"] as? Int == ego.edges.count)
        #expect((person["font"] as? String)?.contains("Noto Sans CJK SC") == true)
        #expect(report["consoleErrors"] as? [String] == [], "\(report["consoleErrors"] ?? "")")

        // The edge clicked lists the shared articles with the sentence naming both.
        let clicked = try #require(report["clicked"] as? [String: Any])
        let pair = try #require(clicked["pair"] as? [String])
        let shared = try query.sharedArticles(pair[0], pair[1])
        let panel = try #require(report["panel"] as? [String: Any])
        #expect((panel["links"] as? [String])?.count == shared.articles.count)
        #expect(panel["sentences"] as? [String] == shared.articles.reversed().compactMap(\.sentence))
        // The first of them, followed, is the article, with both names highlighted.
        let article = try #require(report["article"] as? [String: Any])
        let latest = try #require(shared.articles.last)
        #expect(article["headline"] as? String == latest.article.headline)
        let names = try store.people(idsOrNames: pair).map(\.name)
        let marks = Set(article["marks"] as? [String] ?? [])
        for name in names { #expect(marks.contains(name), "\(name) is highlighted") }

        let egoReport = try #require(report["ego"] as? [String: Any])
        #expect(egoReport["rendered"] as? String == "network")
        #expect((egoReport["nodes"] as? Int ?? 0) >= ego.nodes.count)
        #expect((report["suggestions"] as? [String])?.contains { $0.contains("person?name=") } == true)

        let shots = report["screenshots"] as? [String] ?? []
        #expect(shots.count == 4)
        for shot in shots {
            let png = try Data(contentsOf: URL(fileURLWithPath: shot))
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 10_000, "\(shot)")
        }
    }
}
