import Foundation
import Guanxi

extension ServeSite {
    /// The formats a view offers for download, with their content types.
    static let downloads: [(format: ExportFormat, label: String, contentType: String)] = [
        (.graphml, "GraphML", "application/graphml+xml; charset=utf-8"),
        (.gexf, "GEXF", "application/gexf+xml; charset=utf-8"),
        (.dot, "DOT", "text/vnd.graphviz; charset=utf-8"),
        (.csv, "CSV", "text/csv; charset=utf-8"),
        (.json, "JSON", "application/json; charset=utf-8"),
    ]

    /// `GET /api/export?format=F&view=V…`: the exporter's output for the
    /// people a view shows. `view=ego` (`name`, `depth`), `post` (`title`,
    /// `org`), `org` (`name`), `top` (`limit`), or none: the whole graph.
    /// CSV comes as the node table, or the edge table with `table=edges`.
    func download(_ query: [String: String]) throws -> ServeResponse {
        let formatText = try required("format", query, "/api/export")
        guard let format = ExportFormat(rawValue: formatText),
            let entry = Self.downloads.first(where: { $0.format == format })
        else {
            throw ServeError.badParameter(
                "format", value: formatText, expected: Self.downloads.map(\.format.rawValue).joined(separator: ", "))
        }
        var filter = try filter(query)
        let q = GraphQuery(store: store, filter: filter)
        var people: Set<String>?
        var name = "guanxi"
        switch query["view"] ?? "" {
        case "":
            filter.limit = nil
        case "ego":
            let center = try q.resolve(required("name", query, "/api/export?view=ego"))
            filter.ego = center.id
            filter.depth = try depth(query)
            filter.limit = nil
            name = "guanxi-ego"
        case "post":
            let holders = try q.holders(
                of: required("title", query, "/api/export?view=post"), organization: query["org"])
            people = Set(holders.holders.map(\.person.id))
            filter.limit = nil
            name = "guanxi-post"
        case "org":
            let profile = try q.organization(required("name", query, "/api/export?view=org"))
            people = Set(profile.holders.map(\.person.id))
            filter.limit = nil
            name = "guanxi-org"
        case "top":
            people = Set(try q.top().rows.map(\.person.person.id))
            filter.limit = nil
            name = "guanxi-top"
        case let other:
            throw ServeError.badParameter("view", value: other, expected: "ego, post, org or top")
        }
        var snapshot = try store.snapshot(filter)
        if let people {
            snapshot.people = snapshot.people.filter { people.contains($0.id) }
            snapshot.edges = snapshot.edges.filter { people.contains($0.source) && people.contains($0.target) }
            snapshot.posts = snapshot.posts.filter { people.contains($0.personId) }
        }
        let export = GraphExport(format: format)
        var file = "\(name).\(format.fileExtension)"
        let sink = ExportSink.memory()
        if format == .csv {
            let table = query["table"] ?? "nodes"
            guard table == "nodes" || table == "edges" else {
                throw ServeError.badParameter("table", value: table, expected: "nodes or edges")
            }
            let nodes = ExportSink.memory(), edges = ExportSink.memory()
            let graph = ExportGraph(snapshot: snapshot, evidence: .none, kind: .coappear)
            try CSVExporter().write(graph, nodes: nodes, edges: edges)
            try nodes.finish()
            try edges.finish()
            file = "\(name)-\(table).csv"
            return ServeResponse(
                contentType: entry.contentType, body: table == "nodes" ? nodes.bytes : edges.bytes,
                headers: [("Content-Disposition", "attachment; filename=\"\(file)\"")])
        }
        try export.write(store: store, snapshot: snapshot, filter: filter, to: sink)
        try sink.finish()
        return ServeResponse(
            contentType: entry.contentType, body: sink.bytes,
            headers: [("Content-Disposition", "attachment; filename=\"\(file)\"")])
    }

    /// The download links of a view (`view` and its parameters, plus the window).
    func downloadLinks(_ params: [(String, String?)]) -> String {
        var links: [String] = []
        for d in Self.downloads {
            if d.format == .csv {
                for table in ["nodes", "edges"] {
                    let href = "/api/export" + HTML.query([("format", "csv"), ("table", table)] + params)
                    links.append("<a class=\"download\" href=\"\(HTML.escape(href))\">CSV (\(table))</a>")
                }
            } else {
                let href = "/api/export" + HTML.query([("format", d.format.rawValue)] + params)
                links.append("<a class=\"download\" href=\"\(HTML.escape(href))\">\(d.label)</a>")
            }
        }
        return "<p class=\"downloads\">Download this view: " + links.joined(separator: " · ") + "</p>"
    }
}
