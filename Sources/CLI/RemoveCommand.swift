import ArgumentParser
import Foundation
import Guanxi
import GuanxiPostgres

struct RemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove documents from the store and relink the graph.",
        discussion: """
            Removes the documents stored under each PATH: the file stored at that \
            path, or, for a folder, every document stored below it. Paths are \
            compared as `build` stores them, absolute with no `.`, `..` or trailing \
            `/`; the files need not exist any more (a page deleted from the corpus \
            is removed by its old path). Their articles, mentions and everything \
            derived from them go with them, and the graph is relinked as a build \
            relinks after a changed file: people only they named, posts only they \
            gave and the co-appearance weight they added are gone; the other \
            people keep their ids.

            The graph is relinked with the link options and curation lines it was \
            last linked with (by the last build or remove, kept in the store), so \
            it changes only by what the removed documents gave. --coappear, \
            --[no-]include-referenced and --curation given here replace them (a \
            note on stderr says so). A store last linked before store schema 8 \
            kept none: `build`'s defaults apply there.

            A path is stored as `build` found it; a file name that is not UTF-8 \
            is stored with each byte of 0x80 or more in that name \
            written \\xHH (as guanxi prints it): give the name either with its \
            bytes (as the shell completes it) or as printed.

            A PATH that names no stored document gets one line on stderr and exit \
            status 1, and nothing is removed, not even what the other paths name. \
            --dry-run lists what would be removed and writes nothing.

            Like a build, a remove holds the store's write lock (a build or another \
            remove running on the store makes it refuse at once) and is recorded in \
            the store's `build` table. The documents are deleted in one transaction \
            and the graph is relinked in another: a remove killed in between leaves \
            the documents removed and the graph marked not linked, which the next \
            build or remove relinks.

            Exit status: 0 removed, 1 a path names no stored document, 2 the store \
            cannot be opened or written.

            Examples:
              guanxi remove pages/copy/2018-02-01.txt --store yongkang.sqlite
              guanxi remove pages/mirror/ --dry-run
              guanxi remove pages/2018 pages/2019 --coappear official journalist
            """
    )

    @Argument(help: "Stored files or folders to remove.")
    var paths: [String]

    @OptionGroup var storeOptions: StoreOptions
    var store: String { storeOptions.store }

    @OptionGroup var linking: LinkingOptions

    @Flag(help: "List the documents that would be removed, and write nothing.")
    var dryRun = false

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("give the stored files or folders to remove") }
    }

    func run() throws {
        try CommandFailure.reporting { try remove() }
    }

    private func remove() throws {
        // A dry run only reads; a remove writes, as a build: it must find a
        // store (never create one) and hold the write lock.
        let graph: any GraphStore
        let lock: SQLiteGraphStore.WriteLock?
        if dryRun {
            graph = try StoreLocation.open(store, create: false)
            lock = nil
        } else if StoreLocation.isPostgres(store) {
            // Never creates one: it must hold a store of this schema already.
            _ = try StoreLocation.open(store, create: false)
            graph = try StoreLocation.open(store, create: true)
            lock = nil
        } else {
            _ = try SQLiteGraphStore(path: store, create: false)
            lock = try SQLiteGraphStore.lockForWriting(path: store)
            graph = try SQLiteGraphStore(path: store)
        }
        defer { lock?.release() }
        // What the graph was last linked with, each option given replacing its part.
        let stored = try graph.lastLinkSettings()
        let link = try linking.linkOptions(base: stored?.options ?? LinkOptions())
        let loadedCuration = try linking.loadCuration(store: store, stored: stored?.curation)
        let remover = DocumentRemover(
            store: graph, link: link,
            curation: loadedCuration)
        let plan = try remover.plan(paths: paths)
        try remover.requireEveryPathStored(plan)
        if dryRun {
            print("dry run: nothing was written to \(TerminalText.escaped(StoreLocation.shown(store)))")
            plan.documents.forEach(Self.printDocument)
            print("would remove: \(Self.counted(plan.documents.count, plan.articles))")
            return
        }
        let summary = try remover.remove(plan)
        plan.documents.forEach(Self.printDocument)
        print("removed: \(Self.counted(summary.documents, summary.articles))")
        let c = summary.counts
        print("store: \(TerminalText.escaped(StoreLocation.shown(store)))")
        print("documents: \(c.documents)  articles: \(c.articles)  mentions: \(c.mentions)")
        print(
            "people: \(c.people)  institutions: \(c.organizations)  posts: \(c.posts)  "
                + "co-appearance edges: \(c.coappearances)")
        if summary.linkedOtherwise {
            FileHandle.standardError.write(
                Data(
                    ("guanxi: note: the graph had been linked with other link options or curation than this remove's; "
                        + "it was relinked with these (without --coappear, --[no-]include-referenced and --curation, "
                        + "a remove relinks with those the graph was last linked with)\n").utf8))
        }
        for problem in summary.curationProblems {
            FileHandle.standardError.write(Data("guanxi: curation: \(problem)\n".utf8))
        }
    }

    /// `  - /abs/path.txt (3 articles)`.
    static func printDocument(_ d: StoredDocument) {
        print("  - \(TerminalText.escaped(d.path)) (\(counted(d.articles, "article")))")
    }

    /// `3 documents (12 articles)`.
    static func counted(_ documents: Int, _ articles: Int) -> String {
        "\(counted(documents, "document")) (\(counted(articles, "article")))"
    }

    /// `1 article`, `12 articles`.
    static func counted(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
