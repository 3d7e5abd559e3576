/// What a byline-bearing line is, with the credit text's range in the page.
enum BylineLine: Sendable, Hashable {
    /// `□首席记者 陈晓苏`: a boxed credit that starts a story; the whole line is consumed.
    case marker(credit: Range<Int>)
    /// `本报讯（融媒首席记者 陈晓苏）…` or `本报讯 29 日，…`: starts a story. The body
    /// begins at `bodyStart` (after the parenthesised credit, or at the line start).
    case newsLead(credit: Range<Int>?, bodyStart: Int)
    /// `记者 陈慧 通讯员 朱宇天`, `记者 林群心 摄`, `（记者 张三）`: a whole-line credit.
    case credit(Range<Int>, photo: Bool)
    /// `氛围。 融媒记者 王佳涵 摄`: text, then a credit after its last sentence.
    case trailingCredit(textEnd: Int, credit: Range<Int>, photo: Bool)

    /// The credit text's range, if any.
    var credit: Range<Int>? {
        switch self {
        case .marker(let credit): return credit
        case .newsLead(let credit, _): return credit
        case .credit(let credit, _): return credit
        case .trailingCredit(_, let credit, _): return credit
        }
    }

    /// Whether this is a photo credit (`… 摄`).
    var isPhoto: Bool {
        switch self {
        case .credit(_, let photo), .trailingCredit(_, _, let photo): return photo
        default: return false
        }
    }
}

/// Recognizes bylines and credits by their shape: a role word (`记者`, `通讯员`, …,
/// with modifiers such as `首席` `融媒`), then one or more 2–4 character names, then
/// optionally `摄`; boxed (`□`), inside `本报讯（…）`, parenthesised, or trailing a line.
///
/// No names are listed anywhere: a name is whatever 2–4 ideographs follow a role.
struct BylineParser: Sendable {
    private static let modifiers = words(["融媒体", "全媒体", "融媒", "首席", "本报", "特约", "见习", "实习"])
    private static let roles = words(["摄影记者", "记者", "通讯员", "实习生", "摄影"])
    private static let leads = words(["文/图", "图/文", "文／图", "图／文"])
    private static let photoEnd = words(["摄影", "摄"])
    private static let storyEnd = words(["报道"])
    private static let endMarks = photoEnd + storyEnd
    /// The scalars a modifier or a role word starts with: a role can start nowhere else.
    private static let roleStarts = ScalarSet((modifiers + roles).map { $0[0] })
    /// The scalars a lead (`文/图`) starts with.
    private static let leadStarts = ScalarSet(leads.map { $0[0] })

    private static func words(_ list: [String]) -> [[Unicode.Scalar]] {
        list.map { Array($0.unicodeScalars) }.sorted { $0.count > $1.count }
    }

    init() {}

    /// Classifies the line `scalars[range]` (trimmed), or `nil` when it carries no byline.
    func parse(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> BylineLine? {
        guard let line = LineSpan.trimmed(scalars, range) else { return nil }
        if isMarker(scalars[line.start]), let inner = LineSpan.trimmed(scalars, (line.start + 1)..<line.end),
            creditShape(scalars, inner.start..<inner.end) != nil
        {
            return .marker(credit: inner.start..<inner.end)
        }
        if let credit = wholeCredit(scalars, line.start..<line.end) {
            return .credit(credit.range, photo: credit.photo)
        }
        if let lead = newsLead(scalars, line.start..<line.end) { return lead }
        return trailingCredit(scalars, line.start..<line.end)
    }

    /// A box or bullet printed before a byline: `□ ■ ◇ ◆ ○ ● △ ▲ ☆ ★`.
    func isMarker(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x25A0...0x25FF, 0x2605, 0x2606: return true
        default: return false
        }
    }

