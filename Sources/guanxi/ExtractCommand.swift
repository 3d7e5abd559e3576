import ArgumentParser
import Foundation
import Guanxi

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Print the people and institutions each article names, as JSON Lines.",
        discussion: """
            One JSON object per article: source, index, headline, byline, date, \
            date_inferred, people (name, kind, titles as written, referenced, spans \
            into the source text, posts) and organizations (canonical name, the forms \
            written, spans). Spans count Unicode scalars of the decoded file.

            Example:
              guanxi extract seeds > out.jsonl
              python3 ../shared/eval/score.py ../shared/eval/gold-seeds.json out.jsonl
            """
    )

    @OptionGroup var input: InputOptions

    func run() throws {
        let extractor = try input.makeExtractor()
        var skipped = 0
        let pages = input.readPages { skipped += 1 }
        let home = input.home ?? input.guessHome(pages)
        let out = FileHandle.standardOutput
        for page in pages {
            let pageHome = input.home ?? input.pageHome(page, fallback: home)
            for article in ArticleSegmenter().segment(page) {
                let line = ExtractionJSON.line(extractor.extract(article, home: pageHome))
                out.write(Data((line + "\n").utf8))
            }
        }
        if skipped > 0 { throw ExitCode(1) }
    }
}
