/// Titles written before names, lists of names after a title, and bylines.
extension ArticlePass {
    mutating func scanTitles(_ seg: Int, _ text: MappedText) {
        let s = text.scalars
        let n = s.count
        var pending: (end: Int, run: [TitleReader.Written])?
        var appointed: (name: Range<Int>, run: Int)?  // the appointee of the run being read, and its first title
        let marks = self.marks[seg]
        var i = 0
        while i < n {
            i = marks.next(.titles, from: i)
            guard i < n, let m = ontology.titles.longestMatch(in: s, at: i) else {
                i += 1
                continue
            }
            let title = m.payload
            let roleRange = i..<(i + m.length)
            if title.titleClass == .journalist {
                i = readJournalists(seg, text, roleRange, title)
                pending = nil
                continue
            }
            // 村民王大明说: a descriptor introduces a citizen and is not a title.
            if title.titleClass == .descriptor {
                if let name = names.readForward(
                    s, at: roleRange.upperBound, limit: n, occurrences: { occurrences(seg, $0) }),
                    names.boundaryStrength(s, at: name.upperBound, limit: n) > 0
                {
                    add(seg, name, .citizen, [], "descriptor-name")
                    // 孝老爱亲模范甲、乙
                    i = readListAfter(seg, s, from: name.upperBound, titles: [], kind: .citizen)
                } else {
                    i = roleRange.upperBound
                }
                pending = nil
                continue
            }
            let written = extractor.titleReader.read(s, roleRange: roleRange, title: title, lowerLimit: 0)
            var run = [written]
            if let p = pending, p.end + 1 == written.range.lowerBound {
                // The last titles of a run only: real runs hold a handful, and
                // a page of `市长、市长、…` must not cost the square of its length.
                run = p.run.suffix(Self.longestTitleRun - 1) + [written]
            }
            let mentions = runMentions(run, text)

            // 甲、乙、丙等市领导
            if written.range.lowerBound > 0, s[written.range.lowerBound - 1] == "等" {
                for r in listBefore(s, end: written.range.lowerBound - 1, lenientFirst: true) {
                    add(seg, r, title.kind, [mentions.last!], "list-before-title")
                }
                pending = nil
                i = roleRange.upperBound
                continue
            }
            // 某某任青岛市委常委 / 某某同志任浙江省委书记: an appointment names the
            // post, and every post of its run (`任中共兰州市委委员、常委、书记`).
            if let name = appointee(s, before: written.range.lowerBound) {
                add(seg, name, title.kind, mentions, "appointment")
                appointed = (name, written.range.lowerBound)
            } else if let a = appointed, run.count > 1, run[0].range.lowerBound == a.run {
                add(seg, a.name, title.kind, mentions, "appointment")
            } else {
                appointed = nil
            }
            // 市委书记金政 / 市领导甲、乙和丙 / 出席会议的市领导有甲、乙 / 市领导：甲、乙
            let after = roleRange.upperBound
            // `市长 沃某某`: one space between title and name, as some pages set it.
            let spaced = after + 1 < n && ScalarClass.isSpace(s[after]) && ScalarClass.isIdeograph(s[after + 1])
            let listStart =
                after < n
                    && (s[after] == "：" || s[after] == ":" || (title.titleClass == .rank && s[after] == "有") || spaced)
                ? after + 1 : after
            if let name = names.readForward(
                s, at: listStart, limit: n, occurrences: { occurrences(seg, $0) },
                minimumScore: NameReader.titledScore)
                ?? firstListItem(s, at: listStart),
                !isTitleStart(s, name.lowerBound + 1)
            {
                add(seg, name, title.kind, mentions, run.count > 1 ? "title-run-name" : "title-name")
                let listEnd = readListAfter(seg, s, from: name.upperBound, titles: mentions, kind: title.kind)
                pending = nil
                i = listEnd
                continue
            }
            if written.chain.isEmpty, title.titleClass != .rank {
                openTitles.append(OpenTitle(segment: seg, written: written))
            }
            // A title that opens a run (`市委副书记、市长某某`), not one that
            // closes a name written before it (`某某副市长、…`).
            let opensRun =
                pending != nil
                || names.readBackward(s, endingAt: written.range.lowerBound, lowerLimit: 0) == nil
            if let p = pending, p.end + 1 == written.range.lowerBound, after < n, s[after] != "、" {
                // `市委书记、市人大常委会主任某某`: 常委 inside the name of the
                // next title's institution; the run waits for the title that ends it.
                i = after
                continue
            }
            pending = opensRun && after < n && s[after] == "、" ? (after, run) : nil
            i = after
        }
    }

