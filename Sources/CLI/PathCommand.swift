import ArgumentParser
import Guanxi

struct PathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path",
        abstract: "The shortest co-appearance chain between two people.",
        discussion: """
            Breadth-first search over the co-appearance edges the filter keeps \
            (window, kinds, --min-weight); each link shows its latest shared \
            article. Exit status 0 also when no chain exists (it says so).

            Example:
              guanxi path 金政 胡勇春 --since 2017
            """
    )

    @Argument(help: "A person's name or id.")
    var name: String

    @Argument(help: "The other person's name or id.")
    var other: String

    @OptionGroup var options: QueryOptions

    func run() throws {
        try options.run { try $0.path(name, other) }
    }
}
