import ArgumentParser
import Foundation
import Guanxi

struct ArticlesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "articles",
        abstract: "Read pages and print the articles found on them."
    )

    @Argument(help: "Files or directories (.txt, .html, .htm); directories are read recursively.")
    var paths: [String]

    func run() throws {
        let (files, problems) = InputFiles.expand(paths)
        for p in problems { FileHandle.standardError.write(Data("guanxi: \(p)\n".utf8)) }
        for file in files {
            let page = try PageReader().read(path: file)
            for a in ArticleSegmenter().segment(page) {
                print(a.source, a.index, a.body.text.prefix(40))
            }
        }
    }
}
