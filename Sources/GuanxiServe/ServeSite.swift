import Foundation
import Guanxi

/// One answer of the web app: status, content type, body, and extra headers.
public struct ServeResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]
    public var headers: [(String, String)]

    public init(status: Int = 200, contentType: String, body: [UInt8], headers: [(String, String)] = []) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.headers = headers
    }

    static func html(_ text: String, status: Int = 200) -> ServeResponse {
        ServeResponse(status: status, contentType: "text/html; charset=utf-8", body: Array(text.utf8))
    }

    static func json(_ value: JSONValue, status: Int = 200) -> ServeResponse {
        ServeResponse(
            status: status, contentType: "application/json; charset=utf-8", body: Array((value.pretty() + "\n").utf8))
    }
}

/// Why a request could not be answered, besides an unknown or ambiguous name
/// (``QueryError``): a missing or malformed parameter, or an unknown path.
public enum ServeError: Error, Sendable, CustomStringConvertible {
    /// A required query parameter is missing (`/person` without `name`).
    case missingParameter(String, path: String)
    /// A parameter has a value the endpoint does not take.
    case badParameter(String, value: String, expected: String)
    /// No page or endpoint at this path.
    case notFound(String)

    public var description: String {
        switch self {
        case .missingParameter(let name, let path): return "\(path) needs the parameter \(name) (\(path)?\(name)=…)"
        case .badParameter(let name, let value, let expected): return "\(name)=\(value) is not valid: give \(expected)"
        case .notFound(let path): return "nothing at \(path); start at / (search) or see docs/api.md for /api/…"
        }
    }

    var status: Int {
        if case .notFound = self { return 404 }
        return 400
    }
}

/// The pages, `/api/…` answers and downloads of `guanxi serve`, as a function
/// of path and query over a store it only reads (no endpoint writes). The
/// HTTP server (``GuanxiServer``) hands every GET to ``respond(path:query:)``.
public struct ServeSite: Sendable {
    public let store: any GraphReading
    /// Every person, for suggestions as you type (read once: the store is not written while served).
    let lookup: PersonLookup
    /// Each person's name folded (``PersonLookup/normalize(_:)``), in the order of `lookup.people`.
    let folded: [String]

    public init(store: any GraphReading) throws {
        self.store = store
        self.lookup = PersonLookup(people: try store.people())
        self.folded = lookup.people.map { PersonLookup.normalize($0.name) }
    }

    /// The answer to `GET path?query`; errors become pages or JSON with their status.
    public func respond(path: String, query: [String: String]) -> ServeResponse {
        let start = DispatchTime.now().uptimeNanoseconds
        let api = path.hasPrefix("/api/")
        var response: ServeResponse
        do {
            response = try route(path: path, query: query)
        } catch {
            response = api ? apiError(error) : errorPage(error, query: query)
        }
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        response.headers.append(("Server-Timing", String(format: "app;dur=%.2f", ms)))
        response.headers.append(("X-Content-Type-Options", "nosniff"))
        if response.contentType.hasPrefix("text/html") {
            response.headers.append(
                (
                    "Content-Security-Policy",
                    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'"
                ))
        }
        return response
    }

    private func route(path: String, query: [String: String]) throws -> ServeResponse {
        switch path {
        case "/", "/index.html": return .html(searchPage())
        case "/person": return .html(try personPage(query))
        case "/ego": return .html(try egoPage(query))
        case "/post": return .html(try postPage(query))
        case "/org": return .html(try orgPage(query))
        case "/top": return .html(try topPage(query))
        case "/shared": return .html(try sharedPage(query))
        case "/article": return .html(try articlePage(query))
        case "/assets/app.js":
            return ServeResponse(
                contentType: "text/javascript; charset=utf-8", body: Array(Assets.script.utf8),
                headers: [("Cache-Control", "max-age=3600")])
        case "/assets/app.css":
            return ServeResponse(
                contentType: "text/css; charset=utf-8", body: Array(Assets.style.utf8),
                headers: [("Cache-Control", "max-age=3600")])
        case "/api/suggest": return .json(try suggestions(query))
        case "/api/person":
            let q = try graphQuery(query)
            return .json(
                try q.profile(of: required("name", query, path), latestArticles: try latestArticles(query, q.filter))
                    .json)
        case "/api/coappear":
            let q = try graphQuery(query), name = try required("name", query, path)
            if let other = query["other"], !other.isEmpty { return .json(try q.sharedArticles(name, other).json) }
            return .json(try q.coappearance(of: name).json)
        case "/api/post":
            return .json(
                try graphQuery(query).holders(of: required("title", query, path), organization: query["org"]).json)
        case "/api/org": return .json(try graphQuery(query).organization(required("name", query, path)).json)
        case "/api/path":
            return .json(try graphQuery(query).path(required("name", query, path), required("other", query, path)).json)
        case "/api/top": return .json(try graphQuery(query).top().json)
        case "/api/ego":
            let q = try graphQuery(query)
            let person = try q.resolve(required("name", query, path))
            return .json(
                try EgoNetwork(query: q, center: person, depth: depth(query), limit: limit(query, default: 60)).json)
        case "/api/stats": return .json(try statsJSON())
        case "/api/export": return try download(query)
        default: throw ServeError.notFound(path)
        }
    }

    // MARK: - Parameters

