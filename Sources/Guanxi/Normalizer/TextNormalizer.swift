/// Rebuilds running text from PDF-column and OCR dumps, keeping a map back to the source.
///
/// Rules, each a small function below:
/// - ``breakSeparator(after:before:last:first:layout:)``: a line break inside a sentence
///   is dropped (`蒋\n\n震雷` → `蒋震雷`); after sentence-final punctuation on a line
///   clearly shorter than the column (or on a page dumped one paragraph per line) it
///   becomes one `\n`; between two ASCII words it becomes a space.
/// - ``keepsSpace(between:and:)``: spaces next to CJK text are OCR noise and dropped
///   (`前 仓 镇` → `前仓镇`, `4D 管理` → `4D管理`); a space between two ASCII words stays.
/// - ``unified(_:left:right:)``: half-width `,;:()!?` beside CJK text become full width;
///   full-width ASCII letters and digits become half width. `.` is left alone.
/// - leading and trailing whitespace is never emitted.
///
/// Every output scalar keeps the offset of the input scalar it came from; a
/// substitution (punctuation, width, a whitespace run turned into one space or `\n`)
/// is one output scalar for one input offset, so `sourceOffsets` stays non-decreasing.
///
/// ```swift
/// let s = Array("光 ，凝 聚\n\n着".unicodeScalars)
/// TextNormalizer().normalize(s, range: 0..<s.count).text  // "光，凝聚着"
/// ```
public struct TextNormalizer: Sendable {
    /// Keep one space between two CJK words (for headlines such as `元宵清风 廉动永康`).
    public var keepsWordSpaces: Bool
    /// Emit `\n` at paragraph ends; when false every line break is joined.
    public var keepsParagraphBreaks: Bool

    /// Every line is a paragraph (text taken from HTML `<p>` elements): each line
    /// break becomes `\n`.
    public var linesAreParagraphs: Bool

    public init(keepsWordSpaces: Bool = false, keepsParagraphBreaks: Bool = true, linesAreParagraphs: Bool = false) {
        self.keepsWordSpaces = keepsWordSpaces
        self.keepsParagraphBreaks = keepsParagraphBreaks
        self.linesAreParagraphs = linesAreParagraphs
    }

    /// Normalizes `scalars[range]` of a page's text.
    ///
    /// - Parameters:
    ///   - scalars: the page text as Unicode scalars.
    ///   - range: the part of `scalars` to rebuild.
    /// - Returns: the running text, with `sourceOffsets` into `scalars`.
    /// - Complexity: O(`range.count`).
    public func normalize(_ scalars: [Unicode.Scalar], range: Range<Int>) -> MappedText {
        normalize(scalars, lines: LineSpan.lines(of: scalars, in: range))
    }

    /// Normalizes several pieces of `scalars` (in increasing order) as one text, each
    /// piece split into its lines: how the segmenter stitches a story's lines together.
    func normalize(_ scalars: [Unicode.Scalar], pieces: [Range<Int>]) -> MappedText {
        normalize(scalars, pieces: pieces, pageLines: [])
    }

    /// The same, for pieces cut from `pageLines` (the page's lines, in
    /// order): a piece that is one whole line is taken as that line, not
    /// split and measured again.
    func normalize(_ scalars: [Unicode.Scalar], pieces: [Range<Int>], pageLines: [PageLine]) -> MappedText {
        var lines: [LineSpan] = []
        lines.reserveCapacity(pieces.count)  // most pieces are one line
        for piece in pieces {
            if let line = Self.line(piece, in: pageLines) {
                lines.append(line)
            } else {
                LineSpan.appendLines(of: scalars, in: piece, to: &lines)
            }
        }
        return normalize(scalars, lines: lines)
    }

