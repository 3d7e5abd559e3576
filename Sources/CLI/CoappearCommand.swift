import ArgumentParser
import Guanxi

struct CoappearCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coappear",
        abstract: "Co-appearance partners of a person, or the articles two people share.",
        discussion: """
            With one name: partners ranked by shared articles, with the first and \
            last date. With two: each shared article (date, headline, source) and \
            the sentence of its text that names both.

            Examples:
              guanxi coappear 金政 --since 2017 --until 2019
              guanxi coappear 金政 范晓东
            """
    )

    @Argument(help: "A person's name or id.")
    var name: String

    @Argument(help: "A second person: list the articles both are named in.")
    var other: String?

    @OptionGroup var options: QueryOptions

    func run() throws {
        try options.run { query in
            if let other { return try query.sharedArticles(name, other) }
            return try query.coappearance(of: name)
        }
    }
}
