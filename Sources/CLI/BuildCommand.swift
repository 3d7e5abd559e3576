import ArgumentParser
import Foundation
import Guanxi
import GuanxiPostgres

#if canImport(Glibc)
    import Glibc
#endif

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Read pages and build (or update) the graph store.",
        discussion: """
            Reads the files and folders given, finds the articles and the people and \
            institutions they name, and links them into a graph in an SQLite store. \
            Building again is cheap: unchanged files are skipped, new files are added, \
            a file changed on disk replaces its old articles, and people keep their ids. \
            A file whose --manifest line or --home was added, changed or removed since \
            it was stored is read again. A file name that is not UTF-8 (GBK from a \
            Windows zip) is read and stored with each byte of 0x80 or more in that \
            name written \\xHH.

            PDF pages are read with their layout (columns, headlines by size, \
            captions); a scanned page (no text layer) is read by OCR when tesseract \
            and its simplified-Chinese model are installed (apt-get install \
            tesseract-ocr tesseract-ocr-chi-sim), else it gets one line saying so.

            Corrections in the curation file (curation.tsv next to the store, or \
            --curation) are applied on every build, one tab-separated command a line:
              merge<TAB>NAME_OR_ID<TAB>NAME_OR_ID
              split<TAB>NAME<TAB>by-date<TAB>2019-01-01
              split<TAB>NAME<TAB>by-jurisdiction
              rename<TAB>ID<TAB>NEW NAME
              not-a-person<TAB>NAME

            One build writes to a store at a time: a build holds an advisory lock \
            (flock on STORE.lock, dropped by the kernel when the build ends or is \
            killed), and a second build on the same store refuses at once. Queries \
            and `sqlite3` read the last committed state while a build writes.

            Ctrl-C (SIGINT) or SIGTERM stops the build after the batch of files it \
            is writing: the store keeps every batch written, records the build as \
            interrupted and exits 130; run the same build again to complete it. A \
            second Ctrl-C stops at once, which is also safe (each batch is one \
            transaction).

            --prune removes from the store the documents stored under the folders \
            given whose files no longer exist, a line each (`guanxi remove` removes \
            any stored file or folder).

            Exit status: 0 all files built, 1 some files skipped, 2 or more on errors, \
            130 interrupted.

            Example:
              guanxi build seeds/ --store yongkang.sqlite
              guanxi build seeds/ more-pages/ --store yongkang.sqlite --dry-run
              guanxi build seeds/ --store yongkang.sqlite --prune
            """
    )

    @OptionGroup var input: InputOptions

    @OptionGroup var storeOptions: StoreOptions
    var store: String { storeOptions.store }

    @OptionGroup var linking: LinkingOptions

    @Option(help: "The papers' home jurisdiction, e.g. 永康市 (default: inferred from their titles).")
    var home: String?

    @Flag(help: "Show what the build and the curation would change, and write nothing.")
    var dryRun = false

    @Flag(help: "Remove the stored documents under the given folders whose files are gone.")
    var prune = false

    /// For tests of interrupted first builds on small corpora: how many KB
    /// of pages a first build writes between commits (default 32 MB).
    @Option(help: .hidden)
    var bulkCommitKb: Int?

    func run() throws {
        do {
            try CommandFailure.reporting { try build() }
        } catch let interrupted as GraphBuilder.Interrupted {
            Self.printSummary(interrupted.summary, store: StoreLocation.shown(store), linked: false)
            let done = "\(interrupted.filesDone) of \(interrupted.filesTotal) files done"
            FileHandle.standardError.write(
                Data(
                    "guanxi: \(done); interrupted; run the same build again to complete it\n".utf8))
            throw ExitCode(130)
        }
    }

    private func build() throws {
        var options = GraphBuilder.Options(
            link: try linking.linkOptions(), curation: try linking.loadCuration(store: store), homeJurisdiction: home,
            reader: try input.makeReader())
        options.prune = prune

        // The lexicons are compiled before the store is opened: a new store
        // is then created and its first build starts at once, with no pause
        // in which a reader would find it empty.
        _ = try Ontology.bundled(homeJurisdiction: home)

        let postgres = StoreLocation.isPostgres(store)
        // A PostgreSQL dry run rolls back in the database itself.
        let exists = postgres || FileManager.default.fileExists(atPath: store)
        var scratch: String?
        defer {
            // The throw-away store and every file SQLite made beside it.
            if let scratch {
                for suffix in ["", "-wal", "-shm", "-journal"] {
                    try? FileManager.default.removeItem(atPath: scratch + suffix)
                }
            }
        }
        let storePath: String
        if dryRun && !exists {
            // Nothing to roll back into: simulate on a throw-away store.
            let path = FileManager.default.temporaryDirectory.appendingPathComponent(
                "guanxi-dry-\(UUID().uuidString).sqlite"
            ).path
            scratch = path
            storePath = path
        } else {
            storePath = store
        }
        // Held until the process ends; the kernel drops it even on SIGKILL. A
        // dry run's throw-away store is this process's alone: no lock file.
        // (A PostgreSQL store is coordinated by the database: no lock file.)
        let lock = scratch == nil && !postgres ? try SQLiteGraphStore.lockForWriting(path: storePath) : nil
        defer { lock?.release() }
        let graph = try StoreLocation.open(storePath, create: true)
        if let bulkCommitKb, let sqlite = graph as? SQLiteGraphStore {
            guard bulkCommitKb > 0 else { throw ValidationError("--bulk-commit-kb must be at least 1") }
            sqlite.bulkCommitBytes = bulkCommitKb << 10
        }
        var builder = try GraphBuilder(store: graph, options: options)
        let stop = StopRequest()
        builder.shouldStop = { stop.isRequested }
        let handlers = [SIGINT, SIGTERM].map { stop.handle($0) }
        defer { handlers.forEach { $0.cancel() } }
        let terminal = isatty(STDERR_FILENO) == 1
        let progress: (BuildProgress) -> Void = { p in
            guard terminal else { return }
            let line =
                String(
                    format: "\r%d/%d files, %d articles, %.1f MB/s", p.filesDone, p.filesTotal, p.articles,
                    p.megabytesPerSecond) + (p.linking ? "; linking the graph…" : "")
            FileHandle.standardError.write(Data(line.utf8))
        }
        let summary: BuildSummary
        if dryRun {
            let (result, diff) = try builder.dryRun(paths: input.paths, progress: progress)
            summary = result
            if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
            print("dry run: nothing was written to \(StoreLocation.shown(store))")
            Self.printDiff(diff)
        } else {
            summary = try builder.build(paths: input.paths, progress: progress)
            if terminal { FileHandle.standardError.write(Data("\n".utf8)) }
        }
        for path in summary.pruned { print("pruned: \(TerminalText.escaped(path)) (the file is gone)") }
        Self.printSummary(summary, store: StoreLocation.shown(store))
        for warning in summary.warnings {
            FileHandle.standardError.write(Data("guanxi: warning: \(warning)\n".utf8))
        }
        for problem in summary.curationProblems {
            FileHandle.standardError.write(Data("guanxi: curation: \(problem)\n".utf8))
        }
        if !summary.skipped.isEmpty {
            for s in summary.skipped {
                FileHandle.standardError.write(
                    Data("guanxi: skipped \(TerminalText.escaped(s.path)): \(s.reason)\n".utf8))
            }
            FileHandle.standardError.write(
                Data("guanxi: \(summary.skipped.count) file(s) skipped; the rest was built\n".utf8))
            throw ExitCode(1)
        }
    }

    static func printSummary(_ s: BuildSummary, store: String, linked: Bool = true) {
        let c = s.counts
        print(
            "files: \(s.filesSeen) (\(s.documentsAdded) added, \(s.documentsReplaced) replaced, "
                + "\(s.documentsUnchanged) unchanged, \(s.skipped.count) skipped)")
        print("store: \(store)")
        print("documents: \(c.documents)  articles: \(c.articles)  mentions: \(c.mentions)")
        let kinds = PersonKind.allCases.compactMap { k in c.peopleByKind[k].map { "\(k.rawValue) \($0)" } }
        print("people: \(c.people)" + (kinds.isEmpty ? "" : " (" + kinds.joined(separator: ", ") + ")"))
        print(
            "institutions: \(c.organizations)  posts: \(c.posts)  co-appearance edges: \(c.coappearances)"
                + (!linked || s.linkingLeftToOthers
                    ? "  (not linked yet)" : s.relinked ? "" : "  (graph unchanged)"))
        if s.linkingLeftToOthers {
            print("linking: left to the builds still writing this store (the last to finish links)")
        }
        print(
            String(
                format: "time: %.1f s reading and extracting, %.1f s writing, %.1f s linking",
                s.secondsReading, s.secondsWriting, s.secondsLinking)
                + (s.secondsWriting > 0 ? " (writing overlaps reading)" : ""))
        if !s.linkSteps.isEmpty {
            print(
                "linking: "
                    + s.linkSteps.map { String(format: "%.1f s ", $0.seconds) + $0.step }.joined(separator: ", "))
        }
    }

    static func printDiff(_ diff: BuildDiff) {
        let changes = diff.before.changes(to: diff.after)
        if changes.isEmpty { print("no change in counts") }
        for change in changes { print("  \(change.name): \(change.before) → \(change.after)") }
        for p in diff.addedPeople { print("  + \(p.id) \(p.name) (\(p.kind.rawValue))") }
        for p in diff.removedPeople { print("  - \(p.id) \(p.name) (\(p.kind.rawValue))") }
        for c in diff.changedPeople {
            print(
                "  ~ \(c.after.id) \(c.before.name) (\(c.before.kind.rawValue)) → \(c.after.name) (\(c.after.kind.rawValue))"
            )
        }
    }
}

/// Set by SIGINT/SIGTERM, read by the builder between batches. A second
/// signal ends the process at once (safe: every batch is one transaction).
final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false

    var isRequested: Bool { lock.withLock { requested } }

    /// Ignores `signal`'s default action and records it instead.
    func handle(_ number: Int32) -> any DispatchSourceSignal {
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
        source.setEventHandler { [self] in
            let again = lock.withLock {
                defer { requested = true }
                return requested
            }
            if again { _exit(130) }
            FileHandle.standardError.write(
                Data(
                    "\nguanxi: stopping after the current batch (again to stop at once)\n".utf8))
        }
        source.resume()
        return source
    }
}