    /// The person an appointment names before the post it gives
    /// (`某某任青岛市委常委`, `某某同志任…`, `某某调任…`), if a name ends
    /// right before the verb. A post held before (`曾任`, `历任`, `原任`)
    /// or an office's own word (`主任`, `责任`) is no appointment; `选举某某为…`
    /// names a post not yet held (``scanCuedNames``).
    private func appointee(_ s: [Unicode.Scalar], before start: Int) -> Range<Int>? {
        guard start >= 3, s[start - 1] == "任" else { return nil }
        var end = start - 1
        if "担出调兼升转改".unicodeScalars.contains(s[end - 1]) {
            end -= 1
        } else if "曾历原主责现继信".unicodeScalars.contains(s[end - 1]) {
            return nil
        }
        if end >= 2, s[end - 2] == "同", s[end - 1] == "志" { end -= 2 }
        guard end >= 2, let r = names.readBackward(s, endingAt: end, lowerLimit: max(0, end - 4)), r.count >= 2,
            names.isName(s, r)
        else { return nil }
        return r
    }

    /// The posts of a run of titles. A title that names no place of its own
    /// belongs where the title before it does (`省委常委、宣传部部长` is the
    /// province's 宣传部, not the home city's), and so does one whose bare
    /// prefix is that place's level (`金华市委书记、市人大常委会主任`).
    func runMentions(_ run: [TitleReader.Written], _ text: MappedText) -> [TitleMention] {
        var out: [TitleMention] = []
        var place = home
        for w in run {
            let inherits =
                !out.isEmpty
                && (!extractor.titleReader.namesJurisdiction(w)
                    || extractor.titleReader.prefixRepeats(w, place: place))
            var m = extractor.titleReader.mention(w, in: text, home: inherits ? place : home)
            // `兰州市委委员、常委、书记`: a bare committee role is the committee's before it.
            if m.organization == nil, w.chain.isEmpty, let last = out.last, let org = last.organization,
                org.hasPrefix("中共"), last.role == "委员" || last.role == "常委",
                ["常委", "书记", "副书记", "委员"].contains(m.role)
            {
                m.organization = org
                m.jurisdiction = last.jurisdiction
            }
            if let j = m.jurisdiction { place = j }
            out.append(m)
        }
        return out
    }

    /// The most titles of one run kept for the name after it
    /// (`市委常委、常务副市长、市政府党组副书记某某` is three).
    static let longestTitleRun = 8

    /// A first list item that the name reader alone does not take (`市领导于永游、乙`,
    /// `市委常委：格桑、乙`): only when a list separator follows it.
    func firstListItem(_ s: [Unicode.Scalar], at i: Int) -> Range<Int>? {
        guard let item = delimitedItem(s, at: i), item.upperBound < s.count, s[item.upperBound] == "、",
            names.listItemShape(s, item) >= .unmarked
        else { return nil }
        return item
    }

    /// The run of ideographs (a dotted name counts as one) from `i` to the next
    /// list separator, `等`, or non-ideograph, if it is short enough for a name.
    func delimitedItem(_ s: [Unicode.Scalar], at i: Int) -> Range<Int>? {
        if let end = names.dottedNameEnd(s, at: i, limit: s.count, toLimit: false) { return i..<end }
        var k = i
        while k < s.count, ScalarClass.isIdeograph(s[k]), s[k] != "、", s[k] != "等", k - i <= 4 { k += 1 }
        guard k > i, k - i <= 4 else { return nil }
        return i..<k
    }

