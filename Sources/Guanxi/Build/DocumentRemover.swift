import Foundation

/// Removes stored documents by path (`guanxi remove`) and relinks the graph
/// as a build does after a changed file: the people, posts and
/// co-appearances only those documents gave go with them.
///
/// The documents are deleted in one transaction that also marks the graph
/// stale, then the graph is relinked in another, and the operation is
/// recorded in the `build` table like a build. A remove killed before its
/// relink commits leaves the documents removed and the graph unlinked: the
/// next build or remove relinks it.
///
/// ```swift
/// let remover = DocumentRemover(store: try SQLiteGraphStore(path: "guanxi.sqlite"))
/// let plan = try remover.plan(paths: ["pages/2018"])
/// let summary = try remover.remove(plan)
/// ```
public struct DocumentRemover: Sendable {
    /// What a list of paths names in the store.
    public struct Plan: Sendable {
        /// The stored documents to remove, ordered by path, each once.
        public var documents: [StoredDocument]
        /// The paths given (as typed) that name no stored document.
        public var unmatched: [String]

        /// The articles the documents hold.
        public var articles: Int { documents.reduce(0) { $0 + $1.articles } }
    }

    /// Paths that name no stored document: nothing was removed.
    public struct NothingStored: Error, Sendable, CustomStringConvertible {
        /// Each path as typed, with the absolute path it was looked up as.
        public var paths: [(given: String, stored: String)]
        /// The store searched.
        public var store: String

        public var description: String {
            paths.map { p in
                "\(TerminalText.escaped(p.given)): no document is stored at \(TerminalText.escaped(p.stored)) "
                    + "or under it in \(TerminalText.escaped(store)); `guanxi stats` counts what the store holds, "
                    + "and paths are stored absolute, as the build found them"
            }.joined(separator: "\n")
        }
    }

    /// What was removed, and what the store holds afterwards.
    public struct Summary: Sendable {
        public var documents = 0
        public var articles = 0
        /// Where linking's time went, step by step.
        public var linkSteps: [(step: String, seconds: Double)] = []
        public var curationProblems: [CurationProblem] = []
        /// Whether the graph had been linked with other link options or
        /// another curation than this remove's (or not linked at all): the
        /// relink changed more than what the removed documents gave.
        public var linkedOtherwise = false
        public var counts = StoreCounts()
    }

    public var store: any GraphStore
    public var link: LinkOptions
    public var curation: Curation

    public init(store: any GraphStore, link: LinkOptions = LinkOptions(), curation: Curation = .none) {
        self.store = store
        self.link = link
        self.curation = curation
    }

    /// The stored documents `paths` name: a file's path, or a folder whose
    /// stored documents are all named. Each path is made absolute and
    /// standard as a build stores it (it need not exist any more).
    public func plan(paths: [String]) throws -> Plan {
        let standard = paths.map(Self.standardPath)
        let found = try store.storedDocuments(under: standard)
        var seen = Set<Int64>()
        var documents: [StoredDocument] = []
        var unmatched: [String] = []
        for (i, matches) in found.enumerated() {
            if matches.isEmpty { unmatched.append(paths[i]) }
            for document in matches where seen.insert(document.id).inserted { documents.append(document) }
        }
        documents.sort { $0.path < $1.path }
        return Plan(documents: documents, unmatched: unmatched)
    }

    /// Throws ``NothingStored`` when a path of `plan` names no stored document.
    public func requireEveryPathStored(_ plan: Plan) throws {
        guard plan.unmatched.isEmpty else {
            throw NothingStored(paths: plan.unmatched.map { ($0, Self.standardPath($0)) }, store: store.location)
        }
    }

    /// Removes the documents of `plan` and relinks the graph.
    ///
    /// - Throws: ``NothingStored`` when a path of the plan names no stored
    ///   document (nothing is removed then, not even what the other paths
    ///   name); ``StoreError`` when the store cannot be written.
    public func remove(_ plan: Plan) throws -> Summary {
        try requireEveryPathStored(plan)
        var summary = Summary()
        summary.documents = plan.documents.count
        summary.articles = plan.articles
        summary.linkedOtherwise = try !store.isLinked(options: link, curation: curation)
        let build = try store.beginBuild()
        do {
            try store.removeDocuments(ids: plan.documents.map(\.id))
            let clock = Date()
            let report = try store.relink(options: link, curation: curation)
            let stepped = report.steps.reduce(0) { $0 + $1.seconds }
            summary.linkSteps = report.steps + [("committing", max(0, Date().timeIntervalSince(clock) - stepped))]
            summary.curationProblems = report.curationProblems
            summary.counts = try store.counts()
            try store.finishBuild(
                build, status: "finished",
                note: "remove: \(summary.documents) document(s) (\(summary.articles) article(s))")
        } catch {
            try? store.finishBuild(build, status: "failed", note: "remove: \(error)")
            throw error
        }
        return summary
    }

    /// `path` absolute and standard (no `.`, `..`, doubled or trailing `/`),
    /// as ``GraphBuilder`` stores a document's path; a name typed with
    /// `\xHH` escapes is written as a build writes it (``PathText``).
    static func standardPath(_ path: String) -> String {
        URL(fileURLWithPath: PathText.typed(path)).standardizedFileURL.path
    }
}
