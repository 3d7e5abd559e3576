import ArgumentParser
import Foundation
import Guanxi
import GuanxiPostgres

/// The output of `stats` and `explain`: lines for the terminal, or one JSON document.
enum TextOrJSON: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Print what a graph store holds.",
        discussion: """
            Counts documents, articles, mentions, people by kind, institutions, posts, \
            co-appearance edges and link decisions, and warns when the last build did \
            not finish (run the same build again to complete it).

            Examples:
              guanxi stats --store yongkang.sqlite
              guanxi stats --format json
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    var store: String { storeOptions.store }

    @Option(help: "Output: text (lines for the terminal) or json (one document).")
    var format: TextOrJSON = .text

    func run() throws {
        try CommandFailure.reporting {
            let graph = try StoreLocation.open(store, create: false)
            let c = try graph.counts()
            if c.lastBuildStatus == "running" {
                FileHandle.standardError.write(
                    Data(
                        "guanxi: the last build did not finish (or is still running); run it again to complete the store\n"
                            .utf8))
            }
            if format == .json {
                print(c.json(store: StoreLocation.shown(store)).pretty())
                return
            }
            print("store: \(TerminalText.escaped(StoreLocation.shown(store)))")
            print("documents: \(c.documents)")
            print("articles: \(c.articles)")
            print("mentions: \(c.mentions)")
            print("people: \(c.people)")
            for kind in PersonKind.allCases { print("  \(kind.rawValue): \(c.peopleByKind[kind] ?? 0)") }
            print("institutions: \(c.organizations)")
            print("posts: \(c.posts)")
            print("co-appearance edges: \(c.coappearances)")
            print("link decisions: \(c.linkDecisions)")
            print("last build: \(c.lastBuildStatus ?? "none")")
        }
    }
}