    /// Whether a title word starts at `i` (so what precedes is not a name).
    func isTitleStart(_ s: [Unicode.Scalar], _ i: Int) -> Bool {
        guard i < s.count, let m = ontology.titles.longestMatch(in: s, at: i) else { return false }
        return m.length >= 2 && i + m.length <= s.count
    }

    /// Reads the names that continue a list after a first name: `、乙、丙`
    /// and a last `和丁` (stopping before `和市法院院长…`, which has its own title).
    mutating func readListAfter(
        _ seg: Int, _ s: [Unicode.Scalar], from start: Int, titles: [TitleMention], kind: PersonKind
    ) -> Int {
        var end = start
        var joined = false
        while end < s.count, !joined {
            let sep = s[end]
            guard sep == "、" || sep == "和" || sep == "及" || sep == "与" else { break }
            let itemStart = end + 1
            // `党委书记甲、苏木达乙`: a title after the separator opens its own run.
            if isTitleStart(s, itemStart) { break }
            if sep != "、" {
                joined = true
                if itemStart < s.count,
                    ontology.chainForward.longestMatchIndex(in: s, at: itemStart) != nil
                        || ontology.titles.longestMatch(in: s, at: itemStart) != nil
                {
                    break
                }
            }
            guard let item = listItem(s, at: itemStart) else { break }
            add(seg, item, kind, titles, "list-after-title")
            end = item.upperBound
        }
        return max(end, start)
    }

    /// A list item at `i`: the whole run up to the next separator when it has
    /// the shape of a name, else a name read by its ending.
    func listItem(_ s: [Unicode.Scalar], at i: Int) -> Range<Int>? {
        if let item = delimitedItem(s, at: i) {
            let k = item.upperBound
            let closed = k >= s.count || s[k] == "、" || s[k] == "等" || !ScalarClass.isIdeograph(s[k])
            // Between two separators the list says where the name ends.
            if closed, names.isName(s, item) || names.listItemShape(s, item) >= .unmarked {
                return item
            }
        }
        return names.readForward(s, at: i, limit: s.count, occurrences: { _ in 1 })
    }

