import ArgumentParser
import Guanxi

struct OrgCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org",
        abstract: "An institution: its parent, sub-institutions and the people holding posts in it.",
        discussion: """
            Examples:
              guanxi org 中共永康市委
              guanxi org 市委统战部 --format json
            """
    )

    @Argument(help: "The institution's canonical name or an alias as written.")
    var name: String

    @OptionGroup var options: QueryOptions

    func run() throws {
        try options.run { try $0.organization(name) }
    }
}
