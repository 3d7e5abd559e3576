/// One non-blank line of a page, the unit the segmenter decides on.
struct PageLine: Sendable, Hashable {
    /// Trimmed content of the line in page scalars.
    var span: LineSpan
    /// A blank line separates this line from the previous non-blank one.
    var blankBefore: Bool

    var start: Int { span.start }
    var end: Int { span.end }
    var range: Range<Int> { span.start..<span.end }

    /// The non-blank lines of `scalars`, in order.
    static func lines(of scalars: [Unicode.Scalar]) -> [PageLine] {
        var lines: [PageLine] = []
        var lineStart = 0
        var blankSeen = false
        func close(_ end: Int) {
            if let span = LineSpan(scalars, lineStart..<end) {
                lines.append(PageLine(span: span, blankBefore: blankSeen && !lines.isEmpty))
                blankSeen = false
            } else {
                blankSeen = true
            }
        }
        for i in scalars.indices where ScalarClass.isLineBreak(scalars[i]) {
            close(i)
            lineStart = i + 1
        }
        close(scalars.count)
        return lines
    }
}

extension Array where Element == Unicode.Scalar {
    /// The scalars of `range` as a String (for tests and diagnostics).
    func string(_ range: Range<Int>) -> String {
        String(scalars: self[range])
    }

    /// Whether the scalars starting at `i` spell `word`.
    func matches(_ word: [Unicode.Scalar], at i: Int, before end: Int) -> Bool {
        guard i >= 0, i + word.count <= end else { return false }
        for k in word.indices where self[i + k] != word[k] { return false }
        return true
    }
}
