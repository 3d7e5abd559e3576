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
        // One loop, no nested function: a closure over `lines` and `scalars`
        // cost a retain and release of both per line.
        var i = 0
        let n = scalars.count
        while i <= n {
            if i < n, !ScalarClass.isLineBreak(scalars[i]) {
                i += 1
                continue
            }
            if let span = LineSpan(scalars, lineStart..<i) {
                lines.append(PageLine(span: span, blankBefore: blankSeen && !lines.isEmpty))
                blankSeen = false
            } else {
                blankSeen = true
            }
            lineStart = i + 1
            i += 1
        }
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
