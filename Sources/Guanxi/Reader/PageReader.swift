import Foundation

/// Reads files into pages: checks and decodes the bytes, parses HTML, finds the date.
///
/// Plain text (`.txt` and any extension other than `.html`/`.htm`/`.pdf`) is decoded whole;
/// HTML pages are reduced to their article (see `Page.text`); a PDF (by extension or
/// its `%PDF-` header) is read with its layout by `PDFReader`. Encodings are detected
/// (UTF-8, UTF-8 with BOM, UTF-16 with BOM, GB18030/GBK/GB2312, an HTML page's declared
/// charset) and line ends normalized to `\n` before anything else, so all offsets refer
/// to the decoded, LF-normalized text. The date comes from the first source that has
/// one: the manifest, the path, the HTML metadata, then `DateInference` on the text.
///
/// ```swift
/// let reader = PageReader(maxFileSize: 32 << 20)
/// let page = try reader.read(path: "html/2018-02/01/content_1807921.htm")
/// print(page.headline ?? "", page.date?.iso ?? "undated")
/// ```
///
/// Every failure is a `ReaderError` naming the file and the reason; nothing crashes.
public struct PageReader: Sendable {
    /// The default size limit: 16 MB.
    public static let defaultMaxFileSize = 16 << 20

    /// Dates (and URLs) given by the user, consulted first.
    public var manifest: DateManifest?
    /// Files larger than this many bytes are refused with `.tooLarge`.
    public var maxFileSize: Int
    /// How a year is guessed from the text when no other source dates the page.
    public var inference: DateInference

    /// A reader with an optional manifest, a size limit in bytes, and the inference rules.
    public init(
        manifest: DateManifest? = nil, maxFileSize: Int = PageReader.defaultMaxFileSize,
        inference: DateInference = DateInference()
    ) {
        self.manifest = manifest
        self.maxFileSize = maxFileSize
        self.inference = inference
    }

    /// Reads one file.
    /// - Throws: `ReaderError` — `.notFound`, `.unreadable`, `.unsupported`, `.tooLarge`,
    ///   `.empty`, `.binary`, `.undecodable`, `.noArticle`; for PDFs `.encrypted`,
    ///   `.damaged`, `.needsOCR`.
    public func read(path: String) throws(ReaderError) -> Page {
        let bytes = try FileBytes.read(path: path, maxSize: maxFileSize)
        return try read(bytes: bytes, source: path)
    }

    /// Reads bytes as if they were the file `source` (its extension picks text or HTML,
    /// its path may carry the date).
    public func read(bytes: [UInt8], source: String) throws(ReaderError) -> Page {
        if bytes.count > maxFileSize {
            throw FileBytes.tooLarge(path: source, size: bytes.count, limit: maxFileSize)
        }
        if bytes.isEmpty { throw ReaderError(.empty, path: source, "the file has no text (0 bytes)") }
        if PDFReader.isPDF(bytes, source: source) {
            var page = try PDFReader().read(bytes: bytes, source: source)
            date(&page)
            return page
        }
        let isHTML = Self.isHTML(source)
        let decoded: TextDecoder.Decoded
        do {
            decoded = try TextDecoder().decode(bytes, declaredCharset: isHTML ? Self.declaredCharset(bytes) : nil)
        } catch {
            switch error {
            case .binary(let why): throw ReaderError(.binary, path: source, why)
            case .undecodable(let why): throw ReaderError(.undecodable, path: source, why)
            }
        }
        // Stops at the first non-space scalar: no copy of the text.
        let blank =
            decoded.scalars.map { $0.allSatisfy { ScalarClass.isSpace($0.value) } }
            ?? decoded.text.unicodeScalars.allSatisfy({ ScalarClass.isSpace($0.value) })
        if blank {
            throw ReaderError(.empty, path: source, "the file holds only whitespace (\(bytes.count) bytes)")
        }
        var page: Page
        if isHTML {
            guard let article = HTMLPageParser().parse(utf8: decoded.text) else {
                if let problem = HTMLPageParser.lastParseProblem() {
                    throw ReaderError(.noArticle, path: source, "no article text found: \(problem)")
                }
                throw ReaderError(
                    .noArticle, path: source,
                    "no article text found (no Founder enpcontent, founder-content, div#ozoom or paragraph block)")
            }
            var lines = article.paragraphs
            if let headline = article.headline { lines.insert(headline, at: 0) }
            page = Page(
                source: source, format: .html, encoding: decoded.encoding, text: lines.joined(separator: "\n"),
                date: article.date, url: article.url, headline: article.headline, byline: article.byline)
        } else if let scalars = decoded.scalars {
            // The text's String is built only if something asks for it.
            page = Page(source: source, format: .text, encoding: decoded.encoding, scalars: scalars)
        } else {
            page = Page(source: source, format: .text, encoding: decoded.encoding, text: decoded.text)
        }
        date(&page)
        return page
    }

    /// Dates a page from the manifest, its path, or its text (HTML pages may have one already).
    private func date(_ page: inout Page) {
        let source = page.source
        let entry = manifest?.entry(for: source)
        if let entry {
            page.date = entry.date
            if let url = entry.url { page.url = url }
        } else if let date = DatePatterns.date(inPath: source) {
            page.date = date
        } else if page.date == nil {
            let text = page.text
            page.date = inference.date(for: text)
            page.keep(text)
        }
    }

    /// True for `.html` and `.htm` (any case).
    static func isHTML(_ path: String) -> Bool {
        PathExtension.matches(path, "html") || PathExtension.matches(path, "htm")
    }

    /// The charset an HTML page declares in its first 8 KB (`<meta charset="gb2312">` or
    /// `content="text/html; charset=gbk"`), read from the raw bytes.
    static func declaredCharset(_ bytes: [UInt8]) -> String? {
        let head = Array(bytes.prefix(8192)).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        let key = Array("charset".utf8)
        var i = 0
        while i + key.count < head.count {
            guard head[i..<i + key.count].elementsEqual(key) else {
                i += 1
                continue
            }
            var j = i + key.count
            while j < head.count, head[j] == 0x20 { j += 1 }
            guard j < head.count, head[j] == 0x3D else {  // '='
                i = j
                continue
            }
            j += 1
            while j < head.count, head[j] == 0x20 || head[j] == 0x22 || head[j] == 0x27 { j += 1 }
            var label: [UInt8] = []
            while j < head.count, Self.isLabelByte(head[j]) {
                label.append(head[j])
                j += 1
            }
            if !label.isEmpty { return String(decoding: label, as: UTF8.self) }
            i = j
        }
        return nil
    }

    private static func isLabelByte(_ b: UInt8) -> Bool {
        (0x30...0x39).contains(b) || (0x61...0x7A).contains(b) || b == 0x2D || b == 0x5F || b == 0x3A || b == 0x2E
    }
}
