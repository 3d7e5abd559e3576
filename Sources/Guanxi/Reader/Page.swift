/// One input file, decoded and read: the text the rest of the pipeline works on.
///
/// For a plain-text page `text` is the whole decoded file (BOM removed, CRLF and CR
/// turned into LF), so offsets into it are offsets into the source file's decoded
/// text. For an HTML page `text` is the readable text libxml2 pulled out of the page
/// (headline on the first line if any, then one body paragraph per line, trimmed);
/// offsets then refer to that text, which the store keeps. For a PDF `text` is built
/// from the layout, story by story (see ``PageLayout``).
public struct Page: Sendable, Hashable {
    /// How the file was written.
    public enum Format: String, Sendable, Hashable, Codable {
        case text
        case html
        /// A PDF page, its text layer (or a scan, by OCR) read with its layout.
        case pdf
    }

    /// The path as the user gave it (or as found under a directory they gave).
    public var source: String
    /// Plain text or HTML, chosen by the file's extension.
    public var format: Format
    /// Encoding the bytes were decoded from (`UTF-8`, `UTF-8 BOM`, `GB18030`, `UTF-16LE`,
    /// or the charset an HTML page declared, as iconv names it).
    public var encoding: String
    /// Decoded text; spans everywhere downstream count Unicode scalars of this.
    public var text: String {
        get { storedText ?? String(scalars: scalars) }
        set {
            storedText = newValue
            scalars = newValue.scalarArray
        }
    }
    /// `text` as given; nil for a page the reader decoded straight into
    /// `scalars` (`extract` never needs the String: it is built when asked).
    private var storedText: String?
    /// The Unicode scalars of `text`, decoded once for the segmenter and the
    /// extractor's home guess (both index the page by scalar).
    public private(set) var scalars: [Unicode.Scalar]
    /// The page's date, from the first source that had one.
    public var date: PageDate?
    /// The article URL, from a manifest or the HTML page, if known.
    public var url: String?
    /// For HTML pages: headline found in the page's metadata or markup, if any.
    public var headline: String?
    /// For HTML pages: author/byline found in the page's metadata, if any.
    public var byline: String?
    /// For PDF pages: the stories the layout found and where each line was printed.
    public var layout: PageLayout?

    /// A page; the reader builds these, tests and other stages may too.
    public init(
        source: String, format: Format, encoding: String, text: String,
        date: PageDate? = nil, url: String? = nil, headline: String? = nil, byline: String? = nil
    ) {
        self.source = source
        self.format = format
        self.encoding = encoding
        self.storedText = text
        self.scalars = text.scalarArray
        self.date = date
        self.url = url
        self.headline = headline
        self.byline = byline
    }

    /// A page known by its text's scalars (the reader decodes them with the
    /// bytes): its `text` is built from them when asked.
    init(source: String, format: Format, encoding: String, scalars: [Unicode.Scalar]) {
        self.source = source
        self.format = format
        self.encoding = encoding
        self.storedText = nil
        self.scalars = scalars
    }

    /// Keeps `text` (built from the scalars by a caller that needed it) for
    /// later readers of `text`.
    mutating func keep(_ text: String) {
        assert(text.scalarArray == scalars, "the text of the scalars")
        storedText = text
    }

    /// Pages are equal when everything but the cached text is: equal
    /// scalars make equal texts.
    public static func == (a: Page, b: Page) -> Bool {
        a.source == b.source && a.format == b.format && a.encoding == b.encoding && a.scalars == b.scalars
            && a.date == b.date && a.url == b.url && a.headline == b.headline && a.byline == b.byline
            && a.layout == b.layout
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(source)
        hasher.combine(format)
        hasher.combine(encoding)
        hasher.combine(scalars)
        hasher.combine(date)
        hasher.combine(url)
        hasher.combine(headline)
        hasher.combine(byline)
        hasher.combine(layout)
    }
}
