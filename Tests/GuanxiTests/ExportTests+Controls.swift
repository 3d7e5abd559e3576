import Foundation
import Testing

@testable import Guanxi

/// Every C0 control character, DEL, U+FFFE and U+FFFF in names, ids,
/// headlines, paths and aliases (issue 23): the XML exports stay well-formed,
/// DOT and Turtle stay readable by their tools.
@Suite struct ExportControlCharacterTests {
    typealias F = ExportFixtures

    /// Each C0 control, then DEL, U+FFFE and U+FFFF, between two letters.
    static let controls: [String] = (Array(0..<0x20) + [0x7F, 0xFFFE, 0xFFFF]).compactMap { value in
        Unicode.Scalar(UInt32(value)).map { "a" + String(Character($0)) + "b" }
    }

    /// A graph naming a person, a post, an institution, a document and an
    /// article with each control character.
    static let graph: (GraphSnapshot, ExportEvidence) = {
        typealias P = GraphSnapshot.Person
        var people: [P] = []
        var edges: [GraphSnapshot.Edge] = []
        var posts: [GraphSnapshot.Post] = []
        var orgs: [GraphSnapshot.Organization] = []
        var documents: [ExportEvidence.Document] = []
        var articles: [ExportEvidence.Article] = []
        var mentions: [ExportEvidence.Mention] = []
        var aliases: [String: [String]] = [:]
        for (i, c) in controls.enumerated() {
            let id = "p\(i)\(c)@x"
            people.append(
                P(
                    id: id, name: "名\(c)", kind: .official, jurisdiction: "x\(c)", rank: "r\(c)", mainPost: "书记\(c)",
                    articleCount: 1, firstDate: "2018", lastDate: "2018"))
            if i > 0 {
                edges.append(
                    GraphSnapshot.Edge(
                        source: people[i - 1].id, target: id, weight: 1, firstDate: "2018", lastDate: "2018"))
            }
            let org = "委\(i)\(c)"
            orgs.append(
                GraphSnapshot.Organization(id: org, name: org, jurisdiction: "x\(c)", parentId: nil, articleCount: 1))
            aliases[org] = ["别\(c)"]
            posts.append(
                GraphSnapshot.Post(
                    id: "\(id)/书记@\(org)", personId: id, role: "书记\(c)", title: "书记\(c)",
                    organizationId: org, firstDate: "2018", lastDate: "2018", articleCount: 1))
            documents.append(
                ExportEvidence.Document(
                    id: Int64(i + 1), path: "seeds/\(c).txt", contentHash: "h\(i)", encoding: "UTF-8"))
            articles.append(
                ExportEvidence.Article(
                    id: Int64(i + 1), documentId: Int64(i + 1), position: 0, headline: "标题\(c)",
                    byline: "记者\(c)", date: "2018"))
            mentions.append(
                ExportEvidence.Mention(
                    id: Int64(i + 1), articleId: Int64(i + 1), position: 0, personId: id, name: "名\(c)",
                    kind: "official", startOffset: 0, endOffset: 2, titles: ["书记\(c)"], rules: ["r\(c)"]))
        }
        return (
            GraphSnapshot(people: people, edges: edges, posts: posts, organizations: orgs),
            ExportEvidence(documents: documents, articles: articles, mentions: mentions, aliases: aliases)
        )
    }()

    static func export(_ format: ExportFormat, _ kind: ExportGraphKind) throws -> String {
        let sink = ExportSink.memory()
        try GraphExport(format: format, kind: kind).write(snapshot: graph.0, evidence: graph.1, to: sink)
        return sink.text
    }

