/// One character on a PDF page: what it is, its box and its font size (in points).
public struct PDFGlyph: Sendable, Hashable {
    public var scalar: Unicode.Scalar
    public var box: PDFBox
    public var size: Double

    public init(_ scalar: Unicode.Scalar, _ box: PDFBox, size: Double) {
        self.scalar = scalar
        self.box = box
        self.size = size
    }
}

/// What one page of a PDF holds for the layout: its characters and its pictures.
public struct PDFPageContent: Sendable, Hashable {
    /// The page's number in the file, from 0.
    public var index: Int
    public var glyphs: [PDFGlyph]
    public var pictures: [PDFBox]
    /// True when the glyphs came from OCR of a scanned page.
    public var ocr: Bool

    public init(index: Int, glyphs: [PDFGlyph], pictures: [PDFBox] = [], ocr: Bool = false) {
        self.index = index
        self.glyphs = glyphs
        self.pictures = pictures
        self.ocr = ocr
    }
}

/// Turns characters with boxes into stories, as a reader sees a newspaper page.
///
/// 1. Characters on one baseline, close together and of one size, make a line
///    (a gap wider than a character splits columns standing side by side).
/// 2. Lines under one another, overlapping, of one size and close make a block.
/// 3. Blocks and pictures are put in reading order by cutting the page along the
///    whitespace that crosses it: across first (rows, top to bottom), then down
///    (columns, left to right), recursively.
/// 4. The body size is the size most characters are set in; a block set clearly
///    larger is a headline, one set smaller under a picture is its caption.
///    A headline starts a story (a second headline before any body text is its
///    subtitle); a picture starts a photo item that its caption fills; body blocks go
///    to the story being read. A paragraph starts at an indented line or after a short
///    one, and runs on across columns.
///
/// No poppler here: tests feed it boxes.
public struct PDFLayoutAnalyzer: Sendable {
    public init() {}

    /// The page text and its layout for the pages' content, in page order.
    public func analyze(_ pages: [PDFPageContent], pageCount: Int) -> (text: [Unicode.Scalar], layout: PageLayout) {
        var builder = TextBuilder()
        for page in pages {
            let lines = Self.lines(page.glyphs)
            guard !lines.isEmpty else { continue }
            // OCR measures sizes from ink: lines of one size differ more.
            let blocks = Self.blocks(lines, tolerance: page.ocr ? 1.25 : 1.1)
            let body = Self.bodySize(lines)
            let items = Self.readingOrder(blocks.map { Item.block($0) } + page.pictures.map { Item.picture($0) })
            for story in Self.stories(items, bodySize: body) {
                builder.add(story, page: page.index, ocr: page.ocr)
            }
        }
        let layout = PageLayout(
            lines: builder.lines, stories: builder.stories, pageCount: pageCount,
            ocrPages: pages.filter(\.ocr).map(\.index))
        return (builder.text, layout)
    }

    // MARK: Lines

    /// A printed line: its characters left to right (a space where a Latin word gap was).
    struct Line: Hashable {
        var scalars: [Unicode.Scalar]
        var box: PDFBox
        var size: Double
    }

    static func lines(_ glyphs: [PDFGlyph]) -> [Line] {
        let visible = glyphs.filter { !ScalarClass.isWhitespace($0.scalar) && $0.box.width >= 0 && $0.size > 0 }
            .sorted { ($0.box.x0, $0.box.y0) < ($1.box.x0, $1.box.y0) }
        var open: [(glyphs: [PDFGlyph], box: PDFBox, size: Double)] = []
        // Lines by the height of their first character, in rows of `band` points:
        // a character looks only at lines near its own height.
        let band = 2.0
        var rows: [Int: [Int]] = [:]
        for glyph in visible {
            var best: Int?
            var bestDistance = Double.infinity
            let reach = 0.6 * glyph.size
            let low = Int(((glyph.box.midY - reach) / band).rounded(.down))
            let high = Int(((glyph.box.midY + reach) / band).rounded(.down))
            for k in (low...high).lazy.flatMap({ rows[$0] ?? [] }) {
                let line = open[k]
                let size = max(line.size, glyph.size)
                let gap = glyph.box.x0 - line.box.x1
                guard gap < 1.0 * size, gap > -0.6 * size else { continue }
                let ratio = glyph.size / line.size
                guard ratio < 1.2, ratio > 1 / 1.2 else { continue }
                let distance = abs(glyph.box.midY - line.box.midY)
                guard distance < 0.4 * min(line.size, glyph.size) else { continue }
                if distance < bestDistance {
                    best = k
                    bestDistance = distance
                }
            }
            if let k = best {
                open[k].glyphs.append(glyph)
                open[k].box = open[k].box.union(glyph.box)
            } else {
                rows[Int((glyph.box.midY / band).rounded(.down)), default: []].append(open.count)
                open.append(([glyph], glyph.box, glyph.size))
            }
        }
        return open.map { line in
            var scalars: [Unicode.Scalar] = []
            var previous: PDFGlyph?
            for glyph in line.glyphs {
                // A word gap between Latin letters or digits, or a gap between
                // Chinese characters (`记者 张三`: a space the page printed as a gap).
                if let p = previous,
                    glyph.box.x0 - p.box.x1
                        > (!ScalarClass.isWide(p.scalar) && !ScalarClass.isWide(glyph.scalar) ? 0.2 : 0.15) * line.size
                {
                    scalars.append(" ")
                }
                scalars.append(glyph.scalar)
                previous = glyph
            }
            let sizes = line.glyphs.map(\.size).sorted()
            return Line(scalars: scalars, box: line.box, size: sizes[sizes.count / 2])
        }
    }

