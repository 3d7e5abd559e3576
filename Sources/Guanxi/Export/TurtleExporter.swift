/// Writes the graph as RDF Turtle with the terms of `ontology/guanxi.ttl`,
/// aligned with the W3C Organization Ontology and PROV-O.
///
/// - people: `gx:Person` with `foaf:name`, `gx:storeId`, `gx:kind`,
///   `gx:jurisdiction`, `gx:firstSeen`/`gx:lastSeen` (typed `xsd:gYear`,
///   `xsd:gYearMonth` or `xsd:date` by precision), `org:holds`;
/// - coappear/full: `gx:CoAppearance` with two `gx:participant`, `gx:weight`,
///   dates and `gx:sharedArticle`s;
/// - affiliation/full: `gx:Organization` (`org:subOrganizationOf`,
///   `skos:altLabel`), `org:Role`, `org:Post` (`org:postIn`, `org:role`) and one
///   `org:Membership` per stored post with `org:memberDuring` and
///   `prov:wasDerivedFrom` the `gx:Mention`s (with offsets) that show it;
/// - full: every mention of the people kept;
/// - evidence: `gx:Article` and `gx:Document` for everything cited.
///
/// IRIs are `https://guanxi.example/id/<type>/<store id>` with the store id
/// percent-encoded where IRIs need it (the namespace is the ontology's
/// placeholder). See https://www.w3.org/TR/vocab-org/ and https://www.w3.org/TR/turtle/.
///
/// - Complexity: O((people + edges + posts) log(…) + evidence rows) time;
///   memory for the snapshot, one edge's or post's evidence, and a bit per
///   article, mention and document id.
public struct TurtleExporter: Sendable {
    public var options: ExportOptions
    /// Base of every resource IRI.
    public static let base = "https://guanxi.example/id/"

    public init(options: ExportOptions = ExportOptions()) { self.options = options }

    /// Writes the `kind` graph of `snapshot` with `evidence` held in memory
    /// into `sink` and finishes it (an ``ExportEvidence`` has no shared articles).
    ///
    /// - Throws: ``ExportError`` when the output fails.
    public func write(
        _ snapshot: GraphSnapshot, evidence: ExportEvidence, kind: ExportGraphKind, to sink: ExportSink
    ) throws {
        try write(snapshot, evidence: InMemoryTurtleEvidence(evidence), kind: kind, to: sink)
    }

