import Foundation

/// What a relink writes, store by store: ``RelinkPass`` calls these in
/// order, inside the store's one relink transaction.
protocol RelinkWriter {
    /// The people, posts and decisions of linked name groups.
    func insert(_ linked: NameGroupLinker.Linked) throws
    /// The institutions (upserted, stale ones removed, mentions pointed at
    /// them); returns how many there are.
    func writeOrganizations(_ linker: OrganizationLinker) throws -> Int
    /// Each mention's new person (the changes in `tally`), and the people
    /// no name group linked (those not in `linked`) deleted.
    func applyPeople(_ tally: RelinkTally, table: MentionTable, context: MentionContext, linked: Set<String>) throws
    /// The co-appearance edges, each with its articles; returns how many.
    func writeCoappearances(_ edges: [CoappearanceBuilder.Edge], ids: [String]) throws -> Int
}

/// A relink once the mentions are read, the same for every store: names
/// are linked a chunk at a time on other threads while this one writes the
/// chunks linked before (curated names wait for the curation, on this
/// thread); then the institutions, the mentions' people and the
/// co-appearance edges are written, each counted beside the writing.
enum RelinkPass {
    /// Chunks of names being linked at once while this thread writes the
    /// oldest: with three, both cores link while the writing waits (the
    /// name pass is faster than with two).
    static let chunksInFlight = 3

    /// Links the mentions of `table` (whose name columns are let go after
    /// the name pass) and writes the graph through `writer`, recording each
    /// step in `report`.
    static func run(
        table: inout MentionTable, context: MentionContext, organizations: OrganizationLinker, options: LinkOptions,
        curation: Curation, chunkMentions: Int, writer: some RelinkWriter, report: inout LinkReport, clock: inout Date
    ) throws {
        var organizations = organizations
        let coappearance = CoappearanceBuilder(options: options)
        var linker = NameGroupLinker(curation: curation)
        var tally = RelinkTally(rows: table.count)
        func write(_ group: LinkedNameGroup) throws {
            try writer.insert(group.linked)
            tally.add(group)
            report.people += group.linked.people.count
            report.posts += group.linked.posts.count
            report.decisions += group.linked.decisions.count
        }
        // (In a block: what only the name pass uses goes when it ends.)
        let problems: [CurationProblem]
        do {
            let (order, groups) = table.nameGroups()
            var chunk = LinkingChunk(table: table, order: order)
            var inFlight: [LinkingChunk] = []
            func writeOldest() throws {
                guard !inFlight.isEmpty else { return }
                let (linkedGroups, seen) = inFlight.removeFirst().linked()
                for group in linkedGroups { try write(group) }
                organizations.merge(seen)
            }
            func startChunk() throws {
                if inFlight.count >= chunksInFlight { try writeOldest() }
                chunk.start(context: context)
                inFlight.append(chunk)
                chunk = LinkingChunk(table: table, order: order)
            }
            for group in groups where !group.rows.isEmpty {
                if linker.isCurated(table.names[Int(group.name)]) {
                    // Curated names wait for the curation, on this thread.
                    let mentions = table.mentions(order[group.rows], context: context)
                    for m in mentions { organizations.see(titlesOf: m) }
                    _ = linker.link(mentions, partners: MentionPartners(table: table))
                } else {
                    chunk.add(group.rows)
                    if chunk.mentions >= chunkMentions { try startChunk() }
                }
            }
            try startChunk()
            while !inFlight.isEmpty { try writeOldest() }
            let curated: NameGroupLinker.Linked
            (curated, problems) = linker.finish()
            try write(LinkedNameGroup(curated))
        }
        table.dropNameColumns()
        report.curationProblems = problems
        report.step("linking people by name", since: &clock)

        // The tally's work needs no store: another thread gathers the ids of
        // everyone linked while this one writes the institutions, then counts
        // the co-appearance edges while this one writes the mentions' people.
        let finished = tally
        let gathering = aside { finished.linkedIds() }
        report.organizations = try writer.writeOrganizations(organizations)
        report.step("institutions", since: &clock)
        let linked = gathering()
        let counted = table
        let counting = aside { () -> ([CoappearanceBuilder.Edge], [String]) in
            var builder = coappearance
            return finished.coappearanceEdges(&builder, table: counted, context: context)
        }
        try writer.applyPeople(finished, table: table, context: context, linked: linked)
        report.step("giving mentions their people", since: &clock)
        let (edges, ids) = counting()
        report.coappearances = try writer.writeCoappearances(edges, ids: ids)
        report.step("co-appearance", since: &clock)
    }

    /// An edge's articles as the store keeps them: a JSON array of ids.
    static func articlesJSON(_ edge: CoappearanceBuilder.Edge) -> String {
        var articles = JSONWriter(reservingCapacity: edge.articles.count * 8 + 2)
        articles.beginArray()
        for article in edge.articles { articles.int(Int(article)) }
        articles.endArray()
        return articles.output
    }

    /// Runs `work` on another thread; the returned function waits for its
    /// result (call it once).
    static func aside<T>(_ work: @escaping () -> T) -> () -> T {
        nonisolated(unsafe) var result: T?
        nonisolated(unsafe) let work = work
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            result = work()
            done.signal()
        }
        return {
            done.wait()
            // Handed over, not kept: the caller decides how long it lives.
            defer { result = nil }
            return result!
        }
    }
}
