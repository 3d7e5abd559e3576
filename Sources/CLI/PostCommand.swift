import ArgumentParser
import Guanxi

struct PostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "post",
        abstract: "Who held a post, in date order.",
        discussion: """
            TITLE is a title as written (市委书记), an institution's alias followed by \
            a role (统战部部长), or with --org a bare role (书记 --org 市委). All \
            holders of the same role in the same institution are listed, whatever \
            title they were written with.

            Examples:
              guanxi post 市委书记
              guanxi post 书记 --org 中共永康市委
            """
    )

    @Argument(help: "The post's title as written, or a role with --org.")
    var title: String

    @Option(help: "The institution: canonical name or an alias as written (市委).")
    var org: String?

    @OptionGroup var options: QueryOptions

    func run() throws {
        try options.run { try $0.holders(of: title, organization: org) }
    }
}
