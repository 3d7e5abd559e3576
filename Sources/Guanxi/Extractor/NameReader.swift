/// Reads Chinese personal names at a position of a text: a surname from the
/// lexicon, then one or two given characters, with the name's end decided by
/// what follows it.
///
/// `市委书记金政在会上` → `金政` (在 follows); `市委书记章旭升代表` → `章旭升`
/// (代表 follows the third character, not the second).
struct NameReader: Sendable {
    let ontology: Ontology

    private var model: NameModel { ontology.nameModel }

    /// Length of the surname starting at `i` (2 for a compound surname), or nil.
    func surnameLength(_ s: [Unicode.Scalar], at i: Int, limit: Int) -> Int? {
        guard i >= 0, i < limit else { return nil }
        if i + 1 < limit, ontology.compoundSurnameStarts.contains(s[i]),
            ontology.compoundSurnames.contains(UInt64(s[i].value) << 32 | UInt64(s[i + 1].value))
        {
            return 2
        }
        return ontology.singleSurnames.contains(s[i].value) ? 1 : nil
    }

    /// Whether the surname at `i` is also a very common word (金, 石, 高 …).
    func hasCommonSurname(_ s: [Unicode.Scalar], at i: Int) -> Bool {
        ontology.commonSurnames.contains(s[i].value)
    }

    /// Whether `s[range]` has the shape of a name: surname then one or two
    /// given characters that can stand in a name.
    func isName(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        guard range.lowerBound >= 0, range.upperBound <= s.count,
            let sl = surnameLength(s, at: range.lowerBound, limit: range.upperBound)
        else { return false }
        let given = range.count - sl
        guard given == 1 || given == 2 else { return false }
        for i in (range.lowerBound + sl)..<range.upperBound {
            guard ScalarClass.isIdeograph(s[i]), !ScalarClass.nonGiven.contains(s[i]) else { return false }
        }
        return true
    }

    /// The candidate names starting at `i`: surname plus one given character
    /// (`short`), and surname plus two (`long`, only when `short` is one).
    /// A pair, not an array: names are read at every title and cue.
    func candidates(_ s: [Unicode.Scalar], at i: Int, limit: Int) -> (short: Range<Int>?, long: Range<Int>?) {
        guard let sl = surnameLength(s, at: i, limit: limit), i + sl + 1 <= limit else { return (nil, nil) }
        let short = i..<(i + sl + 1)
        guard isName(s, short) else { return (nil, nil) }
        let long = i..<(i + sl + 2)
        return (short, long.upperBound <= limit && isName(s, long) ? long : nil)
    }

    /// How clearly a name ends just before `i`: 3 at punctuation or the end, 2
    /// before a multi-character cue word or a title, 1 before a one-character
    /// follower (说, 在, 和 …), 0 otherwise.
    func boundaryStrength(_ s: [Unicode.Scalar], at i: Int, limit: Int) -> Int {
        guard i < limit else { return 3 }
        if !ScalarClass.isIdeograph(s[i]) { return 3 }
        if let m = ontology.afterCues.longestMatch(in: s, at: i, limit: 0..<limit), m.length >= 2 {
            return 2
        }
        if let m = ontology.titles.longestMatch(in: s, at: i, limit: 0..<limit), m.length >= 2 {
            return 2
        }
        if ontology.referenceCues.longestMatch(in: s, at: i, limit: 0..<limit) != nil { return 2 }
        if ScalarClass.nameFollowers.contains(s[i]) { return 1 }
        if ontology.afterCues.longestMatch(in: s, at: i, limit: 0..<limit) != nil { return 1 }
        return 0
    }