    /// The names of a list ending just before `end` (`甲、乙、丙` before `等`),
    /// right to left. The first item may carry words before it when
    /// `lenientFirst` (`出席的有甲、乙等市领导`): its last name is taken.
    func listBefore(_ s: [Unicode.Scalar], end: Int, lenientFirst: Bool) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var e = end
        while e > 0 {
            var b = e
            while b > 0, ScalarClass.isIdeograph(s[b - 1]), s[b - 1] != "、", e - b <= 4 { b -= 1 }
            let item = b..<e
            let closed = b == 0 || !ScalarClass.isIdeograph(s[b - 1]) || s[b - 1] == "、"
            if closed, names.isName(s, item) {
                out.append(item)
            } else if lenientFirst, let r = names.readBackward(s, endingAt: e, lowerLimit: 0) {
                out.append(r)
                break
            } else {
                break
            }
            guard b > 0, s[b - 1] == "、" else { break }
            e = b - 1
        }
        return out
    }

    /// Reads the journalists credited after a journalist title (`首席记者 某某`,
    /// `记者 甲 通讯员 乙`, `记者 某某 摄`, `编辑：某某`). Returns where scanning resumes.
    ///
    /// The normalizer drops the spaces between names (`记者 甲 乙` reads
    /// `记者甲乙`), so where the page had a space or a line break (a gap in the
    /// source offsets) ends a name as a space does.
    mutating func readJournalists(
        _ seg: Int, _ text: MappedText, _ roleRange: Range<Int>, _ title: Ontology.Title
    ) -> Int {
        let s = text.scalars
        let p = roleRange.lowerBound - 1
        let media = p >= 0 && Self.mediaEnds.contains(s[p]) ? mediaName(s, endingAt: roleRange.lowerBound) : nil
        let credited =
            p < 0 || !ScalarClass.isIdeograph(s[p]) || s[p] == "讯" || seg == 1
            || Self.spaceBefore(text, roleRange.lowerBound) || media != nil
        guard credited else { return roleRange.upperBound }
        // `南海网记者` is written as one title: the outlet and the role.
        let writtenRange = (media?.lowerBound ?? roleRange.lowerBound)..<roleRange.upperBound
        let written = TitleReader.Written(range: writtenRange, roleRange: roleRange, title: title, chain: [])
        let mention = extractor.titleReader.mention(written, in: text, home: home)
        var j = roleRange.upperBound
        var last = j
        while j < s.count {
            while j < s.count, ScalarClass.isWhitespace(s[j]) || s[j] == ":" || s[j] == "：" { j += 1 }
            var k = j
            while k < s.count, ScalarClass.isIdeograph(s[k]), k - j < 4, s[k] != "摄",
                k == j || !Self.spaceBefore(text, k),
                ontology.titles.longestMatch(in: s, at: k).map({ $0.payload.titleClass != .journalist }) ?? true
            {
                k += 1
            }
            var r = j..<k
            // `孙 契`: a two-character name padded to the width of three, the
            // space kept in the text (a headline) or dropped (a gap).
            if r.count == 1, names.surnameLength(s, at: j, limit: j + 1) == 1, k < s.count {
                let g = ScalarClass.isSpace(s[k]) ? k + 1 : k
                if g < s.count, g > k || Self.spaceBefore(text, k), ScalarClass.isIdeograph(s[g]),
                    !ScalarClass.nonGiven.contains(s[g]),
                    g + 1 >= s.count || !ScalarClass.isIdeograph(s[g + 1]) || Self.spaceBefore(text, g + 1)
                {
                    add(
                        seg, j..<(g + 1), .journalist, [mention], "byline",
                        name: String(String.UnicodeScalarView([s[j], s[g]])))
                    last = g + 1
                    j = g + 1
                    continue
                }
            }
            if !names.isName(s, r) {
                let spaced =
                    (k >= s.count || !ScalarClass.isIdeograph(s[k]) || Self.spaceBefore(text, k))
                    && (Self.spaceBefore(text, j) || !ScalarClass.isIdeograph(s[j - 1]))
                if spaced, names.isSetApartName(s, r) {
                    // A name the page set apart by itself (`记者 干某 通讯员 乙`).
                } else {
                    guard let shorter = names.readForward(s, at: j, limit: k, occurrences: { _ in 1 }) else { break }
                    r = shorter
                    k = shorter.upperBound
                }
            }
            // `编辑：甲 关键词：…`: a word before a colon labels the next field.
            if last > roleRange.upperBound, k < s.count, s[k] == ":" || s[k] == "：" { break }
            add(seg, r, .journalist, [mention], "byline")
            last = k
            j = k
            // Several names after one title: `记者 甲 乙`, `记者 甲、乙`.
            guard j < s.count, ScalarClass.isWhitespace(s[j]) || s[j] == "、" || Self.spaceBefore(text, j) else { break }
            if s[j] == "、" { j += 1 }
        }
        return max(last, roleRange.upperBound)
    }

    /// Last characters of a media name written before `记者` (`南海网记者`,
    /// `诸暨日报记者`, `浙江在线记者`, `传媒集团`, `融媒体中心`): the credit is a
    /// byline, not prose.
    static let mediaEnds = ScalarSet("网报台社刊线团心".unicodeScalars)

    /// The outlet's name ending at `end` (`南海网` before `记者`): the ideographs
    /// back to the clause's start, 2 to 12 of them, none of them a character
    /// that ends a clause or joins words (`的`, `和`); nil otherwise.
    func mediaName(_ s: [Unicode.Scalar], endingAt end: Int) -> Range<Int>? {
        var b = end
        while b > 0, ScalarClass.isIdeograph(s[b - 1]), end - b < 12, !ScalarClass.nameFollowers.contains(s[b - 1]) {
            b -= 1
        }
        guard end - b >= 2, b == 0 || !ScalarClass.isIdeograph(s[b - 1]) else { return nil }
        return b..<end
    }

    /// Whether the page had a space or line break just before normalized scalar `k`.
    static func spaceBefore(_ text: MappedText, _ k: Int) -> Bool {
        k > 0 && k < text.sourceOffsets.count && text.sourceOffsets[k] - text.sourceOffsets[k - 1] > 1
    }

    /// Credits after a name (`某某 摄`, `某某/摄`, `（某某/文）`) and names in
    /// parentheses that close a story or follow its dateline (`（甲 乙）`):
    /// journalists.
    mutating func scanCredits(_ seg: Int, _ text: MappedText) {
        let s = text.scalars
        let n = s.count
        var i = 2
        while i < n {
            i = Self.creditStarts.firstIndex(in: s, from: i)
            guard i < n else { break }
            let c = s[i]
            // 某某 摄 / 某某/摄 / 某某/文
            if c == "摄" || c == "文" || c == "图",
                i + 1 >= n || !ScalarClass.isIdeograph(s[i + 1]) || Self.spaceBefore(text, i + 1)
            {
                var e = i
                var marked = false
                var slashed = false
                while e > 0, s[e - 1] == "/" || s[e - 1] == "／" || ScalarClass.isWhitespace(s[e - 1]) {
                    e -= 1
                    marked = true
                    slashed = slashed || !ScalarClass.isWhitespace(s[e])
                }
                marked = marked || Self.spaceBefore(text, i)
                if marked || c == "摄" && e == i, e >= 2 {
                    var b = e
                    while b > 0, ScalarClass.isIdeograph(s[b - 1]), e - b < 4, b == e || !Self.spaceBefore(text, b) {
                        b -= 1
                    }
                    let r = b..<e
                    let alone = b == 0 || !ScalarClass.isIdeograph(s[b - 1]) || Self.spaceBefore(text, b)
                    // A byline's `记者 某某 摄` is one credit, its role the reporter's;
                    // `记者 某某/文` credits the text apart.
                    // After a slash the credit vouches for a name the model doubts (`金某镯/摄`).
                    let named =
                        names.listItemShape(s, r) >= .rareSurname
                        || slashed && r.count <= 3 && names.surnameLength(s, at: b, limit: e) != nil
                            && !r.contains(where: { ScalarClass.nonGiven.contains(s[$0]) })
                    if marked, alone, r.count >= 2, slashed || !overlaps(seg, r), named {
                        let title = TitleMention(
                            text: String(c), role: String(c), organization: nil, jurisdiction: nil, isRank: false,
                            span: text.sourceRange(of: i..<(i + 1)))
                        add(seg, r, .journalist, [title], "credit")
                    }
                }
            }
            // （甲 乙） at a story's end or after its dateline.
            if c == "（" || c == "(" {
                var k = i + 1
                var items: [Range<Int>] = []
                while k < n, items.count < 4 {
                    while k < n, ScalarClass.isWhitespace(s[k]) { k += 1 }
                    var e = k
                    while e < n, ScalarClass.isIdeograph(s[e]), e - k < 4, e == k || !Self.spaceBefore(text, e) {
                        e += 1
                    }
                    guard e > k else { break }
                    items.append(k..<e)
                    k = e
                    if k < n, s[k] == "）" || s[k] == ")" { break }
                }
                let closes = k < n && (s[k] == "）" || s[k] == ")")
                let atEnd = closes && s[(k + 1)...].allSatisfy { !ScalarClass.isIdeograph($0) }
                let afterDateline = i >= 2 && (s[i - 1] == "讯" || (s[i - 2] == "报" && s[i - 1] == "道"))
                if closes, atEnd || afterDateline, !items.isEmpty {
                    // A leading outlet (`（某某台 甲 乙）`) is not a name.
                    let people = items.filter { names.listItemShape(s, $0) == .surname && $0.count <= 3 }
                    if people.count == items.count
                        || (people.count == items.count - 1 && people.count >= 1
                            && names.listItemShape(s, items[0]) != .surname)
                    {
                        for r in people { add(seg, r, .journalist, [], "credit") }
                        i = k
                    }
                }
            }
            i += 1
        }
    }
}
