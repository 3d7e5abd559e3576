/// Writes an ``ExportGraph`` as GEXF 1.3 for Gephi, with time: valid against
/// the GEXF 1.3 RelaxNG schema.
///
/// The graph is `mode="dynamic"`, `timeformat="date"`, interval
/// representation: a node lives from the first day of its first sighting to
/// the last day of its last (`2018` → 2018-01-01 … 2018-12-31), an edge over
/// one spell per shared article date (overlaps merged), so Gephi's timeline
/// plays the network. `viz:color` follows the kind, `viz:size` the degree
/// (`4 + 2·√degree`). No `xsi:schemaLocation` (the RNG rejects it). See
/// https://gexf.net/schema.html and FORMATS.md §1b.
///
/// - Complexity: O(nodes + edges + spells) time, O(nodes) extra memory for degrees.
public struct GEXFExporter: Sendable {
    public var options: ExportOptions

    public init(options: ExportOptions = ExportOptions()) { self.options = options }

    /// Writes `graph` into `sink` and finishes the sink.
    ///
    /// - Throws: ``ExportError`` when libxml2 or the output fails.
    public func write(_ graph: ExportGraph, to sink: ExportSink) throws {
        let nodeColumns = ExportAttribute.used(ExportAttributes.node, in: graph.nodes)
        let edgeColumns = ExportAttribute.used(ExportAttributes.edge, in: graph.edges)
        let degree = ExportAttributes.degrees(graph)
        do {
            let w = try XMLStreamWriter(sink: sink)
            w.startDocument()
            w.start("gexf")
            w.attribute("xmlns", "http://gexf.net/1.3")
            w.attribute("xmlns:viz", "http://gexf.net/1.3/viz")
            w.attribute("version", "1.3")
            w.start("meta")
            if let stamp = options.timestamp { w.attribute("lastmodifieddate", String(stamp.prefix(10))) }
            w.element("creator", "guanxi")
            w.element("description", ExportAttributes.describe(graph))
            w.end()
            w.start("graph")
            w.attribute("mode", "dynamic")
            w.attribute("defaultedgetype", "undirected")
            w.attribute("timeformat", "date")
            w.attribute("timerepresentation", "interval")
            w.attribute("timezone", "Asia/Shanghai")
            declare(w, "node", nodeColumns.map { ($0.id, $0.name, $0.type) })
            declare(w, "edge", edgeColumns.map { ($0.id, $0.name, $0.type) })
            w.start("nodes")
            w.attribute("count", String(graph.nodes.count))
            for node in graph.nodes {
                w.start("node")
                w.attribute("id", node.id)
                w.attribute("label", node.label)
                spells(w, node.spells)
                attvalues(w, nodeColumns.compactMap { c in c.value(node).map { (c.id, $0) } })
                let color = ExportAttributes.color(node.kind)
                w.start(prefix: "viz", "color")
                w.attribute("r", String(color.r))
                w.attribute("g", String(color.g))
                w.attribute("b", String(color.b))
                w.end()
                w.start(prefix: "viz", "size")
                w.attribute("value", Self.size(degree[node.id] ?? 0))
                w.end()
                w.end()
            }
            w.end()
            w.start("edges")
            w.attribute("count", String(graph.edges.count))
            for edge in graph.edges {
                w.start("edge")
                w.attribute("source", edge.source)
                w.attribute("target", edge.target)
                w.attribute("weight", String(edge.weight))
                spells(w, edge.spells)
                attvalues(w, edgeColumns.compactMap { c in c.value(edge).map { (c.id, $0) } })
                w.end()
            }
            w.end()
            w.endDocument()
        }
        try sink.finish()
    }

    /// `4 + 2·√degree`, with two decimals at most.
    static func size(_ degree: Int) -> String { TextEscaping.decimal(4 + 2 * Double(degree).squareRoot()) }

    private func declare(_ w: XMLStreamWriter, _ cls: String, _ columns: [(String, String, ExportValueType)]) {
        guard !columns.isEmpty else { return }
        w.start("attributes")
        w.attribute("class", cls)
        w.attribute("mode", "static")
        for (id, title, type) in columns {
            w.start("attribute")
            w.attribute("id", id)
            w.attribute("title", title)
            w.attribute("type", type == .int ? "integer" : "string")
            w.end()
        }
        w.end()
    }

    private func spells(_ w: XMLStreamWriter, _ spans: [DateSpan]) {
        if spans.count == 1 {
            w.attribute("start", spans[0].start)
            w.attribute("end", spans[0].end)
        } else if spans.count > 1 {
            w.start("spells")
            for s in spans {
                w.start("spell")
                w.attribute("start", s.start)
                w.attribute("end", s.end)
                w.end()
            }
            w.end()
        }
    }

    private func attvalues(_ w: XMLStreamWriter, _ values: [(String, String)]) {
        guard !values.isEmpty else { return }
        w.start("attvalues")
        for (id, value) in values {
            w.start("attvalue")
            w.attribute("for", id)
            w.attribute("value", value)
            w.end()
        }
        w.end()
    }
}