    /// The size most characters are set in (to the half point).
    static func bodySize(_ lines: [Line]) -> Double {
        var counts: [Int: Int] = [:]
        for line in lines { counts[Int((line.size * 2).rounded()), default: 0] += line.scalars.count }
        let best = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? 20
        return Double(best) / 2
    }

    // MARK: Blocks

    /// Lines set one under another, in one size.
    struct Block: Hashable {
        var lines: [Line]
        var box: PDFBox
        var size: Double
    }

    static func blocks(_ lines: [Line], tolerance: Double = 1.1) -> [Block] {
        let sorted = lines.sorted { ($0.box.y0, $0.box.x0) < ($1.box.y0, $1.box.x0) }
        var blocks: [Block] = []
        // Blocks whose last line is too far above the lines still to come are done.
        var active: [Int] = []
        for line in sorted {
            var best: Int?
            var bestGap = Double.infinity
            active.removeAll { k in
                // A line joining needs a gap under 0.9 of its size, at most `tolerance` times the block's.
                blocks[k].lines.last.map { line.box.y0 - $0.box.y1 >= 0.9 * tolerance * blocks[k].size } ?? true
            }
            for k in active {
                let block = blocks[k]
                guard let last = block.lines.last else { continue }
                let ratio = line.size / block.size
                guard ratio < tolerance, ratio > 1 / tolerance else { continue }
                let gap = line.box.y0 - last.box.y1
                guard gap > -0.3 * line.size, gap < 0.9 * line.size else { continue }
                let overlap = line.box.horizontalOverlap(block.box)
                guard overlap >= 0.5 * min(line.box.width, block.box.width) else { continue }
                guard abs(line.box.x0 - block.box.x0) < 3 * line.size else { continue }
                if gap < bestGap {
                    best = k
                    bestGap = gap
                }
            }
            if let k = best {
                blocks[k].lines.append(line)
                blocks[k].box = blocks[k].box.union(line.box)
            } else {
                active.append(blocks.count)
                blocks.append(Block(lines: [line], box: line.box, size: line.size))
            }
        }
        // A block's size is its lines' median (OCR sizes vary from line to line).
        for k in blocks.indices where blocks[k].lines.count > 2 {
            let sizes = blocks[k].lines.map(\.size).sorted()
            blocks[k].size = sizes[sizes.count / 2]
        }
        return blocks
    }

    // MARK: Reading order

    enum Item: Hashable {
        case block(Block)
        case picture(PDFBox)

        var box: PDFBox {
            switch self {
            case .block(let b): return b.box
            case .picture(let p): return p
            }
        }
    }

    /// Items in reading order: rows split by whitespace across the whole group, top to
    /// bottom; else columns split by whitespace down it, left to right; recursively.
    static func readingOrder(_ items: [Item]) -> [Item] {
        guard items.count > 1 else { return items }
        let rows = split(items, start: { $0.y0 }, end: { $0.y1 })
        if rows.count > 1 { return rows.flatMap(readingOrder) }
        let columns = split(items, start: { $0.x0 }, end: { $0.x1 })
        if columns.count > 1 { return columns.flatMap(readingOrder) }
        return items.sorted { ($0.box.y0, $0.box.x0) < ($1.box.y0, $1.box.x0) }
    }

    /// Groups of items separated by a gap along one axis.
    private static func split(_ items: [Item], start: (PDFBox) -> Double, end: (PDFBox) -> Double) -> [[Item]] {
        let sorted = items.sorted { start($0.box) < start($1.box) }
        var groups: [[Item]] = []
        var reach = -Double.infinity
        for item in sorted {
            if groups.isEmpty || start(item.box) > reach + 0.5 {
                groups.append([item])
            } else {
                groups[groups.count - 1].append(item)
            }
            reach = max(reach, end(item.box))
        }
        return groups
    }

