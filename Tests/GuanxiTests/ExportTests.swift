import Foundation
import GRDB
import Testing

@testable import Guanxi

/// The exporters on the seed store: golden files, schema validity, Graphviz
/// and NetworkX reading what we write (issue 6).
@Suite(.serialized) struct ExportTests {
    typealias F = ExportFixtures

    @Test(arguments: [
        (ExportFormat.graphml, ExportGraphKind.coappear), (.gexf, .coappear), (.dot, .coappear), (.json, .coappear),
        (.ttl, .coappear), (.graphml, .affiliation), (.gexf, .affiliation), (.graphml, .full), (.gexf, .full),
        (.ttl, .full), (.json, .full), (.dot, .full),
    ])
    func seedExportMatchesItsSnapshot(format: ExportFormat, kind: ExportGraphKind) throws {
        let text = try F.seedExport(GraphExport(format: format, kind: kind))
        try F.assertSnapshot(text, named: "seeds-\(kind.rawValue).\(format.fileExtension)")
        // Same store, same bytes.
        #expect(try F.seedExport(GraphExport(format: format, kind: kind)) == text)
    }

    @Test func seedCSVMatchesItsSnapshotsInBothHeaderStyles() throws {
        let store = try F.seedStore.get()
        let dir = try TempDir()
        defer { dir.cleanUp() }
        for style in CSVHeaderStyle.allCases {
            let files = try GraphExport(format: .csv, options: ExportOptions(csvHeader: style))
                .run(store: store, filter: GraphFilter(), output: dir.path(style.rawValue) + "/")
            #expect(files.map { ($0 as NSString).lastPathComponent } == ["nodes.csv", "edges.csv"])
            for file in files {
                try F.assertSnapshot(
                    try String(contentsOfFile: file, encoding: .utf8),
                    named: "seeds-\(style.rawValue)-\((file as NSString).lastPathComponent)")
            }
        }
        let nodes = try String(contentsOfFile: dir.path("neo4j/nodes.csv"), encoding: .utf8)
        #expect(nodes.hasPrefix("id:ID,label,:LABEL,"))
        #expect(nodes.split(separator: "\n").first?.hasSuffix("article_count:int") == true)
        let edges = try String(contentsOfFile: dir.path("neo4j/edges.csv"), encoding: .utf8)
        #expect(edges.hasPrefix(":START_ID,:END_ID,:TYPE,weight:int"))
        #expect(throws: ExportError.self) { try GraphExport.csvPaths(nil) }
        #expect(try GraphExport.csvPaths("out/seeds") == ("out/seeds-nodes.csv", "out/seeds-edges.csv"))
    }

    @Test(arguments: ExportGraphKind.allCases)
    func graphMLAndGEXFAreValidAgainstTheirSchemas(kind: ExportGraphKind) throws {
        let validator = SchemaValidator(schemaDirectory: F.schemas)
        for format in [ExportFormat.graphml, .gexf] {
            let text = try F.seedExport(GraphExport(format: format, kind: kind))
            let path = try F.temporaryFile("seeds.\(format.rawValue)", text)
            #expect(try validator.validate(path: path) == format)
        }
    }

