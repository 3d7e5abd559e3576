import ArgumentParser
import Foundation
import Guanxi

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Print the people and institutions each article names, as JSON Lines.",
        discussion: """
            One JSON object per article: source, index, kind, headline, byline, date, \
            date_inferred, people (name, kind, titles as written, referenced, spans \
            into the source text, the posts the titles name, the rules that found them) \
            and organizations (canonical name, forms written, jurisdiction, parent, spans). \
            Spans count Unicode scalars of the decoded file (for HTML and PDF: of the \
            page text the reader built, story by story for a PDF). A PDF's stories \
            come from its layout; a scanned PDF is read by OCR (tesseract, chi_sim).

            kind is official, journalist, citizen, historical or person (undecided).

            Exit status: 0 all files read, 1 some files skipped.

            Example:
              guanxi extract seeds > out.jsonl
              python3 ../shared/eval/score.py ../shared/eval/gold-seeds.json out.jsonl
            """
    )

    @OptionGroup var input: InputOptions

    @Option(
        help: ArgumentHelp(
            "The jurisdiction the papers' 市/我市 refers to, e.g. 永康市.",
            discussion: "Default: the county each page names most."))
    var home: String?

    func run() throws {
        let ontology: Ontology
        do {
            ontology = try Ontology.bundled(homeJurisdiction: home)
        } catch {
            throw ValidationError("cannot load the lexicons: \(error)")
        }
        let extractor = Extractor(ontology: ontology)
        let segmenter = ArticleSegmenter()
        let out = OutputBuffer()
        let skipped = try input.renderPages(
            { page in
                let extractions = extractor.extract(segmenter.segment(page), on: page)
                for warning in extractions.compactMap(\.cutWarning) {
                    FileHandle.standardError.write(Data("guanxi: warning: \(warning)\n".utf8))
                }
                // One buffer per page, written as it is: no String per line.
                var w = JSONWriter(reservingCapacity: 9 * page.scalars.count)  // about 3 × the page's UTF-8
                for e in extractions {
                    ExtractionJSON.write(e, to: &w)
                    w.endLine()
                }
                return w.takeUTF8()
            }, to: out)
        out.flush()
        if skipped > 0 { throw ExitCode(1) }
    }
}