    func required(_ name: String, _ query: [String: String], _ path: String) throws -> String {
        guard let value = query[name], !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ServeError.missingParameter(name, path: path)
        }
        return value
    }

    /// The query of the request: window (`since`, `until`), `kind` (comma-separated), `min_weight`, `limit`.
    func graphQuery(_ query: [String: String]) throws -> GraphQuery {
        GraphQuery(store: store, filter: try filter(query))
    }

    func filter(_ query: [String: String]) throws -> GraphFilter {
        var filter = GraphFilter()
        for key in ["since", "until"] {
            guard let value = query[key], !value.isEmpty else { continue }
            if let problem = ISODate.problem(value) {
                throw ServeError.badParameter(
                    key, value: value, expected: "a date such as 2017, 2017-04 or 2017-04-27 (\(problem))")
            }
            if key == "since" { filter.since = value } else { filter.until = value }
        }
        if let kinds = query["kind"], !kinds.isEmpty {
            for k in kinds.split(separator: ",") {
                guard let kind = PersonKind(rawValue: String(k)) else {
                    throw ServeError.badParameter(
                        "kind", value: String(k), expected: PersonKind.allCases.map(\.rawValue).joined(separator: ", "))
                }
                filter.kinds.insert(kind)
            }
        }
        if let w = query["min_weight"], !w.isEmpty {
            guard let n = Int(w), n >= 1 else {
                throw ServeError.badParameter("min_weight", value: w, expected: "a whole number ≥ 1")
            }
            filter.minWeight = n
        }
        if let l = query["limit"], !l.isEmpty {
            guard let n = Int(l), n >= 1 else {
                throw ServeError.badParameter("limit", value: l, expected: "a whole number ≥ 1")
            }
            filter.limit = n
        }
        return filter
    }

    /// How many of a person's latest articles `/api/person` lists: `articles=N`,
    /// or `all`; by default `limit`, else 50 (``personArticles``).
    func latestArticles(_ query: [String: String], _ filter: GraphFilter) throws -> Int? {
        guard let a = query["articles"], !a.isEmpty else { return filter.limit ?? Self.personArticles }
        if a == "all" { return nil }
        guard let n = Int(a), n >= 1 else {
            throw ServeError.badParameter("articles", value: a, expected: "a whole number ≥ 1, or all")
        }
        return n
    }

    /// The latest articles `/api/person` lists unless asked for more: a person
    /// named in 28,000 articles would otherwise take half a second to answer.
    static let personArticles = 50

    func depth(_ query: [String: String]) throws -> Int {
        guard let d = query["depth"], !d.isEmpty else { return 1 }
        guard let n = Int(d), (1...2).contains(n) else {
            throw ServeError.badParameter("depth", value: d, expected: "1 or 2")
        }
        return n
    }

    func limit(_ query: [String: String], default value: Int) throws -> Int {
        try filter(query).limit ?? value
    }

    // MARK: - Answers of the app's own

    /// People whose folded name starts with the typed text (most articles
    /// first), then the closest names: what the search box offers.
    func suggestions(_ query: [String: String]) throws -> JSONValue {
        let typed = query["q"] ?? ""
        let key = PersonLookup.normalize(typed)
        var picked: [StoredPerson] = []
        if !key.isEmpty {
            var seen: Set<String> = []
            let prefixed = lookup.people.indices.filter {
                folded[$0].hasPrefix(key) || lookup.people[$0].id.hasPrefix(key)
            }.map { lookup.people[$0] }.sorted { ($1.articleCount, $0.id) < ($0.articleCount, $1.id) }
            for p in prefixed.prefix(10) where seen.insert(p.id).inserted { picked.append(p) }
            if picked.count < 10 {
                for p in lookup.suggestions(for: key, limit: 10) where seen.insert(p.id).inserted { picked.append(p) }
            }
        }
        let summaries = try GraphQuery(store: store).summaries(Array(picked.prefix(10)))
        return .object([
            ("query", .string(typed)),
            (
                "people",
                .array(
                    summaries.map { s in
                        .object([
                            ("id", .string(s.person.id)), ("name", .string(s.person.name)),
                            ("kind", .string(s.person.kind.rawValue)),
                            ("jurisdiction", .string(s.person.jurisdiction)), ("main_post", .string(s.mainPost)),
                            ("articles", .int(s.person.articleCount)),
                        ])
                    })
            ),
        ])
    }

    func statsJSON() throws -> JSONValue {
        let c = try store.counts()
        return .object([
            ("store", .string(store.location)), ("documents", .int(c.documents)), ("articles", .int(c.articles)),
            ("people", .int(c.people)), ("institutions", .int(c.organizations)), ("posts", .int(c.posts)),
            ("edges", .int(c.coappearances)),
        ])
    }

    // MARK: - Errors

    func apiError(_ error: Error) -> ServeResponse {
        let (status, code, candidates) = classify(error)
        return .json(
            .object([
                ("error", .string(code)), ("message", .string(String(describing: error))),
                ("candidates", .array(candidates.map { .string($0) })),
            ]), status: status)
    }

    func classify(_ error: Error) -> (Int, String, [String]) {
        switch error {
        case let e as QueryError:
            let ambiguous = e.code == .ambiguousPerson || e.code == .ambiguousOrganization
            return (ambiguous ? 300 : 404, e.code.description, e.candidates)
        case let e as ServeError:
            return (e.status, e.status == 404 ? "not found" : "bad request", [])
        default:
            return (500, "store", [])
        }
    }
}
