import ArgumentParser
import Foundation
import Guanxi
import GuanxiPostgres

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show why the store holds the people of a name: evidence and link decisions.",
        discussion: """
            For each person with this name (or this id), prints their posts, every \
            mention with its article, date and a snippet quoted from the page, and the \
            decisions that merged or split them (including curation lines). Use it to \
            check a homonym split, then fix it in curation.tsv if needed.

            Example:
              guanxi explain 张三 --store yongkang.sqlite
              guanxi explain 张三@永康市#2 --store yongkang.sqlite
            """
    )

    @Argument(help: "A person's name as written, or a person id such as 张三@永康市.")
    var name: String

    @OptionGroup var storeOptions: StoreOptions
    var store: String { storeOptions.store }

    @Option(help: "Output: text (for the terminal) or json (one document: an array, a member per person).")
    var format: TextOrJSON = .text

    func run() throws {
        let explanations = try CommandFailure.reporting {
            try StoreLocation.open(store, create: false).explain(name: name)
        }
        guard !explanations.isEmpty else {
            FileHandle.standardError.write(
                Data("guanxi: no person named \(name) in \(TerminalText.escaped(StoreLocation.shown(store)))\n".utf8))
            throw ExitCode(1)
        }
        if format == .json {
            print(JSONValue.array(explanations.map(\.json)).pretty())
            return
        }
        // Names, paths and snippets come from files: their control characters are shown escaped.
        func say(_ line: String) { print(TerminalText.escaped(line)) }
        for e in explanations {
            if let p = e.person {
                let span = [p.firstDate, p.lastDate].compactMap { $0 }.joined(separator: " … ")
                say(
                    "\(p.id)  \(p.name)  \(p.kind.rawValue)  \(p.jurisdiction ?? "-")  \(p.articleCount) articles  \(span)"
                )
            } else {
                say("\(name)  (not a person)")
            }
            if !e.posts.isEmpty { say("  posts:") }
            for post in e.posts {
                let dates = [post.firstDate, post.lastDate].compactMap { $0 }.joined(separator: " … ")
                say(
                    "    \(post.title)  = \(post.role) of \(post.organization ?? "-")  \(dates)  (\(post.articleCount) articles)"
                )
            }
            say("  mentions:")
            for m in e.mentions {
                let flags = m.referenced ? " referenced" : ""
                say("    \(m.source) #\(m.article)  \(m.date ?? "undated")  \(m.kind.rawValue)\(flags)  …\(m.snippet)…")
            }
            say("  decisions:")
            for d in e.decisions { say("    \(d.action) [\(d.rule)] \(d.reason)") }
        }
    }
}
