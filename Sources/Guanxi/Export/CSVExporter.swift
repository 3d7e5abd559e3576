/// Writes an ``ExportGraph`` as two CSV files, `nodes.csv` and `edges.csv`
/// (RFC 4180, UTF-8, `\n` line ends), for spreadsheets, pandas and Neo4j.
///
/// Headers (``CSVHeaderStyle``):
/// - plain: `id,label,type,kind,…,article_count` and
///   `source,target,type,weight,title,first_seen,last_seen`;
/// - neo4j: `id:ID,label,:LABEL,kind,…,article_count:int` and
///   `:START_ID,:END_ID,:TYPE,weight:int,…`, with labels `Person`,
///   `Organization`, `Post`, `Article` and types `COAPPEARS`, `MEMBER_OF`…,
///   ready for `neo4j-admin database import full --nodes=nodes.csv
///   --relationships=edges.csv`.
///
/// Empty cells mean "no value". Columns are the same as GraphML's keys.
///
/// - Complexity: O(nodes + edges).
public struct CSVExporter: Sendable {
    public var options: ExportOptions

    public init(options: ExportOptions = ExportOptions()) { self.options = options }

    /// Writes the node table into `nodes` and the edge table into `edges`,
    /// and finishes both sinks.
    ///
    /// - Throws: ``ExportError`` when an output fails.
    public func write(_ graph: ExportGraph, nodes: ExportSink, edges: ExportSink) throws {
        let neo4j = options.csvHeader == .neo4j
        let nodeColumns = ExportAttribute.used(ExportAttributes.node, in: graph.nodes)
        let edgeColumns = ExportAttribute.used(ExportAttributes.edge, in: graph.edges)
        if options.csvByteOrderMark {
            nodes.write("\u{FEFF}")
            edges.write("\u{FEFF}")
        }
        func header(_ c: String, _ type: ExportValueType) -> String {
            neo4j && type == .int ? "\(c):int" : c
        }
        var head = [neo4j ? "id:ID" : "id", "label"]
        for c in nodeColumns {
            head.append(neo4j && c.id == "type" ? ":LABEL" : header(c.name, c.type))
        }
        nodes.write(head.map(TextEscaping.csv).joined(separator: ",") + "\n")
        for node in graph.nodes {
            var line = TextEscaping.csv(node.id) + "," + TextEscaping.csv(node.label)
            for c in nodeColumns {
                line += ","
                if neo4j && c.id == "type" {
                    line += Self.neo4jLabel(node.type)
                } else if let v = c.value(node) {
                    line += TextEscaping.csv(v)
                }
            }
            nodes.write(line + "\n")
        }
        var edgeHead = neo4j ? [":START_ID", ":END_ID"] : ["source", "target"]
        for c in edgeColumns where c.id == "edge_type" { edgeHead.append(neo4j ? ":TYPE" : c.name) }
        edgeHead.append(neo4j ? "weight:int" : "weight")
        for c in edgeColumns where c.id != "edge_type" { edgeHead.append(header(c.name, c.type)) }
        edges.write(edgeHead.joined(separator: ",") + "\n")
        for edge in graph.edges {
            var line = TextEscaping.csv(edge.source) + "," + TextEscaping.csv(edge.target) + ","
            line += neo4j ? edge.type.rawValue.uppercased() : edge.type.rawValue
            line += "," + String(edge.weight)
            for c in edgeColumns where c.id != "edge_type" {
                line += ","
                if let v = c.value(edge) { line += TextEscaping.csv(v) }
            }
            edges.write(line + "\n")
        }
        try nodes.finish()
        try edges.finish()
    }

    static func neo4jLabel(_ type: ExportGraph.NodeType) -> String {
        switch type {
        case .person: "Person"
        case .organization: "Organization"
        case .post: "Post"
        case .article: "Article"
        }
    }
}
