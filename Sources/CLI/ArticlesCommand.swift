import ArgumentParser
import Foundation
import Guanxi

struct ArticlesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "articles",
        abstract: "Read pages and print the articles found on them.",
        discussion: """
            Shows what the reader and the segmenter made of each page: one item per \
            story, photo caption or weather note, with its headline, byline, date \
            (and whether it was inferred from the text) and normalized text.

            A PDF page is cut as it is printed: columns in reading order, headlines \
            by their size, captions under pictures; encoding is PDF, or PDF+OCR for \
            a scan read by tesseract.

            JSON Lines fields: source, index, kind, headline, byline, date, \
            date_inferred, date_origin (manifest, path, html, text), encoding, text.

            Exit status: 0 all files read, 1 some files skipped.

            Examples:
              guanxi articles seeds --format text
              guanxi articles html/2018-02/01/content_1807921.htm
              guanxi articles epaper/2024-02-25/A01.pdf --format text
              guanxi articles pages/ --manifest dates.csv > articles.jsonl
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, text
    }

    @OptionGroup var input: InputOptions

    @Option(help: "Output format: json (JSON Lines) or text (for reading).")
    var format: Format = .json

    func run() throws {
        let segmenter = ArticleSegmenter()
        let out = OutputBuffer()
        let format = self.format
        let skipped = try input.renderPages(
            { page in
                segmenter.segment(page).map { article in
                    format == .json ? Self.json(article, page) : Self.text(article, page)
                }
            }, to: out)
        out.flush()
        if skipped > 0 { throw ExitCode(1) }
    }

    static func json(_ a: Article, _ page: Page) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("byline"); w.string(a.byline?.text)
        w.key("date"); w.string(a.date?.iso)
        w.key("date_inferred"); w.bool(a.date?.inferred ?? false)
        w.key("date_origin"); w.string(a.date?.origin.rawValue)
        w.key("encoding"); w.string(page.encoding)
        w.key("headline"); w.string(a.headline?.text)
        w.key("index"); w.int(a.index)
        w.key("kind"); w.string(a.kind.rawValue)
        w.key("source"); w.string(a.source)
        w.key("text"); w.string(a.body.text)
        w.endObject()
        return w.output
    }

    static func text(_ a: Article, _ page: Page) -> String {
        var date = a.date?.iso ?? "undated"
        if a.date?.inferred == true { date += " (inferred from the text)" }
        var lines = ["== \(a.source) #\(a.index) [\(a.kind.rawValue)] \(date)"]
        if let h = a.headline { lines.append("headline: \(h.text)") }
        if let b = a.byline { lines.append("byline:   \(b.text)") }
        lines.append(a.body.text)
        return lines.joined(separator: "\n") + "\n"
    }
}
