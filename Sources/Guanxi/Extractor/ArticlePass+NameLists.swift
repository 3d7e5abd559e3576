/// Lists of names with no title, kinded by what closes them; names cued by 同志, 当选 and appointment verbs; photo and text credits.
extension ArticlePass {
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
    mutating func scanNameLists(_ seg: Int, _ text: MappedText) {
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
                let closed =
                    item.upperBound >= n || !ScalarClass.isIdeograph(s[item.upperBound])
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
            // (`黄可如`) is still a name among many names, if it is only one of six.
            let doubted = zip(items, shapes).filter { r, shape in
                shape == .none && r.count <= 3 && names.surnameLength(s, at: r.lowerBound, limit: r.upperBound) != nil
            }.count
            let unread = shapes.filter { $0 == .none }.count - doubted
            let closer = listCloser(s, after: end)
            let accepted =
                unread == 0 && doubted * 6 <= items.count && closer != .place
                && (items.count >= 3
                    ? marked >= 2 && marked * 3 >= items.count * 2
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
    static let officialAfterName: [[Unicode.Scalar]] = ["同志", "当选"].map { Array($0.unicodeScalars) }

    /// Verbs of appointment before a name: `选举某某为县长`, `决定某某同志为…`,
    /// `接受某某同志辞去…`.
    static let appointingVerbs: [[Unicode.Scalar]] = ["选举", "决定", "任命", "提名", "接受", "推选", "免去"]
        .map { Array($0.unicodeScalars) }

    /// Names that a cue alone makes officials: before `同志` or `当选`, after
    /// a verb of appointment (`选举某某为`), each read by the name model.
    mutating func scanCuedNames(_ seg: Int, _ text: MappedText) {
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
                    r.upperBound < n,
                    s[r.upperBound] == "为" || Self.matches(Self.officialAfterName[0], s, at: r.upperBound)
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
    func nameAfterOffice(_ s: [Unicode.Scalar], endingAt end: Int) -> Range<Int>? {
        for length in [3, 2] where end - length >= 1 {
            let r = (end - length)..<end
            if ScalarClass.institutionSuffixes.contains(s[r.lowerBound - 1]), names.isName(s, r) { return r }
        }
        return nil
    }

    /// First characters of the cues `scanCuedNames` looks for: the scan skips
    /// every other position with one bit test.
    static let cueStarts = ScalarSet("同当选决任提接推免关".unicodeScalars)

    /// First characters of what `scanCredits` looks for.
    static let creditStarts = ScalarSet("摄文图（(".unicodeScalars)

    static func matches(_ w: [Unicode.Scalar], _ s: [Unicode.Scalar], at i: Int) -> Bool {
        i >= 0 && i + w.count <= s.count && s[i..<(i + w.count)].elementsEqual(w)
    }

    /// Whether a name starting at `i` starts its clause (after punctuation, a
    /// line break or a space).
    func isCleanStart(_ s: [Unicode.Scalar], _ i: Int) -> Bool {
        i == 0 || !ScalarClass.isIdeograph(s[i - 1]) || ScalarClass.namePreceders.contains(s[i - 1])
    }

    /// The first item of a list ending at the separator at `p`: the run of
    /// ideographs before it when something other than an ideograph stands
    /// before that, else the name read backwards from the separator.
    func listHead(_ s: [Unicode.Scalar], separator p: Int) -> Range<Int>? {
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
    static let placeClosers = ScalarSet("镇乡村街县区省州盟旗路桥山河湖江社组队厂园馆校院所家个处".unicodeScalars)

    func listCloser(_ s: [Unicode.Scalar], after end: Int) -> ListCloser {
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
}