    /// The line of `pageLines` (sorted by start) whose range is `piece`, if any.
    /// A line is trimmed and holds no line break, so it splits into itself.
    private static func line(_ piece: Range<Int>, in pageLines: [PageLine]) -> LineSpan? {
        var low = 0
        var high = pageLines.count
        while low < high {
            let mid = (low + high) / 2
            if pageLines[mid].start < piece.lowerBound { low = mid + 1 } else { high = mid }
        }
        guard low < pageLines.count, pageLines[low].range == piece else { return nil }
        return pageLines[low].span
    }

    /// The single pass over trimmed, non-blank lines.
    ///
    /// Writes into two buffers sized for the worst case (every scalar kept,
    /// one separator per line break): no growth, no check per scalar.
    func normalize(_ scalars: [Unicode.Scalar], lines: [LineSpan]) -> MappedText {
        guard let limit = lines.last?.end else { return .empty }
        let layout = ColumnLayout(widths: lines.map(\.width))
        let capacity = lines.reduce(0) { $0 + $1.end - $1.start } + lines.count
        var offsets: [Int] = []
        let out = [Unicode.Scalar](unsafeUninitializedCapacity: capacity) { out, outCount in
            offsets = [Int](unsafeUninitializedCapacity: capacity) { offsets, offsetCount in
                var n = 0
                @inline(__always) func emit(_ s: Unicode.Scalar, _ offset: Int) {
                    out[n] = s
                    offsets[n] = offset
                    n += 1
                }
                scalars.withUnsafeBufferPointer { page in
                    for (k, line) in lines.enumerated() {
                        if k > 0, n > 0 {
                            let last = out[n - 1]
                            let previous = lines[k - 1]
                            let first = ScalarClass.halfWidthAlphanumeric(page[line.start]) ?? page[line.start]
                            // Text left out between two pieces (a byline or caption the segmenter
                            // took away): never join across it, or a name could be read from
                            // both sides of it and its span would quote the text in between.
                            let skipsText = (previous.end..<line.start).contains { !ScalarClass.isWhitespace(page[$0]) }
                            if let separator = skipsText
                                ? (keepsParagraphBreaks ? "\n" : " ")
                                : breakSeparator(
                                    after: previous, before: line, last: last, first: first, layout: layout)
                            {
                                emit(separator, breakOffset(scalars, after: previous, before: line))
                            }
                        }
                        var i = line.start
                        while i < line.end {
                            let s = page[i]
                            // Most of a page: a CJK ideograph, which no rule changes.
                            if (0x3400...0x9FFF).contains(s.value) {
                                emit(s, i)
                                i += 1
                                continue
                            }
                            // `书(shū)记`: a reading set after a character is no text.
                            if s == "(" || s == "（", n > 0, (0x3400...0x9FFF).contains(out[n - 1].value),
                                let end = Self.pinyinReadingEnd(page, at: i, limit: line.end)
                            {
                                i = end
                                continue
                            }
                            if ScalarClass.isSpace(s) {
                                var j = i + 1
                                while j < line.end, ScalarClass.isSpace(page[j]) { j += 1 }
                                // Lines are trimmed, so a space run always has a scalar on each side.
                                let next = ScalarClass.halfWidthAlphanumeric(page[j]) ?? page[j]
                                if n > 0, keepsSpace(between: out[n - 1], and: next) {
                                    emit(" ", i)
                                }
                                i = j
                                continue
                            }
                            // Only half-width punctuation looks at its right neighbour.
                            let right =
                                ScalarClass.fullWidthPunctuation(s) == nil
                                ? nil : nextNonWhitespace(scalars, after: i, limit: limit)
                            emit(unified(s, left: n > 0 ? out[n - 1] : nil, right: right), i)
                            i += 1
                        }
                    }
                }
                while n > 0, ScalarClass.isWhitespace(out[n - 1]) { n -= 1 }
                offsetCount = n
            }
            outCount = offsets.count
        }
        return MappedText(scalars: out, sourceOffsets: offsets)
    }

