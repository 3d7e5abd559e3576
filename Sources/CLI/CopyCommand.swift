import ArgumentParser
import Foundation
import Guanxi
import GuanxiPostgres

struct CopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a whole store from SQLite to PostgreSQL, back, or to another file.",
        discussion: """
            Moves everything a store holds into another: the documents with their \
            text, articles and mentions, the linked graph (people, institutions, \
            posts, co-appearances, the link decisions), the link state and the link \
            settings `remove` relinks with, and the record of builds. The rows are \
            copied as they are, ids and all, so the copy gives the same `stats` and \
            byte-identical exports (GraphML, GEXF, JSON, DOT, CSV, Turtle), and the \
            next build on it carries on where the source's would: a graph that was \
            not linked yet is linked by it. Nothing is re-read or relinked.

            --from and --to each take an SQLite file or a PostgreSQL URL \
            (postgres://user@host:port/database[?schema=NAME]; the password from \
            PGPASSWORD). The source is opened for reading only and read from one \
            snapshot, so it may be copied while a build writes to it (the copy holds \
            the source as of the last commit before the copy began). It must be a \
            store of this guanxi's schema: a store of an older one is upgraded by a \
            build first, one of a newer one needs a newer guanxi.

            The target is written whole or not at all. A new SQLite file is written \
            as FILE.copying beside it and renamed to FILE when complete; a copy \
            killed before that leaves no FILE (the next copy replaces the \
            FILE.copying left behind). A PostgreSQL schema, or an SQLite store that \
            exists, is written in one transaction: a killed copy leaves it as it \
            was. A target that holds a store (a build or a document) is refused \
            unless --replace is given, which deletes what it holds in the same \
            transaction. While the copy writes, a build of a PostgreSQL target \
            waits for it and readers see the store before or after it; a build of \
            an SQLite target is refused (the copy holds its write lock).

            Progress (the table being copied and its rows) goes to stderr while it \
            is a terminal; a line a table otherwise. Exit status: 0 copied, 2 \
            nothing was copied (the store named twice, a source missing or of \
            another schema, a target not empty without --replace, a role that \
            may not write the target).

            Examples:
              guanxi copy --from guanxi.sqlite --to postgres://writer@db.example/guanxi
              guanxi copy --from postgres://reader@db.example/guanxi --to snapshot.sqlite
              guanxi copy --from old.sqlite --to new.sqlite
              guanxi copy --from guanxi.sqlite --to 'postgres://writer@db.example/guanxi?schema=trial' --replace
            """
    )

    @Option(help: ArgumentHelp("The store to copy: an SQLite file or a postgres:// URL.", valueName: "path-or-url"))
    var from: String

    @Option(help: ArgumentHelp("The store to write: an SQLite file or a postgres:// URL.", valueName: "path-or-url"))
    var to: String

    @Flag(help: "Overwrite a target that already holds a store.")
    var replace = false

    func run() throws {
        let terminal = isatty(STDERR_FILENO) == 1
        var lastTable = ""
        var lastTotal = 0
        var lastShown = Date.distantPast
        func say(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
        // A table done: its line replaces the progress line on a terminal.
        func finished(_ table: String, _ rows: Int) {
            say(terminal ? "\rcopied \(table): \(rows) rows\u{1B}[K\n" : "copied \(table): \(rows) rows\n")
        }
        let copied = try CommandFailure.reporting {
            try StoreLocation.copy(from: from, to: to, replace: replace) { p in
                if p.table != lastTable {
                    if !lastTable.isEmpty { finished(lastTable, lastTotal) }
                    lastTable = p.table
                }
                lastTotal = p.tableTotal
                if terminal, Date().timeIntervalSince(lastShown) > 0.2 {
                    lastShown = Date()
                    let percent = p.total == 0 ? 100 : p.rows * 100 / p.total
                    say("\rcopying \(p.table): \(p.tableRows)/\(p.tableTotal) rows (\(percent)% of all)\u{1B}[K")
                }
            }
        }
        if !lastTable.isEmpty { finished(lastTable, lastTotal) }
        let rows = copied.reduce(0) { $0 + $1.rows }
        let count = { (name: String) in copied.first { $0.table == name }?.rows ?? 0 }
        print(
            "copied: \(TerminalText.escaped(StoreLocation.shown(from))) → \(TerminalText.escaped(StoreLocation.shown(to)))"
        )
        print(
            "documents: \(count("document"))  articles: \(count("article"))  mentions: \(count("mention"))  "
                + "people: \(count("person"))  co-appearance edges: \(count("coappearance"))  rows: \(rows)")
    }
}