    @Test func validatorReportsProblemsWithLines() throws {
        let validator = SchemaValidator(schemaDirectory: F.schemas)
        let text = try F.seedExport(GraphExport(format: .graphml))
        let broken = text.replacingOccurrences(of: "attr.type=\"int\"", with: "attr.type=\"integer\"")
        let path = try F.temporaryFile("broken.graphml", broken)
        let error = try #require(throws: ExportError.self) { try validator.validate(path: path) }
        #expect(error.code == .invalid)
        #expect(error.problems.contains { $0.message.contains("integer") && $0.line > 0 })
        let gexf = try F.seedExport(GraphExport(format: .gexf))
            .replacingOccurrences(
                of: "<gexf ",
                with:
                    "<gexf xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" "
            )
        let gexfPath = try F.temporaryFile("located.gexf", gexf)
        #expect(throws: ExportError.self) { try validator.validate(path: gexfPath) }
        let missing = try #require(throws: ExportError.self) {
            try SchemaValidator(schemaDirectory: "/nonexistent").validate(path: "/nonexistent/x.graphml")
        }
        #expect(missing.code == .unreadable)
    }

    @Test(
        .enabled(
            if: ExportFixtures.hasGraphviz, "graphviz (dot, sfdp) is not installed; scripts/install-deps installs it"))
    func dotRendersWithoutWarnings() throws {
        for (kind, cluster) in [(ExportGraphKind.coappear, false), (.coappear, true), (.full, true)] {
            let text = try F.seedExport(
                GraphExport(format: .dot, kind: kind, options: ExportOptions(clusterByInstitution: cluster)))
            for engine in ["dot", "sfdp", "neato"] {
                let result = try #require(try F.run(engine, ["-Tsvg"], stdin: text))
                #expect(result.status == 0, "\(engine) \(kind) failed: \(result.err)")
                #expect(result.err.isEmpty, "\(engine) \(kind) warned: \(result.err)")
                #expect(result.out.contains(">金政<"))
                #expect(result.out.contains("Noto Sans CJK SC"))
                if engine == "dot" && cluster { #expect(result.out.contains("class=\"cluster\"")) }
            }
        }
    }

    @Test(.enabled(if: ExportFixtures.hasNetworkX, "python3 with networkx is not installed"))
    func networkXReadsTheGraphMLWithoutWarnings() throws {
        let store = try F.seedStore.get()
        let snapshot = try store.snapshot(GraphFilter())
        let path = try F.temporaryFile("seeds.graphml", try F.seedExport(GraphExport(format: .graphml)))
        let script = """
            import sys, warnings, networkx as nx
            warnings.simplefilter("error")
            G = nx.read_graphml(sys.argv[1])
            assert type(G) is nx.Graph, type(G)
            w = sorted((min(u, v), max(u, v), d["weight"]) for u, v, d in G.edges(data=True))
            assert all(isinstance(x[2], int) for x in w)
            print(G.number_of_nodes(), G.number_of_edges(), sum(x[2] for x in w))
            print(G.nodes["person:金政_40_永康市"]["label"], G.nodes["person:金政_40_永康市"]["article_count"])
            """
        let result = try #require(try F.run("python3", ["-c", script, path]))
        #expect(result.status == 0, "\(result.err)")
        #expect(result.err.isEmpty, "\(result.err)")
        let lines = result.out.split(separator: "\n")
        #expect(
            lines.first
                == "\(snapshot.people.count) \(snapshot.edges.count) \(snapshot.edges.map(\.weight).reduce(0, +))")
        let jin = try #require(snapshot.people.first { $0.name == "金政" })
        #expect(lines.last == "金政 \(jin.articleCount)")
    }

    @Test func gexfHasFullDateSpellsAndVizByKindAndDegree() throws {
        let text = try F.seedExport(GraphExport(format: .gexf))
        #expect(text.contains("mode=\"dynamic\""))
        #expect(text.contains("timeformat=\"date\""))
        // 金政 is seen 2017 … 2018: first day of 2017 to last day of 2018.
        #expect(text.contains("label=\"金政\" start=\"2017-01-01\" end=\"2018-12-31\""))
        #expect(!text.contains("start=\"2018\""))
        #expect(text.contains("<viz:color r=\"214\" g=\"39\" b=\"40\"/>"))
        #expect(text.contains("<viz:size value="))
        #expect(!text.contains("schemaLocation"))
    }

    @Test func partialDatesBecomeFullDaySpans() {
        #expect(DateSpan(partial: "2018") == DateSpan(start: "2018-01-01", end: "2018-12-31"))
        #expect(DateSpan(partial: "2016-02") == DateSpan(start: "2016-02-01", end: "2016-02-29"))
        #expect(DateSpan(partial: "1900-02")?.end == "1900-02-28")
        #expect(DateSpan(partial: "2018-03-29") == DateSpan(start: "2018-03-29", end: "2018-03-29"))
        #expect(
            DateSpan(partial: "2018-13") == nil && DateSpan(partial: "18") == nil
                && DateSpan(partial: "2018-02-30") == nil)
        #expect(DateSpan(first: "2019", last: "2018") == nil)
        #expect(DateSpan(first: nil, last: "2018-04")?.start == "2018-04-01")
        let merged = DateSpan.merged([
            DateSpan(partial: "2018-03-29")!, DateSpan(partial: "2018")!, DateSpan(partial: "2020-01")!,
            DateSpan(partial: "2019")!,
        ])
        #expect(merged == [DateSpan(start: "2018-01-01", end: "2020-01-31")])
    }

    @Test(arguments: [GraphFilter(), GraphFilter(since: "2018", until: "2018-06")])
    func edgeSpellsFromTheStoreMergeTheDatesOfEverySharedArticle(filter: GraphFilter) throws {
        let store = try F.seedStore.get()
        let snapshot = try store.snapshot(filter)
        let evidence = try store.exportEvidence(for: snapshot, filter: filter)
        let (window, arguments) = SQLiteGraphStore.window(filter)
        var dated = 0
        for edge in snapshot.edges {
            // Every shared article's date, one by one, as exports read them before.
            let dates = try store.read { db in
                try String?.fetchAll(
                    db,
                    sql: """
                        SELECT a.date FROM coappearanceArticle ca JOIN article a ON a.id = ca.articleId
                        WHERE ca.personA = ? AND ca.personB = ? AND \(window) ORDER BY ca.articleId
                        """, arguments: StatementArguments([edge.source, edge.target] + arguments))
            }
            let expected = DateSpan.merged(dates.compactMap { $0.flatMap(DateSpan.init(partial:)) })
            let spells = evidence.edgeSpells[ExportEvidence.Pair(source: edge.source, target: edge.target)] ?? []
            #expect(spells == expected, "\(edge.source) – \(edge.target)")
            if !expected.isEmpty { dated += 1 }
        }
        #expect(dated > 0)
    }

    @Test func filtersAndIdsAreStable() throws {
        let ego = try F.seedExport(GraphExport(format: .json), filter: GraphFilter(ego: "金政@永康市", depth: 1))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(ego.utf8)) as? [String: Any])
        let nodes = try #require(object["nodes"] as? [[String: Any]])
        #expect(nodes.count == 7)
        #expect(nodes.contains { $0["id"] as? String == "person:金政_40_永康市" && $0["store_id"] as? String == "金政@永康市" })
        // An unrelated person does not change anyone else's ids.
        var bigger = F.awkward
        bigger.people.insert(
            GraphSnapshot.Person(
                id: "AAA@x", name: "AAA", kind: .official, jurisdiction: nil, rank: nil, mainPost: nil,
                articleCount: 1, firstDate: nil, lastDate: nil), at: 0)
        func dotIds(_ s: GraphSnapshot) throws -> Set<Substring> {
            let sink = ExportSink.memory()
            try DOTExporter().write(ExportGraph(snapshot: s, kind: .coappear), to: sink)
            return Set(
                sink.text.split(separator: "\n").filter { $0.contains("[label=") }.map { $0.split(separator: " ")[0] })
        }
        #expect(try dotIds(F.awkward).isSubset(of: try dotIds(bigger)))
        #expect(ExportGraph.id(.person, "张三@永康市#2") == "person:张三_40_永康市_23_2")
    }

    @Test func cliExportsValidatesAndExplainsMistakes() throws {
        let sandbox = try TempDir()
        let store = sandbox.url.appendingPathComponent("s.sqlite").path
        _ = try GuanxiCLI.run(["build", GuanxiCLI.seeds.path, "--store", store], in: sandbox.url)
        let graphml = try GuanxiCLI.run(
            ["export", "--format", "graphml", "--store", store, "-o", "g.graphml"], in: sandbox.url)
        #expect(graphml.status == 0, "\(graphml.stderr)")
        let valid = try GuanxiCLI.run(
            ["export", "--validate", "g.graphml", "--schema-dir", F.schemas], in: sandbox.url)
        #expect(valid.status == 0 && valid.stderr.contains("valid graphml"), "\(valid.stderr)")
        let csv = try GuanxiCLI.run(["export", "--format", "csv", "--store", store], in: sandbox.url)
        #expect(csv.status == 1 && csv.stderr.contains("-o DIR"))
        let ego = try GuanxiCLI.run(["export", "--format", "dot", "--store", store, "--ego", "金正"], in: sandbox.url)
        #expect(ego.status == 1 && ego.stderr.contains("did you mean 金政"), "\(ego.stderr)")
        let ttl = try GuanxiCLI.run(["export", "--format", "ttl", "--store", store, "--ego", "金 政"], in: sandbox.url)
        #expect(ttl.status == 0 && ttl.stdout.contains("foaf:name \"金政\"@zh"))
    }

    @Test(.enabled(if: ExportFixtures.which("rapper") != nil, "rapper (raptor2-utils) is not installed"))
    func turtleParses() throws {
        for kind in ExportGraphKind.allCases {
            let path = try F.temporaryFile("seeds.ttl", try F.seedExport(GraphExport(format: .ttl, kind: kind)))
            let result = try #require(try F.run("rapper", ["-i", "turtle", "-c", path]))
            #expect(result.status == 0, "\(result.err)")
        }
    }
}