    /// What a line break between two non-blank lines becomes: `\n` (paragraph end),
    /// a space (between two ASCII words) or nothing (the sentence runs on).
    ///
    /// A paragraph ends when the earlier line ends with sentence-final punctuation
    /// (`。！？；…”`) and is clearly shorter than the column, or when the text is
    /// dumped one paragraph per line.
    func breakSeparator(
        after previous: LineSpan, before next: LineSpan, last: Unicode.Scalar,
        first: Unicode.Scalar, layout: ColumnLayout
    ) -> Unicode.Scalar? {
        if keepsParagraphBreaks, linesAreParagraphs { return "\n" }
        if keepsParagraphBreaks, ScalarClass.isSentenceFinal(last),
            layout.isParagraphPerLine || layout.isShort(previous.width)
        {
            return "\n"
        }
        if !ScalarClass.isWide(last), !ScalarClass.isWide(first) { return " " }
        return nil
    }

    /// Whether a run of spaces between `left` and `right` is kept as one space:
    /// only between two non-CJK scalars (ASCII words), or between CJK words when
    /// ``keepsWordSpaces`` is set.
    func keepsSpace(between left: Unicode.Scalar, and right: Unicode.Scalar) -> Bool {
        if !ScalarClass.isWide(left), !ScalarClass.isWide(right) { return true }
        if keepsWordSpaces {
            return !ScalarClass.isSentencePunctuation(left) && !ScalarClass.isSentencePunctuation(right)
        }
        return false
    }

    /// The unified form of `s`: full-width ASCII letters/digits to half width;
    /// half-width `,;:()!?` to full width when the scalar before or after (spaces and
    /// line breaks skipped) is CJK text.
    func unified(_ s: Unicode.Scalar, left: Unicode.Scalar?, right: Unicode.Scalar?) -> Unicode.Scalar {
        if let half = ScalarClass.halfWidthAlphanumeric(s) { return half }
        guard let full = ScalarClass.fullWidthPunctuation(s) else { return s }
        let leftWide = left.map(ScalarClass.isWide) ?? false
        let rightWide = right.map(ScalarClass.isWide) ?? false
        return leftWide || rightWide ? full : s
    }

    /// The end (after the closing bracket) of a pinyin reading opening at
    /// `i` (`(shū)`, `（duì）`): one syllable of lowercase letters with a
    /// tone mark. Some sites set readings after the characters they gloss
    /// (`市委书(shū)记`), which would cut the title in two.
    static func pinyinReadingEnd(_ page: UnsafeBufferPointer<Unicode.Scalar>, at i: Int, limit: Int) -> Int? {
        var j = i + 1
        var toned = false
        while j < limit, j - i <= 7 {
            let c = page[j]
            if c == ")" || c == "）" { return toned && j > i + 1 ? j + 1 : nil }
            if toneMarked.contains(c) {
                toned = true
            } else if !("a"..."z").contains(c) {
                return nil
            }
            j += 1
        }
        return nil
    }

    /// Vowels with a pinyin tone mark, and ü.
    private static let toneMarked: Set<Unicode.Scalar> = Set("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü".unicodeScalars)

    /// The next scalar after `i` that is not whitespace, width-unified.
    private func nextNonWhitespace(_ scalars: [Unicode.Scalar], after i: Int, limit: Int) -> Unicode.Scalar? {
        var j = i + 1
        while j < limit {
            let s = scalars[j]
            if !ScalarClass.isWhitespace(s) { return ScalarClass.halfWidthAlphanumeric(s) ?? s }
            j += 1
        }
        return nil
    }

    /// The source offset a line-break separator maps to: the whitespace right after
    /// the earlier line when there is some, else that line's last scalar.
    private func breakOffset(_ scalars: [Unicode.Scalar], after previous: LineSpan, before next: LineSpan) -> Int {
        if previous.end < next.start, ScalarClass.isWhitespace(scalars[previous.end]) { return previous.end }
        return previous.end - 1
    }
}
