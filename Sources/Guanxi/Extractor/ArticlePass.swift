/// One run of the extractor's rules over one article: finds name occurrences
/// segment by segment, then resolves bare mentions and abbreviations, then
/// merges occurrences into one `PersonMention` per name.
struct ArticlePass {
    /// A name found at one place of one segment.
    struct Occurrence {
        var segment: Int
        var range: Range<Int>
        var name: String
        var kind: PersonKind
        var titles: [TitleMention]
        var rule: String
        var inName = false
        var ideology = false
    }

    /// A title word with no name after it and no institution before it: a
    /// candidate for `卢轶副市长` or `习总书记`, resolved in the second pass.
    struct OpenTitle {
        var segment: Int
        var written: TitleReader.Written
    }

    let extractor: Extractor
    let segments: [MappedText]
    let home: String?
    /// Every occurrence found, in the order found. Occurrences of one segment
    /// never overlap; only ``record(_:)`` appends, so the indexes below stay true.
    private(set) var found: [Occurrence] = []
    var openTitles: [OpenTitle] = []
    /// `owner[segment][i]`: the index in `found` of the occurrence covering
    /// scalar `i`, or -1. Makes the overlap test O(name length), not O(found).
    private var owner: [[Int32]]
    /// Names of officials found so far, as of the last `isEstablishedOfficial`
    /// (filled from `officials` only when asked: most articles never ask).
    private var officialNames = NameIndex()
    /// Indexes in `found` of officials, in the order recorded.
    private var officials: [Int] = []
    /// How many of `officials` are in `officialNames`.
    private var officialNamesFilled = 0
    /// Where each pair of scalars occurs, for counting and finding names in
    /// O(occurrences of the pair) rather than O(article); built only for a
    /// long article (a short one is searched faster than indexed).
    private let pairs: PairIndex?
    /// Articles longer than this many scalars get a `PairIndex`.
    static let pairIndexThreshold = 4096
    /// `marks[segment]`: where each scan may start a word in that segment.
    private let marks: [ScanMarks]

    init(extractor: Extractor, segments: [MappedText], home: String?) {
        self.extractor = extractor
        self.segments = segments
        self.home = home
        found.reserveCapacity(16)  // most articles: one allocation, no regrowth
        self.owner = segments.map { Array(repeating: -1, count: $0.count) }
        let total = segments.reduce(0) { $0 + $1.count }
        self.pairs = total > Self.pairIndexThreshold ? PairIndex(segments.map(\.scalars)) : nil
        self.marks = segments.map { extractor.scanStarts.marks(of: $0.scalars) }
    }

    private var ontology: Ontology { extractor.ontology }
    private var names: NameReader { extractor.names }

    mutating func run() {
        for (index, segment) in segments.enumerated() where !segment.isEmpty {
            scanTitles(index, segment)
            scanCitizens(index, segment)
            scanPastAndPlaces(index, segment)
            scanIdeology(index, segment)
            scanNameLists(index, segment)
            scanCuedNames(index, segment)
            scanCredits(index, segment)
        }
        resolveOpenTitles()
        addBareMentions()
    }

    // MARK: - Occurrence bookkeeping

    private func string(_ seg: Int, _ r: Range<Int>) -> String { segments[seg].string(r) }

    private func overlaps(_ seg: Int, _ r: Range<Int>) -> Bool {
        let owners = owner[seg]
        for i in max(0, r.lowerBound)..<min(owners.count, r.upperBound) where owners[i] >= 0 { return true }
        return false
    }

    /// Appends an occurrence and indexes it.
    private mutating func record(_ o: Occurrence) {
        let k = found.count
        found.append(o)
        for i in max(0, o.range.lowerBound)..<min(owner[o.segment].count, o.range.upperBound) {
            owner[o.segment][i] = Int32(k)
        }
        if o.kind == .official {
            officials.append(k)
        }
    }

    private mutating func add(
        _ seg: Int, _ r: Range<Int>, _ kind: PersonKind, _ titles: [TitleMention], _ rule: String,
        inName: Bool = false, ideology: Bool = false, name: String? = nil
    ) {
        if r.lowerBound >= 0, r.lowerBound < owner[seg].count, case let k = Int(owner[seg][r.lowerBound]), k >= 0,
            found[k].range == r
        {
            for t in titles where !found[k].titles.contains(where: { $0.text == t.text && $0.span == t.span }) {
                found[k].titles.append(t)
            }
            return
        }
        guard !overlaps(seg, r) else { return }
        record(Occurrence(
            segment: seg, range: r, name: name ?? string(seg, r), kind: kind, titles: titles, rule: rule,
            inName: inName, ideology: ideology))
    }

    /// How many times the text of `r` occurs in the article's segments.
    private func occurrences(_ seg: Int, _ r: Range<Int>) -> Int {
        let needle = segments[seg].scalars[r]
        if needle.count >= 2, let pairs { return pairs.count(of: needle) }
        var count = 0
        Self.forEachOccurrence(of: needle, in: segments) { _, _ in count += 1 }
        return count
    }

    /// Calls `body` with the segment and offset of each occurrence of
    /// `needle` in `segments`, without overlap, segment by segment, left to
    /// right (as `PairIndex.positions(of:)` lists them).
    private static func forEachOccurrence(
        of needle: ArraySlice<Unicode.Scalar>, in segments: [MappedText], _ body: (Int, Int) -> Void
    ) {
        guard let first = needle.first else { return }
        let m = needle.count
        for (seg, text) in segments.enumerated() where text.count >= m {
            text.scalars.withUnsafeBufferPointer { hay in
                var i = 0
                let last = hay.count - m
                while i <= last {
                    if hay[i] == first && needle.elementsEqual(hay[i..<(i + m)]) {
                        body(seg, i)
                        i += m
                    } else {
                        i += 1
                    }
                }
            }
        }
    }

