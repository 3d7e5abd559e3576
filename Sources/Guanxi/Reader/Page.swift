/// One input file, decoded and read: the text the rest of the pipeline works on.
///
/// For a plain-text page `text` is the whole decoded file (BOM removed, CRLF and CR
/// turned into LF), so offsets into it are offsets into the source file's decoded
/// text. For an HTML page `text` is the readable text libxml2 pulled out of the page
/// (headline on the first line if any, then one body paragraph per line, trimmed);
/// offsets then refer to that text, which the store keeps.
public struct Page: Sendable, Hashable {
    /// How the file was written.
    public enum Format: String, Sendable, Hashable, Codable {
        case text
        case html
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
        didSet { scalars = text.scalarArray }
    }
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

    /// A page; the reader builds these, tests and other stages may too.
    public init(
        source: String, format: Format, encoding: String, text: String,
        date: PageDate? = nil, url: String? = nil, headline: String? = nil, byline: String? = nil
    ) {
        self.source = source
        self.format = format
        self.encoding = encoding
        self.text = text
        self.scalars = text.scalarArray
        self.date = date
        self.url = url
        self.headline = headline
        self.byline = byline
    }

    /// A page whose text's scalars are already known (the reader decodes
    /// them with the bytes): saves decoding the text a second time.
    init(source: String, format: Format, encoding: String, text: String, scalars: [Unicode.Scalar]) {
        assert(scalars == text.scalarArray, "the scalars of the text")
        self.source = source
        self.format = format
        self.encoding = encoding
        self.text = text
        self.scalars = scalars
    }
}
