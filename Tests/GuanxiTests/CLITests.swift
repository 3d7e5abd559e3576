import Foundation
import Testing

/// End-to-end tests of the `guanxi` command-line tool (STYLE guideline 7).
///
/// Each test runs the built executable in its own temporary directory and checks its
/// exit status, standard output and standard error. Inputs are generated at test time;
/// the seed pages are read from `seeds/` at the repository root.
@Suite("guanxi CLI")
struct CLITests {

    // MARK: - extract

    @Test("extract seeds: 12 JSON Lines with the contract's keys, titles and kinds")
    func extractSeeds() throws {
        let sandbox = try TempDir()
        let result = try GuanxiCLI.run(["extract", GuanxiCLI.seeds.path], in: sandbox.url)

        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.isEmpty)
        let articles = try result.jsonLines()
        #expect(articles.count == 12)

        let keys = ["source", "index", "headline", "date", "date_inferred", "people", "organizations"]
        for article in articles {
            for key in keys {
                #expect(article[key] != nil, "article lacks \(key): \(article)")
            }
        }

        let page002 = try #require(
            articles.first {
                ($0["source"] as? String)?.hasSuffix("002_464f650378e7a734.txt") == true
                    && ($0["index"] as? Int) == 0
            })
        let people002 = try #require(page002["people"] as? [[String: Any]])
        let mayor = try #require(people002.first { ($0["name"] as? String) == "张群环" })
        #expect(mayor["titles"] as? [String] == ["市委副书记", "市长"])
        #expect(mayor["kind"] as? String == "official")

        let page001 = articles.filter { ($0["source"] as? String)?.hasSuffix("001_543cd74df5d7101c.txt") == true }
        #expect(page001.count == 3)
        for article in page001 {
            let people = try #require(article["people"] as? [[String: Any]])
            let officials = people.filter { ($0["kind"] as? String) == "official" }.compactMap { $0["name"] }
            #expect(officials.isEmpty, "page 001 names no official, got \(officials)")
        }
    }

    @Test("extract seeds: every span of every person quotes its name from the source file")
    func extractSpansQuoteTheSource() throws {
        let sandbox = try TempDir()
        let result = try GuanxiCLI.run(["extract", GuanxiCLI.seeds.path], in: sandbox.url)
        #expect(result.status == 0, "stderr: \(result.stderr)")

        var sourceScalars: [String: [Unicode.Scalar]] = [:]
        var checked = 0
        for article in try result.jsonLines() {
            let source = try #require(article["source"] as? String)
            if sourceScalars[source] == nil {
                let url = URL(fileURLWithPath: source, relativeTo: sandbox.url)
                let text = try #require(String(data: try Data(contentsOf: url), encoding: .utf8))
                sourceScalars[source] = Array(text.unicodeScalars)
            }
            let scalars = try #require(sourceScalars[source])
            for person in try #require(article["people"] as? [[String: Any]]) {
                let name = try #require(person["name"] as? String)
                let spans = try #require(person["spans"] as? [[Int]])
                #expect(!spans.isEmpty, "\(name) in \(source) has no span")
                for span in spans {
                    try #require(
                        span.count == 2 && 0 <= span[0] && span[0] < span[1] && span[1] <= scalars.count,
                        "bad span \(span) for \(name) in \(source)")
                    var quoted = String.UnicodeScalarView()
                    quoted.append(contentsOf: scalars[span[0]..<span[1]].filter { !$0.properties.isWhitespace })
                    let text = String(quoted)
                    #expect(
                        !text.isEmpty && (text == name || name.hasPrefix(text)),
                        "span \(span) of \(name) in \(source) quotes \(text)")
                    checked += 1
                }
            }
        }
        #expect(checked > 50)
    }

    // MARK: - articles

    @Test("articles seeds: text and JSON formats")
    func articlesSeeds() throws {
        let sandbox = try TempDir()

        let text = try GuanxiCLI.run(["articles", GuanxiCLI.seeds.path, "--format", "text"], in: sandbox.url)
        #expect(text.status == 0, "stderr: \(text.stderr)")
        #expect(text.stderr.isEmpty)
        #expect(text.stdout.contains("headline: 牡丹盛开"))
        #expect(text.stdout.contains("byline:   记者 林群心 摄"))

        let json = try GuanxiCLI.run(["articles", GuanxiCLI.seeds.path], in: sandbox.url)
        #expect(json.status == 0, "stderr: \(json.stderr)")
        let items = try json.jsonLines()
        #expect(items.count == 12)
        let page000 = items.filter { ($0["source"] as? String)?.hasSuffix("000_079fb6277d6555bd.txt") == true }
        #expect(page000.compactMap { $0["kind"] as? String } == ["story", "photo", "story"])
        #expect(page000.compactMap { $0["index"] as? Int } == [0, 1, 2])
        #expect(page000.dropFirst().first?["headline"] as? String == "牡丹盛开")
        #expect(items.allSatisfy { $0["encoding"] as? String == "UTF-8" })
    }

    // MARK: - bad input

    /// `昨日，市委副书记、市长李明华在会上指出，要加强安全生产。\n` in GB18030
    /// (`iconv -f UTF-8 -t GB18030`).
    static let gb18030Sentence = "昨日，市委副书记、市长李明华在会上指出，要加强安全生产。"
    static let gb18030Bytes: [UInt8] = [
        0xd7, 0xf2, 0xc8, 0xd5, 0xa3, 0xac, 0xca, 0xd0, 0xce, 0xaf, 0xb8, 0xb1, 0xca, 0xe9, 0xbc, 0xc7,
        0xa1, 0xa2, 0xca, 0xd0, 0xb3, 0xa4, 0xc0, 0xee, 0xc3, 0xf7, 0xbb, 0xaa, 0xd4, 0xda, 0xbb, 0xe1,
        0xc9, 0xcf, 0xd6, 0xb8, 0xb3, 0xf6, 0xa3, 0xac, 0xd2, 0xaa, 0xbc, 0xd3, 0xc7, 0xbf, 0xb0, 0xb2,
        0xc8, 0xab, 0xc9, 0xfa, 0xb2, 0xfa, 0xa1, 0xa3, 0x0a,
    ]
    static let goodSentence = "本报讯 市委书记王建新在会上强调，要抓好落实。"

    /// A directory with four bad files and two good ones (UTF-8 and GB18030).
    static func makeMixedDirectory(in sandbox: TempDir) throws -> URL {
        let dir = try sandbox.directory("pages")
        try sandbox.write(Data(), to: "pages/a.txt")
        try sandbox.write(Data((0...255).map { UInt8($0) }), to: "pages/b.txt")
        // Invalid UTF-8 and invalid GB18030 (0x80 and 0xFF are no GB18030 lead bytes).
        try sandbox.write(
            Data(Array(repeating: [0x80, 0x80, 0xFF, 0xFE, 0xFD] as [UInt8], count: 20).joined()),
            to: "pages/c.txt")
        try sandbox.write(Data("<html><body><script>x</script></body></html>".utf8), to: "pages/d.html")
        try sandbox.write(Data((goodSentence + "\n").utf8), to: "pages/e.txt")
        try sandbox.write(Data(gb18030Bytes), to: "pages/f.txt")
        return dir
    }

    /// Checks that stderr names each bad file once, on one line, with its reason.
    static func expectSkipReport(_ result: GuanxiCLI.Result) {
        let lines = result.stderr.split(separator: "\n").map(String.init)
        let reasons = ["a.txt": "empty", "b.txt": "binary", "c.txt": "undecodable", "d.html": "no article"]
        for (file, reason) in reasons {
            let naming = lines.filter { $0.contains("/" + file) }
            #expect(naming.count == 1, "stderr should name \(file) once: \(result.stderr)")
            #expect(naming.first?.contains(reason) == true, "\(file) should be reported as \(reason): \(naming)")
        }
        #expect(!result.stderr.contains("e.txt") && !result.stderr.contains("f.txt"), "\(result.stderr)")
        #expect(lines.contains { $0.contains("4 file(s) skipped") }, "\(result.stderr)")
        #expect(lines.count == 5, "one line per bad file plus a summary: \(result.stderr)")
    }

    @Test("articles on a directory with bad files: skips each with a reason, reads the rest, exit 1")
    func articlesSkipsBadFiles() throws {
        let sandbox = try TempDir()
        let dir = try Self.makeMixedDirectory(in: sandbox)
        let result = try GuanxiCLI.run(["articles", dir.path], in: sandbox.url)

        #expect(result.status == 1)
        Self.expectSkipReport(result)
        let items = try result.jsonLines()
        #expect(items.count == 2)
        let bySource = Dictionary(
            items.map { (URL(fileURLWithPath: $0["source"] as? String ?? "").lastPathComponent, $0) },
            uniquingKeysWith: { first, _ in first })
        #expect(bySource["e.txt"]?["encoding"] as? String == "UTF-8")
        #expect(bySource["e.txt"]?["text"] as? String == "本报讯市委书记王建新在会上强调，要抓好落实。")
        #expect(bySource["f.txt"]?["encoding"] as? String == "GB18030")
        #expect(bySource["f.txt"]?["text"] as? String == Self.gb18030Sentence)
    }

    @Test("extract on a directory with bad files: skips each with a reason, extracts the rest, exit 1")
    func extractSkipsBadFiles() throws {
        let sandbox = try TempDir()
        let dir = try Self.makeMixedDirectory(in: sandbox)
        let result = try GuanxiCLI.run(["extract", dir.path], in: sandbox.url)

        #expect(result.status == 1)
        Self.expectSkipReport(result)
        let articles = try result.jsonLines()
        #expect(articles.count == 2)
        func person(in file: String) -> [String: Any]? {
            let article = articles.first { ($0["source"] as? String)?.hasSuffix("/" + file) == true }
            return (article?["people"] as? [[String: Any]])?.first
        }
        let wang = try #require(person(in: "e.txt"))
        #expect(wang["name"] as? String == "王建新")
        #expect(wang["titles"] as? [String] == ["市委书记"])
        #expect(wang["kind"] as? String == "official")
        #expect(wang["spans"] as? [[Int]] == [[8, 11]])
        // Spans into the GB18030 file count scalars of its decoded text.
        let li = try #require(person(in: "f.txt"))
        #expect(li["name"] as? String == "李明华")
        #expect(li["titles"] as? [String] == ["市委副书记", "市长"])
        #expect(li["spans"] as? [[Int]] == [[11, 14]])
    }

    @Test("a file starting like a UTF-16LE BOM but holding garbage is refused, not dropped silently")
    func garbageAfterUTF16BOMIsReported() throws {
        let sandbox = try TempDir()
        // FF FE FD 80 80 …: invalid UTF-8 and GB18030; read as UTF-16LE it is mojibake
        // (能ﾀ﷾肀 U+FEFF …) that yields no article.
        try sandbox.write(
            Data(Array(repeating: [0xFF, 0xFE, 0xFD, 0x80, 0x80] as [UInt8], count: 20).joined()),
            to: "c.txt")
        let result = try GuanxiCLI.run(["articles", "c.txt"], in: sandbox.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("c.txt: undecodable"))
        #expect(result.stdout.isEmpty)
    }

    @Test("a text page holding only a headline-like line is read as one story, not dropped")
    func textPageWithOnlyAHeadlineIsKept() throws {
        let sandbox = try TempDir()
        try sandbox.write(Data("市委书记王建新在会上强调\n".utf8), to: "h.txt")
        let result = try GuanxiCLI.run(["articles", "h.txt"], in: sandbox.url)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let items = try result.jsonLines()
        #expect(items.count == 1)
        #expect(items.first?["text"] as? String == "市委书记王建新在会上强调")
        let extracted = try GuanxiCLI.run(["extract", "h.txt", "--home", "永康市"], in: sandbox.url)
        let people = try #require(extracted.jsonLines().first?["people"] as? [[String: Any]])
        #expect(people.map { $0["name"] as? String } == ["王建新"])
    }

    @Test("a run of titles after a preposition keeps every title")
    func titleRunAfterPreposition() throws {
        let sandbox = try TempDir()
        try sandbox.write(Data("会议由市委副书记、市长李明华主持。\n".utf8), to: "p.txt")
        let result = try GuanxiCLI.run(["extract", "p.txt"], in: sandbox.url)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let people = try #require(result.jsonLines().first?["people"] as? [[String: Any]])
        let li = try #require(people.first { $0["name"] as? String == "李明华" })
        #expect(li["spans"] as? [[Int]] == [[11, 14]])
        #expect(li["titles"] as? [String] == ["市委副书记", "市长"])
    }

    @Test("--max-file-size 1 skips a 2 MB file, names the limit, reads the rest, exit 1")
    func maxFileSize() throws {
        let sandbox = try TempDir()
        let dir = try sandbox.directory("pages")
        try sandbox.write(Data(repeating: UInt8(ascii: "a"), count: 2 * 1024 * 1024), to: "pages/big.txt")
        try sandbox.write(Data((Self.goodSentence + "\n").utf8), to: "pages/ok.txt")

        for command in ["articles", "extract"] {
            let result = try GuanxiCLI.run([command, dir.path, "--max-file-size", "1"], in: sandbox.url)
            #expect(result.status == 1, "\(command)")
            let line = result.stderr.split(separator: "\n").first { $0.contains("big.txt") }
            #expect(line?.contains("too large") == true, "\(command): \(result.stderr)")
            #expect(line?.contains("1 MB limit") == true, "\(command): \(result.stderr)")
            #expect(line?.contains("--max-file-size") == true, "\(command): \(result.stderr)")
            let items = try result.jsonLines()
            #expect(items.count == 1, "\(command)")
            #expect((items.first?["source"] as? String)?.hasSuffix("ok.txt") == true, "\(command)")
        }
    }

    // MARK: - build, stats, explain

    @Test("build, stats, explain on the seeds; a second build changes nothing")
    func buildStatsExplain() throws {
        let sandbox = try TempDir()
        let store = sandbox.url.appendingPathComponent("S.sqlite").path

        let build = try GuanxiCLI.run(["build", GuanxiCLI.seeds.path, "--store", store], in: sandbox.url)
        #expect(build.status == 0, "stderr: \(build.stderr)")
        #expect(build.stdout.contains("files: 5 (5 added, 0 replaced, 0 unchanged, 0 skipped)"), "\(build.stdout)")
        #expect(build.stdout.contains("documents: 5"), "\(build.stdout)")
        #expect(build.stdout.contains("articles: 12"), "\(build.stdout)")
        #expect(FileManager.default.fileExists(atPath: store))

        let stats = try GuanxiCLI.run(["stats", "--store", store], in: sandbox.url)
        #expect(stats.status == 0, "stderr: \(stats.stderr)")
        let statLines = Set(stats.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        #expect(
            statLines.isSuperset(of: ["documents: 5", "articles: 12", "person: 0", "last build: finished"]),
            "\(stats.stdout)")

        let explain = try GuanxiCLI.run(["explain", "金政", "--store", store], in: sandbox.url)
        #expect(explain.status == 0, "stderr: \(explain.stderr)")
        #expect(explain.stdout.contains("金政@永康市"))
        #expect(explain.stdout.contains("市委书记"))
        #expect(explain.stdout.contains("2017"))
        #expect(explain.stdout.contains("2018"))
        #expect(explain.stdout.contains("3 articles"))

        let again = try GuanxiCLI.run(["build", GuanxiCLI.seeds.path, "--store", store], in: sandbox.url)
        #expect(again.status == 0, "stderr: \(again.stderr)")
        #expect(again.stdout.contains("files: 5 (0 added, 0 replaced, 5 unchanged, 0 skipped)"), "\(again.stdout)")
        #expect(again.stdout.contains("documents: 5"), "\(again.stdout)")

        let nobody = try GuanxiCLI.run(["explain", "无此人", "--store", store], in: sandbox.url)
        #expect(nobody.status != 0)
        #expect(nobody.stderr.contains("无此人"))
    }

    @Test("a file that is not SQLite given as --store is refused and left untouched")
    func notADatabaseStore() throws {
        let sandbox = try TempDir()
        try sandbox.write(Data("hello\n".utf8), to: "notes.sqlite")
        let store = sandbox.url.appendingPathComponent("notes.sqlite")

        let commands: [[String]] = [
            ["build", GuanxiCLI.seeds.path, "--store", store.path],
            ["stats", "--store", store.path],
            ["explain", "金政", "--store", store.path],
        ]
        for arguments in commands {
            let result = try GuanxiCLI.run(arguments, in: sandbox.url)
            #expect(result.status != 0, "\(arguments[0])")
            #expect(result.status != 1, "\(arguments[0]): 1 means some files skipped, not an error")
            #expect(result.stderr.contains("notes.sqlite"), "\(arguments[0]): \(result.stderr)")
            #expect(result.stderr.contains("not a database"), "\(arguments[0]): \(result.stderr)")
            #expect(try Data(contentsOf: store) == Data("hello\n".utf8), "\(arguments[0]) changed the file")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: sandbox.url.path)
            .filter { $0 != "notes.sqlite" }
        #expect(leftovers.isEmpty, "journal or other files left behind: \(leftovers)")
    }

    @Test("stats on a missing store says how to build one")
    func missingStore() throws {
        let sandbox = try TempDir()
        let result = try GuanxiCLI.run(["stats", "--store", "nothere.sqlite"], in: sandbox.url)
        #expect(result.status != 0)
        #expect(result.stderr.contains("nothere.sqlite"))
        #expect(result.stderr.contains("guanxi build"))
        #expect(!FileManager.default.fileExists(atPath: sandbox.url.appendingPathComponent("nothere.sqlite").path))
    }

    // MARK: - usage errors

    @Test("a missing path is reported as not found, exit 1")
    func missingPath() throws {
        let sandbox = try TempDir()
        let result = try GuanxiCLI.run(["extract", "no/such/page.txt"], in: sandbox.url)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("no/such/page.txt: not found"), "\(result.stderr)")
    }

    @Test("an unknown subcommand prints usage and fails")
    func unknownSubcommand() throws {
        let sandbox = try TempDir()
        let result = try GuanxiCLI.run(["bogus"], in: sandbox.url)
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("bogus"))
        #expect(result.stderr.contains("Usage: guanxi <subcommand>"))
    }
}