    // MARK: - Titles, lists, bylines

    private mutating func scanTitles(_ seg: Int, _ text: MappedText) {
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
                if let name = names.readForward(s, at: roleRange.upperBound, limit: n, occurrences: { occurrences(seg, $0) }),
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
            let listStart = after < n
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
            let opensRun = pending != nil
                || names.readBackward(s, endingAt: written.range.lowerBound, lowerLimit: 0) == nil
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
        if "担出调兼升转改".unicodeScalars.contains(s[end - 1]) { end -= 1 } else if "曾历原主责现继信".unicodeScalars.contains(s[end - 1]) { return nil }
        if end >= 2, s[end - 2] == "同", s[end - 1] == "志" { end -= 2 }
        guard end >= 2, let r = names.readBackward(s, endingAt: end, lowerLimit: max(0, end - 4)), r.count >= 2,
            names.isName(s, r)
        else { return nil }
        return r
    }

    /// The posts of a run of titles. A title that names no place of its own
    /// belongs where the title before it does (`省委常委、宣传部部长` is the
    /// province's 宣传部, not the home city's).
    private func runMentions(_ run: [TitleReader.Written], _ text: MappedText) -> [TitleMention] {
        var out: [TitleMention] = []
        var place = home
        for w in run {
            let inherits = !out.isEmpty && !extractor.titleReader.namesJurisdiction(w)
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

    /// A first list item that the name reader alone does not take (`市领导于会游、乙`,
    /// `市委常委：格桑、乙`): only when a list separator follows it.
    private func firstListItem(_ s: [Unicode.Scalar], at i: Int) -> Range<Int>? {
        guard let item = delimitedItem(s, at: i), item.upperBound < s.count, s[item.upperBound] == "、",
            names.listItemShape(s, item) >= .unmarked
        else { return nil }
        return item
    }

    /// The run of ideographs (a dotted name counts as one) from `i` to the next
    /// list separator, `等`, or non-ideograph, if it is short enough for a name.
    private func delimitedItem(_ s: [Unicode.Scalar], at i: Int) -> Range<Int>? {
        if let end = names.dottedNameEnd(s, at: i, limit: s.count, toLimit: false) { return i..<end }
        var k = i
        while k < s.count, ScalarClass.isIdeograph(s[k]), s[k] != "、", s[k] != "等", k - i <= 4 { k += 1 }
        guard k > i, k - i <= 4 else { return nil }
        return i..<k
    }

    /// Whether a title word starts at `i` (so what precedes is not a name).
    private func isTitleStart(_ s: [Unicode.Scalar], _ i: Int) -> Bool {
        guard i < s.count, let m = ontology.titles.longestMatch(in: s, at: i) else { return false }
        return m.length >= 2 && i + m.length <= s.count
    }

    /// Reads the names that continue a list after a first name: `、乙、丙`
    /// and a last `和丁` (stopping before `和市法院院长…`, which has its own title).
    private mutating func readListAfter(
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
                if itemStart < s.count, ontology.chainForward.longestMatchIndex(in: s, at: itemStart) != nil
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
    private func listItem(_ s: [Unicode.Scalar], at i: Int) -> Range<Int>? {
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
    private func listBefore(_ s: [Unicode.Scalar], end: Int, lenientFirst: Bool) -> [Range<Int>] {
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
    private mutating func readJournalists(
        _ seg: Int, _ text: MappedText, _ roleRange: Range<Int>, _ title: Ontology.Title
    ) -> Int {
        let s = text.scalars
        let p = roleRange.lowerBound - 1
        let media = p >= 0 && Self.mediaEnds.contains(s[p]) ? mediaName(s, endingAt: roleRange.lowerBound) : nil
        let credited = p < 0 || !ScalarClass.isIdeograph(s[p]) || s[p] == "讯" || seg == 1
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
            // `周 契`: a two-character name padded to the width of three, the
            // space kept in the text (a headline) or dropped (a gap).
            if r.count == 1, names.surnameLength(s, at: j, limit: j + 1) == 1, k < s.count {
                let g = ScalarClass.isSpace(s[k]) ? k + 1 : k
                if g < s.count, g > k || Self.spaceBefore(text, k), ScalarClass.isIdeograph(s[g]),
                    !ScalarClass.nonGiven.contains(s[g]),
                    g + 1 >= s.count || !ScalarClass.isIdeograph(s[g + 1]) || Self.spaceBefore(text, g + 1)
                {
                    add(seg, j..<(g + 1), .journalist, [mention], "byline", name: String(String.UnicodeScalarView([s[j], s[g]])))
                    last = g + 1
                    j = g + 1
                    continue
                }
            }
            if !names.isName(s, r) {
                let spaced = (k >= s.count || !ScalarClass.isIdeograph(s[k]) || Self.spaceBefore(text, k))
                    && (Self.spaceBefore(text, j) || !ScalarClass.isIdeograph(s[j - 1]))
                if spaced, names.isSetApartName(s, r) {
                    // A name the page set apart by itself (`记者 干某 通讯员 乙`).
                } else {
                    guard let shorter = names.readForward(s, at: j, limit: k, occurrences: { _ in 1 }) else { break }
                    r = shorter
                    k = shorter.upperBound
                }
            }
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
    private static let mediaEnds = ScalarSet("网报台社刊线团心".unicodeScalars)

    /// The outlet's name ending at `end` (`南海网` before `记者`): the ideographs
    /// back to the clause's start, 2 to 12 of them, none of them a character
    /// that ends a clause or joins words (`的`, `和`); nil otherwise.
    private func mediaName(_ s: [Unicode.Scalar], endingAt end: Int) -> Range<Int>? {
        var b = end
        while b > 0, ScalarClass.isIdeograph(s[b - 1]), end - b < 12, !ScalarClass.nameFollowers.contains(s[b - 1]) {
            b -= 1
        }
        guard end - b >= 2, b == 0 || !ScalarClass.isIdeograph(s[b - 1]) else { return nil }
        return b..<end
    }

    /// Whether the page had a space or line break just before normalized scalar `k`.
    private static func spaceBefore(_ text: MappedText, _ k: Int) -> Bool {
        k > 0 && k < text.sourceOffsets.count && text.sourceOffsets[k] - text.sourceOffsets[k - 1] > 1
    }

    /// Credits after a name (`某某 摄`, `某某/摄`, `（某某/文）`) and names in
    /// parentheses that close a story or follow its dateline (`（甲 乙）`):
    /// journalists.
    private mutating func scanCredits(_ seg: Int, _ text: MappedText) {
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
                    while b > 0, ScalarClass.isIdeograph(s[b - 1]), e - b < 4, b == e || !Self.spaceBefore(text, b) { b -= 1 }
                    let r = b..<e
                    let alone = b == 0 || !ScalarClass.isIdeograph(s[b - 1]) || Self.spaceBefore(text, b)
                    // A byline's `记者 某某 摄` is one credit, its role the reporter's;
                    // `记者 某某/文` credits the text apart.
                    // After a slash the credit vouches for a name the model doubts (`金某镯/摄`).
                    let named = names.listItemShape(s, r) >= .rareSurname
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
                    while e < n, ScalarClass.isIdeograph(s[e]), e - k < 4, e == k || !Self.spaceBefore(text, e) { e += 1 }
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
                    if people.count == items.count || (people.count == items.count - 1 && people.count >= 1
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

    // MARK: - Citizens

    private mutating func scanCitizens(_ seg: Int, _ text: MappedText) {
        let s = text.scalars
        let marks = self.marks[seg]
        var i = 0
        while i < s.count {
            i = marks.next(.citizenCues, from: i)
            guard i < s.count else { break }
            // 甲、乙等6人入选 / 某某获评
            if let m = ontology.awardCues.longestMatch(in: s, at: i) {
                var e = i
                if e > 0, s[e - 1] == "人" || s[e - 1] == "名" {
                    var k = e - 1
                    while k > 0, isNumeral(s[k - 1]) { k -= 1 }
                    if k < e - 1, k > 0, s[k - 1] == "等" { e = k - 1 }
                } else if e > 0, s[e - 1] == "等" {
                    e -= 1
                }
                for r in listBefore(s, end: e, lenientFirst: false) where !isEstablishedOfficial(r, seg) {
                    add(seg, r, .citizen, [], "honour-list")
                }
                i += m.length
                continue
            }
            // “快递小哥”某某、
            if ScalarClass.closingQuotes.contains(s[i]), i > 1, ScalarClass.epithetEnds.contains(s[i - 1]),
                let open = (max(0, i - 9)..<i).last(where: { s[$0] == "“" || s[$0] == "\"" })
            {
                _ = open
                var k = i + 1
                while k < s.count, ScalarClass.isIdeograph(s[k]), s[k] != "等", k - i <= 4 { k += 1 }
                let r = (i + 1)..<k
                if k < s.count, ScalarClass.listSeparators.contains(s[k]) || s[k] == "等" || s[k] == "。",
                    names.isName(s, r), !names.hasCommonSurname(s, at: r.lowerBound)
                {
                    add(seg, r, .citizen, [], "epithet")
                }
            }
            i += 1
        }
    }

    private func isNumeral(_ c: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(c) || "一二三四五六七八九十百两".unicodeScalars.contains(c)
    }

    private mutating func isEstablishedOfficial(_ r: Range<Int>, _ seg: Int) -> Bool {
        while officialNamesFilled < officials.count {
            _ = officialNames.insert(found[officials[officialNamesFilled]].name)
            officialNamesFilled += 1
        }
        return officialNames.id(of: string(seg, r)) != nil
    }

    // MARK: - Lists with no title

    /// Lists of names that no title introduces: `甲、乙、丙在主席台就座`,
    /// `甲、乙、丙、丁等市各套班子领导`, `甲、乙及相关单位负责人等参加`.
    ///
    /// The separators say where each name ends; the name model says whether
    /// the items are names: three items or more of which two thirds have a
    /// surname of the lexicon and none is a place, title or word no name
    /// holds, or two such names closed by `等` or a cue (`甲、乙出席`). What
    /// follows the list decides the kind: officials before `领导`, `出席`,
    /// `就座`, `同志` …; a list closed by a place word (`甲、乙等镇`) is no list
    /// of people; other lists are people of undecided kind.
    private mutating func scanNameLists(_ seg: Int, _ text: MappedText) {
        let s = text.scalars
        let n = s.count
        var i = 0
        while i < n {
            guard let next = s[i...].firstIndex(of: "、") else { break }
            i = next
            guard let first = listHead(s, separator: i), !overlaps(seg, first) else {
                i += 1
                continue
            }
            var items = [first]
            var p = i
            while p < n, s[p] == "、" {
                guard let item = delimitedItem(s, at: p + 1) else {
                    // `…、钱立群在主席台就座`: the last name runs into the words after it.
                    if let last = names.readForward(s, at: p + 1, limit: n, occurrences: { occurrences(seg, $0) }) {
                        items.append(last)
                    }
                    break
                }
                if item.upperBound < n, s[item.upperBound] == "、" {
                    items.append(item)
                    p = item.upperBound
                    continue
                }
                let closed = item.upperBound >= n || !ScalarClass.isIdeograph(s[item.upperBound])
                    || s[item.upperBound] == "等"
                if closed {
                    items.append(item)
                } else if let last = names.readForward(
                    s, at: p + 1, limit: n, occurrences: { occurrences(seg, $0) })
                {
                    items.append(last)
                }
                break
            }
            var end = items.last!.upperBound
            guard items.count >= 2 else {
                i += 1
                continue
            }
            // `甲、乙和丙`: one more name after a conjunction.
            if end < n, s[end] == "和" || s[end] == "及" || s[end] == "与",
                let last = names.readForward(s, at: end + 1, limit: n, occurrences: { occurrences(seg, $0) }),
                names.isName(s, last)
            {
                items.append(last)
                end = last.upperBound
            }
            let shapes = items.map { names.listItemShape(s, $0) }
            let marked = shapes.filter { $0 == .surname }.count
            // An item with a surname whose given characters the model doubts
            // (`吴可如`) is still a name among many names, if it is only one of six.
            let doubted = zip(items, shapes).filter { r, shape in
                shape == .none && r.count <= 3 && names.surnameLength(s, at: r.lowerBound, limit: r.upperBound) != nil
            }.count
            let unread = shapes.filter { $0 == .none }.count - doubted
            let closer = listCloser(s, after: end)
            let accepted = unread == 0 && doubted * 6 <= items.count && closer != .place
                && (items.count >= 3 ? marked >= 2 && marked * 3 >= items.count * 2
                    : marked == 2 && closer != .none)
            if accepted {
                let kind: PersonKind = closer == .officials ? .official : closer == .past ? .historical : .person
                for r in items { add(seg, r, kind, [], "name-list") }
            }
            // A list is judged once: a rejected one is not read again from
            // each of its separators (a page of `市长、市长、…` stays linear).
            i = max(end, i + 1)
        }
    }

    /// Words after a name that make it an official's with no title beside
    /// it: `某某同志主持`, `某某当选市委书记`.
    private static let officialAfterName: [[Unicode.Scalar]] = ["同志", "当选"].map { Array($0.unicodeScalars) }

    /// Verbs of appointment before a name: `选举某某为县长`, `决定某某同志为…`,
    /// `接受某某同志辞去…`.
    private static let appointingVerbs: [[Unicode.Scalar]] = ["选举", "决定", "任命", "提名", "接受", "推选", "免去"]
        .map { Array($0.unicodeScalars) }

    /// Names that a cue alone makes officials: before `同志` or `当选`, after
    /// a verb of appointment (`选举某某为`), each read by the name model.
    private mutating func scanCuedNames(_ seg: Int, _ text: MappedText) {
        let s = text.scalars
        let n = s.count
        var i = 1
        while i + 1 < n {
            i = Self.cueStarts.firstIndex(in: s, from: i)
            guard i + 1 < n else { break }
            let c = s[i]
            if let w = Self.officialAfterName.first(where: { Self.matches($0, s, at: i) }),
                let r = names.readBackward(s, endingAt: i, lowerLimit: max(0, i - 6)),
                names.score(s, r) >= NameReader.acceptScore || occurrences(seg, r) > 1 || isCleanStart(s, r.lowerBound)
            {
                add(seg, r, .official, [], "cue-name")
                i += w.count
                continue
            }
            // 会议听取了市府办某某关于…的汇报: an office, then its speaker.
            if c == "关", i + 1 < n, s[i + 1] == "于", let r = nameAfterOffice(s, endingAt: i) {
                add(seg, r, .official, [], "office-name")
                i += 2
                continue
            }
            if let w = Self.appointingVerbs.first(where: { Self.matches($0, s, at: i) }) {
                let start = i + w.count
                if let r = names.readForward(s, at: start, limit: n, occurrences: { occurrences(seg, $0) }),
                    r.upperBound < n, s[r.upperBound] == "为" || Self.matches(Self.officialAfterName[0], s, at: r.upperBound)
                        || s[r.upperBound] == "辞" || s[r.upperBound] == "担"
                {
                    add(seg, r, .official, [], "appointment")
                    i = r.upperBound
                    continue
                }
                i = start
                continue
            }
            i += 1
        }
    }

    /// The name written between an office and `end` (`市府办王某某` before
    /// `关于`): three characters, else two, when a unit word (办, 局, 委 …)
    /// stands before it. `市府办李永有关于` is 李永有: the name ends at the cue.
    private func nameAfterOffice(_ s: [Unicode.Scalar], endingAt end: Int) -> Range<Int>? {
        for length in [3, 2] where end - length >= 1 {
            let r = (end - length)..<end
            if ScalarClass.institutionSuffixes.contains(s[r.lowerBound - 1]), names.isName(s, r) { return r }
        }
        return nil
    }

    /// First characters of the cues `scanCuedNames` looks for: the scan skips
    /// every other position with one bit test.
    private static let cueStarts = ScalarSet("同当选决任提接推免关".unicodeScalars)

    /// First characters of what `scanCredits` looks for.
    private static let creditStarts = ScalarSet("摄文图（(".unicodeScalars)

    private static func matches(_ w: [Unicode.Scalar], _ s: [Unicode.Scalar], at i: Int) -> Bool {
        i >= 0 && i + w.count <= s.count && s[i..<(i + w.count)].elementsEqual(w)
    }

    /// Whether a name starting at `i` starts its clause (after punctuation, a
    /// line break or a space).
    private func isCleanStart(_ s: [Unicode.Scalar], _ i: Int) -> Bool {
        i == 0 || !ScalarClass.isIdeograph(s[i - 1]) || ScalarClass.namePreceders.contains(s[i - 1])
    }

    /// The first item of a list ending at the separator at `p`: the run of
    /// ideographs before it when something other than an ideograph stands
    /// before that, else the name read backwards from the separator.
    private func listHead(_ s: [Unicode.Scalar], separator p: Int) -> Range<Int>? {
        var b = p
        while b > 0, ScalarClass.isIdeograph(s[b - 1]) || NameReader.nameDots.contains(s[b - 1]), p - b <= 20 {
            b -= 1
        }
        if b < p, b == 0 || !ScalarClass.isIdeograph(s[b - 1]) || s[b - 1] == "、" {
            if names.dottedNameEnd(s, at: b, limit: p, toLimit: true) == p || p - b <= 4 { return b..<p }
        }
        guard let r = names.readBackward(s, endingAt: p, lowerLimit: max(0, p - 6)) else { return nil }
        return r
    }

    /// What follows a list of names.
    enum ListCloser {
        /// Words that say the people listed are officials (`等市领导`, `出席`, `同志`).
        case officials
        /// Words that say they are figures of the past (`等名人`, `革命先辈`).
        case past
        /// `等` or a cue that a name ends before, saying nothing of kind.
        case people
        /// A place or unit word (`等镇`, `等村`): the items were places.
        case place
        /// Nothing telling.
        case none
    }

    /// Unit words that, right after a list (and `等`), make it a list of places.
    private static let placeClosers = ScalarSet("镇乡村街县区省州盟旗路桥山河湖江社组队厂园馆校院所家个处".unicodeScalars)

    private func listCloser(_ s: [Unicode.Scalar], after end: Int) -> ListCloser {
        var k = end
        var etc = false
        if k < s.count, s[k] == "等" {
            etc = true
            k += 1
            while k < s.count, isNumeral(s[k]) { k += 1 }
        }
        // `甲、乙为副团长`, `甲、乙任副组长`: the title after them is theirs in rank.
        if !etc, k + 1 < s.count, s[k] == "为" || s[k] == "任", isTitleStart(s, k + 1) { return .officials }
        let stop = min(s.count, k + 14)
        var j = k
        while j < stop, !ScalarClass.sentenceEnds.contains(s[j]) {
            if ontology.pastListCues.longestMatch(in: s, at: j) != nil { return .past }
            if ontology.officialListCues.longestMatch(in: s, at: j) != nil { return .officials }
            j += 1
        }
        if k < s.count, Self.placeClosers.contains(s[k]), !(k > end && isNumeral(s[k - 1])) { return .place }
        if etc || names.boundaryStrength(s, at: end, limit: s.count) == 2 { return .people }
        return .none
    }

    // MARK: - Names in place names, figures of the past

    private mutating func scanPastAndPlaces(_ seg: Int, _ text: MappedText) {
        let s = text.scalars
        var i = 1
        var previousCueEnd = -1
        let marks = self.marks[seg]
        while i < s.count {
            i = marks.next(.pastCues, from: i)
            guard i < s.count else { break }
            let landmark = ontology.landmarkCues.longestMatch(in: s, at: i)
            let legacy = landmark == nil ? ontology.legacyCues.longestMatch(in: s, at: i) : nil
            guard let m = landmark ?? legacy else {
                i += 1
                continue
            }
            // 陈亮宋韵文化复兴: what stands before 文化复兴 is the cue 宋韵, not a name.
            if let r = names.readBackward(s, endingAt: i, lowerLimit: max(0, previousCueEnd)), r.count <= 3,
                ontology.cues.longestMatch(in: s, at: r.lowerBound).map({ $0.length < r.count }) ?? true
            {
                add(seg, r, .historical, [], landmark != nil ? "in-place-name" : "figure-of-the-past",
                    inName: landmark != nil)
            }
            previousCueEnd = i + m.length
            i += m.length
        }
    }

    // MARK: - Leaders in ideology phrases

    private mutating func scanIdeology(_ seg: Int, _ text: MappedText) {
        let s = text.scalars
        let marks = self.marks[seg]
        var i = 2
        while i < s.count {
            i = marks.next(.ideologyCues, from: i)
            guard i < s.count, let m = ontology.ideologyCues.longestMatch(in: s, at: i) else {
                i += 1
                continue
            }
            if let r = names.readBackward(s, endingAt: i, lowerLimit: 0), m.length > 2 || r.count >= 3,
                !names.hasCommonSurname(s, at: r.lowerBound)
            {
                add(seg, r, .official, [], "ideology-phrase", ideology: true)
            }
            i += m.length
        }
    }

    // MARK: - Second pass

    /// Titles with no name after them: an abbreviation of a name established
    /// in the article (`习总书记`), or a name written before the title (`卢轶副市长`).
    ///
    /// Three rounds: names of three characters first (they cannot be an
    /// abbreviation), then abbreviations of names now established, then
    /// two-character names that stand after punctuation or a conjunction.
    private mutating func resolveOpenTitles() {
        var open = openTitles.filter { t in
            let s = segments[t.segment].scalars
            let start = t.written.roleRange.lowerBound
            return start > 0 && ScalarClass.isIdeograph(s[start - 1])
                && names.boundaryStrength(s, at: t.written.roleRange.upperBound, limit: s.count) > 0
        }
        open.removeAll { t in
            let s = segments[t.segment].scalars
            guard let r = names.readBackward(s, endingAt: t.written.roleRange.lowerBound, lowerLimit: 0),
                r.count >= 3
            else { return false }
            add(t.segment, r, t.written.title.kind, [mention(t)], "name-title")
            return true
        }
        open.removeAll { t in
            let s = segments[t.segment].scalars
            let start = t.written.roleRange.lowerBound
            guard names.surnameLength(s, at: start - 1, limit: start) == 1,
                let full = abbreviated(surname: s[start - 1], role: t.written.title),
                !overlaps(t.segment, (start - 1)..<start)
            else { return false }
            // The span is the surname as written; the bare title (书记 of 金书记) is
            // not the person's title as written beside the full name.
            record(Occurrence(
                segment: t.segment, range: (start - 1)..<start, name: full, kind: .official,
                titles: [], rule: "abbreviation"))
            return true
        }
        for t in open {
            let s = segments[t.segment].scalars
            let start = t.written.roleRange.lowerBound
            guard let r = names.readBackward(s, endingAt: start, lowerLimit: 0) else { continue }
            let before = r.lowerBound - 1
            let clean = before < 0 || !ScalarClass.isIdeograph(s[before]) || ScalarClass.namePreceders.contains(s[before])
            if clean || names.surnameLength(s, at: start - 1, limit: start) == nil {
                add(t.segment, r, t.written.title.kind, [mention(t)], "name-title")
            }
        }
    }

    private func mention(_ t: OpenTitle) -> TitleMention {
        extractor.titleReader.mention(t.written, in: segments[t.segment], home: home)
    }

    /// The one official of the article whose surname is `surname` and who was
    /// named with this title (any title, for national leaders).
    private func abbreviated(surname: Unicode.Scalar, role: Ontology.Title) -> String? {
        // The officials of an article are few: a linear pass, no index by surname.
        var match: String?
        for k in officials {
            let o = found[k]
            guard o.kind == .official, o.name.unicodeScalars.first == surname, o.name.unicodeScalars.count >= 2,
                role.titleClass == .leader || o.titles.contains(where: { $0.role == role.role })
            else { continue }
            if let match, match != o.name { return nil }
            match = o.name
        }
        return match
    }

    /// Every other place where an established name is written.
    private mutating func addBareMentions() {
        var seen = NameIndex(capacity: found.count)  // no regrowth while filled
        let established = found
        let segments = self.segments
        // The first occurrence of each name of two scalars or more; such a
        // name is the text it was found at.
        var firsts: [Int] = []
        firsts.reserveCapacity(found.count)
        for (k, o) in established.enumerated() where o.range.count >= 2 && seen.insert(o.name).inserted {
            firsts.append(k)
        }
        if let pairs {
            for k in firsts {
                let first = established[k]
                pairs.forEachPosition(of: segments[first.segment].scalars[first.range]) { seg, i in
                    recordBareMention(of: first, seg, i)
                }
            }
            return
        }
        // A short article: one pass finds every name, then names are taken
        // in order, each with its occurrences in reading order.
        let needles = firsts.map { segments[established[$0].segment].scalars[established[$0].range] }
        for hit in Self.positions(ofEach: needles, in: segments) {
            recordBareMention(of: established[firsts[hit.needle]], hit.segment, hit.offset)
        }
    }

    /// Where needle `needle` occurs: segment and offset.
    struct NeedleHit {
        var needle: Int
        var segment: Int
        var offset: Int
    }

    /// The occurrences of each needle in `segments`, without overlap,
    /// segment by segment, left to right (as `forEachOccurrence` finds
    /// them), found in one pass over the segments for all needles; listed
    /// needle by needle, each needle's in that order.
    private static func positions(
        ofEach needles: [ArraySlice<Unicode.Scalar>], in segments: [MappedText]
    ) -> [NeedleHit] {
        var hits: [NeedleHit] = []
        guard !needles.isEmpty else { return hits }
        // Needles chained by the low bits of their first scalar: most
        // positions start no needle and are passed over with one read.
        // Each needle's hits depend on that needle alone, so the order in
        // which a position's needles are tried does not matter.
        let buckets = 64
        var head = [Int32](repeating: -1, count: buckets)
        var next = [Int32](repeating: -1, count: needles.count)
        for (n, needle) in needles.enumerated() {
            guard let a = needle.first else { continue }
            let h = Int(a.value) & (buckets - 1)
            next[n] = head[h]
            head[h] = Int32(n)
        }
        var nextFree = [Int](repeating: 0, count: needles.count)
        for (seg, text) in segments.enumerated() {
            for n in nextFree.indices { nextFree[n] = 0 }
            text.scalars.withUnsafeBufferPointer { hay in
                for i in hay.indices where head[Int(hay[i].value) & (buckets - 1)] >= 0 {
                    var n = Int(head[Int(hay[i].value) & (buckets - 1)])
                    while n >= 0 {
                        let needle = needles[n]
                        let end = i + needle.count
                        if i >= nextFree[n], hay[i] == needle.first, end <= hay.count,
                            needle.elementsEqual(hay[i..<end])
                        {
                            hits.append(NeedleHit(needle: n, segment: seg, offset: i))
                            nextFree[n] = end
                        }
                        n = Int(next[n])
                    }
                }
            }
        }
        // Found position by position; wanted needle by needle.
        hits.sort { ($0.needle, $0.segment, $0.offset) < ($1.needle, $1.segment, $1.offset) }
        return hits
    }

    /// Records the name of `first` written again at offset `i` of segment
    /// `seg`, unless an occurrence found before covers it.
    private mutating func recordBareMention(of first: Occurrence, _ seg: Int, _ i: Int) {
        let r = i..<(i + first.range.count)
        if !overlaps(seg, r) {
            record(Occurrence(
                segment: seg, range: r, name: first.name, kind: first.kind, titles: [],
                rule: "bare-mention", inName: first.inName, ideology: first.ideology))
        }
    }

    // MARK: - Results

    /// Whether the occurrence is only a reference: an ideology phrase, or a
    /// name followed in its clause by 重要讲话, 重要论述, 为核心 ….
    private func isReference(_ o: Occurrence) -> Bool {
        if o.ideology { return true }
        let s = segments[o.segment].scalars
        var i = o.range.upperBound
        let stop = min(s.count, i + 40)
        while i < stop, !ScalarClass.clauseEnds.contains(s[i]) {
            if ontology.referenceCues.longestMatch(in: s, at: i) != nil { return true }
            i += 1
        }
        return false
    }

    /// One `PersonMention` per name, in order of first occurrence.
    ///
    /// A plain loop, not a closure over `self`: a closure (or `isReference`
    /// passed as a function) captures a copy of the whole pass per name.
    func people() -> [PersonMention] {
        // Occurrences grouped by name, groups in order of first occurrence: one
        // hash of the name per occurrence (hashing a CJK String normalizes it).
        // Indexes into `found` are sorted and chained group by group (no
        // array per name), not copies of the occurrences (each copy retains
        // a name, a title list and a rule).
        let found = self.found  // closures below capture this array, not the pass
        var groupOf = NameIndex(capacity: found.count)
        var chains = OccurrenceChains(count: found.count)
        // Compared by two fields each, not by copies of the occurrences.
        let readingOrder = found.indices.sorted { a, b in
            let x = found[a].segment, y = found[b].segment
            return (x == 1 ? -1 : x, found[a].range.lowerBound) < (y == 1 ? -1 : y, found[b].range.lowerBound)
        }
        for k in readingOrder {
            let (g, inserted) = groupOf.insert(found[k].name)
            chains.append(k, toGroup: g, isNew: inserted)
        }
        let order = groupOf.names
        var result: [PersonMention] = []
        result.reserveCapacity(order.count)
        for (g, name) in order.enumerated() {
            let occ = chains.members(of: g)
            // A name seen only in an ideology phrase is a reference, not a person of the story.
            guard occ.contains(where: { !found[$0].ideology }) else { continue }
            var journalistOnly = occ.contains { found[$0].kind == .journalist }
            if journalistOnly {
                check: for k in occ {
                    for t in found[k].titles where !isJournalistTitle(t) {
                        journalistOnly = false
                        break check
                    }
                }
            }
            var kind = PersonKind.person
            if journalistOnly {
                kind = .journalist
            } else {
                for candidate in Self.kindPriority where occ.contains(where: { found[$0].kind == candidate }) {
                    kind = candidate
                    break
                }
            }
            // Titles told apart by their text: searched in `titles` while
            // few, hashed once there are many.
            var titles: [TitleMention] = []
            var titleTexts: Set<String>?
            for k in occ {
                for t in found[k].titles {
                    if titleTexts != nil {
                        if titleTexts!.insert(t.text).inserted { titles.append(t) }
                    } else if !titles.contains(where: { $0.text == t.text }) {
                        titles.append(t)
                        if titles.count > 8 { titleTexts = Set(titles.lazy.map(\.text)) }
                    }
                }
            }
            var spans: [Range<Int>] = []
            spans.reserveCapacity(chains.size(of: g))
            var seenSpans: Set<Range<Int>>?  // kept once spans outgrow a linear search
            for k in occ {
                let r = segments[found[k].segment].sourceRange(of: found[k].range)
                if seenSpans != nil {
                    if seenSpans!.insert(r).inserted { spans.append(r) }
                } else if !spans.contains(r) {
                    spans.append(r)
                    if spans.count > 16 { seenSpans = Set(spans) }
                }
            }
            spans.sort { $0.lowerBound < $1.lowerBound }
            var rules: [String] = []
            for k in occ where !rules.contains(found[k].rule) { rules.append(found[k].rule) }
            var referenced = kind == .official
            if referenced {
                for k in occ where !isReference(found[k]) {
                    referenced = false
                    break
                }
            }
            var inName = true
            for k in occ where !found[k].inName {
                inName = false
                break
            }
            result.append(PersonMention(
                name: name, kind: kind, titles: titles, referenced: referenced, inName: inName,
                spans: spans, rules: rules))
        }
        return result
    }

    /// The kind a person named with several gets: the first of these it was found as.
    private static let kindPriority: [PersonKind] = [.official, .journalist, .citizen, .historical, .person]

    private func isJournalistTitle(_ t: TitleMention) -> Bool {
        ontology.titles.payload(for: t.text)?.titleClass == .journalist
    }

    /// One `OrganizationMention` per canonical institution, in order of first sight.
    func institutions() -> [OrganizationMention] {
        // Appended in place (an index, not a copy out of a dictionary), so an
        // institution named 100,000 times costs 100,000 appends, not a copy each.
        var result: [OrganizationMention] = []
        // Canonical name → index in `result`: searched with `==` while an
        // article names few institutions (equal strings compare byte by byte;
        // hashing a CJK String normalizes it), hashed once it names many.
        var names: [String] = []
        var index: [String: Int]?
        func position(of name: String) -> Int? {
            if let index { return index[name] }
            return names.firstIndex(of: name)
        }
        // The forms of institution k are `result[k].mentions`, searched with
        // `==` while few; `forms[k]` hashes them once there are many.
        var forms: [Set<String>?] = []
        for (seg, text) in segments.enumerated() where seg != 1 {
            for f in extractor.organizations.find(text.scalars, home: home, marks: marks[seg]) {
                let written = text.string(f.range)
                let span = text.sourceRange(of: f.range)
                if let k = position(of: f.name) {
                    if forms[k] != nil {
                        if forms[k]!.insert(written).inserted { result[k].mentions.append(written) }
                    } else if !result[k].mentions.contains(written) {
                        result[k].mentions.append(written)
                        if result[k].mentions.count > 8 { forms[k] = Set(result[k].mentions) }
                    }
                    result[k].spans.append(span)
                } else {
                    if index != nil {
                        index![f.name] = result.count
                    } else {
                        names.append(f.name)
                        if names.count > 16 { index = Dictionary(uniqueKeysWithValues: zip(names, names.indices)) }
                    }
                    forms.append(nil)
                    result.append(OrganizationMention(
                        name: f.name, jurisdiction: f.jurisdiction, parent: f.parent, mentions: [written],
                        spans: [span]))
                }
            }
        }
        return result
    }
}

/// Occurrences grouped by name as chains through one array: the members of
/// a group, in the order appended, without an array per group.
struct OccurrenceChains {
    /// One group's chain: its first and last occurrence, and its size.
    private struct Group {
        var first: Int
        var last: Int
        var size: Int
    }

    private var groups: [Group] = []
    /// `next[k]`: the occurrence after `k` in its group, or -1.
    private var next: [Int]

    /// Chains over occurrences numbered `0..<count`.
    init(count: Int) {
        next = Array(repeating: -1, count: count)
        groups.reserveCapacity(count)
    }

    /// Adds occurrence `k` to group `g`, which is the next new group when `isNew`.
    mutating func append(_ k: Int, toGroup g: Int, isNew: Bool) {
        if isNew {
            groups.append(Group(first: k, last: k, size: 1))
        } else {
            next[groups[g].last] = k
            groups[g].last = k
            groups[g].size += 1
        }
    }

    /// How many occurrences group `g` has.
    func size(of g: Int) -> Int { groups[g].size }

    /// The occurrences of group `g`, in the order appended.
    func members(of g: Int) -> Members { Members(links: next, current: groups[g].first) }

    /// One group's occurrences.
    struct Members: Sequence, IteratorProtocol {
        /// `OccurrenceChains.next`.
        let links: [Int]
        var current: Int

        mutating func next() -> Int? {
            guard current >= 0 else { return nil }
            defer { current = links[current] }
            return current
        }
    }
}

/// Where each pair of adjacent scalars starts, over all segments of an article:
/// finds the occurrences of a name of two or more scalars in time proportional
/// to the occurrences of its first two, not to the article's length.
///
/// Built as hash chains (two flat `Int32` arrays, no dictionary of arrays):
/// `head[h]` is the first position whose pair hashes to `h`, `next[p]` the
/// following one, in reading order. A chain may hold pairs of another value
/// sharing the hash; `positions(of:)` compares the whole needle anyway.
struct PairIndex {
    private let segments: [[Unicode.Scalar]]
    /// Global position of each segment's first scalar (segments laid end to end).
    private let bases: [Int]
    private var head: [Int32]
    private var next: [Int32]
    private let shift: UInt64

    init(_ segments: [[Unicode.Scalar]]) {
        self.segments = segments
        var bases: [Int] = []
        var total = 0
        for s in segments {
            bases.append(total)
            total += s.count
        }
        self.bases = bases
        var bits: UInt64 = 4
        while (1 << bits) < 2 * total { bits += 1 }
        shift = 64 - bits
        head = Array(repeating: -1, count: 1 << Int(bits))
        next = Array(repeating: -1, count: total)
        // Last position first, so that every chain reads left to right.
        head.withUnsafeMutableBufferPointer { head in
            next.withUnsafeMutableBufferPointer { next in
                for seg in segments.indices.reversed() where segments[seg].count >= 2 {
                    let base = bases[seg]
                    segments[seg].withUnsafeBufferPointer { s in
                        var i = s.count - 2
                        while i >= 0 {
                            if ScalarClass.isIdeograph(s[i]) {
                                let h = Self.hash(s[i], s[i + 1], shift)
                                next[base + i] = head[h]
                                head[h] = Int32(base + i)
                            }
                            i -= 1
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func hash(_ a: Unicode.Scalar, _ b: Unicode.Scalar, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: ((UInt64(a.value) << 32 | UInt64(b.value)) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The non-overlapping occurrences of `needle` (two scalars or more),
    /// segment by segment, left to right; as `ArticlePass.forEachOccurrence` finds them.
    func positions(of needle: ArraySlice<Unicode.Scalar>) -> [(segment: Int, offset: Int)] {
        var out: [(segment: Int, offset: Int)] = []
        forEachPosition(of: needle) { out.append(($0, $1)) }
        return out
    }

    /// How many `positions(of:)` finds, without listing them.
    func count(of needle: ArraySlice<Unicode.Scalar>) -> Int {
        var n = 0
        forEachPosition(of: needle) { _, _ in n += 1 }
        return n
    }

    /// Calls `body` with the segment and offset of each of `positions(of:)`,
    /// in the same order, without building the list.
    func forEachPosition(of needle: ArraySlice<Unicode.Scalar>, _ body: (Int, Int) -> Void) {
        guard needle.count >= 2, let a = needle.first else { return }
        let b = needle[needle.startIndex + 1]
        guard ScalarClass.isIdeograph(a) else { return linear(needle, body) }
        var lastSegment = -1
        var nextFree = 0
        var seg = 0
        var p = Int(head[Self.hash(a, b, shift)])
        while p >= 0 {
            let global = p
            p = Int(next[global])
            while seg + 1 < bases.count, bases[seg + 1] <= global { seg += 1 }
            let i = global - bases[seg]
            if seg != lastSegment { lastSegment = seg; nextFree = 0 }
            let s = segments[seg]
            guard i >= nextFree, i + needle.count <= s.count, s[i..<(i + needle.count)].elementsEqual(needle) else {
                continue
            }
            body(seg, i)
            nextFree = i + needle.count
        }
    }

    /// The same for a needle the index does not cover (not starting with an ideograph).
    private func linear(_ needle: ArraySlice<Unicode.Scalar>, _ body: (Int, Int) -> Void) {
        for (seg, s) in segments.enumerated() where s.count >= needle.count {
            var i = 0
            while i <= s.count - needle.count {
                if s[i..<(i + needle.count)].elementsEqual(needle) {
                    body(seg, i)
                    i += needle.count
                } else {
                    i += 1
                }
            }
        }
    }
}
