import Foundation
import Testing

@testable import Guanxi

/// Helpers of the exporter tests: the seed store built once, golden files,
/// running external tools.
enum ExportFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Snapshots")
    static let schemas = root.appendingPathComponent("schemas").path

    /// The store built from `seeds/`, once for all tests that read it.
    static var seedStore: Result<SQLiteGraphStore, any Error> { Result { try SeedStore.shared } }

    /// Exports with `export` from the seed store into memory.
    static func seedExport(_ export: GraphExport, filter: GraphFilter = GraphFilter()) throws -> String {
        let store = try seedStore.get()
        let snapshot = try store.snapshot(filter)
        let sink = ExportSink.memory()
        try export.write(store: store, snapshot: snapshot, filter: filter, to: sink)
        return sink.text
    }

    /// Compares `text` with `Snapshots/name`; a missing snapshot is written and
    /// fails; `RECORD_SNAPSHOTS=1` re-records.
    static func assertSnapshot(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let url = snapshots.appendingPathComponent(name)
        let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
        guard !record, let golden = try? String(contentsOf: url, encoding: .utf8) else {
            try FileManager.default.createDirectory(at: snapshots, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            if !record {
                Issue.record(
                    "snapshot \(name) was missing; recorded it, check it and run again", sourceLocation: sourceLocation)
            }
            return
        }
        if golden != text {
            let a = golden.split(separator: "\n", omittingEmptySubsequences: false)
            let b = text.split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            Issue.record(
                """
                \(name) differs from its snapshot at line \(line + 1):
                  snapshot: \(line < a.count ? String(a[line]) : "(end)")
                  output:   \(line < b.count ? String(b[line]) : "(end)")
                (RECORD_SNAPSHOTS=1 swift test re-records)
                """, sourceLocation: sourceLocation)
        }
    }

    /// Writes `text` to a temporary file with `name` (in a folder kept for the
    /// whole test run), returns its path.
    static func temporaryFile(_ name: String, _ text: String) throws -> String {
        try scratch.get().write(UUID().uuidString + "/" + name, text)
    }

    private static let scratch = Result { try TempDir() }

    /// Runs a program found on PATH; `nil` when it is not installed.
    static func run(_ tool: String, _ arguments: [String], stdin: String? = nil) throws -> (
        status: Int32, out: String, err: String
    )? {
        guard let path = which(tool) else { return nil }
        let result = try ProcessRunner.run(URL(fileURLWithPath: path), arguments, stdin: stdin)
        return (result.status, result.stdout, result.stderr)
    }

    static func which(_ tool: String) -> String? { ProcessRunner.which(tool)?.path }

    static let hasGraphviz = which("dot") != nil && which("sfdp") != nil
    static let hasNetworkX = (try? run("python3", ["-c", "import networkx"]))??.status == 0

    /// A small graph whose names need escaping in XML, DOT, JSON, CSV and Turtle.
    static let awkward: GraphSnapshot = {
        typealias P = GraphSnapshot.Person
        let people = [
            P(
                id: "A&B@x", name: "A&B <C>", kind: .official, jurisdiction: "x", rank: nil, mainPost: "\"书记\"",
                articleCount: 2, firstDate: "2016-02", lastDate: "2018"),
            P(
                id: "back\\slash@x", name: "back\\slash \"q\"", kind: .citizen, jurisdiction: "x", rank: nil,
                mainPost: nil,
                articleCount: 1, firstDate: "2018-03-29", lastDate: "2018-03-29"),
            P(
                id: "张三@永康市#2", name: "张三", kind: .journalist, jurisdiction: "永康市", rank: "市领导", mainPost: nil,
                articleCount: 1, firstDate: nil, lastDate: nil),
            P(
                id: "x,y@x", name: "x,y\nz", kind: .person, jurisdiction: nil, rank: nil, mainPost: nil,
                articleCount: 1, firstDate: "2018", lastDate: "2018"),
        ]
        let edges = [
            GraphSnapshot.Edge(
                source: "A&B@x", target: "back\\slash@x", weight: 3, firstDate: "2016-02", lastDate: "2018"),
            GraphSnapshot.Edge(source: "A&B@x", target: "张三@永康市#2", weight: 1, firstDate: nil, lastDate: nil),
            GraphSnapshot.Edge(
                source: "back\\slash@x", target: "x,y@x", weight: 2, firstDate: "2018", lastDate: "2018"),
        ]
        let posts = [
            GraphSnapshot.Post(
                id: "A&B@x/书记@<委>", personId: "A&B@x", role: "书记", title: "\"书记\"", organizationId: "<委>",
                firstDate: "2016-02", lastDate: "2018", articleCount: 2)
        ]
        let orgs = [
            GraphSnapshot.Organization(id: "<委>", name: "<委>", jurisdiction: "x", parentId: nil, articleCount: 2)
        ]
        return GraphSnapshot(people: people, edges: edges, posts: posts, organizations: orgs)
    }()

    static func awkwardExport(_ format: ExportFormat, kind: ExportGraphKind = .coappear) throws -> String {
        let sink = ExportSink.memory()
        try GraphExport(format: format, kind: kind).write(snapshot: awkward, evidence: .none, to: sink)
        return sink.text
    }
}
