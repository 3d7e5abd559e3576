/// The second pass: bare mentions and abbreviations resolved against the names the first pass found.
extension ArticlePass {
    /// Titles with no name after them: an abbreviation of a name established
    /// in the article (`习总书记`), or a name written before the title (`卢轶副市长`).
    ///
    /// Three rounds: names of three characters first (they cannot be an
    /// abbreviation), then abbreviations of names now established, then
    /// two-character names that stand after punctuation or a conjunction.
    mutating func resolveOpenTitles() {
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
            record(
                Occurrence(
                    segment: t.segment, range: (start - 1)..<start, name: full, kind: .official,
                    titles: [], rule: "abbreviation"))
            return true
        }
        for t in open {
            let s = segments[t.segment].scalars
            let start = t.written.roleRange.lowerBound
            guard let r = names.readBackward(s, endingAt: start, lowerLimit: 0) else { continue }
            let before = r.lowerBound - 1
            let clean =
                before < 0 || !ScalarClass.isIdeograph(s[before]) || ScalarClass.namePreceders.contains(s[before])
            if clean || names.surnameLength(s, at: start - 1, limit: start) == nil {
                add(t.segment, r, t.written.title.kind, [mention(t)], "name-title")
            }
        }
    }

    func mention(_ t: OpenTitle) -> TitleMention {
        extractor.titleReader.mention(t.written, in: segments[t.segment], home: home)
    }

    /// The one official of the article whose surname is `surname` and who was
    /// named with this title (any title, for national leaders).
    func abbreviated(surname: Unicode.Scalar, role: Ontology.Title) -> String? {
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
    mutating func addBareMentions() {
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
    static func positions(
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
    mutating func recordBareMention(of first: Occurrence, _ seg: Int, _ i: Int) {
        let r = i..<(i + first.range.count)
        if !overlaps(seg, r) {
            record(
                Occurrence(
                    segment: seg, range: r, name: first.name, kind: first.kind, titles: [],
                    rule: "bare-mention", inName: first.inName, ideology: first.ideology))
        }
    }
}
