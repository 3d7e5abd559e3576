import ArgumentParser
import Guanxi

@main
struct GuanxiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guanxi",
        abstract: "Build a knowledge graph of officials from Chinese local newspaper pages.",
        subcommands: [ArticlesCommand.self, BuildCommand.self, StatsCommand.self, ExplainCommand.self]
    )
}
