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
              guanxi remove seeds/a.txt     remove stored documents (a file or a folder), relink
              guanxi copy --from guanxi.sqlite --to postgres://…   move a whole store
              guanxi stats                  what the store holds
              guanxi check                  verify the store and the graph's invariants
              guanxi explain 金政            why mentions were linked into one person
              guanxi person 金政             career, partners, articles
              guanxi coappear 金政 范晓东     the articles two people share, with the sentence
              guanxi post 市委书记           who held a post, in date order
              guanxi org 市委                an institution, its parts, the people in it
              guanxi path 金政 张群环         shortest co-appearance chain
              guanxi top                    most central people
              guanxi export --format gexf   the graph for Gephi; graphml dot csv json ttl
              guanxi extract seeds          people and institutions per article, JSON Lines
              guanxi articles seeds         the articles read from the pages
              guanxi serve                  see the graph in a browser (http://127.0.0.1:8080/)
            """,
        version: "guanxi \(GuanxiVersion.current) (store schema \(SQLiteGraphStore.schemaVersion))",
        subcommands: [
            BuildCommand.self, RemoveCommand.self, CopyCommand.self, StatsCommand.self, CheckCommand.self,
            ExplainCommand.self,
            PersonCommand.self,
            CoappearCommand.self, PostCommand.self, OrgCommand.self, PathCommand.self, TopCommand.self,
            ExportCommand.self, ExtractCommand.self, ArticlesCommand.self, ServeCommand.self,
        ]
    )
}
