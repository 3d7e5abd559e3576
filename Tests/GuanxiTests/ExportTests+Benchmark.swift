import Foundation
import Testing

@testable import Guanxi

/// Times each exporter on a synthetic graph of 100,000 people and 1,000,000
/// edges. Not a unit test (STYLE 9): it runs only with `GUANXI_BENCH=1`,
/// prints figures and asserts nothing about time.
///
///     GUANXI_BENCH=1 swift test -c release --filter ExportBenchmark
@Suite struct ExportBenchmark {
    static let enabled = ProcessInfo.processInfo.environment["GUANXI_BENCH"] == "1"

    /// A deterministic random graph: `people` nodes, `edges` distinct pairs.
    static func synthetic(people: Int, edges: Int) -> GraphSnapshot {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 17
        }
        let surnames = Array("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗")
        let given = Array("建国伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚")
        let kinds: [PersonKind] = [.official, .official, .official, .journalist, .citizen]
        let ids = (0..<people).map { i in "P\(String(i, radix: 36))@县\(i % 50)" }
        var persons = ids.enumerated().map { i, id in
            GraphSnapshot.Person(
                id: id,
                name: "\(surnames[i % surnames.count])\(given[(i / 20) % given.count])\(given[(i / 7) % given.count])",
                kind: kinds[i % kinds.count], jurisdiction: "县\(i % 50)", rank: nil, mainPost: i % 3 == 0 ? "局长" : nil,
                articleCount: 1 + i % 40, firstDate: "20\(10 + i % 8)", lastDate: "20\(18 + i % 6)-0\(1 + i % 9)")
        }
        persons.sort { $0.id < $1.id }
        var pairs = Set<UInt64>()
        pairs.reserveCapacity(edges)
        while pairs.count < edges {
            let a = Int(next() % UInt64(people)), b = Int(next() % UInt64(people))
            guard a != b else { continue }
            pairs.insert(UInt64(min(a, b)) << 32 | UInt64(max(a, b)))
        }
        var list = pairs.map { p -> GraphSnapshot.Edge in
            let a = ids[Int(p >> 32)], b = ids[Int(p & 0xFFFF_FFFF)]
            let (s, t) = a < b ? (a, b) : (b, a)
            let w = 1 + Int(p % 7)
            return GraphSnapshot.Edge(source: s, target: t, weight: w, firstDate: "2016", lastDate: "2019-0\(1 + w)")
        }
        list.sort { ($0.source, $0.target) < ($1.source, $1.target) }
        return GraphSnapshot(people: persons, edges: list, posts: [], organizations: [])
    }

    @Test(.enabled(if: ExportBenchmark.enabled, "set GUANXI_BENCH=1 (and use -c release) to time the exporters"))
    func exportHundredThousandNodesAndAMillionEdges() throws {
        let clock = ContinuousClock()
        var snapshot = GraphSnapshot(people: [], edges: [], posts: [], organizations: [])
        let made = clock.measure { snapshot = Self.synthetic(people: 100_000, edges: 1_000_000) }
        print("bench: synthetic snapshot (100,000 people, 1,000,000 edges) generated in \(made)")
        var graph = ExportGraph(kind: .coappear, nodes: [], edges: [])
        let built = clock.measure { graph = ExportGraph(snapshot: snapshot, kind: .coappear) }
        print("bench: ExportGraph of \(graph.nodes.count) nodes and \(graph.edges.count) edges built in \(built)")
        let dir = try TempDir()
        defer { dir.cleanUp() }
        for format in ExportFormat.allCases {
            var size = 0
            let time = try clock.measure {
                let export = GraphExport(format: format)
                let output = dir.path("bench.\(format.fileExtension)")
                let files = try export.write(
                    snapshot: snapshot, evidence: .none, output: format == .csv ? output : output)
                size = files.reduce(0) {
                    $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0)
                }
            }
            print("bench: \(format.rawValue) \(time) (\(size / 1_000_000) MB, snapshot → file)")
        }
        let graphml = dir.path("bench.graphml")
        let validation = try clock.measure {
            try SchemaValidator(schemaDirectory: ExportFixtures.schemas).validate(path: graphml)
        }
        print("bench: --validate bench.graphml \(validation)")
    }
}
