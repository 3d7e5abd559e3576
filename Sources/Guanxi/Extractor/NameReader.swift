/// Reads Chinese personal names at a position of a text: a surname from the
/// lexicon, then one or two given characters, with the name's end decided by
/// what follows it.
///
/// `市委书记金政在会上` → `金政` (在 follows); `市委书记章旭升代表` → `章旭升`
/// (代表 follows the third character, not the second).
struct NameReader: Sendable {
    let ontology: Ontology

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
    func readForward(
        _ s: [Unicode.Scalar], at i: Int, limit: Int, occurrences: (Range<Int>) -> Int
    ) -> Range<Int>? {
        let (first, second) = candidates(s, at: i, limit: limit)
        guard let short = first else { return nil }
        guard let longest = second else {
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
            return hasCommonSurname(s, at: i) && longSeen <= 1 ? nil : longest
        }
        return longest
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
}
