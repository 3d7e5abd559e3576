import Foundation

/// Writes an ``ExportGraph`` as Graphviz DOT, ready for `sfdp` on large graphs
/// and `neato`/`dot` on small ones.
///
/// - Node ids are ASCII and stable: a type letter and the FNV-1a 64 hash of
///   the export id (`p3f2a…`); the Chinese name goes in `label`.
/// - Labels are escString-escaped (`\` → `\\`, `"` → `\"`, newline → `\n`).
/// - `fontname` is set on graph, node and edge (Graphviz does not inherit
///   it), default `Noto Sans CJK SC`; `charset="UTF-8"`.
/// - Edge `penwidth` is `1 + log2(weight)`, `weight` the integer article count.
/// - Layout hints: `overlap="prism"`, `outputorder="edgesfirst"`; beyond
///   ``largeGraphEdges`` edges or ``largeGraphNodes`` nodes also
///   `splines="false"` and `quadtree="fast"`. No `layout=`: the command chooses.
/// - With ``ExportOptions/clusterByInstitution``, one `subgraph "cluster_…"`
///   per main institution (drawn by dot, fdp and neato; sfdp ignores clusters).
///
/// See https://graphviz.org/doc/info/lang.html and FORMATS.md §2.
///
/// - Complexity: O(nodes + edges) time, O(nodes) memory for the id table.
public struct DOTExporter: Sendable {
    public var options: ExportOptions
    /// Graphs with more nodes than this get the large-graph layout hints.
    public static let largeGraphNodes = 2_000
    /// Graphs with more edges than this get the large-graph layout hints.
    public static let largeGraphEdges = 10_000

    public init(options: ExportOptions = ExportOptions()) { self.options = options }

    /// The ASCII DOT id of an export node id.
    public static func dotId(_ id: String, type: ExportGraph.NodeType) -> String {
        let letter: String
        switch type {
        case .person: letter = "p"
        case .organization: letter = "o"
        case .post: letter = "t"
        case .article: letter = "a"
        }
        return letter + hash(id)
    }

    static func hash(_ text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Writes `graph` into `sink` and finishes the sink.
    ///
    /// - Throws: ``ExportError`` (``ExportError/Code/idCollision``) if two
    ///   ids hash alike, or when the output fails.
    public func write(_ graph: ExportGraph, to sink: ExportSink) throws {
        var ids: [String: String] = [:]
        ids.reserveCapacity(graph.nodes.count)
        var taken = Set<String>()
        taken.reserveCapacity(graph.nodes.count)
        for node in graph.nodes {
            let dot = Self.dotId(node.id, type: node.type)
            guard taken.insert(dot).inserted else {
                throw ExportError(
                    .idCollision, path: sink.path, "two nodes share the DOT id \(dot); export GraphML instead")
            }
            ids[node.id] = dot
        }
        let font = TextEscaping.dot(options.font)
        let large = graph.nodes.count > Self.largeGraphNodes || graph.edges.count > Self.largeGraphEdges
        sink.write("// \(ExportAttributes.describe(graph))\n")
        if let stamp = options.timestamp { sink.write("// exported \(stamp)\n") }
        sink.write(
            "// render: scripts/render FILE.dot svg (sfdp -Tsvg FILE.dot > FILE.svg; neato or dot for small graphs)\n")
        sink.write("graph \"guanxi\" {\n")
        sink.write("  graph [charset=\"UTF-8\", fontname=\"\(font)\", overlap=\"prism\", outputorder=\"edgesfirst\"")
        if large { sink.write(", splines=\"false\", quadtree=\"fast\"") }
        sink.write("];\n")
        sink.write(
            "  node [fontname=\"\(font)\", fontsize=\"12\", shape=\"ellipse\", style=\"filled\", penwidth=\"1.5\"];\n")
        sink.write("  edge [fontname=\"\(font)\", color=\"#80808080\"];\n")

        func writeNode(_ node: ExportGraph.Node, indent: String) {
            let color = ExportAttributes.color(node.kind).hex
            let shape: String
            switch node.type {
            case .person: shape = ""
            case .organization: shape = ", shape=\"box\""
            case .post: shape = ", shape=\"note\""
            case .article: shape = ", shape=\"plaintext\""
            }
            sink.write(
                "\(indent)\"\(ids[node.id] ?? "")\" [label=\"\(TextEscaping.dot(node.label))\", color=\"\(color)\", fillcolor=\"\(color)40\"\(shape)];\n"
            )
        }

        if options.clusterByInstitution {
            var clusters: [String: [ExportGraph.Node]] = [:]
            for node in graph.nodes {
                let institution = node.type == .organization ? node.storeId : node.institution
                if let institution {
                    clusters[institution, default: []].append(node)
                } else {
                    writeNode(node, indent: "  ")
                }
            }
            for institution in clusters.keys.sorted() {
                sink.write("  subgraph \"cluster_\(Self.hash(institution))\" {\n")
                sink.write(
                    "    graph [label=\"\(TextEscaping.dot(institution))\", style=\"rounded\", color=\"#999999\"];\n")
                for node in clusters[institution] ?? [] { writeNode(node, indent: "    ") }
                sink.write("  }\n")
            }
        } else {
            for node in graph.nodes { writeNode(node, indent: "  ") }
        }
        for edge in graph.edges {
            guard let a = ids[edge.source], let b = ids[edge.target] else { continue }
            let pen = TextEscaping.decimal(1 + log2(Double(max(1, edge.weight))))
            sink.write("  \"\(a)\" -- \"\(b)\" [weight=\"\(edge.weight)\", penwidth=\"\(pen)\"];\n")
        }
        sink.write("}\n")
        try sink.finish()
    }
}
