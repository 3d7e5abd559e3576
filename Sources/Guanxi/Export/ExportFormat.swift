/// A file format `guanxi export` writes.
///
/// - ``graphml``: GraphML 1.0/1.1 for Gephi, yEd, NetworkX, igraph
///   (http://graphml.graphdrawing.org/primer/graphml-primer.html).
/// - ``gexf``: GEXF 1.3 with time spells for Gephi's timeline (https://gexf.net).
/// - ``dot``: Graphviz DOT (https://graphviz.org/doc/info/lang.html).
/// - ``csv``: `nodes.csv` + `edges.csv` for spreadsheets, pandas, Neo4j bulk import.
/// - ``json``: `{"nodes": […], "links": […]}` for d3 / force-graph and NetworkX `node_link_graph`.
/// - ``ttl``: RDF Turtle following `ontology/guanxi.ttl` (W3C org, PROV-O).
public enum ExportFormat: String, Sendable, Hashable, CaseIterable {
    case graphml, gexf, dot, csv, json, ttl

    /// The usual file extension, without the dot.
    public var fileExtension: String { rawValue }
}

/// Which graph an export draws from the store.
public enum ExportGraphKind: String, Sendable, Hashable, CaseIterable {
    /// People linked by the articles they share (undirected, weight = shared articles).
    case coappear
    /// People linked to the institutions they hold posts in (bipartite).
    case affiliation
    /// People, institutions, posts and articles, with co-appearance, post,
    /// institution-hierarchy and mention edges.
    case full
}

/// Header style of the CSV exporter.
public enum CSVHeaderStyle: String, Sendable, Hashable, CaseIterable {
    /// `id,label,type,…` / `source,target,type,weight,…`: spreadsheets and pandas.
    case plain
    /// `id:ID,label,:LABEL,…` / `:START_ID,:END_ID,:TYPE,weight:int,…`:
    /// `neo4j-admin database import` as is.
    case neo4j
}

/// How exporters write: options shared by every format, ignored where they do not apply.
public struct ExportOptions: Sendable, Hashable {
    /// Font for graph, node and edge labels in DOT (must cover CJK).
    public var font: String
    /// DOT: draw a cluster per main institution of each person.
    public var clusterByInstitution: Bool
    /// GraphML/GEXF/Turtle/JSON: record when the file was made (`lastmodifieddate`,
    /// a `<desc>`); off by default so that the same store gives the same bytes.
    public var timestamp: String?
    /// CSV header style.
    public var csvHeader: CSVHeaderStyle
    /// CSV: start each file with a UTF-8 byte order mark (Excel double-click).
    public var csvByteOrderMark: Bool

    public init(
        font: String = "Noto Sans CJK SC", clusterByInstitution: Bool = false, timestamp: String? = nil,
        csvHeader: CSVHeaderStyle = .plain, csvByteOrderMark: Bool = false
    ) {
        self.font = font
        self.clusterByInstitution = clusterByInstitution
        self.timestamp = timestamp
        self.csvHeader = csvHeader
        self.csvByteOrderMark = csvByteOrderMark
    }
}