    /// The credit in `range` (trimmed; parentheses around it allowed) if the whole range is one.
    func wholeCredit(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> (range: Range<Int>, photo: Bool)? {
        guard let span = LineSpan.trimmed(scalars, range) else { return nil }
        var inner = span.start..<span.end
        if isOpenParen(scalars[inner.lowerBound]), isCloseParen(scalars[inner.upperBound - 1]),
            let trimmed = LineSpan.trimmed(scalars, (inner.lowerBound + 1)..<(inner.upperBound - 1))
        {
            inner = trimmed.start..<trimmed.end
        }
        guard let photo = creditShape(scalars, inner) else { return nil }
        return (inner, photo)
    }

    /// `本报讯…`: a short ideograph prefix ending in `讯` (`本报讯`, `永康讯`), then an
    /// optional parenthesised credit.
    func newsLead(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> BylineLine? {
        var i = range.lowerBound
        while i < range.upperBound, i - range.lowerBound < 8, ScalarClass.isIdeograph(scalars[i]),
            scalars[i] != "讯"
        {
            i += 1
        }
        guard i < range.upperBound, scalars[i] == "讯", i > range.lowerBound else { return nil }
        let afterLead = i + 1
        let startsWithPaper = scalars[range.lowerBound] == "本" && i - range.lowerBound == 2
        var j = afterLead
        while j < range.upperBound, ScalarClass.isSpace(scalars[j]) { j += 1 }
        guard j < range.upperBound else {
            return startsWithPaper ? .newsLead(credit: nil, bodyStart: range.lowerBound) : nil
        }
        if isOpenParen(scalars[j]) {
            var k = j + 1
            while k < range.upperBound, k - j <= 40, !isCloseParen(scalars[k]) { k += 1 }
            if k < range.upperBound, isCloseParen(scalars[k]),
                let inner = LineSpan.trimmed(scalars, (j + 1)..<k), creditShape(scalars, inner.start..<inner.end) != nil
            {
                return .newsLead(credit: inner.start..<inner.end, bodyStart: k + 1)
            }
        }
        let next = scalars[j]
        guard startsWithPaper || j > afterLead || isOpenParen(next) || ScalarClass.isASCIIAlphanumeric(next)
        else { return nil }
        return .newsLead(credit: nil, bodyStart: range.lowerBound)
    }

    /// `…。 记者 X 摄` or `…。（记者 X）`: a credit after the line's last sentence-final mark.
    func trailingCredit(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> BylineLine? {
        var i = range.upperBound - 1
        while i > range.lowerBound, !ScalarClass.isSentenceFinal(scalars[i]) { i -= 1 }
        guard i > range.lowerBound || ScalarClass.isSentenceFinal(scalars[i]), i + 1 < range.upperBound,
            let credit = wholeCredit(scalars, (i + 1)..<range.upperBound)
        else { return nil }
        return .trailingCredit(textEnd: i + 1, credit: credit.range, photo: credit.photo)
    }

    /// Whether `range` is exactly a credit: `[文/图] (role names)+ [摄|报道]`.
    /// Returns whether it is a photo credit, or `nil` when it is not a credit.
    func creditShape(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> Bool? {
        let end = range.upperBound
        var i = range.lowerBound
        func skipSpaces() { while i < end, ScalarClass.isSpace(scalars[i]) { i += 1 } }
        if i < end, Self.leadStarts.contains(scalars[i]),
            let lead = Self.leads.first(where: { scalars.matches($0, at: i, before: end) })
        {
            i += lead.count
            skipSpaces()
        }
        var groups = 0
        while let roleLength = role(scalars, at: i, end: end) {
            i += roleLength
            skipSpaces()
            var names = 0
            while let nameLength = name(scalars, at: i, end: end) {
                i += nameLength
                names += 1
                while i < end, ScalarClass.isSpace(scalars[i]) || scalars[i] == "、" || scalars[i] == "，" {
                    i += 1
                }
            }
            guard names > 0 else { return nil }
            groups += 1
        }
        guard groups > 0 else { return nil }
        skipSpaces()
        if i == end { return false }
        if let mark = Self.photoEnd.first(where: { scalars.matches($0, at: i, before: end) }), i + mark.count == end {
            return true
        }
        if let mark = Self.storyEnd.first(where: { scalars.matches($0, at: i, before: end) }), i + mark.count == end {
            return false
        }
        return nil
    }

    /// Length of a role word (`融媒首席记者`, `通讯员`) at `i`, or `nil`.
    func role(_ scalars: [Unicode.Scalar], at i: Int, end: Int) -> Int? {
        guard i < end, Self.roleStarts.contains(scalars[i]) else { return nil }
        var j = i
        var modifiers = 0
        while modifiers < 3, let m = Self.modifiers.first(where: { scalars.matches($0, at: j, before: end) }) {
            j += m.count
            modifiers += 1
        }
        guard let core = Self.roles.first(where: { scalars.matches($0, at: j, before: end) }) else { return nil }
        return j + core.count - i
    }

    /// Length of a person's name at `i`: 2–4 ideographs (a `·` allowed inside), ending
    /// before a space, a list mark, a role word or a final `摄`.
    func name(_ scalars: [Unicode.Scalar], at i: Int, end: Int) -> Int? {
        guard role(scalars, at: i, end: end) == nil else { return nil }
        for mark in Self.endMarks where scalars.matches(mark, at: i, before: end) {
            if i + mark.count == end { return nil }
        }
        var j = i
        while j < end, ScalarClass.isIdeograph(scalars[j]) || (j > i && scalars[j] == "·") {
            if j > i, role(scalars, at: j, end: end) != nil { break }
            j += 1
        }
        var length = j - i
        // `林群心摄` at the end of the credit: the `摄` is the photo mark.
        if j == end, length >= 3, scalars[j - 1] == "摄" { length -= 1 }
        return (2...4).contains(length) ? length : nil
    }

    private func isOpenParen(_ s: Unicode.Scalar) -> Bool { s == "（" || s == "(" }
    private func isCloseParen(_ s: Unicode.Scalar) -> Bool { s == "）" || s == ")" }
}
