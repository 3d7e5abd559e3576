import Foundation

/// One export as the CLI runs it: reads the snapshot (and evidence when the
/// format or graph needs it) from a store, builds the graph, and writes it
/// with the exporter of `format` to a file, a CSV pair, or standard output.
///
/// ```swift
/// let export = GraphExport(format: .graphml, kind: .coappear)
/// let files = try export.run(store: store, filter: GraphFilter(since: "2018"), output: "g.graphml")
/// ```
///
/// - Complexity: the store read plus O(nodes + edges) for the exporter.
public struct GraphExport: Sendable {
    public var format: ExportFormat
    public var kind: ExportGraphKind
    public var options: ExportOptions

    public init(format: ExportFormat, kind: ExportGraphKind = .coappear, options: ExportOptions = ExportOptions()) {
        self.format = format
        self.kind = kind
        self.options = options
    }

    /// Whether this export needs ``ExportEvidence`` beyond the snapshot.
    public var needsEvidence: Bool { format == .gexf || format == .ttl || kind != .coappear }

    /// Reads from `store` what `filter` selects and writes it to `output`
    /// (`nil` or `-`: standard output, not allowed for CSV).
    ///
    /// - Returns: the files written (empty for standard output).
    /// - Throws: ``ExportError`` or ``StoreError``; ``ExportError/Code/output``
    ///   before anything is read when `output` is one of the store's files
    ///   (``OutputPath``).
    @discardableResult
    public func run(store: any GraphReading, filter: GraphFilter, output: String?) throws -> [String] {
        if let location = (store as? SQLiteGraphStore)?.location, let output, output != "-" {
            let files = format == .csv ? try Self.csvPaths(output, creating: false) : (output, output)
            for file in [files.0, files.1] { try OutputPath.refuseStoreFiles(file, store: location) }
        }
        let snapshot = try store.snapshot(filter)
        guard format != .csv else {
            return try write(
                snapshot: snapshot, evidence: evidence(store: store, snapshot: snapshot, filter: filter), output: output
            )
        }
        let toStdout = output == nil || output == "-"
        let sink = toStdout ? ExportSink.standardOutput() : try ExportSink.file(output ?? "-")
        try write(store: store, snapshot: snapshot, filter: filter, to: sink)
        return toStdout ? [] : [output ?? "-"]
    }

    /// Writes `snapshot` with its evidence from `store` into `sink`: every
    /// format but CSV. Turtle reads the evidence as it writes it.
    public func write(store: any GraphReading, snapshot: GraphSnapshot, filter: GraphFilter, to sink: ExportSink) throws
    {
        if format == .ttl {
            try store.withTurtleEvidence(for: snapshot, filter: filter) { evidence in
                try TurtleExporter(options: options).write(snapshot, evidence: evidence, kind: kind, to: sink)
            }
            return
        }
        try write(snapshot: snapshot, evidence: evidence(store: store, snapshot: snapshot, filter: filter), to: sink)
    }

    /// What the graph needs beyond `snapshot`: mentions for the `full` graph,
    /// spells for GEXF, post evidence for graphs with posts.
    private func evidence(store: any GraphReading, snapshot: GraphSnapshot, filter: GraphFilter) throws
        -> ExportEvidence
    {
        guard needsEvidence else { return .none }
        var cited = snapshot
        if kind == .coappear { cited.posts = [] }  // a co-appearance graph shows no post evidence
        return try store.exportEvidence(
            for: cited, filter: filter, mentions: kind == .full ? .all : .none,
            spells: format == .gexf && kind != .affiliation)
    }

    /// Writes `snapshot` to `output` (see ``run(store:filter:output:)``).
    @discardableResult
    public func write(snapshot: GraphSnapshot, evidence: ExportEvidence, output: String?) throws -> [String] {
        if format == .csv {
            let (nodesPath, edgesPath) = try Self.csvPaths(output)
            let graph = ExportGraph(snapshot: snapshot, evidence: evidence, kind: kind)
            try CSVExporter(options: options).write(
                graph, nodes: try ExportSink.file(nodesPath), edges: try ExportSink.file(edgesPath))
            return [nodesPath, edgesPath]
        }
        let toStdout = output == nil || output == "-"
        let sink = toStdout ? ExportSink.standardOutput() : try ExportSink.file(output ?? "-")
        try write(snapshot: snapshot, evidence: evidence, to: sink)
        return toStdout ? [] : [output ?? "-"]
    }

    /// Writes every format but CSV into `sink` (CSV: use ``CSVExporter``); an
    /// ``ExportEvidence`` gives Turtle no shared articles.
    public func write(snapshot: GraphSnapshot, evidence: ExportEvidence, to sink: ExportSink) throws {
        if format == .ttl {
            try TurtleExporter(options: options).write(snapshot, evidence: evidence, kind: kind, to: sink)
            return
        }
        let graph = ExportGraph(snapshot: snapshot, evidence: evidence, kind: kind)
        switch format {
        case .graphml: try GraphMLExporter(options: options).write(graph, to: sink)
        case .gexf: try GEXFExporter(options: options).write(graph, to: sink)
        case .dot: try DOTExporter(options: options).write(graph, to: sink)
        case .json: try JSONExporter(options: options).write(graph, to: sink)
        case .csv, .ttl:
            throw ExportError(.usage, path: sink.path, "CSV writes two files; give -o DIR or -o PREFIX")
        }
    }

    /// Where CSV goes: `-o DIR` (an existing folder, or a path ending in `/`,
    /// created) → `DIR/nodes.csv`, `DIR/edges.csv`; `-o out/seeds` →
    /// `out/seeds-nodes.csv`, `out/seeds-edges.csv`.
    ///
    /// - Throws: ``ExportError/Code/usage`` without `-o`, ``ExportError/Code/output``
    ///   when the folder cannot be made (`creating`: made when missing).
    public static func csvPaths(_ output: String?, creating: Bool = true) throws -> (nodes: String, edges: String) {
        guard let output, output != "-" else {
            throw ExportError(
                .usage, path: "-",
                "CSV writes two files (nodes and edges), not standard output; give -o DIR or -o PREFIX")
        }
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory)
        if output.hasSuffix("/") || (exists && isDirectory.boolValue) {
            do {
                if creating {
                    try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
                }
            } catch {
                throw ExportError(
                    .output, path: output, "cannot create the folder; check the path and permissions", cause: error)
            }
            let dir = output.hasSuffix("/") ? String(output.dropLast()) : output
            return (dir + "/nodes.csv", dir + "/edges.csv")
        }
        // `-o out.csv` means the pair out-nodes.csv, out-edges.csv.
        let prefix = PathExtension.matches(output, "csv") ? String(output.dropLast(4)) : output
        return (prefix + "-nodes.csv", prefix + "-edges.csv")
    }
}
