/// A rectangle on a PDF page, in points from the page's top-left corner (y grows down).
public struct PDFBox: Sendable, Hashable, Codable {
    public var x0: Double
    public var y0: Double
    public var x1: Double
    public var y1: Double

    public init(x0: Double, y0: Double, x1: Double, y1: Double) {
        self.x0 = x0
        self.y0 = y0
        self.x1 = x1
        self.y1 = y1
    }

    public var width: Double { x1 - x0 }
    public var height: Double { y1 - y0 }
    var midY: Double { (y0 + y1) / 2 }

    /// The smallest box holding both.
    func union(_ other: PDFBox) -> PDFBox {
        PDFBox(x0: min(x0, other.x0), y0: min(y0, other.y0), x1: max(x1, other.x1), y1: max(y1, other.y1))
    }

    /// How much the two boxes share horizontally (0 when apart).
    func horizontalOverlap(_ other: PDFBox) -> Double { max(0, min(x1, other.x1) - max(x0, other.x0)) }
}

/// Where a PDF page's text stood and how it was cut into stories, with ranges into `Page.text`.
///
/// `Page.text` of a PDF is built story by story in reading order: each headline line
/// on its own line, then one line per paragraph (a paragraph broken across lines or
/// columns on the page is one line here), a blank line between stories. Every line
/// printed on the page keeps its page number and box (``Line``), so an offset into the
/// text (a name's) can be placed on the page with ``place(of:)``.
public struct PageLayout: Sendable, Hashable {
    /// One line as printed: page (from 0), box in points, and the scalars of `Page.text` it became.
    public struct Line: Sendable, Hashable {
        public var page: Int
        public var box: PDFBox
        public var range: Range<Int>
        /// True when the line was read by OCR from a scanned page.
        public var ocr: Bool
    }

    /// One story (or photo caption) the layout found: its headline lines and its
    /// paragraphs (the first ones may be a byline), as ranges of `Page.text` lines.
    public struct Story: Sendable, Hashable {
        public var kind: Article.Kind
        public var headline: [Range<Int>]
        public var paragraphs: [Range<Int>]
    }

    /// The printed lines, in the order of `Page.text`.
    public var lines: [Line]
    /// The stories, in reading order.
    public var stories: [Story]
    /// How many pages the PDF has, and which of them were read by OCR.
    public var pageCount: Int
    public var ocrPages: [Int]

    /// The printed line holding the scalar at `offset` of `Page.text`, if any.
    public func place(of offset: Int) -> Line? {
        var low = 0
        var high = lines.count
        while low < high {
            let mid = (low + high) / 2
            if lines[mid].range.upperBound <= offset { low = mid + 1 } else { high = mid }
        }
        guard low < lines.count, lines[low].range.contains(offset) else { return nil }
        return lines[low]
    }
}