    @Test(arguments: [ExportFormat.graphml, .gexf], ExportGraphKind.allCases)
    func xmlIsWellFormedAndValid(format: ExportFormat, kind: ExportGraphKind) throws {
        let text = try Self.export(format, kind)
        let path = try F.temporaryFile("controls.\(format.fileExtension)", text)
        let lint = try F.run("xmllint", ["--noout", path])
        if let lint { #expect(lint.status == 0, "\(lint.err.prefix(500))") }
        #expect(try SchemaValidator(schemaDirectory: F.schemas).validate(path: path) == format)
        // Replaced, not dropped: each name keeps its letters on both sides.
        #expect(text.contains("名a\u{FFFD}b"))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" })
    }

    @Test(
        .enabled(if: ExportFixtures.which("rapper") != nil, "raptor2-utils is not installed"),
        arguments: ExportGraphKind.allCases)
    func turtleParses(kind: ExportGraphKind) throws {
        let path = try F.temporaryFile("controls.ttl", try Self.export(.ttl, kind))
        let result = try #require(try F.run("rapper", ["-q", "-i", "turtle", "-c", path]))
        #expect(result.status == 0, "\(result.err.prefix(500))")
    }

    @Test(.enabled(if: ExportFixtures.hasGraphviz, "graphviz is not installed"), arguments: ExportGraphKind.allCases)
    func dotIsReadByGraphviz(kind: ExportGraphKind) throws {
        let text = try Self.export(.dot, kind)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        let result = try #require(try F.run("dot", ["-Tsvg"], stdin: text))
        #expect(result.status == 0, "\(result.err.prefix(500))")
        let svg = try F.temporaryFile("controls.svg", result.out)
        if let lint = try F.run("xmllint", ["--noout", svg]) { #expect(lint.status == 0, "\(lint.err.prefix(500))") }
    }

    @Test(arguments: ExportGraphKind.allCases)
    func jsonParsesBack(kind: ExportGraphKind) throws {
        let text = try Self.export(.json, kind)
        #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(text.utf8)) }
    }
}

/// CSV cells a spreadsheet would run as formulas (issue 23): quoted with a
/// `'` before them, in exports (with and without a BOM) and query answers.
@Suite struct CSVInjectionTests {
    static let formulas = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "=1,2"]

    @Test func fieldsStartingLikeFormulasAreQuotedWithAnApostrophe() {
        for field in Self.formulas {
            let quoted = "\"'" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            #expect(TextEscaping.csv(field) == quoted, "\(field.debugDescription)")
            #expect(QueryTable.csvField(field) == quoted, "\(field.debugDescription)")
        }
        // Not formulas: left as they were.
        for field in ["金政", "2018-03", "a=b", "市委书记"] {
            #expect(TextEscaping.csv(field) == field)
            #expect(QueryTable.csvField(field) == field)
        }
    }

    @Test(arguments: [false, true])
    func exportedCSVHasNoCellAFormula(bom: Bool) throws {
        let dir = try TempDir()
        defer { dir.cleanUp() }
        typealias P = GraphSnapshot.Person
        let people = Self.formulas.enumerated().map { i, name in
            P(
                id: "\(name)@x", name: name, kind: .official, jurisdiction: "x", rank: nil, mainPost: name,
                articleCount: 1, firstDate: "2018", lastDate: "2018")
        }
        let edges = [
            GraphSnapshot.Edge(source: people[0].id, target: people[1].id, weight: 1, firstDate: nil, lastDate: nil)
        ]
        let snapshot = GraphSnapshot(people: people, edges: edges, posts: [], organizations: [])
        var options = ExportOptions()
        options.csvByteOrderMark = bom
        try GraphExport(format: .csv, options: options).write(
            snapshot: snapshot, evidence: .none, output: dir.path("x"))
        for file in ["x-nodes.csv", "x-edges.csv"] {
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir.path(file))))
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]) == bom)
            if bom { bytes.removeFirst(3) }
            let text = String(decoding: bytes, as: UTF8.self)
            // Read back as a spreadsheet would: no cell starts like a formula.
            for cell in Self.cells(text) {
                #expect(!TextEscaping.startsLikeAFormula(cell), "\(file): \(cell.debugDescription)")
            }
        }
        let nodes = try String(contentsOfFile: dir.path("x-nodes.csv"), encoding: .utf8)
        #expect(nodes.contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","))
        #expect(nodes.contains(",\"'@SUM(A1)\","))
    }

    /// The cells of RFC 4180 text, unquoted.
    static func cells(_ text: String) -> [String] {
        var cells: [String] = []
        var cell = "", quoted = false, inQuotes = false
        var scalars = Array(text.unicodeScalars)[...]
        while let c = scalars.popFirst() {
            if inQuotes {
                if c == "\"" {
                    if scalars.first == "\"" {
                        cell.unicodeScalars.append(c); scalars.removeFirst()
                    } else {
                        inQuotes = false
                    }
                } else {
                    cell.unicodeScalars.append(c)
                }
            } else if c == "\"" && cell.isEmpty && !quoted {
                inQuotes = true
                quoted = true
            } else if c == "," || c == "\n" {
                cells.append(cell)
                cell = ""
                quoted = false
            } else {
                cell.unicodeScalars.append(c)
            }
        }
        return cells
    }
}
