/// Tells headline lines from body lines by their shape.
///
/// A headline line (main title, subtitle, kicker) is short and has no sentence
/// punctuation: `金政在全市组织宣传统战工作会议上强调`, `——2022年全市组织工作综述`,
/// `元宵清风 廉动永康`. In a PDF column a body line can look the same
/// (`市委副书记范晓东主持会议并宣`), so the segmenter also asks that the line before
/// ended a sentence (see ``ArticleSegmenter``). Section heads (`A 去年…`, `一、…`,
/// `（二）…`) are crossheads inside a story, never headlines.
struct HeadlineDetector: Sendable {
    /// Longest headline line, in non-space scalars.
    var maximumLength = 50

    init() {}

    /// Whether `scalars[range]` (trimmed) has the shape of a headline line.
    func isHeadlineShaped(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        guard let line = LineSpan.trimmed(scalars, range), !isSectionHead(scalars, range) else { return false }
        var ideographs = 0
        var length = 0
        for i in line.start..<line.end {
            let s = scalars[i]
            if ScalarClass.isSentencePunctuation(s) { return false }
            if ScalarClass.isIdeograph(s) { ideographs += 1 }
            if !ScalarClass.isSpace(s) { length += 1 }
        }
        switch scalars[line.end - 1] {
        case "：", ":", "、", "—": return false
        default: break
        }
        return ideographs >= 2 && length <= maximumLength
    }

    /// `A 去年…`, `B、…`, `一、…`, `（三）…`, `2.…`: a numbered or lettered section head.
    func isSectionHead(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        guard let line = LineSpan.trimmed(scalars, range), line.end - line.start >= 2 else { return false }
        let first = ScalarClass.halfWidthAlphanumeric(scalars[line.start]) ?? scalars[line.start]
        let second = scalars[line.start + 1]
        let isMark = second == "、" || second == "." || second == "．" || ScalarClass.isSpace(second)
        if ScalarClass.isASCIIAlphanumeric(first), isMark { return true }
        if isChineseNumeral(first), second == "、" { return true }
        if first == "（" || first == "(", line.end - line.start >= 3,
            isChineseNumeral(second)
                || ScalarClass.isASCIIAlphanumeric(second)
        {
            let third = scalars[line.start + 2]
            return third == "）" || third == ")"
        }
        return false
    }

    /// `——2022年全市组织工作综述`: a subtitle line, printed under a main title.
    func isSubtitle(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        guard let line = LineSpan.trimmed(scalars, range) else { return false }
        let s = scalars[line.start]
        return s == "—" || s == "－" || s == "-"
    }

    /// One of `一二三四五六七八九十` (a switch: searching a String's scalars costs far more).
    private func isChineseNumeral(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "一", "二", "三", "四", "五", "六", "七", "八", "九", "十": return true
        default: return false
        }
    }
}
