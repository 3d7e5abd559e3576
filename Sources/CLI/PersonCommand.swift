import ArgumentParser
import Guanxi

struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person",
        abstract: "Who a person is: kind, jurisdiction, career, top partners, articles.",
        discussion: """
            NAME may be typed with spaces, in traditional characters or full-width \
            forms. When several people share the name, they are listed with what \
            tells them apart; pick one by id. An unknown name gets the closest \
            names suggested and exit status 1.

            Examples:
              guanxi person 金政
              guanxi person 张三@永康市#2 --since 2019 --format json
            """
    )

    @Argument(help: "A person's name as written, or a person id such as 张三@永康市#2.")
    var name: String

    @OptionGroup var options: QueryOptions

    func run() throws {
        try options.run { try $0.profile(of: name) }
    }
}
