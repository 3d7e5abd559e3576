/// Writes an ``ExportGraph`` as node-link JSON: `{"nodes": […], "links": […]}`
/// as d3-force, force-graph and vis-network take it, with `directed`,
/// `multigraph` and `graph` so that NetworkX's
/// `nx.node_link_graph(data, edges="links")` reads it too.
///
/// Nodes carry `id`, `label` and the columns of ``ExportAttributes`` (ints
/// as numbers, missing values omitted); links carry `source`, `target`,
/// `weight` and the edge columns. One node or link per line, keys in a fixed
/// order, so diffs stay readable.
///
/// - Complexity: O(nodes + edges).
public struct JSONExporter: Sendable {
    public var options: ExportOptions

    public init(options: ExportOptions = ExportOptions()) { self.options = options }

    /// Writes `graph` into `sink` and finishes the sink.
    ///
    /// - Throws: ``ExportError`` when the output fails.
    public func write(_ graph: ExportGraph, to sink: ExportSink) throws {
        func string(_ s: String) -> String { "\"" + TextEscaping.json(s) + "\"" }
        var about = "\"name\":" + string(ExportAttributes.describe(graph)) + ",\"kind\":" + string(graph.kind.rawValue)
        if let stamp = options.timestamp { about += ",\"exported\":" + string(stamp) }
        sink.write("{\"directed\":false,\"multigraph\":false,\"graph\":{\(about)},\n\"nodes\":[")
        var first = true
        for node in graph.nodes {
            var line = first ? "\n" : ",\n"
            first = false
            line += "{\"id\":" + string(node.id) + ",\"label\":" + string(node.label)
            for c in ExportAttributes.node {
                guard let v = c.value(node) else { continue }
                line += ",\"\(c.name)\":" + (c.type == .int ? v : string(v))
            }
            sink.write(line + "}")
        }
        sink.write("\n],\n\"links\":[")
        first = true
        for edge in graph.edges {
            var line = first ? "\n" : ",\n"
            first = false
            line += "{\"source\":" + string(edge.source) + ",\"target\":" + string(edge.target)
            line += ",\"weight\":" + String(edge.weight)
            for c in ExportAttributes.edge {
                guard let v = c.value(edge) else { continue }
                line += ",\"\(c.name)\":" + string(v)
            }
            sink.write(line + "}")
        }
        sink.write("\n]}\n")
        try sink.finish()
    }
}
