/// One non-blank line of input, trimmed of surrounding whitespace.
struct LineSpan: Sendable, Hashable {
    /// First non-space scalar.
    var start: Int
    /// One past the last non-space scalar.
    var end: Int
    /// Print width in half-width units (wide scalars count 2, spaces and ASCII 1).
    var width: Int

    /// Trims `range` of `scalars` and measures it; `nil` when it holds only whitespace.
    @inline(__always)
    init?(_ scalars: [Unicode.Scalar], _ range: Range<Int>) {
        var start = range.lowerBound
        var end = range.upperBound
        while start < end, ScalarClass.isWhitespace(scalars[start]) { start += 1 }
        while end > start, ScalarClass.isWhitespace(scalars[end - 1]) { end -= 1 }
        guard start < end else { return nil }
        var width = 0
        for i in start..<end { width += ScalarClass.width(scalars[i]) }
        self.start = start
        self.end = end
        self.width = width
    }

    /// `range` of `scalars` trimmed of whitespace, without measuring its
    /// width (for the segmenter's shape tests); `nil` when only whitespace.
    @inline(__always)
    static func trimmed(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> (start: Int, end: Int)? {
        var start = range.lowerBound
        var end = range.upperBound
        while start < end, ScalarClass.isWhitespace(scalars[start]) { start += 1 }
        while end > start, ScalarClass.isWhitespace(scalars[end - 1]) { end -= 1 }
        return start < end ? (start, end) : nil
    }

    /// The non-blank lines of `scalars[range]`, split at line feeds.
    static func lines(of scalars: [Unicode.Scalar], in range: Range<Int>) -> [LineSpan] {
        var spans: [LineSpan] = []
        appendLines(of: scalars, in: range, to: &spans)
        return spans
    }

    /// Appends the lines of `lines(of:in:)` to `spans` (one array for many pieces).
    static func appendLines(of scalars: [Unicode.Scalar], in range: Range<Int>, to spans: inout [LineSpan]) {
        var lineStart = range.lowerBound
        for i in range where ScalarClass.isLineBreak(scalars[i]) {
            if let span = LineSpan(scalars, lineStart..<i) { spans.append(span) }
            lineStart = i + 1
        }
        if let span = LineSpan(scalars, lineStart..<range.upperBound) { spans.append(span) }
    }
}
