/// Writes an ``ExportGraph`` as GraphML with libxml2's `xmlTextWriter`: valid
/// against the GraphML XSD, readable by Gephi, yEd, NetworkX and igraph.
///
/// Conventions (FORMATS.md §1a, §3): every `<key>` has `for`, `attr.name` and
/// a fixed `attr.type`; `label` (node) and `weight` (edge, `int`) have those
/// ids so Gephi maps them to its label and weight; edge keys that share a
/// name with a node key get an `edge_` id prefix; no empty `<data>`; no edge
/// ids and one undirected edge per pair, so NetworkX reads a plain `Graph`.
/// See http://graphml.graphdrawing.org/primer/graphml-primer.html.
///
/// ```swift
/// let sink = ExportSink.memory()
/// try GraphMLExporter().write(graph, to: sink)
/// ```
///
/// - Complexity: O(nodes + edges) time, O(1) extra memory besides the sink buffer.
public struct GraphMLExporter: Sendable {
    public var options: ExportOptions

    public init(options: ExportOptions = ExportOptions()) { self.options = options }

    /// Writes `graph` into `sink` and finishes the sink.
    ///
    /// - Throws: ``ExportError`` when libxml2 or the output fails.
    public func write(_ graph: ExportGraph, to sink: ExportSink) throws {
        let nodeColumns = ExportAttribute.used(ExportAttributes.node, in: graph.nodes)
        let edgeColumns = ExportAttribute.used(ExportAttributes.edge, in: graph.edges)
        do {
            let w = try XMLStreamWriter(sink: sink)
            w.startDocument()
            w.start("graphml")
            w.attribute("xmlns", "http://graphml.graphdrawing.org/xmlns")
            w.attribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
            w.attribute(
                "xsi:schemaLocation",
                "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd")
            var about = ExportAttributes.describe(graph)
            if let stamp = options.timestamp { about += ", exported \(stamp)" }
            w.element("desc", about)
            key(w, id: "label", for: "node", name: "label", type: "string", summary: "name (person) or canonical name")
            for c in nodeColumns {
                key(w, id: c.id, for: "node", name: c.name, type: c.type.rawValue, summary: c.summary)
            }
            key(w, id: "weight", for: "edge", name: "weight", type: "int", summary: "articles behind the edge")
            for c in edgeColumns {
                key(w, id: c.id, for: "edge", name: c.name, type: c.type.rawValue, summary: c.summary)
            }
            w.start("graph")
            w.attribute("id", "guanxi")
            w.attribute("edgedefault", "undirected")
            for node in graph.nodes {
                w.start("node")
                w.attribute("id", node.id)
                data(w, "label", node.label)
                for c in nodeColumns { if let v = c.value(node) { data(w, c.id, v) } }
                w.end()
            }
            for edge in graph.edges {
                w.start("edge")
                w.attribute("source", edge.source)
                w.attribute("target", edge.target)
                data(w, "weight", String(edge.weight))
                for c in edgeColumns { if let v = c.value(edge) { data(w, c.id, v) } }
                w.end()
            }
            w.endDocument()
        }
        try sink.finish()
    }

    private func key(_ w: XMLStreamWriter, id: String, for scope: String, name: String, type: String, summary: String) {
        w.start("key")
        w.attribute("id", id)
        w.attribute("for", scope)
        w.attribute("attr.name", name)
        w.attribute("attr.type", type)
        w.element("desc", summary)
        w.end()
    }

    @inline(__always)
    private func data(_ w: XMLStreamWriter, _ key: String, _ value: String) {
        w.start("data")
        w.attribute("key", key)
        w.text(value)
        w.end()
    }
}