    // MARK: Stories

    /// A story as printed: headline lines, then paragraphs, each a list of lines.
    struct PrintedStory: Hashable {
        var kind: Article.Kind = .story
        var headline: [Line] = []
        var paragraphs: [[Line]] = []
        /// The last paragraph may run on into the next block (its last line was full).
        var open = false
    }

    static func stories(_ items: [Item], bodySize: Double) -> [PrintedStory] {
        var stories: [PrintedStory] = []
        /// The story body text goes to, and the photo captions go to.
        var current: Int?
        var photo: Int?
        var lastPicture: PDFBox?
        for item in items {
            switch item {
            case .picture(let box):
                // A headline with no text yet stands over the picture: the photo's title.
                var new = PrintedStory(kind: .photo)
                if let c = current, stories[c].paragraphs.isEmpty, !stories[c].headline.isEmpty {
                    new.headline = stories[c].headline
                    stories.remove(at: c)
                    current = nil
                }
                stories.append(new)
                photo = stories.count - 1
                lastPicture = box
            case .block(let block):
                let large = block.size >= 1.15 * bodySize
                let small = block.size <= 0.93 * bodySize
                let underPicture =
                    lastPicture.map { picture in
                        block.box.y0 >= picture.y1 - 1 && block.box.y0 - picture.y1 < 3 * block.size
                            && block.box.horizontalOverlap(picture) > 0.5 * block.box.width
                    } ?? false
                if let p = photo, !large, small || underPicture {
                    append(block, to: &stories[p])
                    continue
                }
                if small, photo == nil {
                    // Small type away from a picture (a scan shows none): an item of
                    // its own (a caption, a note), not part of the story around it.
                    stories.append(PrintedStory())
                    photo = stories.count - 1
                    append(block, to: &stories[photo!])
                    continue
                }
                if large {
                    if let c = current, stories[c].paragraphs.isEmpty {
                        stories[c].headline += block.lines
                    } else {
                        stories.append(PrintedStory(headline: block.lines))
                        current = stories.count - 1
                    }
                    photo = nil
                    continue
                }
                if current == nil {
                    stories.append(PrintedStory())
                    current = stories.count - 1
                }
                photo = nil
                append(block, to: &stories[current!])
            }
        }
        return stories.filter { !$0.paragraphs.isEmpty || !$0.headline.isEmpty }
    }

    /// Adds a block's lines to a story as paragraphs: an indented line starts one, a
    /// line ending short of the block's right edge ends one.
    private static func append(_ block: Block, to story: inout PrintedStory) {
        let left = block.box.x0
        let right = block.box.x1
        for line in block.lines {
            let indented = line.box.x0 > left + 1.2 * line.size
            if story.paragraphs.isEmpty || indented || !story.open {
                story.paragraphs.append([line])
            } else {
                story.paragraphs[story.paragraphs.count - 1].append(line)
            }
            // Ragged lines (digits are half as wide) stop up to a character or two
            // short. A block's only line cannot show whether it was full.
            let full = block.lines.count > 1 ? line.box.x1 >= right - 2.0 * line.size : false
            story.open = full
        }
    }

    // MARK: Text

    /// Builds `Page.text` and the layout's ranges story by story.
    struct TextBuilder {
        var text: [Unicode.Scalar] = []
        var lines: [PageLayout.Line] = []
        var stories: [PageLayout.Story] = []

        mutating func add(_ story: PrintedStory, page: Int, ocr: Bool) {
            if !text.isEmpty { text.append(contentsOf: ["\n", "\n"]) }
            var out = PageLayout.Story(kind: story.kind, headline: [], paragraphs: [])
            for line in story.headline {
                if !out.headline.isEmpty { text.append("\n") }
                out.headline.append(put([line], page: page, ocr: ocr))
            }
            for paragraph in story.paragraphs {
                if !out.headline.isEmpty || !out.paragraphs.isEmpty { text.append("\n") }
                out.paragraphs.append(put(paragraph, page: page, ocr: ocr))
            }
            stories.append(out)
        }

        /// Writes lines as one text line (a space between Latin words across a line
        /// break, nothing between Chinese characters); the range written.
        private mutating func put(_ printed: [Line], page: Int, ocr: Bool) -> Range<Int> {
            let start = text.count
            for line in printed {
                if let last = text.last, text.count > start, let first = line.scalars.first,
                    !ScalarClass.isWide(last), !ScalarClass.isWide(first)
                {
                    text.append(" ")
                }
                let lineStart = text.count
                text.append(contentsOf: line.scalars)
                lines.append(PageLayout.Line(page: page, box: line.box, range: lineStart..<text.count, ocr: ocr))
            }
            return start..<text.count
        }
    }
}
