import ArgumentParser
import Foundation
import Guanxi
import GuanxiPostgres

extension ExportFormat: ExpressibleByArgument {}
extension ExportGraphKind: ExpressibleByArgument {}
extension CSVHeaderStyle: ExpressibleByArgument {}

/// `guanxi export`: the graph in GraphML, GEXF, DOT, CSV, JSON or Turtle; or
/// `--validate FILE` against its schema.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the graph as GraphML, GEXF, DOT, CSV, JSON or Turtle, or validate a GraphML/GEXF file.",
        discussion: """
            Graphs (--graph): coappear (people linked by shared articles, the default), \
            affiliation (people linked to the institutions they hold posts in), full \
            (people, institutions, posts and articles). The same store always gives the \
            same bytes; node ids are store ids with a type prefix (person:金政@永康市).

            Without -o the output goes to standard output, except CSV, which writes \
            nodes.csv and edges.csv into -o DIR/ (or PREFIX-nodes.csv, PREFIX-edges.csv).

            Examples:
              guanxi export --format graphml -o seeds.graphml        Gephi, yEd, NetworkX, igraph
              guanxi export --format gexf -o seeds.gexf              Gephi with its timeline
              guanxi export --format dot --ego 金政 --depth 2 > jin.dot && scripts/render jin.dot png
              guanxi export --format csv --csv-header neo4j -o neo4j/
              guanxi export --format ttl --graph full -o seeds.ttl
              guanxi export --validate seeds.graphml
            See docs/export.md.
            """
    )

    @Option(help: "Output format: \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: ExportFormat?

    @Option(
        name: [.short, .customLong("output")],
        help: "Output file (CSV: a folder ending in / or a prefix); default standard output.")
    var output: String?

    @Option(name: .customLong("graph"), help: "Which graph: coappear, affiliation, full.")
    var graph: ExportGraphKind = .coappear

    @OptionGroup var graphFilter: FilterOptions

    @Option(help: "Only the ego network of this person (a name, or an id such as 张三@永康市#2).")
    var ego: String?

    @Option(help: "Steps from the ego person.")
    var depth = 1

    @Option(help: "DOT: font for labels; it must cover Chinese.")
    var font = "Noto Sans CJK SC"

    @Option(help: "DOT: draw a cluster per main institution (value: institution).")
    var clusterBy: String?

    @Option(help: "CSV headers: plain (spreadsheets, pandas) or neo4j (neo4j-admin import).")
    var csvHeader: CSVHeaderStyle = .plain

    @Flag(help: "CSV: start files with a UTF-8 byte order mark (Excel).")
    var bom = false

    @Flag(help: "Record the export time in the file (then two exports differ).")
    var timestamp = false

    @Option(
        name: .customLong("validate"),
        help: "Validate this GraphML or GEXF file against its schema instead of exporting.")
    var validateFile: String?

    @Option(help: "Folder with graphml/graphml.xsd and gexf-1.3/gexf.rng (default: the repository's schemas/).")
    var schemaDir: String?

    @Flag(help: "Show every validation problem and error causes.")
    var verbose = false

    func validate() throws {
        if validateFile == nil && format == nil {
            throw ValidationError("give --format FORMAT to export, or --validate FILE")
        }
        if let clusterBy, clusterBy != "institution" {
            throw ValidationError("--cluster-by takes 'institution' only")
        }
        if depth < 0 { throw ValidationError("--depth must be 0 or more") }
    }

    func run() throws {
        try CommandFailure.reporting(verbose: verbose) {
            if let file = validateFile {
                let found = try SchemaValidator(schemaDirectory: schemaDir).validate(path: file)
                FileHandle.standardError.write(Data("\(file): valid \(found.rawValue)\n".utf8))
                return
            }
            guard let format else { return }
            let graphStore = try StoreLocation.open(graphFilter.store, create: false)
            var filter = graphFilter.filter
            filter.depth = depth
            if let ego { filter.ego = try resolve(ego, in: graphStore) }
            var options = ExportOptions(
                font: font, clusterByInstitution: clusterBy == "institution", csvHeader: csvHeader,
                csvByteOrderMark: bom)
            if timestamp { options.timestamp = ISO8601DateFormatter().string(from: Date()) }
            let files = try GraphExport(format: format, kind: graph, options: options)
                .run(store: graphStore, filter: filter, output: output)
            for file in files { FileHandle.standardError.write(Data("wrote \(TerminalText.escaped(file))\n".utf8)) }
        }
    }

    private func resolve(_ name: String, in store: any GraphStore) throws -> String {
        switch PersonLookup(people: try store.people()).resolve(name) {
        case .one(let p):
            return p.id
        case .several(let people):
            throw ExportError(
                .usage, path: store.location,
                "several people are named \(name); give one id to --ego: " + people.map(\.id).joined(separator: ", "))
        case .none(let suggestions):
            let hint =
                suggestions.isEmpty ? "" : "; did you mean " + suggestions.map(\.name).joined(separator: ", ") + "?"
            throw ExportError(.usage, path: store.location, "nobody named \(name)\(hint)")
        }
    }
}