    /// The name starting at `i`, its end chosen by what follows; nil if no
    /// candidate has the shape of a name or none ends convincingly.
    ///
    /// `occurrences` counts how often a string occurs in the whole article; a
    /// candidate seen elsewhere breaks ties.
    /// - Parameter minimumScore: the model's score a name with a common
    ///   surname needs when nothing ends it (lower after a title, which vouches for it).
    func readForward(
        _ s: [Unicode.Scalar], at i: Int, limit: Int, occurrences: (Range<Int>) -> Int,
        minimumScore: Int = NameReader.acceptScore
    ) -> Range<Int>? {
        if let end = dottedNameEnd(s, at: i, limit: limit), boundaryStrength(s, at: end, limit: limit) >= 1 {
            return i..<end
        }
        // `县委书记应邀出席`: a cue word is no name.
        if let cue = ontology.afterCues.longestMatch(in: s, at: i, limit: i..<limit), cue.length >= 2 { return nil }
        let (first, second) = candidates(s, at: i, limit: limit)
        guard let short = first else { return readUncommon(s, at: i, limit: limit) }
        guard let longest = second else {
            // `邵玉堂、`: a third character the lexicon bars, but the list ends the
            // name there, or the article writes all three again and again.
            let third = i..<(short.upperBound + 1)
            if third.upperBound <= limit, boundaryStrength(s, at: short.upperBound, limit: limit) == 0,
                boundaryStrength(s, at: third.upperBound, limit: limit) >= 2 || occurrences(third) >= 3,
                listItemShape(s, third) == .surname
            {
                return third
            }
            return boundaryStrength(s, at: short.upperBound, limit: limit) > 0
                || !hasCommonSurname(s, at: i) ? short : nil
        }
        let shortEnd = boundaryStrength(s, at: short.upperBound, limit: limit)
        let longEnd = boundaryStrength(s, at: longest.upperBound, limit: limit)
        // 李明说，…: the third character is itself a follower.
        if shortEnd >= 1 && ScalarClass.nameFollowers.contains(s[longest.upperBound - 1]) {
            return short
        }
        if shortEnd > longEnd { return short }
        if longEnd > shortEnd { return longest }
        if longEnd == 0 {
            let shortSeen = occurrences(short), longSeen = occurrences(longest)
            if shortSeen > longSeen && longSeen <= 1 { return short }
            if longSeen <= 1 {
                // Nothing ends either: the model weighs the third character
                // (`方昕做…` is 方昕, `陈德年在…` 陈德年).
                let third = model.givenScore(s[longest.upperBound - 1])
                let pick = third > Self.thirdCharacterFloor ? longest : short
                if !hasCommonSurname(s, at: i) || score(s, pick) >= minimumScore { return pick }
                return nil
            }
            return longest
        }
        return longest
    }

    /// The given-name score from which a third character, followed by
    /// nothing that ends a name, is read as part of the name.
    static let thirdCharacterFloor = -25

    /// A name the lexicon alone does not read, ended by punctuation, a cue
    /// or a title: a dotted transcribed name (`吐尔洪·买买提`), a surname only
    /// the model knows (`沃建特`), or a middle character that seldom ends a
    /// name (`裘会武`).
    func readUncommon(_ s: [Unicode.Scalar], at i: Int, limit: Int) -> Range<Int>? {
        guard i >= 0, i < limit else { return nil }
        if let end = dottedNameEnd(s, at: i, limit: limit), boundaryStrength(s, at: end, limit: limit) >= 1 {
            return i..<end
        }
        for length in [3, 2] where i + length <= limit {
            let r = i..<(i + length)
            let shape = listItemShape(s, r)
            guard shape == .surname || shape == .rareSurname,
                boundaryStrength(s, at: r.upperBound, limit: limit) >= 2
            else { continue }
            return r
        }
        return nil
    }

    /// The name ending just before `end` (as in `卢轶副市长`), if exactly one
    /// candidate of two or three characters has the shape of a name, or one is
    /// preceded by punctuation or a conjunction.
    func readBackward(_ s: [Unicode.Scalar], endingAt end: Int, lowerLimit: Int) -> Range<Int>? {
        // The valid candidates, shortest first, and those of them preceded by
        // punctuation or a conjunction ("clean"), counted without an array.
        var validCount = 0
        var firstValid: Range<Int>?
        var cleanCount = 0
        var firstClean: Range<Int>?
        var lastClean: Range<Int>?
        for length in 2...4 where end - length >= lowerLimit {
            let r = (end - length)..<end
            guard isName(s, r) else { continue }
            validCount += 1
            if firstValid == nil { firstValid = r }
            let p = r.lowerBound - 1
            if p < lowerLimit || !ScalarClass.isIdeograph(s[p]) || ScalarClass.namePreceders.contains(s[p]) {
                cleanCount += 1
                if firstClean == nil { firstClean = r }
                lastClean = r
            }
        }
        guard let firstValid else { return nil }
        if cleanCount == 1 { return firstClean }
        if validCount == 1, !hasCommonSurname(s, at: firstValid.lowerBound) { return firstValid }
        return lastClean
    }

    // MARK: - The name model

    /// Characters that join the parts of a name transcribed from Uyghur,
    /// Mongolian, Tibetan and other languages (`吐尔洪·买买提`).
    static let nameDots: ScalarSet = ScalarSet("·•・‧".unicodeScalars)

    /// The end of a transcribed name with dots starting at `i` (`艾力·亚森`):
    /// ideograph parts joined by one dot each, at least two parts, 20
    /// scalars at most; nil when no dot joins two parts there. The last part
    /// runs to `limit` when `toLimit` (a list says where the name ends), else
    /// to the first place where a name ends (`艾力·亚森调研` → `艾力·亚森`).
    func dottedNameEnd(_ s: [Unicode.Scalar], at i: Int, limit: Int, toLimit: Bool = false) -> Int? {
        var k = i
        var parts = 0
        while k < limit, k - i <= 20 {
            let partStart = k
            while k < limit, ScalarClass.isIdeograph(s[k]), k - partStart < 8 { k += 1 }
            guard k > partStart else { return nil }
            parts += 1
            guard k + 1 < limit, Self.nameDots.contains(s[k]), ScalarClass.isIdeograph(s[k + 1]) else {
                if parts >= 2, !toLimit {
                    var end = partStart + 1
                    while end < k, boundaryStrength(s, at: end, limit: limit) == 0 { end += 1 }
                    k = end
                }
                break
            }
            k += 1
        }
        return parts >= 2 && k - i <= 20 ? k : nil
    }