    /// Writes the `kind` graph of `snapshot` into `sink`, reading the evidence
    /// from `evidence` as it goes, and finishes the sink.
    ///
    /// - Throws: ``ExportError`` when the output fails; what `evidence` throws.
    public func write(
        _ snapshot: GraphSnapshot, evidence: any TurtleEvidence, kind: ExportGraphKind, to sink: ExportSink
    ) throws {
        let organizations = Dictionary(snapshot.organizations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var citedArticles = RowIdSet()
        var citedMentions = RowIdSet()
        var citedDocuments = RowIdSet()
        var jurisdictions = Set<String>()
        func s(_ text: String) -> String { "\"" + TextEscaping.turtle(text) + "\"" }
        func zh(_ text: String) -> String { s(text) + "@zh" }
        func mentionIRI(_ id: Int64, _ position: Int, _ articleKey: String?) -> String {
            guard let articleKey else { return Self.iri("mention", "\(id)") }
            return Self.iri("mention", "\(articleKey)/\(position)")
        }
        /// Writes `objects` of `predicate` as the last triple of a resource begun
        /// with `head` (`objects` calls its argument once per object).
        func writeResource(_ head: String, _ predicate: String, _ objects: ((String) -> Void) throws -> Void) throws {
            sink.write(head)
            var first = true
            try objects { object in
                sink.write(first ? " ;\n    \(predicate) " : " , ")
                sink.write(object)
                first = false
            }
            sink.write(" .\n")
        }

        sink.write(Self.prefixes)
        sink.write("# \(ExportAttributes.describe(ExportGraph(kind: kind, nodes: [], edges: [])))")
        sink.write(" — \(snapshot.people.count) people\n")
        if let stamp = options.timestamp { sink.write("# exported \(stamp)\n") }

        var heldPosts: [String: [String]] = [:]
        if kind != .coappear {
            for post in snapshot.posts { heldPosts[post.personId, default: []].append(Self.postIRI(post)) }
        }
        sink.write("\n# People\n")
        for p in snapshot.people {
            var t = [
                "a gx:Person", "foaf:name \(zh(p.name))", "gx:storeId \(s(p.id))", "gx:kind gx:kind-\(p.kind.rawValue)",
            ]
            if let j = p.jurisdiction {
                jurisdictions.insert(j)
                t.append("gx:jurisdiction \(Self.iri("jurisdiction", j))")
            }
            if let rank = p.rank { t.append("gx:rank \(zh(rank))") }
            if let d = p.firstDate { t.append("gx:firstSeen \(Self.date(d))") }
            if let d = p.lastDate { t.append("gx:lastSeen \(Self.date(d))") }
            t.append("gx:articleCount \(p.articleCount)")
            let holds = Array(Set(heldPosts[p.id] ?? [])).sorted()
            if !holds.isEmpty { t.append("org:holds " + holds.joined(separator: " , ")) }
            sink.write(Self.resource(Self.iri("person", p.id), t))
        }

        if kind != .affiliation {
            sink.write("\n# Co-appearances\n")
            for e in snapshot.edges {
                var t = [
                    "a gx:CoAppearance",
                    "gx:participant \(Self.iri("person", e.source)) , \(Self.iri("person", e.target))",
                    "gx:weight \(e.weight)",
                ]
                if let d = e.firstDate { t.append("gx:firstDate \(Self.date(d))") }
                if let d = e.lastDate { t.append("gx:lastDate \(Self.date(d))") }
                let head =
                    Self.iri("coappearance", "\(e.source)|\(e.target)") + "\n    " + t.joined(separator: " ;\n    ")
                try writeResource(head, "gx:sharedArticle") { object in
                    try evidence.sharedArticles(source: e.source, target: e.target) { id, key in
                        citedArticles.insert(id)
                        object(Self.iri("article", key))
                    }
                }
            }
        }

        if kind != .coappear {
            var orgIds = Set(snapshot.posts.compactMap(\.organizationId))
            var frontier = Array(orgIds)
            while let id = frontier.popLast() {
                if let parent = organizations[id]?.parentId, orgIds.insert(parent).inserted { frontier.append(parent) }
            }
            sink.write("\n# Institutions\n")
            let aliases = evidence.aliases
            for id in orgIds.sorted() {
                let o = organizations[id]
                var t = ["a gx:Organization", "rdfs:label \(zh(o?.name ?? id))", "gx:storeId \(s(id))"]
                for alias in aliases[id] ?? [] where alias != (o?.name ?? id) { t.append("skos:altLabel \(zh(alias))") }
                if let j = o?.jurisdiction {
                    jurisdictions.insert(j)
                    t.append("gx:jurisdiction \(Self.iri("jurisdiction", j))")
                }
                if let parent = o?.parentId { t.append("org:subOrganizationOf \(Self.iri("organization", parent))") }
                if let n = o?.articleCount { t.append("gx:articleCount \(n)") }
                sink.write(Self.resource(Self.iri("organization", id), t))
            }
            sink.write("\n# Roles and posts\n")
            for role in Set(snapshot.posts.map(\.role)).sorted() {
                sink.write(
                    Self.resource(
                        Self.iri("role", role),
                        ["a org:Role", "skos:inScheme gx:RoleScheme", "skos:prefLabel \(zh(role))"]))
            }
            var posts: [String: GraphSnapshot.Post] = [:]
            for post in snapshot.posts where posts[Self.postIRI(post)] == nil { posts[Self.postIRI(post)] = post }
            for (iri, post) in posts.sorted(by: { $0.key < $1.key }) {
                let label = (post.organizationId.map { organizations[$0]?.name ?? $0 } ?? "") + post.role
                var t = ["a org:Post", "rdfs:label \(zh(label))", "org:role \(Self.iri("role", post.role))"]
                if let org = post.organizationId { t.append("org:postIn \(Self.iri("organization", org))") }
                sink.write(Self.resource(iri, t))
            }
            sink.write("\n# Holdings\n")
            for post in snapshot.posts {
                var t = ["a org:Membership", "org:member \(Self.iri("person", post.personId))"]
                if let org = post.organizationId { t.append("org:organization \(Self.iri("organization", org))") }
                t.append("org:role \(Self.iri("role", post.role))")
                t.append("gx:post \(Self.postIRI(post))")
                t.append("gx:titleAsWritten \(zh(post.title))")
                if let d = post.firstDate { t.append("gx:firstSeen \(Self.date(d))") }
                if let d = post.lastDate { t.append("gx:lastSeen \(Self.date(d))") }
                if post.firstDate != nil || post.lastDate != nil {
                    var interval = "[ a time:Interval"
                    if let d = post.firstDate {
                        interval += " ; time:hasBeginning [ a time:Instant ; \(Self.instant(d)) ]"
                    }
                    if let d = post.lastDate { interval += " ; time:hasEnd [ a time:Instant ; \(Self.instant(d)) ]" }
                    t.append("org:memberDuring \(interval) ]")
                }
                t.append("gx:articleCount \(post.articleCount)")
                let head = Self.iri("holding", post.id) + "\n    " + t.joined(separator: " ;\n    ")
                try writeResource(head, "prov:wasDerivedFrom") { object in
                    try evidence.postMentions(postId: post.id) { id, position, articleKey in
                        citedMentions.insert(id)
                        object(mentionIRI(id, position, articleKey))
                    }
                }
            }
        }

        var mentionsBegun = false
        func beginMentions() {
            sink.write("\n# Mentions (offsets in Unicode scalars of the document text)\n")
            mentionsBegun = true
        }
        if !citedMentions.isEmpty { beginMentions() }
        let everyMention = kind == .full
        try evidence.mentions(where: { everyMention || citedMentions.contains($0) }) { m, articleKey in
            if !mentionsBegun { beginMentions() }
            citedArticles.insert(m.articleId)
            var t = [
                "a gx:Mention", "gx:inArticle \(Self.iri("article", articleKey ?? "\(m.articleId)"))",
                "gx:mentions \(Self.iri("person", m.personId))", "gx:nameAsWritten \(zh(m.name))",
            ]
            if ["official", "journalist", "citizen", "historical", "person"].contains(m.kind) {
                t.append("gx:kind gx:kind-\(m.kind)")
            }
            for title in m.titles { t.append("gx:titleAsWritten \(zh(title))") }
            for rule in m.rules { t.append("gx:rule \(s(rule))") }
            if m.referenced { t.append("gx:referenced true") }
            if m.inName { t.append("gx:inName true") }
            t.append("gx:startOffset \(m.startOffset)")
            t.append("gx:endOffset \(m.endOffset)")
            sink.write(Self.resource(mentionIRI(m.id, m.position, articleKey), t))
        }
        if !citedArticles.isEmpty {
            sink.write("\n# Articles and documents\n")
            try evidence.articles(where: citedArticles.contains) { a, key, document in
                citedDocuments.insert(a.documentId)
                var t = ["a gx:Article"]
                if let h = a.headline, !h.isEmpty { t.append("dcterms:title \(zh(h))") }
                if let d = a.date { t.append("dcterms:date \(Self.date(d))") }
                if a.dateInferred { t.append("gx:dateInferred true") }
                if let b = a.byline, !b.isEmpty { t.append("gx:byline \(zh(b))") }
                if let doc = document { t.append("dcterms:source \(Self.iri("document", doc.path))") }
                t.append("gx:position \(a.position)")
                sink.write(Self.resource(Self.iri("article", key), t))
            }
            try evidence.documents(where: citedDocuments.contains) { d in
                sink.write(
                    Self.resource(
                        Self.iri("document", d.path),
                        [
                            "a gx:Document", "gx:path \(s(d.path))", "gx:contentHash \(s(d.contentHash))",
                            "gx:encoding \(s(d.encoding))",
                        ]))
            }
        }
        if !jurisdictions.isEmpty {
            sink.write("\n# Jurisdictions\n")
            for j in jurisdictions.sorted() {
                sink.write(Self.resource(Self.iri("jurisdiction", j), ["a gx:Jurisdiction", "rdfs:label \(zh(j))"]))
            }
        }
        try sink.finish()
    }

    static let prefixes = """
        @prefix gx:      <https://guanxi.example/ns#> .
        @prefix org:     <http://www.w3.org/ns/org#> .
        @prefix prov:    <http://www.w3.org/ns/prov#> .
        @prefix foaf:    <http://xmlns.com/foaf/0.1/> .
        @prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
        @prefix dcterms: <http://purl.org/dc/terms/> .
        @prefix time:    <http://www.w3.org/2006/time#> .
        @prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
        @prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .

        """

    static func resource(_ subject: String, _ triples: [String]) -> String {
        "\(subject)\n    " + triples.joined(separator: " ;\n    ") + " .\n"
    }

    /// The post (role in an institution) a stored post row is a holding of.
    static func postIRI(_ post: GraphSnapshot.Post) -> String {
        iri("post", "\(post.role)@\(post.organizationId ?? "-")")
    }

    /// `<https://guanxi.example/id/type/segment>`, the segment percent-encoded
    /// except unreserved ASCII, `@` and non-ASCII letters (IRI ucschar).
    static func iri(_ type: String, _ segment: String) -> String {
        var out = "<\(base)\(type)/"
        for scalar in segment.unicodeScalars {
            let v = scalar.value
            let keep =
                (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
                || v == 0x2D || v == 0x2E || v == 0x5F || v == 0x7E || v == 0x40
                || (v >= 0xA0 && v < 0xD800) || (v >= 0xF900 && v < 0xFDD0) || (v >= 0xFDF0 && v < 0xFFF0)
                || (v >= 0x10000 && v < 0xE0000 && v & 0xFFFE != 0xFFFE)
            if keep {
                out.unicodeScalars.append(scalar)
            } else {
                for byte in String(scalar).utf8 {
                    let hex = String(byte, radix: 16, uppercase: true)
                    out += "%" + (hex.count == 1 ? "0" : "") + hex
                }
            }
        }
        return out + ">"
    }

    /// A partial date typed by precision.
    static func date(_ d: String) -> String {
        switch d.count {
        case 4: "\"\(d)\"^^xsd:gYear"
        case 7: "\"\(d)\"^^xsd:gYearMonth"
        case 10: "\"\(d)\"^^xsd:date"
        default: "\"\(TextEscaping.turtle(d))\""
        }
    }

    static func instant(_ d: String) -> String {
        switch d.count {
        case 4: "time:inXSDgYear \(date(d))"
        case 7: "time:inXSDgYearMonth \(date(d))"
        default: "time:inXSDDate \(date(d))"
        }
    }
}
