import ArgumentParser
import Guanxi

@main
struct GuanxiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guanxi",
        abstract: "Build a knowledge graph of officials from Chinese local newspaper pages.",
        discussion: """
            Typical use:
              guanxi build seeds            read, extract, link and store (guanxi.sqlite)
              guanxi stats                  what the store holds
              guanxi explain 金政            why mentions were linked into one person
              guanxi extract seeds          people and institutions per article, JSON Lines
              guanxi articles seeds         the articles read from the pages
            """,
        subcommands: [
            BuildCommand.self, StatsCommand.self, ExplainCommand.self, ExtractCommand.self,
            ArticlesCommand.self, ExportCommand.self,
        ]
    )
}