    /// How a span standing alone between list separators reads as a name.
    enum ListItemShape: Comparable {
        /// No name: a word, a place, a function word.
        case none
        /// No surname, but no character that a name never holds (`格桑`,
        /// `次仁顿珠`): a name only among names.
        case unmarked
        /// A surname the model knows (`沃`, `占`) and name-like given characters.
        case rareSurname
        /// A surname of the lexicon and given characters that can stand in a name.
        case surname
    }

    /// How `s[range]`, written alone between separators (`、甲、`), reads as a
    /// name. Looser than ``isName(_:_:)``: the list says where the name ends,
    /// so a given character that rarely ends a name (`于永游`) is allowed in
    /// the middle, and the model vouches for surnames the lexicon lacks.
    func listItemShape(_ s: [Unicode.Scalar], _ range: Range<Int>) -> ListItemShape {
        guard range.lowerBound >= 0, range.upperBound <= s.count, range.count >= 2 else { return .none }
        if dottedNameEnd(s, at: range.lowerBound, limit: range.upperBound, toLimit: true) == range.upperBound {
            return .surname
        }
        guard range.count <= 4 else { return .none }
        for i in range where !ScalarClass.isIdeograph(s[i]) { return .none }
        if ontology.chainForward.longestMatch(in: s, at: range.lowerBound, limit: range)?.length == range.count
            || ontology.titles.longestMatch(in: s, at: range.lowerBound, limit: range) != nil
        {
            return .none
        }
        func givenOK(_ i: Int, middle: Bool) -> Bool {
            let c = s[i]
            if ScalarClass.nonGiven.contains(c) {
                return middle && model.givenScore(c) > -15 || ScalarClass.givenWhenDelimited.contains(c)
            }
            return model.givenScore(c) > -20
        }
        if let sl = surnameLength(s, at: range.lowerBound, limit: range.upperBound) {
            let given = range.count - sl
            guard given == 1 || given == 2 else { return .none }
            for i in (range.lowerBound + sl)..<range.upperBound
            where !givenOK(i, middle: given == 2 && i == range.lowerBound + sl) {
                return .none
            }
            return .surname
        }
        if range.count <= 3, model.isRareSurname(s[range.lowerBound]) {
            var sum = 0
            for i in (range.lowerBound + 1)..<range.upperBound {
                guard givenOK(i, middle: false) else { return .none }
                sum += model.givenScore(s[i])
            }
            if sum >= 0 { return .rareSurname }
        }
        for i in range {
            guard !ScalarClass.nonGiven.contains(s[i]), model.givenScore(s[i]) > -10 else { return .none }
        }
        return .unmarked
    }

    /// Whether `s[range]`, set apart by spaces in a byline (`记者 干某某 通讯员`),
    /// reads as a name: a list item's shape, or a first character the model
    /// has seen start names (however seldom) before given characters that
    /// none scores ≤ −20 and none the lexicon bars.
    func isSetApartName(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Bool {
        guard range.count >= 2, range.count <= 3 else { return false }
        if listItemShape(s, range) >= .unmarked { return true }
        guard model.surnameScore(s[range.lowerBound]) != nil else { return false }
        for i in (range.lowerBound + 1)..<range.upperBound {
            guard ScalarClass.isIdeograph(s[i]), !ScalarClass.nonGiven.contains(s[i]), model.givenScore(s[i]) > -20
            else { return false }
        }
        return true
    }

    /// The model's score of a name-shaped span: its surname's and its given
    /// characters' log-odds × 10, added. A title-less name is taken from
    /// context alone when this reaches ``NameReader/acceptScore``.
    func score(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Int {
        guard let sl = surnameLength(s, at: range.lowerBound, limit: range.upperBound) else { return .min }
        var total = sl == 2 ? 30 : (model.surnameScore(s[range.lowerBound]) ?? 0)
        for i in (range.lowerBound + sl)..<range.upperBound { total += model.givenScore(s[i]) }
        return total
    }

    /// The score from which a name with no title beside it is accepted on a
    /// cue alone (`某某同志`, `某某表示`); chosen on the development set
    /// (`ontology/README.md`).
    static let acceptScore = 40

    /// The same right after a title (`市长方昕做…`).
    static let titledScore = 25
}
