import Foundation

/// Reads a PDF newspaper page into a `Page`: the text layer with poppler, a scanned
/// page (no text, a picture) with tesseract, both cut into stories by
/// ``PDFLayoutAnalyzer``. The page's `layout` keeps each printed line's page and box.
///
/// An encrypted, damaged or empty PDF, or a scan when tesseract is missing, is a
/// `ReaderError` naming the file and what to do.
struct PDFReader: Sendable {
    /// Whether `bytes` are a PDF: `%PDF-` near the start (the format allows 1 KB of
    /// junk before it), or the `.pdf` extension.
    static func isPDF(_ bytes: [UInt8], source: String) -> Bool {
        if PathExtension.matches(source, "pdf") { return true }
        let magic: [UInt8] = Array("%PDF-".utf8)
        let head = bytes.prefix(1024)
        guard head.count >= magic.count else { return false }
        for i in head.startIndex...(head.endIndex - magic.count) where head[i] == magic[0] {
            if head[i..<i + magic.count].elementsEqual(magic) { return true }
        }
        return false
    }

    /// A broadsheet page holds some 10,000 characters; a page with far more is no
    /// newspaper page (and would only slow the layout down).
    static let maxCharactersPerPage = 200_000

    func read(bytes: [UInt8], source: String) throws(ReaderError) -> Page {
        let document: PopplerAdapter.Document
        do {
            document = try PopplerAdapter.open(bytes)
        } catch {
            switch error {
            case .encrypted:
                throw ReaderError(
                    .encrypted, path: source,
                    "the PDF is encrypted with a password; save an unprotected copy (qpdf --decrypt IN.pdf OUT.pdf)")
            case .damaged(let why):
                throw ReaderError(.damaged, path: source, "not a readable PDF (\(why)); a truncated download?")
            }
        }
        let count = document.pageCount
        if count == 0 { throw ReaderError(.empty, path: source, "the PDF has no pages") }
        var contents: [PDFPageContent] = []
        var scans: [Int] = []
        for index in 0..<count {
            guard let page = document.page(index) else { continue }
            if page.content.glyphs.count > Self.maxCharactersPerPage {
                throw ReaderError(
                    .tooLarge, path: source,
                    "page \(index + 1) holds \(page.content.glyphs.count) characters, more than the "
                        + "\(Self.maxCharactersPerPage) of any newspaper page; not read")
            }
            if page.content.glyphs.contains(where: { !ScalarClass.isWhitespace($0.scalar) }) {
                contents.append(page.content)
            } else if !page.content.pictures.isEmpty {
                scans.append(index)
            }
        }
        if !scans.isEmpty {
            if let missing = TesseractOCR.missing {
                throw ReaderError(
                    .needsOCR, path: source,
                    "\(Self.pages(scans)) scanned, with no text layer, and \(missing)")
            }
            for index in scans {
                if let content = ocr(document, index) { contents.append(content) }
            }
            contents.sort { $0.index < $1.index }
        }
        let (scalars, layout) = PDFLayoutAnalyzer().analyze(contents, pageCount: count)
        guard scalars.contains(where: { !ScalarClass.isWhitespace($0) }) else {
            let why =
                scans.isEmpty
                ? "no text on its \(count) page(s): no text layer and no picture to read"
                : "OCR found no text on \(Self.pages(scans))"
            throw ReaderError(.empty, path: source, why)
        }
        var page = Page(
            source: source, format: .pdf, encoding: scans.isEmpty ? "PDF" : "PDF+OCR", text: String(scalars: scalars))
        page.layout = layout
        return page
    }

    /// Page `index` rendered and read by tesseract.
    private func ocr(_ document: PopplerAdapter.Document, _ index: Int) -> PDFPageContent? {
        let png = NSTemporaryDirectory() + "guanxi-ocr-\(getpid())-\(UUID().uuidString).png"
        defer { try? FileManager.default.removeItem(atPath: png) }
        guard document.renderPNG(index, dpi: TesseractOCR.dpi, to: png) else { return nil }
        return TesseractOCR().read(png: png, index: index)
    }

    /// `page 3` or `pages 1, 2`, numbered from 1 as a PDF viewer shows them.
    private static func pages(_ indices: [Int]) -> String {
        let shown = indices.prefix(5).map { String($0 + 1) }.joined(separator: ", ")
        return (indices.count == 1 ? "page " : "pages ") + shown + (indices.count > 5 ? ", …" : "")
            + (indices.count == 1 ? " is" : " are")
    }
}
