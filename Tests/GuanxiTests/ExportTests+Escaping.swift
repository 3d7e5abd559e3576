import Foundation
import Testing

@testable import Guanxi

/// Names with `&`, `<`, `"`, `\`, `,` and a newline survive every format
/// (issue 6): a hand-made snapshot, read back by the tools that consume it.
@Suite struct ExportEscapingTests {
    typealias F = ExportFixtures

    @Test(arguments: [ExportFormat.graphml, .gexf, .dot, .json, .ttl])
    func awkwardNamesMatchTheirSnapshot(format: ExportFormat) throws {
        try F.assertSnapshot(
            try F.awkwardExport(format, kind: format == .ttl ? .full : .coappear),
            named: "escapes.\(format.fileExtension)")
    }

    @Test func awkwardGraphMLAndGEXFAreValid() throws {
        let validator = SchemaValidator(schemaDirectory: F.schemas)
        for kind in ExportGraphKind.allCases {
            for format in [ExportFormat.graphml, .gexf] {
                let path = try F.temporaryFile("escapes.\(format.rawValue)", try F.awkwardExport(format, kind: kind))
                #expect(try validator.validate(path: path) == format)
            }
        }
    }

    @Test(.enabled(if: ExportFixtures.hasNetworkX, "python3 with networkx is not installed"))
    func networkXReadsAwkwardLabelsBack() throws {
        let path = try F.temporaryFile("escapes.graphml", try F.awkwardExport(.graphml))
        let json = try F.temporaryFile("escapes.json", try F.awkwardExport(.json))
        let script = """
            import sys, json, warnings, networkx as nx
            warnings.simplefilter("error")
            G = nx.read_graphml(sys.argv[1])
            with open(sys.argv[2], encoding="utf-8") as f:
                J = nx.node_link_graph(json.load(f), edges="links")
            for H in (G, J):
                print(json.dumps(sorted(d["label"] for _, d in H.nodes(data=True)), ensure_ascii=False))
                print(json.dumps(sorted(d["store_id"] for _, d in H.nodes(data=True)), ensure_ascii=False))
            """
        let result = try #require(try F.run("python3", ["-c", script, path, json]))
        #expect(result.status == 0 && result.err.isEmpty, "\(result.err)")
        let labels = try JSONSerialization.data(withJSONObject: F.awkward.people.map(\.name).sorted())
        let ids = try JSONSerialization.data(withJSONObject: F.awkward.people.map(\.id).sorted())
        let decode = { (line: Substring) in try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String] }
        let lines = result.out.split(separator: "\n")
        #expect(lines.count == 4)
        for (i, line) in lines.enumerated() {
            let expected = try JSONSerialization.jsonObject(with: i % 2 == 0 ? labels : ids) as? [String]
            #expect(try decode(line) == expected)
        }
    }

    @Test(.enabled(if: ExportFixtures.hasGraphviz, "graphviz is not installed; scripts/install-deps installs it"))
    func graphvizShowsAwkwardLabelsVerbatim() throws {
        let text = try F.awkwardExport(.dot)
        #expect(text.contains("label=\"back\\\\slash \\\"q\\\"\""))
        let result = try #require(try F.run("dot", ["-Tsvg"], stdin: text))
        #expect(result.status == 0 && result.err.isEmpty, "\(result.err)")
        #expect(result.out.contains(">A&amp;B &lt;C&gt;<"))
        #expect(result.out.contains(">back\\slash &quot;q&quot;<") || result.out.contains(">back\\slash \"q\"<"))
        #expect(result.out.contains(">x,y<") && result.out.contains(">z<"))
    }

    @Test func csvQuotesWhatNeedsQuoting() throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        try GraphExport(format: .csv).write(snapshot: F.awkward, evidence: .none, output: dir.path("x"))
        let nodes = try String(contentsOfFile: dir.path("x-nodes.csv"), encoding: .utf8)
        #expect(nodes.contains("\"back\\slash \"\"q\"\"\""))
        #expect(nodes.contains("\"x,y\nz\""))
        #expect(nodes.contains(",\"\"\"书记\"\"\","))
    }

    @Test func jsonParsesBack() throws {
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(F.awkwardExport(.json).utf8)) as? [String: Any])
        let nodes = try #require(object["nodes"] as? [[String: Any]])
        #expect(Set(nodes.compactMap { $0["label"] as? String }) == Set(F.awkward.people.map(\.name)))
        let links = try #require(object["links"] as? [[String: Any]])
        #expect(links.compactMap { $0["weight"] as? Int }.sorted() == [1, 2, 3])
    }

    @Test(.enabled(if: ExportFixtures.which("rapper") != nil, "rapper (raptor2-utils) is not installed"))
    func turtleWithAwkwardNamesParses() throws {
        let path = try F.temporaryFile("escapes.ttl", try F.awkwardExport(.ttl, kind: .full))
        let result = try #require(try F.run("rapper", ["-i", "turtle", "-o", "ntriples", path]))
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("\"back\\\\slash \\\"q\\\"\"@zh"))
        #expect(result.out.contains("<https://guanxi.example/id/person/%E5%BC%A0") == false)
        // `#` in a store id is percent-encoded: the IRI has no fragment.
        #expect(result.out.contains("@\\u6C38\\u5EB7\\u5E02%232>") || result.out.contains("@永康市%232>"))
    }
}
