import ArgumentParser
import Foundation
import Guanxi

/// Options shared by the commands that read pages.
struct InputOptions: ParsableArguments {
    @Argument(help: "Files or directories (.txt, .html, .htm); directories are read recursively.")
    var paths: [String]

    @Option(help: ArgumentHelp(
        "The jurisdiction the papers' 市/我市 refers to, e.g. 永康市.",
        discussion: "Default: for each page, the county it names most, else the one the whole input names most."))
    var home: String?

    /// Reads every page, reporting each file it skips on stderr.
    func readPages(onSkip: () -> Void) -> [Page] {
        let (files, problems) = InputFiles.expand(paths)
        for p in problems {
            warn(p.description)
            onSkip()
        }
        var pages: [Page] = []
        let reader = PageReader()
        for file in files {
            do {
                pages.append(try reader.read(path: file))
            } catch {
                warn(error.description)
                onSkip()
            }
        }
        return pages
    }

    func makeExtractor() throws -> Extractor {
        do {
            return Extractor(ontology: try Ontology.bundled(homeJurisdiction: home))
        } catch {
            throw ValidationError("cannot load the lexicons: \(error)")
        }
    }

    /// The county the pages name most.
    func guessHome(_ pages: [Page]) -> String? {
        guard let ontology = try? Ontology.bundled() else { return nil }
        return HomeJurisdiction(ontology: ontology).guess(pages.map { Array($0.text.unicodeScalars) })
    }

    /// The county one page names most (at least twice), else `fallback`.
    func pageHome(_ page: Page, fallback: String?) -> String? {
        guard let ontology = try? Ontology.bundled() else { return fallback }
        let h = HomeJurisdiction(ontology: ontology)
        let counts = h.counts([Array(page.text.unicodeScalars)])
        if let best = h.best(counts), counts[best, default: 0] >= 2 { return best }
        return fallback
    }
}

func warn(_ message: String) {
    FileHandle.standardError.write(Data("guanxi: \(message)\n".utf8))
}
